import type { EntityManager } from 'typeorm';

export type UserEventKind =
  'created' | 'updated' | 'administrator_granted' | 'password_reset' | 'password_changed' | 'roles_synced';

/** Through what the change came: the command line (create-admin), the API, or a sign-in through OpenID Connect. */
export type UserEventChannel = 'cli' | 'api' | 'oidc';

export interface UserEvent {
  userId: string;
  event: UserEventKind;
  channel: UserEventChannel;
  /** The signed-in user who did it (null from the command line or the provider). */
  actorId?: string | null;
  /** Who did it in words, where no user did: e.g. "create-admin as root@host". */
  actorDescription?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends to an account's record (user_event: append-only in the database). Call it in the changing transaction. */
export async function recordUserEvent(manager: EntityManager, e: UserEvent): Promise<void> {
  await manager.query(
    `INSERT INTO "user_event" ("user_id", "event", "channel", "actor_id", "actor_description", "detail")
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [e.userId, e.event, e.channel, e.actorId ?? null, e.actorDescription ?? null, JSON.stringify(e.detail ?? {})],
  );
}
