import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../platform/config/app-config.js';
import { dataSourceOptions } from '../platform/database/data-source-options.js';

/** `npm run migration:run` / `migration:revert` against DATABASE_URL. */
const command = process.argv[2] ?? 'run';
let env;
try {
  env = validateEnvironment();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
if (!env.DATABASE_URL) {
  process.stderr.write(
    'DATABASE_URL must be set: migrations run as an explicit step against the configured database (the embedded default migrates itself).\n',
  );
  process.exit(1);
}
const ds = new DataSource(dataSourceOptions(env.DATABASE_URL));
await ds.initialize();
try {
  if (command === 'revert') {
    await ds.undoLastMigration({ transaction: 'each' });
  } else {
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations.');
  }
} finally {
  await ds.destroy();
}
