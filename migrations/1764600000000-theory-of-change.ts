import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rest of the theory of change: tools (redskaber) under a concrete goal
 * and activities under a tool (each optionally carried out through a
 * registered intervention). Every change to them goes on the goal's record
 * (goal_change, append-only), written by triggers like the goal's own.
 *
 * A goal with tools, and a tool with activities, cannot be deleted (the
 * foreign keys refuse it): the record of an activity names its tool's goal,
 * so the tool must still be there when the activity goes.
 */
export class TheoryOfChange1764600000000 implements MigrationInterface {
  name = 'TheoryOfChange1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "toc_tool" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "goal_id" uuid NOT NULL,
        "name" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "administration_id" uuid,
        "sort_order" integer NOT NULL DEFAULT 0,
        "version" integer NOT NULL DEFAULT 1,
        "created_by" uuid NOT NULL,
        "updated_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_toc_tool" PRIMARY KEY ("id"),
        CONSTRAINT "FK_toc_tool_goal" FOREIGN KEY ("goal_id") REFERENCES "goal"("id"),
        CONSTRAINT "FK_toc_tool_administration" FOREIGN KEY ("administration_id") REFERENCES "administration"("id"),
        CONSTRAINT "FK_toc_tool_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_toc_tool_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id")
      )`);
    await q.query(`CREATE INDEX "IDX_toc_tool_goal" ON "toc_tool" ("goal_id", "sort_order")`);

    await q.query(`
      CREATE TABLE "toc_activity" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tool_id" uuid NOT NULL,
        "name" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "intervention_id" uuid,
        "sort_order" integer NOT NULL DEFAULT 0,
        "version" integer NOT NULL DEFAULT 1,
        "created_by" uuid NOT NULL,
        "updated_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_toc_activity" PRIMARY KEY ("id"),
        CONSTRAINT "FK_toc_activity_tool" FOREIGN KEY ("tool_id") REFERENCES "toc_tool"("id"),
        CONSTRAINT "FK_toc_activity_intervention" FOREIGN KEY ("intervention_id") REFERENCES "intervention"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_toc_activity_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_toc_activity_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id")
      )`);
    await q.query(`CREATE INDEX "IDX_toc_activity_tool" ON "toc_activity" ("tool_id", "sort_order")`);
    await q.query(`CREATE INDEX "IDX_toc_activity_intervention" ON "toc_activity" ("intervention_id")`);

    // On the goal's record: a tool by its goal, an activity by its tool's goal; who, from byloeft.actor_id.
    await q.query(`
      CREATE FUNCTION "record_toc_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        before_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
        after_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
        row_data jsonb := COALESCE(after_row, before_row);
        goal uuid;
      BEGIN
        IF TG_OP = 'UPDATE' AND (before_row - 'version' - 'updated_at' - 'updated_by') = (after_row - 'version' - 'updated_at' - 'updated_by') THEN
          RETURN NULL;
        END IF;
        IF TG_TABLE_NAME = 'toc_tool' THEN
          goal := (row_data->>'goal_id')::uuid;
        ELSE
          SELECT t."goal_id" INTO goal FROM "toc_tool" t WHERE t."id" = (row_data->>'tool_id')::uuid;
        END IF;
        INSERT INTO "goal_change" ("goal_id", "subject", "operation", "before", "after", "actor_id")
        VALUES (goal, TG_TABLE_NAME, lower(TG_OP), before_row, after_row, NULLIF(current_setting('byloeft.actor_id', true), '')::uuid);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "toc_tool_record_change" AFTER INSERT OR UPDATE OR DELETE ON "toc_tool" FOR EACH ROW EXECUTE FUNCTION "record_toc_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "toc_activity_record_change" AFTER INSERT OR UPDATE OR DELETE ON "toc_activity" FOR EACH ROW EXECUTE FUNCTION "record_toc_change"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "toc_activity"`);
    await q.query(`DROP TABLE "toc_tool"`);
    await q.query(`DROP FUNCTION "record_toc_change"()`);
  }
}
