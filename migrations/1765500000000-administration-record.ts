import type { MigrationInterface, QueryRunner } from 'typeorm';

const RECORDED = ['administration', 'area', 'indicator', 'local_network', 'municipality', 'app_user'];

/**
 * Administration in the browser: master data can be deactivated (kept, so
 * everything that refers to it stays readable, but marked no longer in use),
 * and every change to it is on a record of its own, with who made it.
 *
 * - "active" on administrations, areas, indicators and goals (default true).
 * - master_data_change: every insert, update and delete of an
 *   administration, area, indicator, local network, the municipality's
 *   settings and a user, written by a trigger whichever code path made it,
 *   with who made it (byloeft.actor_id, set by the writing transaction), and
 *   append-only like the other records. A user's password hash is never
 *   copied into it (a new password shows as "password_changed"), and a
 *   write that changed only bookkeeping (version, updated_at, failed sign-ins,
 *   the lock-out, the last sign-in) is no change. Goals keep their record in
 *   goal_change, as before.
 */
export class AdministrationRecord1765500000000 implements MigrationInterface {
  name = 'AdministrationRecord1765500000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['administration', 'area', 'indicator', 'goal']) {
      await q.query(`ALTER TABLE "${table}" ADD "active" boolean NOT NULL DEFAULT true`);
    }
    await q.query(`
      CREATE TABLE "master_data_change" (
        "id" bigserial NOT NULL,
        "entity" text NOT NULL,
        "entity_id" text NOT NULL,
        "operation" text NOT NULL CHECK ("operation" IN ('insert', 'update', 'delete')),
        "before" jsonb,
        "after" jsonb,
        "actor_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_master_data_change" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "IDX_master_data_change_entity" ON "master_data_change" ("entity", "entity_id", "id")`);
    await q.query(`
      CREATE FUNCTION "record_master_data_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        before_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
        after_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
        noise text[] := ARRAY['version', 'updated_at', 'failed_logins', 'locked_until', 'last_sign_in_at'];
      BEGIN
        IF TG_TABLE_NAME = 'app_user' THEN
          IF TG_OP = 'UPDATE' AND OLD."password_hash" IS DISTINCT FROM NEW."password_hash" THEN
            after_row := after_row || '{"password_changed": true}'::jsonb;
          END IF;
          before_row := before_row - 'password_hash';
          after_row := after_row - 'password_hash';
        END IF;
        IF TG_OP = 'UPDATE' AND (before_row - noise) = (after_row - noise) THEN
          RETURN NULL;
        END IF;
        INSERT INTO "master_data_change" ("entity", "entity_id", "operation", "before", "after", "actor_id")
        VALUES (
          TG_TABLE_NAME, COALESCE(after_row, before_row)->>'id', lower(TG_OP), before_row, after_row,
          NULLIF(current_setting('byloeft.actor_id', true), '')::uuid
        );
        RETURN NULL;
      END $$`);
    for (const table of RECORDED) {
      await q.query(
        `CREATE TRIGGER "${table}_record_master_data_change" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "record_master_data_change"()`,
      );
    }
    await q.query(
      `CREATE TRIGGER "master_data_change_append_only" BEFORE UPDATE OR DELETE ON "master_data_change" FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "master_data_change_no_truncate" BEFORE TRUNCATE ON "master_data_change" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of RECORDED) {
      await q.query(`DROP TRIGGER "${table}_record_master_data_change" ON "${table}"`);
    }
    await q.query(`DROP FUNCTION "record_master_data_change"()`);
    await q.query(`DROP TABLE "master_data_change"`);
    for (const table of ['administration', 'area', 'indicator', 'goal']) {
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "active"`);
    }
  }
}
