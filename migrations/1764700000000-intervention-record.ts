import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The record of every change to the register of interventions: written by a
 * trigger, whichever code path made the change (the API, the mapping drawn
 * from the register), with who made it (byloeft.actor_id, set by the
 * writing transaction), and append-only. A deleted intervention keeps its
 * record, with the row as it was.
 */
export class InterventionRecord1764700000000 implements MigrationInterface {
  name = 'InterventionRecord1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "intervention_change" (
        "id" bigserial NOT NULL,
        "intervention_id" uuid NOT NULL,
        "operation" text NOT NULL CHECK ("operation" IN ('baseline', 'insert', 'update', 'delete')),
        "before" jsonb,
        "after" jsonb,
        "actor_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_intervention_change" PRIMARY KEY ("id")
      )`);
    await q.query(
      `CREATE INDEX "IDX_intervention_change_intervention" ON "intervention_change" ("intervention_id", "id")`,
    );
    await q.query(`
      CREATE FUNCTION "record_intervention_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        before_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
        after_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
      BEGIN
        -- A write that changed nothing but the bookkeeping is no change.
        IF TG_OP = 'UPDATE' AND (before_row - 'version' - 'updated_at' - 'updated_by') = (after_row - 'version' - 'updated_at' - 'updated_by') THEN
          RETURN NULL;
        END IF;
        INSERT INTO "intervention_change" ("intervention_id", "operation", "before", "after", "actor_id")
        VALUES (
          (COALESCE(after_row, before_row)->>'id')::uuid, lower(TG_OP), before_row, after_row,
          COALESCE(NULLIF(current_setting('byloeft.actor_id', true), '')::uuid, (after_row->>'updated_by')::uuid)
        );
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "intervention_record_change" AFTER INSERT OR UPDATE OR DELETE ON "intervention" FOR EACH ROW EXECUTE FUNCTION "record_intervention_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "intervention_change_append_only" BEFORE UPDATE OR DELETE ON "intervention_change" FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "intervention_change_no_truncate" BEFORE TRUNCATE ON "intervention_change" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"()`,
    );
    // What is already registered starts its record here, as it is now (a baseline, not its registration: its earlier changes are not known).
    await q.query(
      `INSERT INTO "intervention_change" ("intervention_id", "operation", "before", "after", "actor_id")
       SELECT "id", 'baseline', NULL, to_jsonb(i), NULL FROM "intervention" i`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "intervention_record_change" ON "intervention"`);
    await q.query(`DROP FUNCTION "record_intervention_change"()`);
    await q.query(`DROP TABLE "intervention_change"`);
  }
}
