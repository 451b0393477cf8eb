import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Budget rounds (issue 18): the policy prepares the plans in waves tied to a budget year, and the plans go into
 * the budget negotiations. budget_round keeps one row per budget year: the areas whose plans are prepared for it
 * and the day the budget proposals are due (nullable: the policy names none, so a seeded round has none until an
 * administrator sets it). A plan belongs to the round of its budget year (plan.budget_year), so plans made before
 * a round existed join it when it is created; no column on plan. The areas are an array (like the local
 * committees on an area) so that each change of them is one row on the master data record; the service checks
 * that they exist. Created and changed by administrators, on the record_master_data_change record (who, when,
 * before and after), as the other master data.
 */
export class BudgetRounds1765650000000 implements MigrationInterface {
  name = 'BudgetRounds1765650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "budget_round" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "budget_year" integer NOT NULL CHECK ("budget_year" BETWEEN 2000 AND 2100),
        "area_ids" uuid[] NOT NULL DEFAULT '{}',
        "proposals_due_on" date,
        "version" integer NOT NULL DEFAULT 1,
        "created_by" uuid REFERENCES "app_user" ("id"),
        "updated_by" uuid REFERENCES "app_user" ("id"),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_budget_round" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_budget_round_year" UNIQUE ("budget_year")
      )`);
    await q.query(
      `CREATE TRIGGER "budget_round_record_master_data_change" AFTER INSERT OR UPDATE OR DELETE ON "budget_round"
         FOR EACH ROW EXECUTE FUNCTION "record_master_data_change"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "budget_round"`);
  }
}
