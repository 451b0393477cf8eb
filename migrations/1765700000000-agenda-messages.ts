import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agenda item keeps its title as a key with parameters (`message`: { key, params }), so each reader gets it
 * in their own language; `title` keeps the Danish text (the agenda PDF's, and older clients'). Null for items
 * made before, which are Danish only. Agenda items are no record (they are resolved in place), so a column of
 * their own is enough, as for notifications.
 */
export class AgendaMessages1765700000000 implements MigrationInterface {
  name = 'AgendaMessages1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "agenda_item" ADD "message" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "agenda_item" DROP COLUMN "message"`);
  }
}
