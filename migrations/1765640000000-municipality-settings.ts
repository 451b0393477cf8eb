import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two of the municipality's settings (issue 18):
 *
 * - non_working_days (the setting NON_WORKING_DAYS): the municipality's own days off besides the public
 *   holidays, `{ "dates": ["YYYY-MM-DD", …], "yearly": ["MM-DD", …] }`, used by every working-day calculation.
 *   NULL means never set: the seed then writes its municipality's defaults once (Copenhagen: 5 June, 24 and
 *   31 December), and an administrator's later edit (even to none) is left alone by a re-seed.
 * - require_intervention_mix: whether the plan stage's completeness requires every kind of intervention
 *   (core operations, individual-oriented, area-based). Off by default.
 *
 * The municipality row is master data (its changes are on master_data_change by trigger), not an append-only
 * record, so new columns need no re-seal.
 */
export class MunicipalitySettings1765640000000 implements MigrationInterface {
  name = 'MunicipalitySettings1765640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "municipality" ADD "non_working_days" jsonb`);
    await q.query(`ALTER TABLE "municipality" ADD "require_intervention_mix" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "municipality" DROP COLUMN "require_intervention_mix"`);
    await q.query(`ALTER TABLE "municipality" DROP COLUMN "non_working_days"`);
  }
}
