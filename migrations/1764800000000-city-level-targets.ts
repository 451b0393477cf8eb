import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Goals at the city's level, and import progress by phase.
 *
 * - goal_baseline.target_kind: what a city goal's target is: 'absolute' (a
 *   value of its indicator, goal.target_value) or 'city_level' ("på niveau
 *   med byens gennemsnit": in an area, the index against the city for the
 *   same period reaches 100 by the target year, on the side the goal's
 *   direction calls good). Kept beside the baseline, in the row that says
 *   how the goal is measured, so a change goes on the goal's record through
 *   the existing trigger. Existing rows become 'absolute'.
 * - indicator_import.phase: where a running import is (reading the file,
 *   validating its rows, writing them), with rows_done / rows_total of that
 *   phase; NULL while queued and once finished.
 */
export class CityLevelTargets1764800000000 implements MigrationInterface {
  name = 'CityLevelTargets1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "goal_baseline" ADD "target_kind" text NOT NULL DEFAULT 'absolute'`);
    await q.query(
      `ALTER TABLE "goal_baseline" ADD CONSTRAINT "CHK_goal_baseline_target_kind" CHECK ("target_kind" IN ('absolute', 'city_level'))`,
    );
    await q.query(`ALTER TABLE "indicator_import" ADD "phase" text`);
    await q.query(
      `ALTER TABLE "indicator_import" ADD CONSTRAINT "CHK_indicator_import_phase" CHECK ("phase" IN ('reading', 'validating', 'writing'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "indicator_import" DROP CONSTRAINT "CHK_indicator_import_phase"`);
    await q.query(`ALTER TABLE "indicator_import" DROP COLUMN "phase"`);
    await q.query(`ALTER TABLE "goal_baseline" DROP CONSTRAINT "CHK_goal_baseline_target_kind"`);
    await q.query(`ALTER TABLE "goal_baseline" DROP COLUMN "target_kind"`);
  }
}
