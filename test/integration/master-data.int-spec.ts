import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { AppError } from '../../src/platform/common/app-error.js';
import { updateWithVersion } from '../../src/platform/common/optimistic-update.js';
import { dataSourceOptions } from '../../src/platform/database/data-source-options.js';
import { Indicator } from '../../src/master-data/indicator.entity.js';
import { COPENHAGEN } from '../../src/seed/copenhagen.seed.js';
import { seedMasterData } from '../../src/seed/seeder.js';
import { testRuntimeConfig } from '../support/test-env.js';
import { OWNED_BY_THE_AUDIT_CHAIN } from '../support/schema-check.js';

const SEEDED_TABLES = ['municipality', 'administration', 'area', 'local_network', 'indicator', 'goal'] as const;

/** Row count and a fingerprint of every column of every row, per seeded table. */
async function snapshot(m: EntityManager): Promise<Record<string, { rows: number; fingerprint: string }>> {
  const out: Record<string, { rows: number; fingerprint: string }> = {};
  for (const table of SEEDED_TABLES) {
    const [row] = (await m.query(
      `SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') AS fingerprint FROM
        "${table}" t`,
    )) as { rows: number; fingerprint: string }[];
    out[table] = row!;
  }
  return out;
}

describe('Master data on the real database', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(testRuntimeConfig().databaseUrl, { logging: false }));
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('has migrations that match the entities: every table and column the entities use exists as declared', async () => {
    // The hand-written migrations own the foreign keys, CHECK constraints and
    // partial indexes (the entities do not repeat them), so dropping those is
    // expected; any other change (a missing table or column, a type or
    // nullability difference) means an entity and the migrations disagree.
    const { upQueries } = await ds.driver.createSchemaBuilder().log();
    const ownedByMigrations = /^(ALTER TABLE "\w+" DROP CONSTRAINT "[^"]+"|DROP INDEX "public"\."[^"]+")$/;
    const pending = upQueries
      .map((q) => q.query)
      .filter((q) => !ownedByMigrations.test(q) && !OWNED_BY_THE_AUDIT_CHAIN.test(q));
    expect({ schemaChangesTheEntitiesWouldMake: pending }).toEqual({ schemaChangesTheEntitiesWouldMake: [] });
    expect(upQueries.length).toBeGreaterThan(0); // the filter above is exercised: the FKs exist only in the migrations
  });

  it('re-seeding adds and changes nothing', async () => {
    // Locked, so that other test files' writes cannot move the counts in between;
    // the seeder runs inside this transaction (its own transaction becomes a savepoint).
    await ds.transaction(async (m) => {
      await m.query(`LOCK TABLE ${SEEDED_TABLES.map((t) => `"${t}"`).join(', ')} IN SHARE MODE`);
      const before = await snapshot(m);
      expect(before.area.rows).toBeGreaterThanOrEqual(COPENHAGEN.areas.length);
      expect(before.administration.rows).toBeGreaterThanOrEqual(COPENHAGEN.administrations.length);
      expect(before.goal.rows).toBeGreaterThanOrEqual(COPENHAGEN.goals.length);
      expect(before.indicator.rows).toBeGreaterThanOrEqual(COPENHAGEN.indicators.length);
      expect(before.local_network.rows).toBeGreaterThanOrEqual(COPENHAGEN.areas.length);
      await seedMasterData(m as unknown as DataSource, COPENHAGEN);
      expect(await snapshot(m)).toEqual(before);
    });
  });

  it('re-seeding starts no local network for an area an administrator added (that is started on purpose)', async () => {
    const code = `admin-area-${randomUUID().slice(0, 8)}`;
    const [{ id }] = (await ds.query(`INSERT INTO area (code, name) VALUES ($1, 'Tilføjet') RETURNING id`, [code])) as {
      id: string;
    }[];
    try {
      await seedMasterData(ds, COPENHAGEN);
      expect(await ds.query(`SELECT 1 FROM local_network WHERE area_id = $1`, [id])).toEqual([]);
      const seeded = (await ds.query(
        `SELECT count(*)::int AS n FROM area a JOIN local_network n ON n.area_id = a.id WHERE a.code = ANY($1::text[])`,
        [COPENHAGEN.areas.map((a) => a.code)],
      )) as { n: number }[];
      expect(seeded[0].n).toBe(COPENHAGEN.areas.length);
    } finally {
      await ds.query(`DELETE FROM area WHERE id = $1`, [id]);
    }
  });

  it("re-seeding keeps an administrator's edit", async () => {
    const code = COPENHAGEN.areas[0].code;
    const [{ description: original }] = (await ds.query(`SELECT description FROM area WHERE code = $1`, [code])) as {
      description: string;
    }[];
    const edited = `Redigeret af en administrator ${randomUUID()}`;
    await ds.query(`UPDATE area SET description = $1 WHERE code = $2`, [edited, code]);
    try {
      await seedMasterData(ds, COPENHAGEN);
      const [{ description }] = (await ds.query(`SELECT description FROM area WHERE code = $1`, [code])) as {
        description: string;
      }[];
      expect(description).toBe(edited);
    } finally {
      await ds.query(`UPDATE area SET description = $1 WHERE code = $2`, [original, code]);
    }
  });

  it('lets exactly one of 20 concurrent updates of the same version win', async () => {
    const repo = ds.getRepository(Indicator);
    const row = await repo.save(
      repo.create({ code: `test-concurrency-${randomUUID()}`, name: 'Concurrency', kind: 'supplementary' }),
    );
    try {
      expect(row.version).toBe(1);
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          updateWithVersion(ds.manager, Indicator, 'Indicator', row.id, 1, { name: `Writer ${i}` }),
        ),
      );
      const won = results.filter((r): r is PromiseFulfilledResult<Indicator> => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const { reason } of lost) {
        expect(reason).toBeInstanceOf(AppError);
        expect({ code: (reason as AppError).code, ...(reason as AppError).extensions }).toEqual({
          code: 'VERSION_CONFLICT',
          expectedVersion: 1,
          currentVersion: 2,
        });
      }
      const stored = await repo.findOneByOrFail({ id: row.id });
      expect(stored.version).toBe(2);
      expect(stored.name).toBe(won[0].value.name);
      expect(won[0].value.version).toBe(2);
    } finally {
      await repo.delete({ id: row.id });
    }
  });

  it('refuses a staff user without an administration in the database itself', async () => {
    const insert = (email: string, roles: string[], administration: string | null, m: EntityManager = ds.manager) =>
      m.query(
        `INSERT INTO app_user (email, display_name, roles, administration_id)
         VALUES ($1, 'Check', $2, (SELECT id FROM administration WHERE code = $3)) RETURNING id`,
        [email, roles, administration],
      );
    const run = randomUUID();
    let error: unknown;
    try {
      await insert(`staff-without-${run}@kk.dk`, ['staff'], null);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(QueryFailedError);
    const driverError = (error as QueryFailedError & { driverError: { code?: string; constraint?: string } })
      .driverError;
    expect({ code: driverError.code, constraint: driverError.constraint }).toEqual({
      code: '23514',
      constraint: 'CHK_app_user_staff_has_administration',
    });

    // The same insert is fine with an administration, or for a role that needs none. In a transaction that is rolled
    // back: the files share the database, and a staff user of BIF committed and then deleted could vanish under
    // another file's notification of BIF's staff (its foreign key then fails).
    const allowed = [`staff-with-${run}@kk.dk`, `observer-${run}@kk.dk`];
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await insert(allowed[0], ['staff'], 'BIF', runner.manager);
      await insert(allowed[1], ['observer'], null, runner.manager);
      const [{ count }] = (await runner.manager.query(
        `SELECT count(*)::int AS count FROM app_user WHERE email = ANY($1)`,
        [allowed],
      )) as { count: number }[];
      expect(count).toBe(2);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
