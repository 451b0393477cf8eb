import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification keeps what it says as a key with parameters
 * (`message`: { title: { key, params }, body: { key, params } }), so each
 * reader gets it in their own language; `title` and `body` keep the Danish
 * text (what the e-mail says, and what older clients read). Null for
 * notifications made before, which are Danish only. The notification table
 * is no record (no hash chain), so a column of its own is enough.
 */
export class NotificationMessages1765610000000 implements MigrationInterface {
  name = 'NotificationMessages1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification" ADD "message" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification" DROP COLUMN "message"`);
  }
}
