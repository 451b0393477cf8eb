#!/usr/bin/env node
// Lints Byløft's OpenAPI document with Redocly's recommended rules (redocly.yaml).
// Usage: npm run lint:api [-- <file or URL>]
//   default: test-artifacts/openapi.json, which test/e2e/openapi-document.e2e-spec.ts writes from /api/docs-json;
//   a URL (e.g. http://localhost:3000/api/docs-json) is fetched first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let target = process.argv[2] ?? 'test-artifacts/openapi.json';
if (/^https?:\/\//.test(target)) {
  const res = await fetch(target);
  if (!res.ok) {
    console.error(`lint:api: ${target} answered ${res.status}`);
    process.exit(2);
  }
  const file = join(mkdtempSync(join(tmpdir(), 'byloeft-openapi-')), 'openapi.json');
  writeFileSync(file, await res.text());
  target = file;
}
if (!existsSync(target)) {
  console.error(
    `lint:api: ${target} not found. Run the app and pass its document (npm run lint:api -- http://localhost:3000/api/docs-json), ` +
      'or run test/e2e/openapi-document.e2e-spec.ts, which writes it.',
  );
  process.exit(2);
}
const redocly = join(import.meta.dirname, '..', 'node_modules', '.bin', 'redocly');
const run = spawnSync(redocly, ['lint', target, '--format', 'stylish'], {
  stdio: 'inherit',
  // No telemetry or update check from a test run.
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
process.exit(run.status ?? 1);
