import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'core_operations', 'individual', 'area_based'`;
const FUNDING = `'base_budget', 'municipal_pool', 'state_pool', 'housing_association', 'other'`;
const STATES = `'proposed', 'approved', 'rejected', 'running', 'evaluationDue', 'evaluationSubmitted', 'assessed', 'terminated', 'adoptedIntoOperations'`;
const ATTACHMENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/png',
  'image/jpeg',
]
  .map((t) => `'${t}'`)
  .join(', ');

/** The records that are append-only in the database itself (refuse_record_change() comes from the plans migration). */
const APPEND_ONLY = ['project_transition', 'project_evaluation_submission', 'project_attachment', 'project_adoption'];

/**
 * Interventions (indsatser), time-limited projects with their append-only
 * record, evaluation drafts, submitted evaluations, attachments and the
 * adoption ledger (base-budget lines).
 */
export class Projects1764300000000 implements MigrationInterface {
  name = 'Projects1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "intervention" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "kind" text NOT NULL CHECK ("kind" IN (${KINDS})),
        "owning_administration_id" uuid NOT NULL,
        "area_ids" uuid[] NOT NULL DEFAULT '{}',
        "funding_source" text NOT NULL CHECK ("funding_source" IN (${FUNDING})),
        "period_start" date NOT NULL,
        "period_end" date,
        "goal_ids" uuid[] NOT NULL DEFAULT '{}',
        "plan_ids" uuid[] NOT NULL DEFAULT '{}',
        "version" integer NOT NULL DEFAULT 1,
        "created_by" uuid NOT NULL,
        "updated_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_intervention" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_intervention_period" CHECK ("period_end" IS NULL OR "period_end" >= "period_start"),
        CONSTRAINT "FK_intervention_administration" FOREIGN KEY ("owning_administration_id") REFERENCES "administration"("id"),
        CONSTRAINT "FK_intervention_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_intervention_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id")
      )`);
    await q.query(
      `CREATE INDEX "IDX_intervention_administration" ON "intervention" ("owning_administration_id", "kind")`,
    );
    await q.query(`CREATE INDEX "IDX_intervention_areas" ON "intervention" USING gin ("area_ids")`);

    await q.query(`
      CREATE TABLE "project" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "title" text NOT NULL,
        "problem" text NOT NULL,
        "proposed_solution" text NOT NULL,
        "owning_administration_id" uuid NOT NULL,
        "project_leader_id" uuid NOT NULL,
        "proposed_by" uuid NOT NULL,
        "funding_source" text NOT NULL CHECK ("funding_source" IN (${FUNDING})),
        "budget_dkk" numeric(14,2) NOT NULL CHECK ("budget_dkk" >= 0),
        "period_start" date NOT NULL,
        "period_end" date NOT NULL,
        "evaluation_date" date,
        "area_ids" uuid[] NOT NULL DEFAULT '{}',
        "goal_ids" uuid[] NOT NULL DEFAULT '{}',
        "plan_ids" uuid[] NOT NULL DEFAULT '{}',
        "indicator_ids" uuid[] NOT NULL DEFAULT '{}',
        "intervention_id" uuid,
        "state" jsonb NOT NULL,
        "machine_version" integer NOT NULL,
        "state_value" text NOT NULL CHECK ("state_value" IN (${STATES})),
        "evaluation_due_on" date NOT NULL,
        "evaluation_deadline" date NOT NULL,
        "deadline_seq" integer,
        "decided_at" timestamptz,
        "version" integer NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_project" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_project_period" CHECK ("period_end" >= "period_start"),
        CONSTRAINT "FK_project_administration" FOREIGN KEY ("owning_administration_id") REFERENCES "administration"("id"),
        CONSTRAINT "FK_project_leader" FOREIGN KEY ("project_leader_id") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_project_proposed_by" FOREIGN KEY ("proposed_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_project_intervention" FOREIGN KEY ("intervention_id") REFERENCES "intervention"("id")
      )`);
    await q.query(`CREATE INDEX "IDX_project_state" ON "project" ("state_value", "evaluation_deadline")`);
    await q.query(`CREATE INDEX "IDX_project_administration" ON "project" ("owning_administration_id")`);
    await q.query(`CREATE INDEX "IDX_project_leader" ON "project" ("project_leader_id")`);
    await q.query(`CREATE INDEX "IDX_project_areas" ON "project" USING gin ("area_ids")`);

    await q.query(`
      CREATE TABLE "project_transition" (
        "id" bigserial NOT NULL,
        "project_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "event" text NOT NULL,
        "from_state" text,
        "to_state" text NOT NULL,
        "actor_id" uuid,
        "actor_name" text NOT NULL,
        "comment" text,
        "payload" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_project_transition" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_project_transition_seq" UNIQUE ("project_id", "seq"),
        CONSTRAINT "FK_project_transition_project" FOREIGN KEY ("project_id") REFERENCES "project"("id"),
        CONSTRAINT "FK_project_transition_actor" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id")
      )`);

    await q.query(`
      CREATE TABLE "project_evaluation" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "project_id" uuid NOT NULL,
        "content" jsonb NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "updated_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_project_evaluation" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_project_evaluation_project" UNIQUE ("project_id"),
        CONSTRAINT "FK_project_evaluation_project" FOREIGN KEY ("project_id") REFERENCES "project"("id"),
        CONSTRAINT "FK_project_evaluation_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id")
      )`);

    await q.query(`
      CREATE TABLE "project_evaluation_submission" (
        "id" bigserial NOT NULL,
        "project_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "round" integer NOT NULL,
        "content" jsonb NOT NULL,
        "attachments" jsonb NOT NULL DEFAULT '[]',
        "submitted_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_project_evaluation_submission" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_project_evaluation_submission_seq" UNIQUE ("project_id", "seq"),
        CONSTRAINT "FK_project_evaluation_submission_project" FOREIGN KEY ("project_id") REFERENCES "project"("id"),
        CONSTRAINT "FK_project_evaluation_submission_by" FOREIGN KEY ("submitted_by") REFERENCES "app_user"("id")
      )`);

    await q.query(`
      CREATE TABLE "project_attachment" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "project_id" uuid NOT NULL,
        "file_name" text NOT NULL,
        "content_type" text NOT NULL CHECK ("content_type" IN (${ATTACHMENT_TYPES})),
        "size_bytes" integer NOT NULL CHECK ("size_bytes" > 0),
        "sha256" text NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        "content" bytea NOT NULL,
        "uploaded_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_project_attachment" PRIMARY KEY ("id"),
        CONSTRAINT "FK_project_attachment_project" FOREIGN KEY ("project_id") REFERENCES "project"("id"),
        CONSTRAINT "FK_project_attachment_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "app_user"("id")
      )`);
    await q.query(`CREATE INDEX "IDX_project_attachment_project" ON "project_attachment" ("project_id")`);

    await q.query(`
      CREATE TABLE "project_adoption" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "project_id" uuid NOT NULL,
        "administration_id" uuid NOT NULL,
        "yearly_amount_dkk" numeric(14,2) NOT NULL CHECK ("yearly_amount_dkk" > 0),
        "first_budget_year" integer NOT NULL CHECK ("first_budget_year" BETWEEN 2000 AND 2100),
        "decided_by" uuid NOT NULL,
        "decision_seq" integer NOT NULL,
        "decided_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_project_adoption" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_project_adoption_project" UNIQUE ("project_id"),
        CONSTRAINT "FK_project_adoption_project" FOREIGN KEY ("project_id") REFERENCES "project"("id"),
        CONSTRAINT "FK_project_adoption_administration" FOREIGN KEY ("administration_id") REFERENCES "administration"("id"),
        CONSTRAINT "FK_project_adoption_decided_by" FOREIGN KEY ("decided_by") REFERENCES "app_user"("id")
      )`);
    await q.query(
      `CREATE INDEX "IDX_project_adoption_ledger" ON "project_adoption" ("administration_id", "first_budget_year")`,
    );

    for (const table of APPEND_ONLY) {
      await q.query(
        `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"()`,
      );
      await q.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'project_adoption',
      'project_attachment',
      'project_evaluation_submission',
      'project_evaluation',
      'project_transition',
      'project',
      'intervention',
    ]) {
      await q.query(`DROP TABLE "${t}"`);
    }
  }
}
