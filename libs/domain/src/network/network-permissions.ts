/**
 * The local network's rules (lokalt netværk): who may start one, hand its coordinator role (tovholder) on, and
 * add or remove its members; who can be a member; and the refusal of a plan start in an area without a network.
 * The policy: TMF (the municipality's network starter) starts each area's network when its plan is decided, then
 * the most relevant administration locally takes over as coordinator; the network holds the local heads of the
 * relevant administrations and the leaders of the larger area-based and time-limited projects.
 */
import { hasRole, type Actor, type Role } from '../actor.js';
import { REFUSALS } from '../permissions.js';
import type { RuleViolation } from '../rule-violation.js';
import { violation } from '../workflow/rules.js';

/** In which capacity a user sits in a network: local head of an administration, or leader of a project. */
export const NETWORK_MEMBER_CAPACITIES = ['local_head', 'project_leader'] as const;
export type NetworkMemberCapacity = (typeof NETWORK_MEMBER_CAPACITIES)[number];

export const NETWORK_MEMBER_CAPACITY_LABELS: Record<NetworkMemberCapacity, { da: string; en: string }> = {
  local_head: { da: 'Lokal leder for en forvaltning', en: 'Local head of an administration' },
  project_leader: { da: 'Projektleder', en: 'Project leader' },
};

const coordinatorOrAdministrator = (actor: Actor, coordinatingAdministrationId: string) =>
  hasRole(actor, 'administrator') ||
  (hasRole(actor, 'staff') && actor.administrationId === coordinatingAdministrationId);

export function networkHandoverRefusal(actor: Actor, coordinatingAdministrationId: string): RuleViolation | null {
  if (coordinatorOrAdministrator(actor, coordinatingAdministrationId)) return null;
  return REFUSALS.notCoordinatorStaff({ da: 'give tovholderrollen videre', en: 'hand over the coordinator role' });
}

/** Administrators, and staff of the network's coordinating administration, add and remove its members. */
export function networkMembershipRefusal(
  actor: Actor,
  coordinatingAdministrationId: string,
  change: 'add' | 'remove',
): RuleViolation | null {
  if (coordinatorOrAdministrator(actor, coordinatingAdministrationId)) return null;
  return REFUSALS.notCoordinatorStaff(
    change === 'add'
      ? { da: 'tilføje medlemmer til netværket', en: 'add members to the network' }
      : { da: 'fjerne medlemmer fra netværket', en: 'remove members from the network' },
  );
}

/**
 * Administrators, and staff of the administration that starts networks (the municipality's setting; TMF in
 * Copenhagen), start an area's network. With no starter set, only administrators.
 */
export function networkStartRefusal(actor: Actor, starterAdministrationId: string | null): RuleViolation | null {
  if (hasRole(actor, 'administrator')) return null;
  if (starterAdministrationId && hasRole(actor, 'staff') && actor.administrationId === starterAdministrationId)
    return null;
  return violation(
    'NOT_NETWORK_STARTER',
    'Kun administratorer og medarbejdere i den forvaltning, der starter de lokale netværk, kan starte et netværk.',
    'Only administrators and staff of the administration that starts the local networks can start a network.',
  );
}

/** The user to be added, as the rule needs them. */
export interface NetworkCandidate {
  active: boolean;
  roles: readonly Role[];
  administrationId: string | null;
}

/** The project a leader is added for, as the rule needs it. */
export interface NetworkCandidateProject {
  title: string;
  projectLeaderId: string;
  areaIds: readonly string[];
}

/**
 * Whether the user can sit in the network in that capacity: an active user; a local head belongs to an
 * administration (whose head they are in the network); a project leader leads the project, and the project lies
 * in the network's area.
 */
export function networkMemberRefusal(
  candidate: NetworkCandidate & { id: string },
  capacity: NetworkMemberCapacity,
  networkAreaId: string,
  project: NetworkCandidateProject | null,
): RuleViolation | null {
  if (!candidate.active)
    return violation(
      'NETWORK_MEMBER_INACTIVE',
      'Brugeren er deaktiveret og kan ikke blive medlem af netværket.',
      'The user is deactivated and cannot become a member of the network.',
    );
  if (capacity === 'local_head') {
    if (!candidate.administrationId)
      return violation(
        'NETWORK_MEMBER_WITHOUT_ADMINISTRATION',
        'En lokal leder skal høre til en forvaltning: brugeren hører ikke til nogen.',
        'A local head must belong to an administration: the user belongs to none.',
      );
    return null;
  }
  if (!project) throw new Error('A project leader is added for a project');
  if (project.projectLeaderId !== candidate.id)
    return violation(
      'NETWORK_MEMBER_NOT_PROJECT_LEADER',
      `Brugeren er ikke projektleder for »${project.title}«.`,
      `The user is not the project leader of "${project.title}".`,
    );
  if (!project.areaIds.includes(networkAreaId))
    return violation(
      'NETWORK_PROJECT_OUTSIDE_AREA',
      `Projektet »${project.title}« ligger ikke i netværkets byområde.`,
      `The project "${project.title}" does not lie in the network's area.`,
    );
  return null;
}

/**
 * A plan is started in an area that has a local network: the refusal names the area and the administration that
 * would start its network (its first coordinator), so the client can offer to start it.
 */
export function planWithoutNetworkRefusal(areaName: string, starterName: string | null): RuleViolation {
  const da = starterName ? ` Start netværket med ${starterName} som første tovholder.` : '';
  const en = starterName ? ` Start the network with ${starterName} as its first coordinator.` : '';
  return violation(
    'PLAN_AREA_WITHOUT_NETWORK',
    `${areaName} har intet lokalt netværk endnu: en plan startes i et byområde med et netværk.${da}`,
    `${areaName} has no local network yet: a plan is started in an area with a network.${en}`,
  );
}
