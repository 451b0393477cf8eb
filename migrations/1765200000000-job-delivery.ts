import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery holds until the job's effect is done (issue 11, defect 1), and
 * the relay is woken by a commit instead of waiting for its next poll.
 *
 * - outbox_message.completed_at: set when the job's handler has finished
 *   (the job ran to its end, or found nothing left to do). A row delivered
 *   to the queue but not completed is the reconciler's to check: a job that
 *   failed for good or vanished from the queue is enqueued again (handlers are
 *   idempotent). reconciled counts those re-enqueues; reconcile_after is the
 *   reconciler's lease and back-off.
 * - Rows delivered before this migration are taken as completed.
 * - A statement-level trigger NOTIFYs channel byloeft_outbox when rows are
 *   inserted; PostgreSQL delivers it when the transaction commits, so a
 *   relay LISTENing on it enqueues the jobs at once (polling stays as the
 *   fallback).
 */
export class JobDelivery1765200000000 implements MigrationInterface {
  name = 'JobDelivery1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_message" ADD "completed_at" timestamptz`);
    await q.query(`ALTER TABLE "outbox_message" ADD "reconciled" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "outbox_message" ADD "reconcile_after" timestamptz`);
    await q.query(`UPDATE "outbox_message" SET "completed_at" = "delivered_at" WHERE "delivered_at" IS NOT NULL`);
    // The reconciler's work list: delivered, not yet completed.
    await q.query(
      `CREATE INDEX "IDX_outbox_message_open" ON "outbox_message" ("run_at")
        WHERE "delivered_at" IS NOT NULL AND "completed_at" IS NULL`,
    );
    // A finished job marks its rows by job id.
    await q.query(`CREATE INDEX "IDX_outbox_message_job" ON "outbox_message" ("job_id")`);
    await q.query(`
      CREATE FUNCTION "outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('byloeft_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_outbox_message_notify" AFTER INSERT ON "outbox_message"
        FOR EACH STATEMENT EXECUTE FUNCTION "outbox_notify"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_outbox_message_notify" ON "outbox_message"`);
    await q.query(`DROP FUNCTION "outbox_notify"()`);
    await q.query(`DROP INDEX "IDX_outbox_message_job"`);
    await q.query(`DROP INDEX "IDX_outbox_message_open"`);
    await q.query(
      `ALTER TABLE "outbox_message" DROP COLUMN "reconcile_after", DROP COLUMN "reconciled", DROP COLUMN "completed_at"`,
    );
  }
}
