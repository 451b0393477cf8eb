import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity, roles and master data (areas, administrations, networks, goals, indicators). */
export class Foundation1764180000000 implements MigrationInterface {
  name = 'Foundation1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "administration" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "code" text NOT NULL,
        "name" text NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_administration" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_administration_code" UNIQUE ("code")
      )`);
    await q.query(`
      CREATE TABLE "area" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "code" text NOT NULL,
        "name" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "local_committees" text[] NOT NULL DEFAULT '{}',
        "deprived_housing_areas" text[] NOT NULL DEFAULT '{}',
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_area" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_area_code" UNIQUE ("code")
      )`);
    await q.query(`
      CREATE TABLE "local_network" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "area_id" uuid NOT NULL,
        "coordinating_administration_id" uuid NOT NULL,
        "members" jsonb NOT NULL DEFAULT '[]',
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "PK_local_network" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_local_network_area" UNIQUE ("area_id"),
        CONSTRAINT "FK_local_network_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_local_network_coordinator" FOREIGN KEY ("coordinating_administration_id") REFERENCES "administration"("id")
      )`);
    await q.query(`
      CREATE TABLE "indicator" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "code" text NOT NULL,
        "name" text NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('socioeconomic', 'supplementary', 'goal')),
        "unit" text NOT NULL DEFAULT '',
        "shown_as_index" boolean NOT NULL DEFAULT false,
        "direction" text NOT NULL DEFAULT 'higher_is_better' CHECK ("direction" IN ('higher_is_better', 'lower_is_better')),
        "source" text NOT NULL DEFAULT '',
        "sort_order" integer NOT NULL DEFAULT 0,
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "PK_indicator" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_indicator_code" UNIQUE ("code")
      )`);
    await q.query(`
      CREATE TABLE "goal" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "code" text NOT NULL,
        "level" text NOT NULL CHECK ("level" IN ('overall', 'concrete')),
        "parent_id" uuid,
        "title" text NOT NULL,
        "measure" text NOT NULL DEFAULT '',
        "data_source" text NOT NULL DEFAULT '',
        "indicator_id" uuid,
        "target_year" integer,
        "target_value" numeric,
        "direction" text NOT NULL DEFAULT 'higher_is_better' CHECK ("direction" IN ('higher_is_better', 'lower_is_better')),
        "sort_order" integer NOT NULL DEFAULT 0,
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "PK_goal" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_goal_code" UNIQUE ("code"),
        CONSTRAINT "FK_goal_parent" FOREIGN KEY ("parent_id") REFERENCES "goal"("id"),
        CONSTRAINT "FK_goal_indicator" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id")
      )`);
    await q.query(`
      CREATE TABLE "municipality" (
        "id" integer NOT NULL DEFAULT 1 CHECK ("id" = 1),
        "name" text NOT NULL,
        "vision" text NOT NULL DEFAULT '',
        "target_year" integer NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "PK_municipality" PRIMARY KEY ("id")
      )`);
    await q.query(`
      CREATE TABLE "app_user" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "display_name" text NOT NULL,
        "password_hash" text,
        "roles" text[] NOT NULL DEFAULT '{}',
        "administration_id" uuid,
        "active" boolean NOT NULL DEFAULT true,
        "failed_logins" integer NOT NULL DEFAULT 0,
        "locked_until" timestamptz,
        "external_issuer" text,
        "external_subject" text,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_app_user" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_app_user_email" UNIQUE ("email"),
        CONSTRAINT "FK_app_user_administration" FOREIGN KEY ("administration_id") REFERENCES "administration"("id"),
        CONSTRAINT "CHK_app_user_roles" CHECK ("roles" <@ ARRAY['administrator','staff','forum_member','project_leader','observer']::text[]),
        CONSTRAINT "CHK_app_user_staff_has_administration" CHECK (NOT ('staff' = ANY("roles")) OR "administration_id" IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_app_user_external" ON "app_user" ("external_issuer", "external_subject") WHERE "external_subject" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['app_user', 'municipality', 'goal', 'indicator', 'local_network', 'area', 'administration']) {
      await q.query(`DROP TABLE "${t}"`);
    }
  }
}
