/**
 * Benchmark (not a test): the workflow's hot path. On a fresh database on
 * DATABASE_URL's server (created, migrated, seeded and dropped here), the API
 * runs in a child process (`dist/src/main.js`, REDIS_URL passed on when set),
 * and 32 concurrent clients each drive a plan of their own through
 * SUBMIT/WITHDRAW over HTTP for 20 s. Then the same-shaped transaction (lock,
 * guarded update, append the transition, one outbox row) runs with the `pg`
 * driver directly, 32 connections for 20 s. It prints both rates with
 * p50/p95/p99 latency, and as its last line `ratio 0.NN` (HTTP / raw).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:transitions
 *   BENCH_SECONDS=5 BENCH_CLIENTS=8 …   # a shorter or smaller run
 *   BENCH_API_NODE_ARGS=--cpu-prof …     # node options for the API process (e.g. a CPU profile)
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/platform/database/data-source-options.js';
import { COPENHAGEN } from '../src/seed/copenhagen.seed.js';
import { DEMO_PASSWORD, seedDemoAccounts, seedMasterData } from '../src/seed/seeder.js';
import { startPlan } from '#domain';
import { freshDatabase } from './bench-database.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const out = (line: string) => process.stdout.write(`${line}\n`);

interface Run {
  count: number;
  seconds: number;
  latencies: number[];
}

function summary(label: string, run: Run): string {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const rate = run.count / run.seconds;
  return (
    `${label}: ${run.count} transitions in ${run.seconds.toFixed(1)} s = ${rate.toFixed(0)}/s; ` +
    `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms`
  );
}

/** Runs `step` in `clients` loops until `seconds` have passed; returns the completed count and latencies. */
async function drive(clients: number, seconds: number, step: (client: number) => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await step(client);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { count: latencies.length, seconds: (performance.now() - start) / 1000, latencies };
}

/** One plan per client, coordinated by TMF alone, its mapping complete: SUBMIT and WITHDRAW can alternate forever. */
async function preparePlans(ds: DataSource, count: number): Promise<string[]> {
  await ds.runMigrations({ transaction: 'each' });
  await seedMasterData(ds, COPENHAGEN);
  await seedDemoAccounts(ds);
  const [{ tmf, area, creator }] = (await ds.query(
    `SELECT (SELECT id FROM administration WHERE code = 'TMF') AS tmf, (SELECT id FROM area ORDER BY code LIMIT 1)
      AS area,
            (SELECT id FROM app_user WHERE email = 'tmf@demo.byloeft.dk') AS creator`,
  )) as { tmf: string; area: string; creator: string }[];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { persisted: state } = startPlan({ coordinatingAdministrationId: tmf, participatingAdministrationIds: [] });
    const [{ id }] = (await ds.query(
      `INSERT INTO plan (area_id, budget_year, title, coordinating_administration_id, state, machine_version, stage,
        status,
                         state_value, stage_entry_seq, stage_due_date, version, created_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, 1, 'mapping', 'drafting', 'mapping.drafting', 1, now()::date + 60, 1, $6)
       RETURNING id`,
      [area, 3000 + i, `Benchmarkplan ${i + 1}`, tmf, JSON.stringify(state), creator],
    )) as { id: string }[];
    await ds.query(
      `INSERT INTO plan_transition (plan_id, seq, event, from_state, to_state, actor_id, actor_name, payload)
       VALUES ($1, 1, 'CREATE', NULL, 'mapping.drafting', $2, 'Benchmark', '{}')`,
      [id, creator],
    );
    await ds.query(
      `INSERT INTO plan_item (plan_id, section, administration_id, data, created_by, updated_by)
       VALUES ($1, 'mapping', $2, '{"name": "Lektiecafé", "kind": "area_based"}', $3, $3)`,
      [id, tmf, creator],
    );
    ids.push(id);
  }
  return ids;
}

/** Starts the API on a free port in a child process; resolves with its base URL once it listens. */
async function startApi(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: randomBytes(48).toString('base64'),
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`The API exited (${String(code)}) before it listened`);
  });
  const listening = (async () => {
    for await (const line of lines) {
      const port = /listening on http:\/\/[^ ]*:(\d+)/.exec(line)?.[1];
      if (port) return `http://127.0.0.1:${port}`;
    }
    throw new Error('The API closed its output before it listened');
  })();
  const url = await Promise.race([listening, exited]);
  lines.on('line', () => undefined); // keep draining its log
  return { url, child };
}

/**
 * One POST with a JSON body over a kept-alive connection. node:http, not fetch: the load generator shares the
 * machine with the API, and fetch (undici's WHATWG streams) took about half a core at 100 requests/s here, CPU
 * the API then lacked; the raw run's driver costs its process far less.
 */
function post(agent: http.Agent, url: string, path: string, headers: Record<string, string>, body: unknown) {
  const payload = JSON.stringify(body);
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const req = http.request(
      `${url}${path}`,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function viaHttp(url: string, plans: string[]): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plans.length });
  const json = { 'content-type': 'application/json' };
  try {
    const login = await post(agent, url, '/api/auth/login', json, {
      email: 'tmf@demo.byloeft.dk',
      password: DEMO_PASSWORD,
    });
    const accessToken = login.body.accessToken as string;
    const headers = { ...json, authorization: `Bearer ${accessToken}` };
    const versions = plans.map(() => 1);
    const submitted = plans.map(() => false);
    return await drive(plans.length, SECONDS, async (client) => {
      const type = submitted[client] ? 'WITHDRAW' : 'SUBMIT';
      const res = await post(agent, url, `/api/plans/${plans[client]}/events`, headers, {
        type,
        expectedVersion: versions[client],
      });
      const plan = res.body.plan as { version: number } | undefined;
      if (res.status !== 200 || !plan) throw new Error(`${type} answered ${res.status}: ${JSON.stringify(res.body)}`);
      versions[client] = plan.version;
      submitted[client] = !submitted[client];
    });
  } finally {
    agent.destroy();
  }
}

/** The same shape with the driver alone: lock, guarded update, append the transition, one outbox row. */
async function viaPg(databaseUrl: string, plans: string[]): Promise<Run> {
  const clients = await Promise.all(
    plans.map(async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      return c;
    }),
  );
  const [{ actor }] = (
    await clients[0].query<{ actor: string }>(`SELECT id AS actor FROM app_user WHERE email = 'tmf@demo.byloeft.dk'`)
  ).rows;
  try {
    return await drive(plans.length, SECONDS, async (i) => {
      const c = clients[i];
      await c.query('BEGIN');
      const { rows } = await c.query<{ version: number }>(`SELECT version FROM plan WHERE id = $1 FOR UPDATE`, [
        plans[i],
      ]);
      const version = rows[0].version;
      await c.query(`UPDATE plan SET version = $2, updated_at = now() WHERE id = $1 AND version = $3`, [
        plans[i],
        version + 1,
        version,
      ]);
      await c.query(
        `INSERT INTO plan_transition (plan_id, seq, event, from_state, to_state, actor_id, actor_name, payload)
         VALUES ($1, $2, 'RAW', 'mapping.drafting', 'mapping.drafting', $3, 'Benchmark', '{}')`,
        [plans[i], version + 1, actor],
      );
      await c.query(
        `INSERT INTO outbox_message (queue, name, job_id, data) VALUES ('notifications', 'send-notification-email',
          $1, '{}')`,
        [`bench.${plans[i]}.${version + 1}`],
      );
      await c.query('COMMIT');
    });
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    process.stderr.write(
      'bench:transitions needs DATABASE_URL (a PostgreSQL server; it creates and drops its own database)\n',
    );
    process.exit(2);
  }
  const db = await freshDatabase(server, 'byloeft_bench_transitions');
  let api: ChildProcess | null = null;
  try {
    out(`Database: ${db.label}; queue: ${process.env.REDIS_URL ? 'Redis' : 'BullMQ on PostgreSQL'}`);
    const ds = new DataSource(dataSourceOptions(db.url, { logging: ['error'] }));
    await ds.initialize();
    const httpPlans = await preparePlans(ds, CLIENTS);
    // The raw run uses plans of its own, so the two runs never share a row.
    const rawPlans = (
      (await ds.query(
        `INSERT INTO plan (area_id, budget_year, title, coordinating_administration_id, state, machine_version, stage,
                           status, state_value, stage_entry_seq, version, created_by)
         SELECT area_id, budget_year + 1000, title || ' (raw)', coordinating_administration_id, state, machine_version,
                stage, status, state_value, 1, 1, created_by
           FROM plan WHERE id = ANY($1::uuid[]) RETURNING id`,
        [httpPlans],
      )) as { id: string }[]
    ).map((r) => r.id);
    await ds.destroy();
    const started = await startApi(db.url);
    api = started.child;
    out(`${CLIENTS} clients, ${SECONDS} s each run; API at ${started.url} (its own process)`);
    const http = await viaHttp(started.url, httpPlans);
    out(summary('HTTP API (SUBMIT/WITHDRAW)', http));
    api.kill('SIGTERM');
    await once(api, 'exit');
    api = null;
    const raw = await viaPg(db.url, rawPlans);
    out(summary('raw pg, same shape        ', raw));
    out(`ratio ${(http.count / http.seconds / (raw.count / raw.seconds)).toFixed(2)}`);
  } finally {
    if (api) {
      api.kill('SIGTERM');
      await once(api, 'exit');
    }
    await db.cleanup();
  }
}

await main();
