import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../platform/config/app-config.js';
import { dataSourceOptions } from '../platform/database/data-source-options.js';
import { COPENHAGEN } from '../seed/copenhagen.seed.js';
import type { MunicipalitySeed } from '../seed/municipality-seed.js';
import { seedDemoAccounts, seedMasterData } from '../seed/seeder.js';

/**
 * `npm run seed`: loads master data into DATABASE_URL (idempotent).
 * Copenhagen's by default; SEED_FILE=path.json loads another municipality's.
 * Demo accounts only with SEED_DEMO=true (never do that in production).
 */
const env = validateEnvironment();
if (!env.DATABASE_URL) {
  process.stderr.write('DATABASE_URL must be set (the embedded default seeds itself).\n');
  process.exit(1);
}
const seed: MunicipalitySeed = process.env.SEED_FILE
  ? (JSON.parse(readFileSync(process.env.SEED_FILE, 'utf8')) as MunicipalitySeed)
  : COPENHAGEN;
const ds = new DataSource(dataSourceOptions(env.DATABASE_URL));
await ds.initialize();
try {
  await seedMasterData(ds, seed);
  if (env.SEED_DEMO === 'true') await seedDemoAccounts(ds);
  console.log(
    `Seeded master data for ${seed.municipality.name}${env.SEED_DEMO === 'true' ? ' and the demo accounts' : ''}.`,
  );
} finally {
  await ds.destroy();
}
