import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Putting Byløft into service: a forced password change (one-time
 * passwords from create-admin and resets), when each user last signed in,
 * failed sign-ins counted per account and source (atomically, time-limited),
 * and the record of what happened to each account (created, roles changed,
 * password reset or changed; by whom and through which channel), append-only.
 */
export class Accounts1765100000000 implements MigrationInterface {
  name = 'Accounts1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" ADD COLUMN "must_change_password" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "app_user" ADD COLUMN "last_sign_in_at" timestamptz`);
    // Failed sign-ins are counted per e-mail (known or not, so an unknown one is treated alike) and source address.
    await q.query(`
      CREATE TABLE "login_failure" (
        "email" text NOT NULL,
        "source" text NOT NULL,
        "failures" integer NOT NULL DEFAULT 0,
        "locked_until" timestamptz,
        "last_failure_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_login_failure" PRIMARY KEY ("email", "source")
      )`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "failed_logins"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "locked_until"`);
    await q.query(`
      CREATE TABLE "user_event" (
        "id" bigserial NOT NULL,
        "user_id" uuid NOT NULL,
        "event" text NOT NULL CHECK ("event" IN ('created', 'updated', 'administrator_granted', 'password_reset', 'password_changed', 'roles_synced')),
        "channel" text NOT NULL CHECK ("channel" IN ('cli', 'api', 'oidc')),
        "actor_id" uuid,
        "actor_description" text,
        "detail" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_user_event" PRIMARY KEY ("id"),
        CONSTRAINT "FK_user_event_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id")
      )`);
    await q.query(`CREATE INDEX "IDX_user_event_user" ON "user_event" ("user_id", "id")`);
    await q.query(
      `CREATE TRIGGER "user_event_append_only" BEFORE UPDATE OR DELETE ON "user_event" FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "user_event_no_truncate" BEFORE TRUNCATE ON "user_event" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "user_event"`);
    await q.query(`ALTER TABLE "app_user" ADD COLUMN "locked_until" timestamptz`);
    await q.query(`ALTER TABLE "app_user" ADD COLUMN "failed_logins" integer NOT NULL DEFAULT 0`);
    await q.query(`DROP TABLE "login_failure"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "last_sign_in_at"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "must_change_password"`);
  }
}
