import './resolve-ts.cjs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { COPENHAGEN } from '../../src/seed/copenhagen.seed.js';
import { seedDemoAccounts, seedMasterData } from '../../src/seed/seeder.js';

/**
 * One fresh database per test run, migrated the real way and seeded with
 * the master data and demo accounts. With DATABASE_URL: a new database on
 * that server (dropped afterwards). Without: an in-memory embedded PGlite.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  let url: string;
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const dbName = `byloeft_test_${runId}`;
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${dbName}`;
    url = u.toString();
    (globalThis as Record<string, unknown>).__BYLOEFT_TEST_DB__ = { admin: process.env.DATABASE_URL, dbName };
  } else {
    const embedded = await startEmbeddedPostgres(null);
    url = embedded.url;
    (globalThis as Record<string, unknown>).__BYLOEFT_EMBEDDED__ = embedded;
  }
  const ds = new DataSource(dataSourceOptions(url, { logging: ['error'] }));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await seedMasterData(ds, COPENHAGEN);
  await seedDemoAccounts(ds);
  await ds.destroy();
  process.env.BYLOEFT_TEST_DATABASE_URL = url;
  process.env.BYLOEFT_TEST_QUEUE_PREFIX = `byloeft-test-${runId}`;
  process.stdout.write(
    `\nTests use ${process.env.DATABASE_URL ? `PostgreSQL database ${new URL(url).pathname.slice(1)}` : 'embedded PGlite'} and ${process.env.REDIS_URL ? 'BullMQ on Redis' : 'BullMQ on PostgreSQL'}\n`,
  );
}
