/**
 * Benchmark (not a test): how soon a due-now job's effect is visible
 * (issue 16). A plan's stage deadline is moved into the past (POST
 * /api/plans/:id/deadline), which commits an escalation due now through the
 * outbox; the time is taken from the HTTP answer (the commit) until the
 * escalation is on the forum's agenda (agenda_item), polled every 2 ms. Then
 * the deadline moves on (the escalation leaves the agenda) and back again, 50 times.
 *
 * It runs twice: the relay woken by the commit (LISTEN/NOTIFY, today's
 * default), and the relay polling every second with no LISTEN (how it was).
 *
 *   npm run bench:due-now                           # embedded PGlite, BullMQ on PostgreSQL
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npm run bench:due-now   # a fresh database, dropped afterwards
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module.js';
import { PinoNestLogger } from '../src/platform/common/logger.js';
import { configureApp } from '../src/configure-app.js';
import { validateEnvironment, type RuntimeConfig } from '../src/platform/config/app-config.js';
import { dataSourceOptions } from '../src/platform/database/data-source-options.js';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres.js';
import { COPENHAGEN } from '../src/seed/copenhagen.seed.js';
import { DEMO_PASSWORD, seedDemoAccounts, seedMasterData } from '../src/seed/seeder.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const out = (line: string) => process.stdout.write(`${line}\n`);

async function freshDatabase(): Promise<{ url: string; label: string; cleanup(): Promise<void> }> {
  const external = process.env.DATABASE_URL;
  if (!external) {
    const embedded = await startEmbeddedPostgres(null);
    return { url: embedded.url, label: 'embedded PGlite (in memory)', cleanup: () => embedded.stop() };
  }
  const name = `byloeft_duenow_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const admin = new pg.Client({ connectionString: external });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(external);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    label: `PostgreSQL ${u.host}, database ${name} (dropped afterwards)`,
    async cleanup() {
      const c = new pg.Client({ connectionString: external });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function measure(url: string, env: Record<string, string>, areaCode: string): Promise<number[]> {
  const envs = validateEnvironment({
    DATABASE_URL: url,
    REDIS_URL: process.env.REDIS_URL,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: `bench-${randomBytes(3).toString('hex')}`,
    ...env,
  });
  const config: RuntimeConfig = {
    env: envs,
    databaseUrl: url,
    databaseKind: 'external',
    redisUrl: envs.REDIS_URL ?? null,
    jwtSecret: envs.JWT_SECRET!,
    seedDemo: false,
  };
  const logger = pino({ level: 'silent' });
  const app: INestApplication = await NestFactory.create(AppModule.forRoot(config, { api: true, worker: true }), {
    logger: new PinoNestLogger(logger),
  });
  configureApp(app, config, logger);
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const call = async (method: string, path: string, token: string | null, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const login = async (who: string) =>
      String(
        (await call('POST', '/api/auth/login', null, { email: `${who}@demo.byloeft.dk`, password: DEMO_PASSWORD }))
          .accessToken,
      );
    const [tmf, forum] = [await login('tmf'), await login('forum')];
    const areas = (await call('GET', '/api/areas', tmf)) as unknown as { id: string; code: string }[];
    const area = areas.find((a) => a.code === areaCode)!;
    const plan = await call('POST', '/api/plans', tmf, {
      areaId: area.id,
      budgetYear: 2000 + Math.floor(Math.random() * 100),
      participatingAdministrationIds: [],
    });
    const id = String(plan.id);
    let version = Number(plan.version);
    const onAgenda = async () =>
      (
        await db.query(
          `SELECT 1 FROM "agenda_item" WHERE "subject_id" = $1 AND "kind" = 'escalation' AND "resolved_at" IS NULL`,
          [id],
        )
      ).rowCount! > 0;
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const moved = await call('POST', `/api/plans/${id}/deadline`, forum, {
        dueDate: '2020-01-06',
        reason: 'Bench: fristen er overskredet',
        expectedVersion: version,
      });
      const committed = performance.now();
      version = Number(moved.version);
      const deadline = committed + 30_000;
      while (!(await onAgenda())) {
        if (performance.now() > deadline) throw new Error('the escalation did not show within 30 s');
        await new Promise((r) => setTimeout(r, 2));
      }
      samples.push(performance.now() - committed);
      const back = await call('POST', `/api/plans/${id}/deadline`, forum, {
        dueDate: '2099-01-05',
        reason: 'Bench: ny frist',
        expectedVersion: version,
      });
      version = Number(back.version);
    }
    return samples.sort((a, b) => a - b);
  } finally {
    await db.end();
    await app.close();
  }
}

const target = await freshDatabase();
try {
  out(`Due-now bench on ${target.label}; queue: ${process.env.REDIS_URL ? 'BullMQ on Redis' : 'BullMQ on PostgreSQL'}`);
  const ds = new DataSource(dataSourceOptions(target.url, { logging: ['error'] }));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await seedMasterData(ds, COPENHAGEN);
  await seedDemoAccounts(ds);
  await ds.destroy();
  const report = (label: string, s: number[]) =>
    out(
      `${label}: p50 ${percentile(s, 50).toFixed(0)} ms, p95 ${percentile(s, 95).toFixed(0)} ms, ` +
        `min ${s[0].toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms over ${s.length} escalations`,
    );
  const listened = await measure(target.url, { OUTBOX_LISTEN: 'true' }, 'valby-vigerslev');
  report('relay woken by the commit (LISTEN/NOTIFY, the default)', listened);
  if (!process.argv.includes('--no-compare')) {
    const polled = await measure(target.url, { OUTBOX_LISTEN: 'false', OUTBOX_POLL_MS: '1000' }, 'tingbjerg-husum');
    report('relay polling every 1 s, no LISTEN (before)', polled);
  }
  out(`due-now p50 ${percentile(listened, 50).toFixed(0)} ms`);
} finally {
  await target.cleanup();
}
process.exit(0);
