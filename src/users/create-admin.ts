import type { DataSource } from 'typeorm';
import { isEmail } from 'class-validator';
import { generateOneTimePassword, hashPassword, MIN_PASSWORD_LENGTH } from './password.js';
import { recordUserEvent } from './user-record.js';

export interface CreateAdminInput {
  email: string;
  name: string;
  /** ADMIN_PASSWORD or standard input; null: a one-time password is generated. */
  password: string | null;
  /** Who ran it, for the record, e.g. "create-admin by root@host". */
  by: string;
}

export type CreateAdminResult =
  | { outcome: 'created'; userId: string; oneTimePassword: string | null }
  | { outcome: 'granted'; userId: string; active: boolean }
  | { outcome: 'unchanged'; userId: string; active: boolean; mustChangePassword: boolean };

export class CreateAdminError extends Error {}

/**
 * The first administrator (or another): creates the account, or gives an
 * existing user the administrator role. Idempotent: run again, it changes
 * nothing (an existing user's password is never touched). On the record,
 * channel "cli". Without a password it makes a one-time one that must be
 * changed at the first sign-in.
 */
export async function createAdministrator(ds: DataSource, input: CreateAdminInput): Promise<CreateAdminResult> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!isEmail(email)) throw new CreateAdminError(`--email must be an e-mail address (got "${input.email}")`);
  if (!name) throw new CreateAdminError('--name must not be empty');
  return ds.transaction(async (m) => {
    // Serialise concurrent runs for the same e-mail (two operators, a retried container).
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('create-admin:' || $1))`, [email]);
    const [existing] = (await m.query(
      `SELECT "id", "roles", "active", "must_change_password" FROM "app_user" WHERE "email" = $1`,
      [email],
    )) as { id: string; roles: string[]; active: boolean; must_change_password: boolean }[];
    if (existing) {
      if (existing.roles.includes('administrator'))
        return {
          outcome: 'unchanged',
          userId: existing.id,
          active: existing.active,
          mustChangePassword: existing.must_change_password,
        } as const;
      await m.query(
        `UPDATE "app_user" SET "roles" = array_append("roles", 'administrator'), "version" = "version" + 1,
                "updated_at" = now() WHERE "id" = $1`,
        [existing.id],
      );
      await recordUserEvent(m, {
        userId: existing.id,
        event: 'administrator_granted',
        channel: 'cli',
        actorDescription: input.by,
        detail: { rolesBefore: existing.roles },
      });
      return { outcome: 'granted', userId: existing.id, active: existing.active } as const;
    }
    // Only a new account takes the password (an existing one keeps its own, so a re-run changes nothing).
    if (input.password !== null && input.password.length < MIN_PASSWORD_LENGTH)
      throw new CreateAdminError(`The password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    const oneTimePassword = input.password === null ? generateOneTimePassword() : null;
    const passwordHash = await hashPassword(input.password ?? oneTimePassword!);
    const [created] = (await m.query(
      `INSERT INTO "app_user" ("email", "display_name", "password_hash", "roles", "must_change_password")
       VALUES ($1, $2, $3, ARRAY['administrator'], $4) RETURNING "id"`,
      [email, name, passwordHash, oneTimePassword !== null],
    )) as { id: string }[];
    await recordUserEvent(m, {
      userId: created.id,
      event: 'created',
      channel: 'cli',
      actorDescription: input.by,
      detail: { roles: ['administrator'], oneTimePassword: oneTimePassword !== null },
    });
    return { outcome: 'created', userId: created.id, oneTimePassword } as const;
  });
}
