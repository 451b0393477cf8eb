import 'reflect-metadata';
import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../platform/config/app-config.js';
import { dataSourceOptions } from '../platform/database/data-source-options.js';
import { pendingMigrations } from '../platform/database/prepare-database.js';
import { createAdministrator, CreateAdminError } from '../users/create-admin.js';

/**
 * `npm run create-admin -- --email a@kommune.dk --name "A"` (also
 * `docker compose run --rm api npm run create-admin -- …`): the first
 * administrator. The password comes from ADMIN_PASSWORD, or standard input
 * when it is not a terminal; without either a one-time password is printed
 * once, to be changed at the first sign-in.
 */
const fail = (message: string): never => {
  process.stderr.write(`create-admin: ${message}\n`);
  process.exit(1);
};

let values: { email?: string; name?: string };
try {
  ({ values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true }));
} catch (err) {
  fail(`${(err as Error).message}\nUsage: npm run create-admin -- --email <e-mail> --name "<name>"`);
}
if (!values!.email || !values!.name) fail('Usage: npm run create-admin -- --email <e-mail> --name "<name>"');

let env;
try {
  env = validateEnvironment();
} catch (err) {
  fail((err as Error).message);
}
if (!env!.DATABASE_URL) fail('DATABASE_URL must be set (the embedded default has its demo administrator).');
if (await pendingMigrations(env!.DATABASE_URL!))
  fail('The database has pending migrations: run `npm run migration:run` first.');

async function readStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  return line.length ? line : null;
}

const password = process.env.ADMIN_PASSWORD ? process.env.ADMIN_PASSWORD : await readStdin();
let by = 'create-admin';
try {
  by = `create-admin by ${userInfo().username}@${hostname()}`;
} catch {
  // no user entry (some containers): the command's name is the record
}

const ds = new DataSource(dataSourceOptions(env!.DATABASE_URL!));
await ds.initialize();
try {
  const result = await createAdministrator(ds, { email: values!.email!, name: values!.name!, password, by });
  const email = values!.email!.trim().toLowerCase();
  if (result.outcome === 'unchanged') console.log(`${email} is already an administrator; nothing changed.`);
  else if (result.outcome === 'granted') console.log(`${email} existed and is now also an administrator.`);
  else if (result.oneTimePassword)
    console.log(
      `Created administrator ${email}.\nOne-time password (shown only now; it must be changed at the first sign-in):\n\n  ${result.oneTimePassword}\n`,
    );
  else console.log(`Created administrator ${email} with the password given.`);
} catch (err) {
  if (err instanceof CreateAdminError) fail(err.message);
  throw err;
} finally {
  await ds.destroy();
}
