import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A local network's coordinator hand-over as an event on its record (issue 18): TMF starts each network and
 * hands the coordinator role (tovholder) to the most relevant administration. local_network_handover keeps each
 * hand-over (from, to, when, by whom, why); append-only like the other records, with a hash chain per network
 * (audit_chain_table), so audit:verify covers it. A new table rather than columns on a chained one.
 */
export class NetworkHandovers1765640000002 implements MigrationInterface {
  name = 'NetworkHandovers1765640000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "local_network_handover" (
        "id" bigserial NOT NULL,
        "network_id" uuid NOT NULL REFERENCES "local_network" ("id"),
        "from_administration_id" uuid REFERENCES "administration" ("id"),
        "to_administration_id" uuid NOT NULL REFERENCES "administration" ("id"),
        "reason" text NOT NULL CHECK (length(btrim("reason")) > 0),
        "actor_id" uuid,
        "actor_name" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "chain_seq" bigint,
        "prev_hash" bytea,
        "row_hash" bytea,
        CONSTRAINT "PK_local_network_handover" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "IDX_local_network_handover_network" ON "local_network_handover" ("network_id", "id")`);
    await q.query(
      `CREATE TRIGGER "local_network_handover_append_only" BEFORE UPDATE OR DELETE ON "local_network_handover"
         FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "local_network_handover_no_truncate" BEFORE TRUNCATE ON "local_network_handover"
         FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"()`,
    );
    await q.query(
      `INSERT INTO "audit_chain_table" ("table_name", "subject_column", "excluded")
       VALUES ('local_network_handover', 'network_id', '{}')`,
    );
    await q.query(
      `CREATE TRIGGER "local_network_handover_chain" BEFORE INSERT ON "local_network_handover"
         FOR EACH ROW EXECUTE FUNCTION "audit_chain_row"('network_id')`,
    );
    await q.query(
      `ALTER TABLE "local_network_handover" ALTER "chain_seq" SET NOT NULL, ALTER "row_hash" SET NOT NULL,
         ADD CONSTRAINT "UQ_local_network_handover_chain" UNIQUE ("network_id", "chain_seq")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "audit_chain_table" WHERE "table_name" = 'local_network_handover'`);
    await q.query(`DROP TABLE "local_network_handover"`);
  }
}
