import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The government's lists of housing areas as data.
 *
 * - housing_area: a housing area (boligområde) by name, its housing
 *   association, and the area (byområde) it lies in (none: outside them).
 * - housing_area_listing: per year (the list of 1 December), the list(s) a
 *   housing area is on and the criteria it met (employment, crime, education,
 *   income, origin).
 * - housing_area_import (+ _file): one uploaded file, one year's list: all or
 *   nothing, its errors row by row, who and when; the file itself is kept.
 * - housing_area_change: the record of every change to housing areas and
 *   listings, by import or by hand, with who (byloeft.actor_id): written by
 *   triggers, append-only.
 * - housing_list_indicator: an indicator measured from the lists: per area
 *   and year the number of housing areas on any of its lists.
 */
export class HousingAreas1765410000000 implements MigrationInterface {
  name = 'HousingAreas1765410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "housing_area" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL CHECK (length(btrim("name")) > 0),
        "housing_association" text NOT NULL DEFAULT '',
        "area_id" uuid,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_housing_area" PRIMARY KEY ("id"),
        CONSTRAINT "FK_housing_area_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_housing_area_name" ON "housing_area" (lower(regexp_replace(btrim("name"), '\\s+', ' ', 'g')))`,
    );
    await q.query(`CREATE INDEX "IDX_housing_area_area" ON "housing_area" ("area_id")`);
    await q.query(`
      CREATE TABLE "housing_area_import" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "year" integer NOT NULL CHECK ("year" BETWEEN 1990 AND 2200),
        "file_name" text NOT NULL,
        "format" text NOT NULL CHECK ("format" IN ('csv', 'xlsx')),
        "checksum" text NOT NULL,
        "size_bytes" integer NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('succeeded', 'failed')),
        "rows_total" integer NOT NULL DEFAULT 0,
        "listed" integer NOT NULL DEFAULT 0,
        "housing_areas_added" integer NOT NULL DEFAULT 0,
        "error_count" integer NOT NULL DEFAULT 0,
        "errors" jsonb NOT NULL DEFAULT '[]',
        "measurement_import_id" uuid,
        "created_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_housing_area_import" PRIMARY KEY ("id"),
        CONSTRAINT "FK_housing_area_import_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_housing_area_import_measurements" FOREIGN KEY ("measurement_import_id") REFERENCES "indicator_import"("id")
      )`);
    await q.query(`CREATE INDEX "IDX_housing_area_import_year" ON "housing_area_import" ("year", "created_at")`);
    await q.query(`
      CREATE TABLE "housing_area_import_file" (
        "import_id" uuid NOT NULL,
        "content" bytea NOT NULL,
        CONSTRAINT "PK_housing_area_import_file" PRIMARY KEY ("import_id"),
        CONSTRAINT "FK_housing_area_import_file_import" FOREIGN KEY ("import_id") REFERENCES "housing_area_import"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "housing_area_listing" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "housing_area_id" uuid NOT NULL,
        "year" integer NOT NULL CHECK ("year" BETWEEN 1990 AND 2200),
        "list" text NOT NULL CHECK ("list" IN ('especially_deprived', 'parallel_society', 'transformation', 'deprived', 'prevention')),
        "criteria" text[] NOT NULL DEFAULT '{}'
          CHECK ("criteria" <@ ARRAY['employment', 'crime', 'education', 'income', 'origin']::text[]),
        "import_id" uuid,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_housing_area_listing" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_housing_area_listing" UNIQUE ("housing_area_id", "year", "list"),
        CONSTRAINT "FK_housing_area_listing_housing_area" FOREIGN KEY ("housing_area_id") REFERENCES "housing_area"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_housing_area_listing_import" FOREIGN KEY ("import_id") REFERENCES "housing_area_import"("id"),
        CONSTRAINT "FK_housing_area_listing_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id")
      )`);
    await q.query(`CREATE INDEX "IDX_housing_area_listing_year" ON "housing_area_listing" ("year", "list")`);
    await q.query(`
      CREATE TABLE "housing_area_change" (
        "id" bigserial NOT NULL,
        "housing_area_id" uuid NOT NULL,
        "subject" text NOT NULL,
        "operation" text NOT NULL,
        "before" jsonb,
        "after" jsonb,
        "actor_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_housing_area_change" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "IDX_housing_area_change_area" ON "housing_area_change" ("housing_area_id", "id")`);
    await q.query(`
      CREATE FUNCTION "record_housing_area_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        before_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
        after_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
        row_data jsonb := COALESCE(after_row, before_row);
      BEGIN
        IF TG_OP = 'UPDATE' AND (before_row - 'version' - 'updated_at') = (after_row - 'version' - 'updated_at') THEN
          RETURN NULL;
        END IF;
        INSERT INTO "housing_area_change" ("housing_area_id", "subject", "operation", "before", "after", "actor_id")
        VALUES (
          (CASE WHEN TG_TABLE_NAME = 'housing_area' THEN row_data->>'id' ELSE row_data->>'housing_area_id' END)::uuid,
          TG_TABLE_NAME, lower(TG_OP), before_row, after_row,
          NULLIF(current_setting('byloeft.actor_id', true), '')::uuid
        );
        RETURN NULL;
      END $$`);
    for (const table of ['housing_area', 'housing_area_listing']) {
      await q.query(
        `CREATE TRIGGER "${table}_record_change" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "record_housing_area_change"()`,
      );
    }
    await q.query(
      `CREATE TRIGGER "housing_area_change_append_only" BEFORE UPDATE OR DELETE ON "housing_area_change" FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "housing_area_change_no_truncate" BEFORE TRUNCATE ON "housing_area_change" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"()`,
    );
    await q.query(`
      CREATE TABLE "housing_list_indicator" (
        "indicator_id" uuid NOT NULL,
        "lists" text[] NOT NULL
          CHECK (cardinality("lists") > 0 AND "lists" <@ ARRAY['especially_deprived', 'parallel_society', 'transformation', 'deprived', 'prevention']::text[]),
        CONSTRAINT "PK_housing_list_indicator" PRIMARY KEY ("indicator_id"),
        CONSTRAINT "FK_housing_list_indicator_indicator" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "housing_list_indicator"`);
    await q.query(`DROP TABLE "housing_area_change"`);
    await q.query(`DROP TABLE "housing_area_listing"`);
    await q.query(`DROP TABLE "housing_area_import_file"`);
    await q.query(`DROP TABLE "housing_area_import"`);
    await q.query(`DROP TABLE "housing_area"`);
    // After the tables whose triggers call it.
    await q.query(`DROP FUNCTION "record_housing_area_change"()`);
  }
}
