import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../platform/config/app-config.js';
import { grantAppRole, roleOf } from '../platform/database/app-role.js';
import { dataSourceOptions } from '../platform/database/data-source-options.js';

/**
 * `npm run migration:run` / `migration:revert`. Migrations run as the owner
 * role, MIGRATION_DATABASE_URL (DATABASE_URL when it is not set). When the
 * two name different roles, the app's role (DATABASE_URL's user) is then
 * given exactly the privileges the API and worker need (grantAppRole).
 */
const command = process.argv[2] ?? 'run';
let env;
try {
  env = validateEnvironment();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
const ownerUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
if (!ownerUrl) {
  process.stderr.write(
    'MIGRATION_DATABASE_URL or DATABASE_URL must be set: migrations run as an explicit step against the configured ' +
      'database (the embedded default migrates itself).\n',
  );
  process.exit(1);
}
const ds = new DataSource(dataSourceOptions(ownerUrl));
await ds.initialize();
try {
  if (command === 'revert') {
    await ds.undoLastMigration({ transaction: 'each' });
  } else {
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations.');
  }
  const appRole = env.DATABASE_URL ? roleOf(env.DATABASE_URL) : null;
  const ownerRole = roleOf(ownerUrl);
  if (appRole && ownerRole && appRole !== ownerRole) {
    const appendOnly = await grantAppRole(ds, appRole);
    console.log(
      `Role ${appRole} (DATABASE_URL) may read and write, owns nothing, and only adds to ${appendOnly.length} ` +
        `append-only tables.`,
    );
  } else {
    console.warn(
      'The app and the migrations use the same role: it owns the tables and could alter the record. ' +
        'Set MIGRATION_DATABASE_URL to an owner role and DATABASE_URL to a role of its own (see the README).',
    );
  }
} finally {
  await ds.destroy();
}
