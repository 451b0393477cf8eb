import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Goals, indicators and progress: goal baselines, the record of goal
 * changes, measurements (per area, or the city as a whole where area_id is
 * NULL) with the record of overwritten values, imports and their files, and
 * plan progress reports (fremdriftsrapporter).
 */
export class Indicators1764400000000 implements MigrationInterface {
  name = 'Indicators1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // Baseline (value and year) of a city goal: the start of the path to its target.
    await q.query(`
      CREATE TABLE "goal_baseline" (
        "goal_id" uuid NOT NULL,
        "baseline_value" numeric,
        "baseline_year" integer,
        "version" integer NOT NULL DEFAULT 1,
        "updated_by" uuid,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_goal_baseline" PRIMARY KEY ("goal_id"),
        CONSTRAINT "FK_goal_baseline_goal" FOREIGN KEY ("goal_id") REFERENCES "goal"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_goal_baseline_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id")
      )`);

    // The record of every change to a goal or its baseline, whichever API made it: written by triggers, append-only.
    await q.query(`
      CREATE TABLE "goal_change" (
        "id" bigserial NOT NULL,
        "goal_id" uuid NOT NULL,
        "subject" text NOT NULL,
        "operation" text NOT NULL,
        "before" jsonb,
        "after" jsonb,
        "actor_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_goal_change" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "IDX_goal_change_goal" ON "goal_change" ("goal_id", "id")`);
    await q.query(`
      CREATE FUNCTION "record_goal_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        before_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
        after_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
        row_data jsonb := COALESCE(after_row, before_row);
      BEGIN
        IF TG_OP = 'UPDATE' AND (before_row - 'version' - 'updated_at') = (after_row - 'version' - 'updated_at') THEN
          RETURN NULL;
        END IF;
        INSERT INTO "goal_change" ("goal_id", "subject", "operation", "before", "after", "actor_id")
        VALUES (
          (CASE WHEN TG_TABLE_NAME = 'goal' THEN row_data->>'id' ELSE row_data->>'goal_id' END)::uuid,
          TG_TABLE_NAME, lower(TG_OP), before_row, after_row,
          NULLIF(current_setting('byloeft.actor_id', true), '')::uuid
        );
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "goal_record_change" AFTER INSERT OR UPDATE OR DELETE ON "goal" FOR EACH ROW EXECUTE FUNCTION "record_goal_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "goal_baseline_record_change" AFTER INSERT OR UPDATE OR DELETE ON "goal_baseline" FOR EACH ROW EXECUTE FUNCTION "record_goal_change"()`,
    );

    await q.query(`
      CREATE TABLE "indicator_import" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "file_name" text NOT NULL,
        "format" text NOT NULL,
        "checksum" text NOT NULL,
        "size_bytes" integer NOT NULL,
        "status" text NOT NULL DEFAULT 'queued',
        "rows_total" integer,
        "rows_done" integer NOT NULL DEFAULT 0,
        "inserted" integer NOT NULL DEFAULT 0,
        "updated" integer NOT NULL DEFAULT 0,
        "unchanged" integer NOT NULL DEFAULT 0,
        "error_count" integer NOT NULL DEFAULT 0,
        "errors" jsonb NOT NULL DEFAULT '[]',
        "attempts" integer NOT NULL DEFAULT 0,
        "created_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "started_at" timestamptz,
        "finished_at" timestamptz,
        CONSTRAINT "PK_indicator_import" PRIMARY KEY ("id"),
        CONSTRAINT "FK_indicator_import_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id")
      )`);
    // The same file (by checksum) is imported once; a failed import does not block a new try.
    await q.query(
      `CREATE UNIQUE INDEX "UQ_indicator_import_checksum" ON "indicator_import" ("checksum") WHERE "status" <> 'failed'`,
    );
    await q.query(`CREATE INDEX "IDX_indicator_import_created" ON "indicator_import" ("created_at")`);
    await q.query(`
      CREATE TABLE "indicator_import_file" (
        "import_id" uuid NOT NULL,
        "content" bytea NOT NULL,
        CONSTRAINT "PK_indicator_import_file" PRIMARY KEY ("import_id"),
        CONSTRAINT "FK_indicator_import_file_import" FOREIGN KEY ("import_id") REFERENCES "indicator_import"("id") ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE "measurement" (
        "id" bigserial NOT NULL,
        "indicator_id" uuid NOT NULL,
        "area_id" uuid,
        "period" text NOT NULL,
        "value" numeric NOT NULL,
        "source" text NOT NULL DEFAULT '',
        "loaded_at" timestamptz NOT NULL DEFAULT now(),
        "loaded_by" uuid NOT NULL,
        "import_id" uuid,
        CONSTRAINT "PK_measurement" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_measurement_key" UNIQUE NULLS NOT DISTINCT ("indicator_id", "area_id", "period"),
        CONSTRAINT "CHK_measurement_period" CHECK ("period" ~ '^[0-9]{4}(-Q[1-4])?$'),
        CONSTRAINT "FK_measurement_indicator" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id"),
        CONSTRAINT "FK_measurement_area" FOREIGN KEY ("area_id") REFERENCES "area"("id"),
        CONSTRAINT "FK_measurement_loaded_by" FOREIGN KEY ("loaded_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_measurement_import" FOREIGN KEY ("import_id") REFERENCES "indicator_import"("id")
      )`);
    // The area overview reads by area; the unique key serves reads by indicator.
    await q.query(`CREATE INDEX "IDX_measurement_area" ON "measurement" ("area_id", "indicator_id", "period")`);

    // A value overwritten by a later import, as it was: append-only.
    await q.query(`
      CREATE TABLE "measurement_change" (
        "id" bigserial NOT NULL,
        "measurement_id" bigint NOT NULL,
        "indicator_id" uuid NOT NULL,
        "area_id" uuid,
        "period" text NOT NULL,
        "old_value" numeric NOT NULL,
        "old_source" text NOT NULL,
        "old_import_id" uuid,
        "new_value" numeric NOT NULL,
        "new_source" text NOT NULL,
        "new_import_id" uuid,
        "actor_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_measurement_change" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "IDX_measurement_change_measurement" ON "measurement_change" ("measurement_id", "id")`);

    for (const table of ['goal_change', 'measurement_change']) {
      await q.query(
        `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"()`,
      );
      await q.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"()`,
      );
    }

    await q.query(`
      CREATE TABLE "plan_report" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "plan_id" uuid NOT NULL,
        "status" text NOT NULL DEFAULT 'queued',
        "requested_by" uuid NOT NULL,
        "file_name" text,
        "size_bytes" integer,
        "error" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "started_at" timestamptz,
        "finished_at" timestamptz,
        CONSTRAINT "PK_plan_report" PRIMARY KEY ("id"),
        CONSTRAINT "FK_plan_report_plan" FOREIGN KEY ("plan_id") REFERENCES "plan"("id"),
        CONSTRAINT "FK_plan_report_requested_by" FOREIGN KEY ("requested_by") REFERENCES "app_user"("id")
      )`);
    await q.query(`CREATE INDEX "IDX_plan_report_plan" ON "plan_report" ("plan_id", "created_at")`);
    await q.query(`
      CREATE TABLE "plan_report_file" (
        "report_id" uuid NOT NULL,
        "content" bytea NOT NULL,
        CONSTRAINT "PK_plan_report_file" PRIMARY KEY ("report_id"),
        CONSTRAINT "FK_plan_report_file_report" FOREIGN KEY ("report_id") REFERENCES "plan_report"("id") ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "goal_record_change" ON "goal"`);
    for (const t of [
      'plan_report_file',
      'plan_report',
      'measurement_change',
      'measurement',
      'indicator_import_file',
      'indicator_import',
      'goal_change',
      'goal_baseline',
    ]) {
      await q.query(`DROP TABLE "${t}"`);
    }
    await q.query(`DROP FUNCTION "record_goal_change"()`);
  }
}
