/**
 * Benchmark (not a test): the embedded default as a laptop user meets it.
 * Starts the built app (`node dist/src/main.js`, what `npm start` runs) with
 * nothing configured on a fresh data directory, and again on the same one:
 * the time from the process start to GET /health/ready answering 200 (cold:
 * a new database, migrated and seeded; warm: a restart), and the memory the
 * process holds once ready (resident set size, with what PGlite's WebAssembly
 * memory and the JavaScript heap take of it, from the app's own report).
 *
 *   npm run bench:embedded
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/platform/database/embedded-postgres.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function start(dataDir: string): Promise<{ child: ChildProcess; readyMs: number; port: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the app exited (${code}) before it was ready`))),
  );
  for (;;) {
    const ready = fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (await Promise.race([ready, exited])) break;
    await new Promise((r) => setTimeout(r, 50)); // polling the port until it answers: the thing being measured
  }
  return { child, readyMs: performance.now() - t0, port };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
}

async function measure(label: string, dataDir: string): Promise<number> {
  const { child, readyMs, port } = await start(dataDir);
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/live`);
    if (res.status !== 200) throw new Error(`/health/live answered ${res.status}`);
    const atReady = rssMb(child.pid!);
    // And its most over the next 5 s, while the workers poll and the heap settles.
    let most = atReady;
    for (let i = 0; i < 25; i++) {
      await new Promise((r) => setTimeout(r, 200));
      most = Math.max(most, rssMb(child.pid!));
    }
    out(
      `  ${label.padEnd(34)} ready in ${(readyMs / 1000).toFixed(1)} s; memory ${atReady.toFixed(0)} MB at ready, ` +
        `${most.toFixed(0)} MB at most in the 5 s after (RSS)`,
    );
    return most;
  } finally {
    await stop(child);
  }
}

async function main(): Promise<void> {
  out('Byløft benchmark: the embedded default (node dist/src/main.js with nothing configured)');
  out(`Node ${process.version}, ${cpus().length} cores; ${new Date().toISOString()}`);
  const base = mkdtempSync(join(tmpdir(), 'byloeft-embedded-bench-'));
  try {
    const dataDir = join(base, 'data');
    await measure('cold start (new data directory)', dataDir);
    await measure('warm start (the same directory)', dataDir);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`Benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
