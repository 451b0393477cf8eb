import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox (queue jobs written with the change that causes
 * them) and in-app notifications. No table may take a name BullMQ's
 * PostgreSQL backend uses in schema "bullmq" (job, event, meta, …): in the
 * embedded default both schemas are on the search_path.
 */
export class OutboxNotifications1764190000000 implements MigrationInterface {
  name = 'OutboxNotifications1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "outbox_message" (
        "id" bigserial NOT NULL,
        "queue" text NOT NULL,
        "name" text NOT NULL,
        "job_id" text NOT NULL,
        "data" jsonb NOT NULL DEFAULT '{}',
        "run_at" timestamptz NOT NULL DEFAULT now(),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "delivered_at" timestamptz,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "locked_until" timestamptz,
        CONSTRAINT "PK_outbox_message" PRIMARY KEY ("id")
      )`);
    // The relay's work list: only undelivered rows, in order.
    await q.query(
      `CREATE INDEX "IDX_outbox_message_undelivered" ON "outbox_message" ("id") WHERE "delivered_at" IS NULL`,
    );

    await q.query(`
      CREATE TABLE "notification" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "title" text NOT NULL,
        "body" text NOT NULL,
        "link" text,
        "dedup_key" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "read_at" timestamptz,
        "emailed_at" timestamptz,
        CONSTRAINT "PK_notification" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_notification_user_dedup" UNIQUE ("user_id", "dedup_key"),
        CONSTRAINT "FK_notification_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_notification_user_created" ON "notification" ("user_id", "created_at")`);
    await q.query(`CREATE INDEX "IDX_notification_user_unread" ON "notification" ("user_id") WHERE "read_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notification"`);
    await q.query(`DROP TABLE "outbox_message"`);
  }
}
