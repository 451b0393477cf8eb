import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Development plans, their append-only record, gate versions, content,
 * conditions, the mayors' forum's meetings and agenda, and idempotency keys.
 */
export class Plans1764200000000 implements MigrationInterface {
  name = 'Plans1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "plan" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "area_id" uuid NOT NULL,
        "budget_year" integer NOT NULL,
        "title" text NOT NULL,
        "coordinating_administration_id" uuid NOT NULL,
        "state" jsonb NOT NULL,
        "machine_version" integer NOT NULL,
        "stage" text NOT NULL,
        "status" text,
        "state_value" text NOT NULL,
        "stage_entry_seq" integer NOT NULL,
        "stage_due_date" date,
        "version" integer NOT NULL,
        "created_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_plan" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_plan_area_round" UNIQUE ("area_id", "budget_year"),
        CONSTRAINT "FK_plan_area" FOREIGN KEY ("area_id") REFERENCES "area"("id"),
        CONSTRAINT "FK_plan_coordinator" FOREIGN KEY ("coordinating_administration_id") REFERENCES "administration"("id"),
        CONSTRAINT "FK_plan_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id")
      )`);
    await q.query(`CREATE INDEX "IDX_plan_stage" ON "plan" ("stage", "stage_due_date")`);

    await q.query(`
      CREATE TABLE "meeting" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "meeting_date" date NOT NULL,
        "title" text NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_meeting" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "IDX_meeting_date" ON "meeting" ("meeting_date")`);

    await q.query(`
      CREATE TABLE "plan_transition" (
        "id" bigserial NOT NULL,
        "plan_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "event" text NOT NULL,
        "from_state" text,
        "to_state" text NOT NULL,
        "actor_id" uuid NOT NULL,
        "actor_name" text NOT NULL,
        "comment" text,
        "payload" jsonb NOT NULL DEFAULT '{}',
        "meeting_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_plan_transition" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_plan_transition_seq" UNIQUE ("plan_id", "seq"),
        CONSTRAINT "FK_plan_transition_plan" FOREIGN KEY ("plan_id") REFERENCES "plan"("id"),
        CONSTRAINT "FK_plan_transition_actor" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_plan_transition_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id")
      )`);
    await q.query(`
      CREATE TABLE "plan_gate_version" (
        "id" bigserial NOT NULL,
        "plan_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "stage" text NOT NULL,
        "decision" text NOT NULL,
        "content" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_plan_gate_version" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_plan_gate_version_seq" UNIQUE ("plan_id", "seq"),
        CONSTRAINT "FK_plan_gate_version_plan" FOREIGN KEY ("plan_id") REFERENCES "plan"("id")
      )`);
    // The record is append-only in the database itself, not just in the code.
    await q.query(`
      CREATE FUNCTION "refuse_record_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the record in % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['plan_transition', 'plan_gate_version']) {
      await q.query(
        `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"()`,
      );
      await q.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"()`,
      );
    }

    await q.query(`
      CREATE TABLE "plan_item" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "plan_id" uuid NOT NULL,
        "section" text NOT NULL CHECK ("section" IN ('mapping','problem','potential','indicator','goal','intervention','idea','budget_proposal','budget_decision','progress_report')),
        "administration_id" uuid,
        "data" jsonb NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_by" uuid NOT NULL,
        "updated_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_plan_item" PRIMARY KEY ("id"),
        CONSTRAINT "FK_plan_item_plan" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_plan_item_administration" FOREIGN KEY ("administration_id") REFERENCES "administration"("id")
      )`);
    await q.query(`CREATE INDEX "IDX_plan_item_plan" ON "plan_item" ("plan_id", "section")`);

    await q.query(`
      CREATE TABLE "plan_condition" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "plan_id" uuid NOT NULL,
        "stage" text NOT NULL,
        "text" text NOT NULL,
        "status" text NOT NULL DEFAULT 'open' CHECK ("status" IN ('open', 'closed')),
        "imposed_seq" integer NOT NULL,
        "closed_by" uuid,
        "closed_at" timestamptz,
        "closing_note" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_plan_condition" PRIMARY KEY ("id"),
        CONSTRAINT "FK_plan_condition_plan" FOREIGN KEY ("plan_id") REFERENCES "plan"("id"),
        CONSTRAINT "FK_plan_condition_closed_by" FOREIGN KEY ("closed_by") REFERENCES "app_user"("id")
      )`);

    await q.query(`
      CREATE TABLE "agenda_item" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "meeting_id" uuid,
        "subject_type" text NOT NULL CHECK ("subject_type" IN ('plan', 'project')),
        "subject_id" uuid NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('submission', 'escalation')),
        "title" text NOT NULL,
        "dedup_key" text NOT NULL,
        "resolved_at" timestamptz,
        "resolution" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_agenda_item" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_agenda_item_dedup" UNIQUE ("dedup_key"),
        CONSTRAINT "FK_agenda_item_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id")
      )`);
    await q.query(
      `CREATE INDEX "IDX_agenda_item_subject" ON "agenda_item" ("subject_type", "subject_id") WHERE "resolved_at" IS NULL`,
    );

    await q.query(`
      CREATE TABLE "idempotency_record" (
        "user_id" uuid NOT NULL,
        "key" text NOT NULL,
        "scope" text NOT NULL,
        "request_hash" text NOT NULL,
        "response_status" integer NOT NULL,
        "response_body" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_idempotency_record" PRIMARY KEY ("user_id", "key")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'idempotency_record',
      'agenda_item',
      'plan_condition',
      'plan_item',
      'plan_gate_version',
      'plan_transition',
      'meeting',
      'plan',
    ]) {
      await q.query(`DROP TABLE "${t}"`);
    }
    await q.query(`DROP FUNCTION "refuse_record_change"()`);
  }
}
