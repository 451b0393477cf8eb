import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { describeReport, verifyAuditChains } from '../audit/audit-chain.js';
import { validateEnvironment } from '../platform/config/app-config.js';
import { dataSourceOptions } from '../platform/database/data-source-options.js';

/**
 * `npm run audit:verify`: checks every hash chain on the append-only record
 * against DATABASE_URL; prints the first broken link of each table and exits
 * 1 when there is one, 0 when every chain holds, 2 when it cannot check.
 */
let env;
try {
  env = validateEnvironment();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(2);
}
if (!env.DATABASE_URL) {
  process.stderr.write('DATABASE_URL must be set: audit:verify checks the configured database.\n');
  process.exit(2);
}
const ds = new DataSource(dataSourceOptions(env.DATABASE_URL, { logging: ['error'] }));
await ds.initialize();
let code: number;
try {
  const report = await verifyAuditChains(ds);
  for (const line of describeReport(report)) (report.ok ? process.stdout : process.stderr).write(`${line}\n`);
  code = report.ok ? 0 : 1;
} catch (err) {
  process.stderr.write(
    `audit: could not check the chains (${(err as Error).message}); is the database migrated (npm run ` +
      `migration:run)?\n`,
  );
  code = 2;
} finally {
  await ds.destroy();
}
process.exit(code);
