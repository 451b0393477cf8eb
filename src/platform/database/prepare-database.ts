import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { COPENHAGEN } from '../../seed/copenhagen.seed.js';
import { seedDemoAccounts, seedMasterData } from '../../seed/seeder.js';
import { dataSourceOptions } from './data-source-options.js';

export async function pendingMigrations(url: string): Promise<boolean> {
  const ds = new DataSource(dataSourceOptions(url, { logging: ['error'] }));
  await ds.initialize();
  try {
    return await ds.showMigrations();
  } finally {
    await ds.destroy();
  }
}

/**
 * The embedded default's start-up: migrate, seed the master data, and on a
 * brand-new database also the demo accounts.
 */
export async function prepareEmbeddedDatabase(url: string, seedDemo: boolean, logger: Logger): Promise<void> {
  const ds = new DataSource(dataSourceOptions(url, { logging: ['error'] }));
  await ds.initialize();
  try {
    const [{ exists }] = (await ds.query(`SELECT to_regclass('public.typeorm_migrations') IS NOT NULL AS exists`)) as {
      exists: boolean;
    }[];
    const applied = await ds.runMigrations({ transaction: 'each' });
    if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'Applied migrations');
    await seedMasterData(ds, COPENHAGEN);
    if (!exists && seedDemo) {
      await seedDemoAccounts(ds);
      logger.info('New database: created the demo accounts (password byloeft-demo)');
    }
  } finally {
    await ds.destroy();
  }
}
