import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A goal's target may be relative: goal.target_value is then a change in per
 * cent of the goal's baseline ("halve the number of especially deprived
 * housing areas on the government's list": −50), so that in an area the
 * target is the area's own baseline halved.
 */
export class RelativeTargets1765400000000 implements MigrationInterface {
  name = 'RelativeTargets1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "goal_baseline" DROP CONSTRAINT "CHK_goal_baseline_target_kind"`);
    await q.query(
      `ALTER TABLE "goal_baseline" ADD CONSTRAINT "CHK_goal_baseline_target_kind" CHECK ("target_kind" IN ('absolute', 'city_level', 'relative'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "goal_baseline" SET "target_kind" = 'absolute' WHERE "target_kind" = 'relative'`);
    await q.query(`ALTER TABLE "goal_baseline" DROP CONSTRAINT "CHK_goal_baseline_target_kind"`);
    await q.query(
      `ALTER TABLE "goal_baseline" ADD CONSTRAINT "CHK_goal_baseline_target_kind" CHECK ("target_kind" IN ('absolute', 'city_level'))`,
    );
  }
}
