/**
 * Loads the national-scale data set (bench/national-dataset.ts) into the
 * database on DATABASE_URL: migrates it, seeds the master data and the demo
 * accounts, then writes 600 areas, 3,000 plans, 50,000 projects, 5 M plan
 * transitions and 1 M measurements with SQL. Meant for an empty database of
 * your own (it refuses one that already has plans), e.g. to try the web app
 * or a query plan at national scale. The 5 M plan transitions are written
 * without the record's hash chain (its trigger is off while they load), so
 * `npm run audit:verify` reports them as not sealed; it needs the tables'
 * owner, as migrations do:
 *
 *   createdb byloeft_national
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/byloeft_national npm run dataset:national
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/platform/database/data-source-options.js';
import { COPENHAGEN } from '../src/seed/copenhagen.seed.js';
import { seedDemoAccounts, seedMasterData } from '../src/seed/seeder.js';
import { loadNationalDataset } from './national-dataset.js';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('dataset:national needs DATABASE_URL (an empty database to load the data set into)\n');
  process.exit(1);
}
const ds = new DataSource(dataSourceOptions(url, { logging: ['error'] }));
try {
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const [{ plans }] = (await ds.query(`SELECT count(*)::int AS plans FROM plan`)) as { plans: number }[];
  if (plans > 0) throw new Error(`the database already has ${plans} plans: load the data set into an empty one`);
  await seedMasterData(ds, COPENHAGEN);
  await seedDemoAccounts(ds);
  const counts = await loadNationalDataset(ds, undefined, (what, ms) =>
    process.stdout.write(`${what.padEnd(18)} ${(ms / 1000).toFixed(1).padStart(6)} s\n`),
  );
  process.stdout.write(`Loaded: ${JSON.stringify(counts)}\n`);
  await ds.destroy();
} catch (err) {
  process.stderr.write(`dataset:national failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
