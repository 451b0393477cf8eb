import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper evidence for the append-only record (issue 11, defect 4): a hash
 * chain per subject on every append-only table.
 *
 * Each row gets chain_seq (1, 2, … per subject), prev_hash (the previous
 * row's row_hash, NULL for the first) and row_hash = sha256(prev_hash ||
 * the row's content), the content being the row as jsonb without the two
 * hashes and without NULL members (jsonb_strip_nulls, so a nullable column
 * added later does not break old links), and without large columns another
 * column already fingerprints (an attachment's bytes: its sha256 is hashed).
 * The BEFORE INSERT trigger computes it in the database, under an advisory
 * transaction lock per table and subject, so inserts into one subject's
 * chain take turns and the code that inserts rows does not change. The
 * functions run with TimeZone UTC, so a timestamp hashes the same whatever
 * the session's zone.
 *
 * audit_chain_table lists the chained tables, their subject column and what
 * their hash leaves out. audit_first_break(table) returns the first broken link of a table (or no
 * row): a row whose content no longer matches its hash, whose prev_hash is
 * not its predecessor's hash, or a gap in chain_seq (a row removed).
 * audit_reseal(table) recomputes a table's chains; only for a migration that
 * deliberately changes such a table's rows (e.g. adds a column with a
 * default), run by the owner.
 *
 * Existing rows are sealed here, in their insertion order.
 */

/** table → the column naming the subject whose history the chain is, and members left out of the hash. */
export const CHAINED_TABLES: Record<string, { subject: string; exclude: string[]; order: string }> = {
  plan_transition: { subject: 'plan_id', exclude: [], order: 'id' },
  plan_gate_version: { subject: 'plan_id', exclude: [], order: 'id' },
  project_transition: { subject: 'project_id', exclude: [], order: 'id' },
  project_evaluation_submission: { subject: 'project_id', exclude: [], order: 'id' },
  project_attachment: { subject: 'project_id', exclude: ['content'], order: 'created_at, id' },
  project_adoption: { subject: 'project_id', exclude: [], order: 'decided_at, id' },
  intervention_change: { subject: 'intervention_id', exclude: [], order: 'id' },
  goal_change: { subject: 'goal_id', exclude: [], order: 'id' },
  measurement_change: { subject: 'measurement_id', exclude: [], order: 'id' },
};

export class RecordChains1765200000001 implements MigrationInterface {
  name = 'RecordChains1765200000001';

  async up(q: QueryRunner): Promise<void> {
    // Which tables carry a chain, by what subject, and what their hash leaves out (read by the verifier).
    await q.query(`
      CREATE TABLE "audit_chain_table" (
        "table_name" text NOT NULL,
        "subject_column" text NOT NULL,
        "excluded" text[] NOT NULL DEFAULT '{}',
        CONSTRAINT "PK_audit_chain_table" PRIMARY KEY ("table_name")
      )`);
    // The content a row's hash covers.
    await q.query(`
      CREATE FUNCTION "audit_row_content"(row_data jsonb, excluded text[]) RETURNS bytea
        LANGUAGE sql IMMUTABLE AS $$
          SELECT convert_to(jsonb_strip_nulls(row_data - 'row_hash' - 'prev_hash' - excluded)::text, 'UTF8')
        $$`);
    await q.query(`
      CREATE FUNCTION "audit_chain_row"() RETURNS trigger LANGUAGE plpgsql SET "TimeZone" = 'UTC' AS $$
      DECLARE
        subject_column text := TG_ARGV[0];
        excluded text[] := TG_ARGV[1:];
        subject text := to_jsonb(NEW) ->> subject_column;
        prev record;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('byloeft.audit-chain.' || TG_TABLE_NAME), hashtext(subject));
        EXECUTE format('SELECT "chain_seq", "row_hash" FROM %I WHERE %I = ($1).%I ORDER BY "chain_seq" DESC LIMIT 1',
                       TG_TABLE_NAME, subject_column, subject_column)
          INTO prev USING NEW;
        NEW."chain_seq" := COALESCE(prev."chain_seq", 0) + 1;
        NEW."prev_hash" := prev."row_hash";
        NEW."row_hash" := NULL;
        NEW."row_hash" := sha256(COALESCE(prev."row_hash", ''::bytea) || "audit_row_content"(to_jsonb(NEW), excluded));
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION "audit_first_break"(tbl text)
        RETURNS TABLE ("row_id" text, "subject" text, "chain_seq" bigint, "reason" text)
        LANGUAGE plpgsql STABLE SET "TimeZone" = 'UTC' AS $$
      DECLARE
        subject_column text;
        excluded text[];
      BEGIN
        SELECT t.tgargs_subject, t.tgargs_excluded INTO subject_column, excluded FROM (
          SELECT (string_to_array(rtrim(encode(tgargs, 'escape'), E'\\\\000'), E'\\\\000'))[1] AS tgargs_subject,
                 (string_to_array(rtrim(encode(tgargs, 'escape'), E'\\\\000'), E'\\\\000'))[2:] AS tgargs_excluded
            FROM pg_trigger WHERE tgrelid = tbl::regclass AND tgname = tbl || '_chain') t;
        IF subject_column IS NULL THEN
          RAISE EXCEPTION 'table % has no hash chain', tbl;
        END IF;
        RETURN QUERY EXECUTE format($q$
          SELECT x."id"::text, x."subject", x."chain_seq"::bigint,
                 CASE
                   WHEN x."row_hash" IS NULL THEN 'the row has no hash'
                   WHEN x."chain_seq" <> COALESCE(x."prev_seq", 0) + 1 THEN
                     format('a gap in the chain: row %%s follows row %%s (a row was removed)', x."chain_seq", COALESCE(x."prev_seq", 0))
                   WHEN x."prev_hash" IS DISTINCT FROM x."expected_prev" THEN 'prev_hash is not the hash of the row before'
                   ELSE 'the row was changed after it was written (its content no longer matches its hash)'
                 END
            FROM (
              SELECT t."id", t.%1$I::text AS "subject", t."chain_seq", t."prev_hash", t."row_hash",
                     lag(t."chain_seq") OVER w AS "prev_seq", lag(t."row_hash") OVER w AS "expected_prev",
                     sha256(COALESCE(t."prev_hash", ''::bytea) || "audit_row_content"(to_jsonb(t), $1)) AS "recomputed"
                FROM %2$I t
              WINDOW w AS (PARTITION BY t.%1$I ORDER BY t."chain_seq")) x
           WHERE x."row_hash" IS NULL OR x."chain_seq" <> COALESCE(x."prev_seq", 0) + 1
              OR x."prev_hash" IS DISTINCT FROM x."expected_prev" OR x."recomputed" <> x."row_hash"
           ORDER BY x."subject", x."chain_seq"
           LIMIT 1 $q$, subject_column, tbl) USING excluded;
      END $$`);
    await q.query(`
      CREATE FUNCTION "audit_reseal"(tbl text, order_by text) RETURNS bigint
        LANGUAGE plpgsql SET "TimeZone" = 'UTC' AS $$
      DECLARE
        subject_column text;
        excluded text[];
        r record;
        last_subject text := NULL;
        seq bigint := 0;
        prev bytea := NULL;
        h bytea;
        n bigint := 0;
      BEGIN
        SELECT (string_to_array(rtrim(encode(tgargs, 'escape'), E'\\\\000'), E'\\\\000'))[1],
               (string_to_array(rtrim(encode(tgargs, 'escape'), E'\\\\000'), E'\\\\000'))[2:]
          INTO subject_column, excluded
          FROM pg_trigger WHERE tgrelid = tbl::regclass AND tgname = tbl || '_chain';
        EXECUTE format('ALTER TABLE %I DISABLE TRIGGER %I', tbl, tbl || '_append_only');
        FOR r IN EXECUTE format('SELECT t.ctid AS "rowref", t.%I::text AS "subject", to_jsonb(t) AS "data" FROM %I t ORDER BY t.%I, %s',
                                subject_column, tbl, subject_column, order_by) LOOP
          IF last_subject IS DISTINCT FROM r."subject" THEN
            last_subject := r."subject"; seq := 0; prev := NULL;
          END IF;
          seq := seq + 1;
          h := sha256(COALESCE(prev, ''::bytea) ||
                      "audit_row_content"(r."data" || jsonb_build_object('chain_seq', seq), excluded));
          EXECUTE format('UPDATE %I SET "chain_seq" = $1, "prev_hash" = $2, "row_hash" = $3 WHERE ctid = $4', tbl)
            USING seq, prev, h, r."rowref";
          prev := h;
          n := n + 1;
        END LOOP;
        EXECUTE format('ALTER TABLE %I ENABLE TRIGGER %I', tbl, tbl || '_append_only');
        RETURN n;
      END $$`);

    for (const [table, { subject, exclude, order }] of Object.entries(CHAINED_TABLES)) {
      await q.query(`ALTER TABLE "${table}" ADD "chain_seq" bigint, ADD "prev_hash" bytea, ADD "row_hash" bytea`);
      await q.query(
        `INSERT INTO "audit_chain_table" ("table_name", "subject_column", "excluded") VALUES ($1, $2, $3)`,
        [table, subject, exclude],
      );
      const args = [subject, ...exclude].map((a) => `'${a}'`).join(', ');
      await q.query(
        `CREATE TRIGGER "${table}_chain" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "audit_chain_row"(${args})`,
      );
      await q.query(`SELECT "audit_reseal"($1, $2)`, [
        table,
        order
          .split(', ')
          .map((c) => `t."${c}"`)
          .join(', '),
      ]);
      await q.query(
        `ALTER TABLE "${table}" ALTER "chain_seq" SET NOT NULL, ALTER "row_hash" SET NOT NULL,
           ADD CONSTRAINT "UQ_${table}_chain" UNIQUE ("${subject}", "chain_seq")`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(CHAINED_TABLES)) {
      await q.query(`DROP TRIGGER "${table}_chain" ON "${table}"`);
      await q.query(
        `ALTER TABLE "${table}" DROP CONSTRAINT "UQ_${table}_chain", DROP COLUMN "chain_seq", DROP COLUMN "prev_hash", DROP COLUMN "row_hash"`,
      );
    }
    await q.query(`DROP FUNCTION "audit_reseal"(text, text)`);
    await q.query(`DROP FUNCTION "audit_first_break"(text)`);
    await q.query(`DROP FUNCTION "audit_chain_row"()`);
    await q.query(`DROP FUNCTION "audit_row_content"(jsonb, text[])`);
    await q.query(`DROP TABLE "audit_chain_table"`);
  }
}
