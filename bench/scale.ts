/**
 * Benchmark (not a test): every list, overview and report endpoint at
 * national scale. Creates a fresh database on DATABASE_URL (dropped
 * afterwards), loads the national data set (bench/national-dataset.ts: 600
 * areas, 3,000 plans, 50,000 projects, 5 M plan transitions, 1 M
 * measurements), boots the API in this process and times each endpoint over
 * HTTP: p50/p95 of 50 requests, with the SQL time of the same requests
 * beside it (the summed duration of their queries) and the response size.
 * The last line is the slowest p95: `max p95 NN ms`.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:scale
 *   … npm run bench:scale -- --keep      # keep the database (its name is printed) to look at it afterwards
 *   … npm run bench:scale -- --reuse NAME   # time a database kept before (loaded already; kept again)
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module.js';
import { configureApp } from '../src/configure-app.js';
import { PinoNestLogger } from '../src/platform/common/logger.js';
import { validateEnvironment, type RuntimeConfig } from '../src/platform/config/app-config.js';
import { dataSourceOptions } from '../src/platform/database/data-source-options.js';
import { COPENHAGEN } from '../src/seed/copenhagen.seed.js';
import { DEMO_PASSWORD, seedDemoAccounts, seedMasterData } from '../src/seed/seeder.js';
import { loadNationalDataset } from './national-dataset.js';

const REQUESTS = 50;
const WARM_UP = 3;
/** Responses larger than this are flagged: no list answers with more unless an export is asked for. */
const MAX_BYTES = 500 * 1024;

const out = (line: string) => process.stdout.write(`${line}\n`);

/** The summed duration of every query the pg driver runs, so a request's SQL time is the difference. */
let sqlMs = 0;
function timeQueries(): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    const done = () => (sqlMs += performance.now() - t0);
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (...a: unknown[]) => unknown;
      args[last] = (...a: unknown[]) => {
        done();
        return callback(...a);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(done, done);
    return result;
  };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('bench:scale needs DATABASE_URL (a PostgreSQL server to create its database on)');
  const reuse = process.argv.includes('--reuse') ? process.argv[process.argv.indexOf('--reuse') + 1] : undefined;
  if (reuse !== undefined && !/^byloeft_scale_[a-z0-9_]+$/.test(reuse)) {
    throw new Error(`--reuse takes the name of a database a --keep run printed (byloeft_scale_…), not ${reuse}`);
  }
  const keep = reuse !== undefined || process.argv.includes('--keep');
  const name = reuse ?? `byloeft_scale_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const onServer = async (sql: string) => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  if (!reuse) await onServer(`CREATE DATABASE "${name}"`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  const started = performance.now();
  let app: Awaited<ReturnType<typeof NestFactory.create>> | null = null;
  try {
    const ds = new DataSource(dataSourceOptions(url, { logging: ['error'] }));
    await ds.initialize();
    const [{ server_version: version }] = (await ds.query(`SHOW server_version`)) as { server_version: string }[];
    out(`Byløft benchmark: every list, overview and report endpoint at national scale`);
    out(`PostgreSQL ${version} at ${u.host}, database ${name}${keep ? ' (kept)' : ' (dropped afterwards)'}`);
    out(`Node ${process.version}, ${cpus().length} cores; ${new Date().toISOString()}`);
    if (reuse) {
      out(`\nThe national data set as loaded before (--reuse).`);
    } else {
      await ds.runMigrations({ transaction: 'each' });
      await seedMasterData(ds, COPENHAGEN);
      await seedDemoAccounts(ds);
      out(`\nLoading the national data set (SQL, generate_series):`);
      const counts = await loadNationalDataset(ds, undefined, (what, ms) =>
        out(`  ${what.padEnd(18)} ${(ms / 1000).toFixed(1).padStart(6)} s`),
      );
      out(
        `  = ${counts.areas} areas, ${counts.plans} plans, ` +
          `${counts.planTransitions.toLocaleString('en')} plan transitions, ` +
          `${counts.projects.toLocaleString('en')} projects (${counts.adoptions.toLocaleString('en')} adopted), ` +
          `${counts.measurements.toLocaleString('en')} measurements`,
      );
    }
    const [ids] = (await ds.query(
      `SELECT (SELECT id FROM area WHERE code LIKE 'nat-%' ORDER BY code OFFSET 300 LIMIT 1) AS area_id,
              (SELECT id FROM plan ORDER BY area_id, budget_year OFFSET 1500 LIMIT 1) AS plan_id,
              (SELECT id FROM indicator ORDER BY code LIMIT 1) AS indicator_id,
              (SELECT string_agg(id::text, ',') FROM (SELECT id FROM area WHERE code LIKE 'nat-%' ORDER BY code
                                                       OFFSET 100 LIMIT 4) a) AS compared,
              (SELECT max(period) FROM measurement WHERE period LIKE '%-Q%') AS period`,
    )) as { area_id: string; plan_id: string; indicator_id: string; compared: string; period: string }[];
    await ds.destroy();

    const env = validateEnvironment({
      DATABASE_URL: url,
      REDIS_URL: process.env.REDIS_URL,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'silent',
      QUEUE_PREFIX: `byloeft-scale-${randomBytes(3).toString('hex')}`,
    });
    const config: RuntimeConfig = {
      env,
      databaseUrl: url,
      databaseKind: 'external',
      redisUrl: env.REDIS_URL ?? null,
      jwtSecret: env.JWT_SECRET!,
      seedDemo: false,
    };
    const logger = pino({ level: 'silent' });
    app = await NestFactory.create(AppModule.forRoot(config, { api: true, worker: false }), {
      logger: new PinoNestLogger(logger),
    });
    configureApp(app, config, logger);
    await app.listen(0, '127.0.0.1');
    const httpServer = app.getHttpServer() as { address(): AddressInfo };
    const base = `http://127.0.0.1:${httpServer.address().port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.byloeft.dk', password: DEMO_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    timeQueries();

    const a = ids.area_id;
    const p = ids.plan_id;
    const endpoints: [string, string][] = [
      ['plans, first page', '/api/plans'],
      ['plans by area', `/api/plans?areaId=${a}`],
      ['plans overdue', '/api/plans?overdue=true'],
      ['projects, first page', '/api/projects'],
      ['projects by area', `/api/projects?areaId=${a}`],
      ['projects overdue', '/api/projects?overdue=true'],
      ['area overview', `/api/areas/${a}/overview`],
      ['overview, all areas', '/api/overview'],
      ['identification', '/api/identification'],
      ["one plan's history", `/api/plans/${p}/history`],
      ['portfolio', '/api/projects/portfolio'],
      ['adoption ledger', '/api/projects/adoptions'],
      ['deadlines', '/api/deadlines'],
      // The comparison page (/areas/compare): a page of areas for one period, and one indicator's series for four.
      ['comparison, a period', `/api/overview?period=${ids.period}&limit=20`],
      ['comparison, 4 series', `/api/indicators/${ids.indicator_id}/series?areaIds=${ids.compared}`],
    ];
    out(`\n${REQUESTS} requests each (after ${WARM_UP} to warm up), one at a time, over HTTP:`);
    out(
      `  ${'endpoint'.padEnd(22)} ${'p50 / p95 ms'.padStart(15)} ${'SQL p50 / p95 ms'.padStart(18)} ` +
        `${'size'.padStart(9)}`,
    );
    let maxP95 = 0;
    let slowest = '';
    const oversized: string[] = [];
    for (const [label, path] of endpoints) {
      const get = async () => {
        const sql0 = sqlMs;
        const t0 = performance.now();
        const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
        const body = await res.arrayBuffer();
        return { status: res.status, bytes: body.byteLength, ms: performance.now() - t0, sql: sqlMs - sql0, body };
      };
      const first = await get();
      if (first.status !== 200) throw new Error(`${path}: ${first.status} ${Buffer.from(first.body).toString('utf8')}`);
      for (let i = 1; i < WARM_UP; i++) await get();
      const walls: number[] = [];
      const sqls: number[] = [];
      let bytes = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const r = await get();
        walls.push(r.ms);
        sqls.push(r.sql);
        bytes = r.bytes;
      }
      walls.sort((x, y) => x - y);
      sqls.sort((x, y) => x - y);
      const p95 = quantile(walls, 0.95);
      if (p95 > maxP95) [maxP95, slowest] = [p95, label];
      if (bytes > MAX_BYTES) oversized.push(label);
      const size = bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
      out(
        `  ${label.padEnd(22)} ${`${quantile(walls, 0.5).toFixed(1)} / ${p95.toFixed(1)}`.padStart(15)} ` +
          `${`${quantile(sqls, 0.5).toFixed(1)} / ${quantile(sqls, 0.95).toFixed(1)}`.padStart(18)} ` +
          `${size.padStart(9)}` +
          (bytes > MAX_BYTES ? '  > 500 kB' : ''),
      );
    }
    out(`\nSlowest: ${slowest}. Over 500 kB: ${oversized.length ? oversized.join(', ') : 'none'}.`);
    out(`Total run time ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    out(`max p95 ${Math.round(maxP95)} ms`);
  } finally {
    if (app) await app.close();
    if (!keep) await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`Benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
