import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference values from Statistics Denmark's StatBank.
 *
 * - statbank_binding: an indicator bound to a StatBank table: the table id,
 *   the area variable and the municipality's code in it, the time variable,
 *   one value for every other variable, and whether it is fetched yearly.
 * - statbank_fetch: each fetch (started by an administrator, or the yearly
 *   job): what was asked, what StatBank answered (or why it failed), and
 *   the measurement import that loaded its figures.
 */
export class Statbank1765420000000 implements MigrationInterface {
  name = 'Statbank1765420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "statbank_binding" (
        "indicator_id" uuid NOT NULL,
        "table_id" text NOT NULL CHECK ("table_id" ~ '^[A-Za-z0-9_]{1,40}$'),
        "area_variable" text NOT NULL DEFAULT 'OMRÅDE',
        "municipality_code" text NOT NULL,
        "time_variable" text NOT NULL DEFAULT 'Tid',
        "variables" jsonb NOT NULL DEFAULT '[]',
        "yearly" boolean NOT NULL DEFAULT false,
        "version" integer NOT NULL DEFAULT 1,
        "updated_by" uuid,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_statbank_binding" PRIMARY KEY ("indicator_id"),
        CONSTRAINT "FK_statbank_binding_indicator" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_statbank_binding_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id")
      )`);
    await q.query(`
      CREATE TABLE "statbank_fetch" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "indicator_id" uuid NOT NULL,
        "trigger" text NOT NULL CHECK ("trigger" IN ('manual', 'yearly')),
        "scheduled_year" integer,
        "status" text NOT NULL DEFAULT 'queued' CHECK ("status" IN ('queued', 'succeeded', 'failed')),
        "request" jsonb NOT NULL,
        "message" text,
        "message_en" text,
        "values_found" integer NOT NULL DEFAULT 0,
        "values_skipped" integer NOT NULL DEFAULT 0,
        "errors" jsonb NOT NULL DEFAULT '[]',
        "measurement_import_id" uuid,
        "created_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "finished_at" timestamptz,
        CONSTRAINT "PK_statbank_fetch" PRIMARY KEY ("id"),
        CONSTRAINT "FK_statbank_fetch_indicator" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_statbank_fetch_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_statbank_fetch_measurements" FOREIGN KEY ("measurement_import_id") REFERENCES "indicator_import"("id")
      )`);
    await q.query(`CREATE INDEX "IDX_statbank_fetch_indicator" ON "statbank_fetch" ("indicator_id", "created_at")`);
    // The yearly job fetches once per indicator and year, however often it runs.
    await q.query(
      `CREATE UNIQUE INDEX "UQ_statbank_fetch_yearly" ON "statbank_fetch" ("indicator_id", "scheduled_year") WHERE "trigger" = 'yearly'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "statbank_fetch"`);
    await q.query(`DROP TABLE "statbank_binding"`);
  }
}
