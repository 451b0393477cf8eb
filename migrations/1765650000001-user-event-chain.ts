import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An account's record (user_event: created by create-admin, the API or a
 * sign-in through the provider; roles granted and synced; passwords reset and
 * changed) gets the hash chain the other records have (audit_chain_table),
 * per user, so audit:verify covers it too: it was append-only, but a row
 * changed or removed by the database's owner would not have shown. Existing
 * rows are sealed in the order they were written.
 */
export class UserEventChain1765650000001 implements MigrationInterface {
  name = 'UserEventChain1765650000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "user_event" ADD "chain_seq" bigint, ADD "prev_hash" bytea, ADD "row_hash" bytea`);
    await q.query(
      `INSERT INTO "audit_chain_table" ("table_name", "subject_column", "excluded")
       VALUES ('user_event', 'user_id', '{}')`,
    );
    await q.query(
      `CREATE TRIGGER "user_event_chain" BEFORE INSERT ON "user_event"
         FOR EACH ROW EXECUTE FUNCTION "audit_chain_row"('user_id')`,
    );
    await q.query(`SELECT "audit_reseal"('user_event', 't."id"')`);
    await q.query(
      `ALTER TABLE "user_event" ALTER "chain_seq" SET NOT NULL, ALTER "row_hash" SET NOT NULL,
         ADD CONSTRAINT "UQ_user_event_chain" UNIQUE ("user_id", "chain_seq")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "user_event_chain" ON "user_event"`);
    await q.query(
      `ALTER TABLE "user_event" DROP CONSTRAINT "UQ_user_event_chain", DROP COLUMN "chain_seq",
         DROP COLUMN "prev_hash", DROP COLUMN "row_hash"`,
    );
    await q.query(`DELETE FROM "audit_chain_table" WHERE "table_name" = 'user_event'`);
  }
}
