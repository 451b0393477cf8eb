/** The roles a user of Byløft can hold (see DOMAIN.md, "Who uses it"). */
export const ROLES = ['administrator', 'staff', 'forum_member', 'project_leader', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Whoever causes a domain event: a user with roles, possibly belonging to an administration (forvaltning). */
export interface Actor {
  id: string;
  roles: readonly Role[];
  administrationId: string | null;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}
