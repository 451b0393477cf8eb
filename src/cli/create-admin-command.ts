import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../platform/config/app-config.js';
import { dataSourceOptions } from '../platform/database/data-source-options.js';
import { pendingMigrations } from '../platform/database/prepare-database.js';
import { createAdministrator, CreateAdminError } from '../users/create-admin.js';

/** What the command reads and writes: the process's own in production, stand-ins in the tests. */
export interface CreateAdminIo {
  argv: string[];
  env: NodeJS.ProcessEnv;
  /** Standard input; read only when it is not a terminal. */
  stdin: AsyncIterable<Buffer | string> & { isTTY?: boolean };
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = 'Usage: npm run create-admin -- --email <e-mail> --name "<name>"';

async function firstLine(stdin: CreateAdminIo['stdin']): Promise<string | null> {
  if (stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  return line.length ? line : null;
}

function operator(): string {
  try {
    return `create-admin by ${userInfo().username}@${hostname()}`;
  } catch {
    return 'create-admin'; // no user entry (some containers): the command's name is the record
  }
}

/**
 * `npm run create-admin -- --email a@kommune.dk --name "A"` (also
 * `docker compose run --rm api npm run create-admin -- …`): the first
 * administrator. The password comes from ADMIN_PASSWORD, or standard input
 * when it is not a terminal; without either a one-time password is printed
 * once, to be changed at the first sign-in. Returns the exit code.
 */
export async function runCreateAdmin(io: CreateAdminIo): Promise<number> {
  const fail = (message: string) => {
    io.err(`create-admin: ${message}\n`);
    return 1;
  };
  let values: { email?: string; name?: string };
  try {
    ({ values } = parseArgs({
      args: io.argv,
      options: { email: { type: 'string' }, name: { type: 'string' } },
      strict: true,
    }));
  } catch (err) {
    return fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (!values.email || !values.name) return fail(USAGE);

  let env;
  try {
    env = validateEnvironment(io.env);
  } catch (err) {
    return fail((err as Error).message);
  }
  if (!env.DATABASE_URL) return fail('DATABASE_URL must be set (the embedded default has its demo administrator).');
  if (await pendingMigrations(env.DATABASE_URL))
    return fail('The database has pending migrations: run `npm run migration:run` first.');

  const password = io.env.ADMIN_PASSWORD ? io.env.ADMIN_PASSWORD : await firstLine(io.stdin);
  const ds = new DataSource(dataSourceOptions(env.DATABASE_URL));
  await ds.initialize();
  try {
    const result = await createAdministrator(ds, { email: values.email, name: values.name, password, by: operator() });
    const email = values.email.trim().toLowerCase();
    if (result.outcome === 'created') {
      io.out(
        result.oneTimePassword
          ? `Created administrator ${email}.\nOne-time password (shown only now; it must be changed at the first ` +
              `sign-in):\n\n  ${result.oneTimePassword}\n\n`
          : `Created administrator ${email} with the password given.\n`,
      );
      return 0;
    }
    io.out(
      result.outcome === 'unchanged'
        ? `${email} is already an administrator; nothing changed.\n`
        : `${email} existed and is now also an administrator.\n`,
    );
    // A re-run changes nothing, so say what would still keep the person out, and the way past it.
    if (!result.active)
      io.err(
        `create-admin: note: the account ${email} is deactivated, so it cannot sign in; another administrator ` +
          'can reactivate it (or make one with create-admin and another e-mail).\n',
      );
    if (result.outcome === 'unchanged' && result.mustChangePassword)
      io.err(
        `create-admin: note: ${email} has not yet replaced its one-time password. If it is lost, make another ` +
          'administrator with create-admin and another e-mail, and reset this one’s password from there.\n',
      );
    return 0;
  } catch (err) {
    if (err instanceof CreateAdminError) return fail(err.message);
    throw err;
  } finally {
    await ds.destroy();
  }
}
