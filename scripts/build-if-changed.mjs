// `npm start` builds only when the sources changed since the last build: a
// fingerprint of every TypeScript source and build setting (path, size,
// modification time) is kept beside the build in dist/.build-fingerprint,
// and the build runs when it differs or the entry point is missing.
// `npm run build` always builds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOTS = ['src', 'libs', 'migrations', 'scripts', 'bench'];
const SETTINGS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const STAMP = 'dist/.build-fingerprint';
const ENTRY = 'dist/src/main.js';

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

export function fingerprint() {
  const hash = createHash('sha256');
  const paths = [...ROOTS.filter((r) => existsSync(r)).flatMap((r) => [...files(r)]), ...SETTINGS.filter(existsSync)];
  for (const path of paths.sort()) {
    const s = statSync(path);
    hash.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

const current = fingerprint();
const built = existsSync(STAMP) && existsSync(ENTRY) ? readFileSync(STAMP, 'utf8').trim() : null;
if (built === current) {
  console.log('Build is up to date (no source changed since the last build).');
} else {
  console.log(built === null ? 'Building…' : 'Sources changed since the last build: building…');
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  writeFileSync(STAMP, `${current}\n`);
}
