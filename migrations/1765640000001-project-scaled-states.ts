import type { MigrationInterface, QueryRunner } from 'typeorm';

const V1_STATES = `'proposed', 'approved', 'rejected', 'running', 'evaluationDue', 'evaluationSubmitted', 'assessed', 'terminated', 'adoptedIntoOperations'`;
const V2_STATES = `${V1_STATES}, 'scaling', 'scaledEvaluationDue', 'scaledEvaluationSubmitted', 'scaledAssessed'`;

/**
 * The project machine's version 2 (issue 18): a project scaled after its assessment has a scaled period of its
 * own, evaluated again (scaling → scaledEvaluationDue → scaledEvaluationSubmitted → scaledAssessed) before the
 * decision to terminate or adopt. The state column's check admits the new states. Projects stored by version 1
 * keep their state and machine_version; the machine restores them as they are. project_transition (the chained
 * record) has no check on states and is not touched.
 */
export class ProjectScaledStates1765640000001 implements MigrationInterface {
  name = 'ProjectScaledStates1765640000001';

  async up(q: QueryRunner): Promise<void> {
    await this.replaceCheck(q, V2_STATES);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.replaceCheck(q, V1_STATES);
  }

  /** Drops the state column's check (named by Postgres when the table was made) and adds it anew, named. */
  private async replaceCheck(q: QueryRunner, states: string): Promise<void> {
    const checks = (await q.query(
      `SELECT conname FROM pg_constraint
        WHERE conrelid = '"project"'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%state_value%'`,
    )) as { conname: string }[];
    for (const { conname } of checks) await q.query(`ALTER TABLE "project" DROP CONSTRAINT "${conname}"`);
    await q.query(`ALTER TABLE "project" ADD CONSTRAINT "CHK_project_state" CHECK ("state_value" IN (${states}))`);
  }
}
