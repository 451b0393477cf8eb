import 'reflect-metadata';
import { runCreateAdmin } from './create-admin-command.js';

/** `npm run create-admin -- --email <e-mail> --name "<name>"`: see runCreateAdmin. */
process.exitCode = await runCreateAdmin({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
