import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * National scale (issue 16): the projects list reads its pages in the order
 * of an index (evaluation deadline, creation, id) instead of sorting the
 * whole register for the first page. (The portfolio's index came later:
 * PortfolioIndex1765710000001.)
 */
export class ScaleIndexes1765300000000 implements MigrationInterface {
  name = 'ScaleIndexes1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_project_list_order" ON "project" ("evaluation_deadline", "created_at", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_project_list_order"`);
  }
}
