import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A local network's members as people (issue 18): users, each in a capacity (the local head of an
 * administration, or the leader of a project in the area), added and removed on the network's record.
 *
 * - local_network_membership: every addition and removal (who, in which capacity, by whom, when, why). Append-only
 *   like the other records, with a hash chain per network (audit_chain_table), so audit:verify covers it. The
 *   user's, administration's and project's names are kept as they were.
 * - local_network_member: the current members, kept in the same transaction as the event that added or removed
 *   one (a removal deletes the row; the record keeps it). One row per user and capacity (administration or
 *   project): adding someone twice is a conflict with a message.
 * - municipality.network_starter_administration_id: the setting naming the administration that starts every
 *   local network as its first coordinator (TMF in Copenhagen; the seed writes it once when never set).
 *
 * The old free-text members (local_network.members) are kept as they are and shown as legacy names: they name no
 * user, so they cannot become members without guessing. Nothing writes them any more.
 */
export class NetworkMembers1765640000003 implements MigrationInterface {
  name = 'NetworkMembers1765640000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "municipality" ADD "network_starter_administration_id" uuid
         CONSTRAINT "FK_municipality_network_starter" REFERENCES "administration" ("id")`,
    );
    await q.query(`
      CREATE TABLE "local_network_membership" (
        "id" bigserial NOT NULL,
        "network_id" uuid NOT NULL REFERENCES "local_network" ("id"),
        "change" text NOT NULL CHECK ("change" IN ('added', 'removed')),
        "user_id" uuid NOT NULL REFERENCES "app_user" ("id"),
        "user_name" text NOT NULL,
        "capacity" text NOT NULL CHECK ("capacity" IN ('local_head', 'project_leader')),
        "administration_id" uuid REFERENCES "administration" ("id"),
        "administration_name" text,
        "project_id" uuid REFERENCES "project" ("id"),
        "project_title" text,
        "reason" text NOT NULL CHECK (length(btrim("reason")) > 0),
        "actor_id" uuid,
        "actor_name" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "chain_seq" bigint,
        "prev_hash" bytea,
        "row_hash" bytea,
        CONSTRAINT "PK_local_network_membership" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_local_network_membership_capacity" CHECK (
          ("capacity" = 'local_head' AND "administration_id" IS NOT NULL AND "project_id" IS NULL) OR
          ("capacity" = 'project_leader' AND "project_id" IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX "IDX_local_network_membership_network" ON "local_network_membership" ("network_id", "id")`,
    );
    await q.query(
      `CREATE TRIGGER "local_network_membership_append_only" BEFORE UPDATE OR DELETE ON "local_network_membership"
         FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"()`,
    );
    await q.query(
      `CREATE TRIGGER "local_network_membership_no_truncate" BEFORE TRUNCATE ON "local_network_membership"
         FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"()`,
    );
    await q.query(
      `INSERT INTO "audit_chain_table" ("table_name", "subject_column", "excluded")
       VALUES ('local_network_membership', 'network_id', '{}')`,
    );
    await q.query(
      `CREATE TRIGGER "local_network_membership_chain" BEFORE INSERT ON "local_network_membership"
         FOR EACH ROW EXECUTE FUNCTION "audit_chain_row"('network_id')`,
    );
    await q.query(
      `ALTER TABLE "local_network_membership" ALTER "chain_seq" SET NOT NULL, ALTER "row_hash" SET NOT NULL,
         ADD CONSTRAINT "UQ_local_network_membership_chain" UNIQUE ("network_id", "chain_seq")`,
    );
    await q.query(`
      CREATE TABLE "local_network_member" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "network_id" uuid NOT NULL REFERENCES "local_network" ("id"),
        "user_id" uuid NOT NULL REFERENCES "app_user" ("id"),
        "capacity" text NOT NULL CHECK ("capacity" IN ('local_head', 'project_leader')),
        "administration_id" uuid REFERENCES "administration" ("id"),
        "project_id" uuid REFERENCES "project" ("id"),
        "added_seq" bigint NOT NULL,
        "added_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_local_network_member" PRIMARY KEY ("id")
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_local_network_member" ON "local_network_member"
         ("network_id", "user_id", "capacity", COALESCE("project_id", "administration_id"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "local_network_member"`);
    await q.query(`DELETE FROM "audit_chain_table" WHERE "table_name" = 'local_network_membership'`);
    await q.query(`DROP TABLE "local_network_membership"`);
    await q.query(`ALTER TABLE "municipality" DROP COLUMN "network_starter_administration_id"`);
  }
}
