import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/data-source-options.js';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.js';
import { COPENHAGEN } from '../../src/seed/copenhagen.seed.js';
import { seedDemoAccounts, seedMasterData } from '../../src/seed/seeder.js';

export interface TestDatabase {
  url: string;
  /** Drops the database (real server) or stops the embedded one. */
  drop(): Promise<void>;
}

/**
 * A fresh database, migrated the real way and seeded with the master data
 * and the demo accounts: a new database on DATABASE_URL's server when it is
 * set, otherwise an in-memory embedded PGlite.
 */
export async function createTestDatabase(
  prefix: string,
  { prepare = true }: { prepare?: boolean } = {},
): Promise<TestDatabase> {
  let database: TestDatabase;
  if (process.env.DATABASE_URL) {
    const server = process.env.DATABASE_URL;
    const dbName = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    await onServer(server, `CREATE DATABASE "${dbName}"`);
    const u = new URL(server);
    u.pathname = `/${dbName}`;
    database = { url: u.toString(), drop: () => onServer(server, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`) };
  } else {
    const embedded = await startEmbeddedPostgres(null);
    database = { url: embedded.url, drop: () => embedded.stop() };
  }
  // prepare: false leaves it empty, as a new production database is before `npm run migration:run`.
  if (!prepare) return database;
  const ds = new DataSource(dataSourceOptions(database.url, { logging: ['error'] }));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await seedMasterData(ds, COPENHAGEN);
    await seedDemoAccounts(ds);
  } finally {
    await ds.destroy();
  }
  return database;
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
