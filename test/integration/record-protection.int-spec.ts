import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { describeReport, verifyAuditChains } from '../../src/audit/audit-chain.js';
import { grantAppRole } from '../../src/platform/database/app-role.js';
import { dataSourceOptions } from '../../src/platform/database/data-source-options.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The record cannot be altered unseen (issue 11, defect 4): every
 * append-only table carries a hash chain computed by the database, the
 * verifier finds a row changed or removed behind the app's back, and the
 * app's own role (on a PostgreSQL server) can neither disable a trigger nor
 * change the record.
 */
describe('The record is tamper-evident', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('byloeft_record');
    ds = new DataSource(dataSourceOptions(db.url, { logging: ['error'] }));
    await ds.initialize();
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  }, 30_000);

  /** A goal with a few changes on its record (goal_change, written by the goal's trigger). */
  async function goalWithHistory(): Promise<string> {
    const [{ id }] = (await ds.query(
      `INSERT INTO "goal" ("code", "level", "title") VALUES ($1, 'overall', 'Første') RETURNING "id"`,
      [`chain-${randomBytes(4).toString('hex')}`],
    )) as { id: string }[];
    await ds.query(`UPDATE "goal" SET "title" = 'Anden', "version" = 2 WHERE "id" = $1`, [id]);
    await ds.query(`UPDATE "goal" SET "title" = 'Tredje', "version" = 3 WHERE "id" = $1`, [id]);
    return id;
  }

  /** Changes the record as only the owner can: with the append-only trigger off for a moment. */
  async function behindTheAppsBack(sql: string, params: unknown[]): Promise<void> {
    await ds.transaction(async (m) => {
      await m.query(`ALTER TABLE "goal_change" DISABLE TRIGGER "goal_change_append_only"`);
      await m.query(sql, params);
      await m.query(`ALTER TABLE "goal_change" ENABLE TRIGGER "goal_change_append_only"`);
    });
  }

  it('chains each subject: sequence, previous hash and own hash, computed by the database', async () => {
    const id = await goalWithHistory();
    const rows = (await ds.query(
      `SELECT "chain_seq", encode("prev_hash", 'hex') AS prev, encode("row_hash", 'hex') AS hash
         FROM "goal_change" WHERE "goal_id" = $1 ORDER BY "chain_seq"`,
      [id],
    )) as { chain_seq: string; prev: string | null; hash: string }[];
    expect(rows.map((r) => Number(r.chain_seq))).toEqual([1, 2, 3]);
    expect(rows[0].prev).toBeNull();
    expect(rows[1].prev).toBe(rows[0].hash);
    expect(rows[2].prev).toBe(rows[1].hash);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    const report = await verifyAuditChains(ds);
    expect(report.ok).toBe(true);
    expect(report.tables.map((t) => t.table)).toEqual(
      expect.arrayContaining([
        'plan_transition',
        'plan_gate_version',
        'project_transition',
        'project_evaluation_submission',
        'project_adoption',
        'intervention_change',
        'goal_change',
      ]),
    );
    // The hash does not depend on the session's time zone.
    await ds.transaction(async (m) => {
      await m.query(`SET LOCAL TimeZone = 'America/New_York'`);
      expect((await verifyAuditChains(m)).ok).toBe(true);
    });
  });

  it('finds a row changed behind the app’s back, and names it', async () => {
    const id = await goalWithHistory();
    const [second] = (await ds.query(`SELECT "id" FROM "goal_change" WHERE "goal_id" = $1 AND "chain_seq" = 2`, [
      id,
    ])) as { id: string }[];
    await behindTheAppsBack(`UPDATE "goal_change" SET "after" = "after" || '{"title":"Forfalsket"}' WHERE "id" = $1`, [
      second.id,
    ]);
    const report = await verifyAuditChains(ds);
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual([
      expect.objectContaining({ table: 'goal_change', rowId: String(second.id), subject: id, chainSeq: 2 }),
    ]);
    expect(report.broken[0].reason).toMatch(/changed after it was written/);
    expect(describeReport(report)[0]).toMatch(/^audit: BROKEN goal_change row/);
    // Put back as it was, the chain holds again: the hash is over the content alone.
    await behindTheAppsBack(`UPDATE "goal_change" SET "after" = "after" || '{"title":"Anden"}' WHERE "id" = $1`, [
      second.id,
    ]);
    expect((await verifyAuditChains(ds)).ok).toBe(true);
  });

  it('finds a row removed from the middle of a chain', async () => {
    const id = await goalWithHistory();
    await behindTheAppsBack(`DELETE FROM "goal_change" WHERE "goal_id" = $1 AND "chain_seq" = 2`, [id]);
    const report = await verifyAuditChains(ds);
    expect(report.broken).toEqual([expect.objectContaining({ table: 'goal_change', subject: id, chainSeq: 3 })]);
    expect(report.broken[0].reason).toMatch(/gap in the chain/);
    // Leave the database as the other tests expect it: an intact record.
    await ds.query(`SELECT "audit_reseal"('goal_change', 't."id"')`);
    expect((await verifyAuditChains(ds)).ok).toBe(true);
  });

  const onServer = process.env.DATABASE_URL ? it : it.skip;

  onServer("does not let the app's role disable a trigger, truncate or change the record", async () => {
    const role = `byloeft_app_${randomBytes(4).toString('hex')}`;
    await ds.query(`CREATE ROLE "${role}" LOGIN`);
    const url = new URL(db.url);
    url.username = role;
    const app = new pg.Client({ connectionString: url.toString() });
    try {
      const appendOnly = await grantAppRole(ds, role);
      expect(appendOnly).toEqual(expect.arrayContaining(['plan_transition', 'goal_change', 'project_adoption']));
      await app.connect();
      const attempt = async (sql: string) => {
        try {
          await app.query(sql);
          return 'allowed';
        } catch (err) {
          return (err as { code?: string }).code;
        }
      };
      // 42501: insufficient privilege (must be owner; permission denied).
      expect({
        disableTrigger: await attempt(`ALTER TABLE "plan_transition" DISABLE TRIGGER "plan_transition_append_only"`),
        disableChain: await attempt(`ALTER TABLE "goal_change" DISABLE TRIGGER "goal_change_chain"`),
        dropTrigger: await attempt(`DROP TRIGGER "goal_change_append_only" ON "goal_change"`),
        truncate: await attempt(`TRUNCATE "goal_change"`),
        update: await attempt(`UPDATE "goal_change" SET "after" = NULL`),
        delete: await attempt(`DELETE FROM "plan_transition"`),
        renameTable: await attempt(`ALTER TABLE "plan_transition" RENAME TO "plan_transition_old"`),
        createTable: await attempt(`CREATE TABLE "plan_transition_swap" (id int)`),
      }).toEqual({
        disableTrigger: '42501',
        disableChain: '42501',
        dropTrigger: '42501',
        truncate: '42501',
        update: '42501',
        delete: '42501',
        renameTable: '42501',
        createTable: '42501',
      });
      // What the app needs still works: it reads, writes, and adds to the record (chained by the database).
      expect(await attempt(`SELECT count(*) FROM "plan_transition"`)).toBe('allowed');
      expect(await attempt(`UPDATE "goal" SET "title" = "title" WHERE false`)).toBe('allowed');
      const [{ id }] = (
        await app.query(`INSERT INTO "goal" ("code", "level", "title") VALUES ($1, 'overall', 'App') RETURNING "id"`, [
          `app-${randomBytes(4).toString('hex')}`,
        ])
      ).rows as { id: string }[];
      const chained = await app.query(`SELECT "chain_seq" FROM "goal_change" WHERE "goal_id" = $1`, [id]);
      expect(chained.rows).toEqual([{ chain_seq: '1' }]);
    } finally {
      await app.end().catch(() => undefined);
      await ds.query(`DROP OWNED BY "${role}"`);
      await ds.query(`DROP ROLE "${role}"`);
    }
  });
});
