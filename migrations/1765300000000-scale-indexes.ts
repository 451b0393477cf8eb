import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * National scale (issue 16): the projects list reads its pages in the order
 * of an index (evaluation deadline, creation, id) instead of sorting the
 * whole register for the first page; the identification reads one period's
 * socio-economic values from an index of (period, indicator) that carries
 * the area and value, instead of scanning a million measurements; the
 * portfolio's aggregates read the projects from an index that carries what
 * they count (state, deadline, administration, areas, end date, decision),
 * a sixth of the table's size, instead of the table with its machine states.
 * It takes over from the (state_value, evaluation_deadline) index.
 */
export class ScaleIndexes1765300000000 implements MigrationInterface {
  name = 'ScaleIndexes1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_project_list_order" ON "project" ("evaluation_deadline", "created_at", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_project_state" ON "project" ("state_value", "evaluation_deadline")`);
    await q.query(`DROP INDEX "IDX_project_portfolio"`);
    await q.query(`DROP INDEX "IDX_measurement_period"`);
    await q.query(`DROP INDEX "IDX_project_list_order"`);
  }
}
