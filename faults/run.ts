/**
 * `npm run test:faults`: Byløft under faults, load and bad input, against a
 * PostgreSQL cluster and a Redis of its own on free loopback ports, with the
 * API and the worker as separate processes (issue 11). Each scenario asserts
 * and prints its figures (lines starting `FIGURE`); the run fails at the
 * first assertion that does not hold, stops everything it started, and is
 * bounded (FAULTS_BUDGET_S, default 600 s).
 *
 *   npm run test:faults                      # every scenario
 *   npm run test:faults -- audit malformed   # some, by name
 */
/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access,
   @typescript-eslint/no-unsafe-assignment -- it walks the OpenAPI document and answers as untyped JSON on purpose */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import pg from 'pg';
import { Cluster, JWT_SECRET, freePort, sleep, waitFor, type Proc } from './cluster.js';

const BUDGET_MS = Number(process.env.FAULTS_BUDGET_S ?? 600) * 1000;
const started = Date.now();
const out = (line: string) => process.stdout.write(`${line}\n`);
const figure = (name: string, value: string | number) => out(`FIGURE ${name}: ${value}`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Api {
  proc: Proc;
  base: string;
}

const DEMO_PASSWORD = 'byloeft-demo';
const WHO = {
  administrator: 'admin',
  staff: 'tmf',
  forum_member: 'forum',
  project_leader: 'projektleder',
  observer: 'observer',
};

async function call(
  base: string,
  method: string,
  path: string,
  token?: string | null,
  body?: unknown,
  raw?: string,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const send = () =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: AbortSignal.timeout(15_000),
    });
  let res: Response;
  try {
    res = await send();
  } catch (err) {
    // A kept-alive connection the server closed as it was reused (its keep-alive timeout passed while a scenario
    // did other work) fails before the request reached the API: a GET is sent again on a fresh connection.
    const code = ((err as Error).cause as { code?: string } | undefined)?.code;
    if (method !== 'GET' || !['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'].includes(code ?? '')) {
      throw new Error(`${method} ${path}: ${(err as Error).message} (${code ?? String((err as Error).cause)})`, {
        cause: err,
      });
    }
    res = await send();
  }
  const text = await res.text();
  let parsed: Json;
  try {
    parsed = text ? (JSON.parse(text) as Json) : {};
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

async function login(base: string, who: string): Promise<string> {
  const res = await call(base, 'POST', '/api/auth/login', null, {
    email: `${who}@demo.byloeft.dk`,
    password: DEMO_PASSWORD,
  });
  assert.equal(res.status, 200, `login ${who}: ${res.status} ${JSON.stringify(res.body)}`);
  return String(res.body.accessToken);
}

class World {
  readonly cluster = new Cluster();
  apis: Api[] = [];
  workers: Proc[] = [];
  tokens: Record<string, string> = {};
  owner!: pg.Client;

  get api(): Api {
    return this.apis[0];
  }

  async start(): Promise<void> {
    await this.cluster.start();
    this.apis.push(await this.cluster.startApi());
    this.workers.push(await this.cluster.startWorker());
    for (const who of Object.values(WHO)) this.tokens[who] = await login(this.api.base, who);
    this.owner = new pg.Client({ connectionString: this.cluster.url('byloeft_owner') });
    await this.owner.connect();
    this.owner.on('error', () => undefined);
  }

  async reconnectOwner(): Promise<void> {
    await this.owner.end().catch(() => undefined);
    this.owner = new pg.Client({ connectionString: this.cluster.url('byloeft_owner') });
    this.owner.on('error', () => undefined);
    await this.owner.connect();
  }

  async q<T = Json>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.owner.query(sql, params)).rows as T[];
  }

  /** The seeded areas whose local network has a coordinator (others, e.g. one a malformed request made, have none). */
  async areaIds(): Promise<string[]> {
    return (
      await this.q<{ id: string }>(
        `SELECT a."id" FROM "area" a JOIN "local_network" n ON n."area_id" = a."id"
          WHERE n."coordinating_administration_id" IS NOT NULL ORDER BY a."code"`,
      )
    ).map((r) => r.id);
  }

  /** A new plan (tmf coordinates), returned with its version. */
  async newPlan(base = this.api.base): Promise<{ id: string; version: number }> {
    const areas = await this.areaIds();
    for (let attempt = 0; attempt < 20; attempt++) {
      const res = await call(base, 'POST', '/api/plans', this.tokens.tmf, {
        areaId: areas[Math.floor(Math.random() * areas.length)],
        budgetYear: 2000 + Math.floor(Math.random() * 100),
        participatingAdministrationIds: [],
      });
      if (res.status === 201) return { id: String(res.body.id), version: Number(res.body.version) };
      if (res.status !== 409) throw new Error(`POST /api/plans: ${res.status} ${JSON.stringify(res.body)}`);
    }
    throw new Error('could not create a plan');
  }

  /** Moves a plan's deadline (forum); into the past it commits an escalation due now. */
  async moveDeadline(plan: { id: string; version: number }, past: boolean, base = this.api.base) {
    const res = await call(base, 'POST', `/api/plans/${plan.id}/deadline`, this.tokens.forum, {
      dueDate: past ? '2020-01-06' : '2099-01-05',
      reason: past ? 'Fejltest: fristen er overskredet' : 'Fejltest: ny frist',
      expectedVersion: plan.version,
    });
    if (res.status === 200) plan.version = Number(res.body.version);
    return res;
  }

  /** Every outbox row handed to the queue and its job done. */
  async outboxSettled(): Promise<boolean> {
    const [r] = await this.q<{ open: number }>(
      `SELECT count(*)::int AS open FROM "outbox_message" WHERE "completed_at" IS NULL AND "run_at" <= now()`,
    );
    return r.open === 0;
  }

  /** Per plan: open escalations on the agenda, escalation notifications (per user), e-mails sent. */
  async escalationEffects(planIds: string[]) {
    const agenda = await this.q<{ subject_id: string; n: number }>(
      `SELECT "subject_id", count(*)::int AS n FROM "agenda_item"
        WHERE "subject_id" = ANY($1) AND "kind" = 'escalation' AND "resolved_at" IS NULL GROUP BY 1`,
      [planIds],
    );
    // Every escalation a plan has had (a plan moved past, on, and past again may rightly escalate twice).
    const escalations = await this.q<{ link: string; n: number }>(
      `SELECT '/plans/' || "subject_id" AS link, count(*)::int AS n FROM "agenda_item"
        WHERE "subject_id" = ANY($1) AND "kind" = 'escalation' GROUP BY 1`,
      [planIds],
    );
    const escalationsOf = new Map(escalations.map((e) => [e.link, e.n]));
    const notes = await this.q<{ link: string; user_id: string; n: number; emailed: number }>(
      `SELECT "link", "user_id", count(*)::int AS n, count("emailed_at")::int AS emailed FROM "notification"
        WHERE "kind" = 'plan.deadline.escalation' AND "link" = ANY($1) GROUP BY 1, 2`,
      [planIds.map((id) => `/plans/${id}`)],
    );
    // E-mails the SMTP sink received per recipient and plan link (one per Message-ID, as a mailbox shows them).
    const mails = new Map<string, number>();
    for (const m of this.cluster.smtp.messages) {
      const link = /\/plans\/[0-9a-f-]{36}/.exec(m.data.replace(/=\r\n/g, ''))?.[0];
      if (link) mails.set(`${m.to}|${link}`, (mails.get(`${m.to}|${link}`) ?? 0) + 1);
    }
    const users = new Map(
      (await this.q<{ id: string; email: string }>(`SELECT "id", "email" FROM "app_user"`)).map((u) => [u.id, u.email]),
    );
    // A user may have several notifications about one plan (escalation, agenda): as many e-mails as notifications.
    const perUserLink = await this.q<{ link: string; user_id: string; n: number }>(
      `SELECT "link", "user_id", count(*)::int AS n FROM "notification" WHERE "link" = ANY($1) GROUP BY 1, 2`,
      [planIds.map((id) => `/plans/${id}`)],
    );
    const expected = new Map(perUserLink.map((r) => [`${users.get(r.user_id)}|${r.link}`, r.n]));
    const noteMails = notes.map((n) => {
      const key = `${users.get(n.user_id)}|${n.link}`;
      return {
        ...n,
        escalations: escalationsOf.get(n.link) ?? 0,
        mails: (mails.get(key) ?? 0) - (expected.get(key) ?? 0) + 1,
      };
    });
    return { agenda, notes: noteMails };
  }

  async stop(): Promise<void> {
    await this.owner?.end().catch(() => undefined);
    await this.cluster.stop();
  }
}

// ---------------------------------------------------------------- scenarios

async function auditScenario(w: World): Promise<void> {
  const plan = await w.newPlan();
  assert.equal((await w.moveDeadline(plan, false)).status, 200);
  const verify = async () => {
    const { spawnSync } = await import('node:child_process');
    return spawnSync(process.execPath, ['dist/src/cli/audit-verify.js'], {
      env: w.cluster.appEnv(),
      encoding: 'utf8',
    });
  };
  const clean = await verify();
  assert.equal(clean.status, 0, `audit:verify on an intact record: ${clean.stderr}`);
  const [row] = await w.q<{ id: string }>(
    `SELECT "id" FROM "plan_transition" WHERE "plan_id" = $1 ORDER BY "chain_seq" LIMIT 1`,
    [plan.id],
  );
  // Behind the app's back: the owner, with the append-only trigger off for a moment.
  await w.q(`BEGIN`);
  await w.q(`ALTER TABLE "plan_transition" DISABLE TRIGGER "plan_transition_append_only"`);
  await w.q(`UPDATE "plan_transition" SET "comment" = 'forfalsket' WHERE "id" = $1`, [row.id]);
  await w.q(`ALTER TABLE "plan_transition" ENABLE TRIGGER "plan_transition_append_only"`);
  await w.q(`COMMIT`);
  const tampered = await verify();
  assert.equal(tampered.status, 1, 'audit:verify exits 1 on a tampered row');
  assert.match(tampered.stderr, new RegExp(`BROKEN plan_transition row ${row.id} \\(subject ${plan.id}, link 1\\)`));
  const http = await call(w.api.base, 'GET', '/api/admin/audit/verify', w.tokens.admin);
  assert.equal(http.body.ok, false);
  figure('audit: tampered row found by npm run audit:verify', tampered.stderr.trim().split('\n')[0]);
  figure('audit: GET /api/admin/audit/verify broken links', http.body.broken.length);
  await w.q(`SELECT "audit_reseal"('plan_transition', 't."id"')`);
  assert.equal((await verify()).status, 0, 'resealed');
}

interface Operation {
  method: string;
  path: string;
  op: Json;
}

async function operations(w: World): Promise<{ ops: Operation[]; doc: Json }> {
  const doc = (await call(w.api.base, 'GET', '/api/docs-json', w.tokens.admin)).body;
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
        ops.push({ method: method.toUpperCase(), path, op });
    }
  }
  return { ops, doc };
}

const UUID = () => '6f1c0a52-7d3e-4c1b-9a8e-' + randomBytes(6).toString('hex');

function resolveSchema(doc: Json, schema: Json | undefined): Json | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) s = doc.components.schemas[String(s.$ref).split('/').pop()!];
  if (s?.allOf?.length === 1) return resolveSchema(doc, s.allOf[0]);
  return s;
}

/** A plausible value for a schema (the base a mutation starts from). */
function sample(doc: Json, schema: Json | undefined, depth = 0): unknown {
  const s = resolveSchema(doc, schema);
  if (!s || depth > 4) return 'x';
  if (s.example !== undefined) return s.example;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'integer':
      return 1;
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [sample(doc, s.items, depth + 1)];
    case 'object':
    case undefined: {
      const o: Json = {};
      for (const [k, v] of Object.entries((s.properties ?? {}) as Json)) o[k] = sample(doc, v as Json, depth + 1);
      return o;
    }
    default:
      return s.format === 'uuid' ? UUID() : 'Fejltest';
  }
}

function pathFor(op: Operation, value?: string): string {
  return op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(value ?? UUID()));
}

const NASTY: { name: string; value: unknown }[] = [
  { name: 'nul', value: 'a\u0000b' },
  { name: 'lone-surrogate', value: '\ud800x' },
  { name: 'huge-int', value: 1e20 },
  { name: 'neg-int', value: -99999999999 },
  { name: '1e308', value: 1e308 },
  { name: 'null', value: null },
  { name: 'array', value: [[[]]] },
  { name: 'object', value: { $gt: '' } },
  { name: 'bool', value: true },
  { name: 'empty', value: '' },
  { name: 'long', value: 'x'.repeat(70_000) },
  { name: 'bad-date', value: '2026-02-30' },
];
const NASTY_QUERY = [
  'a%00b',
  '%ED%A0%80',
  '99999999999999999999',
  '-99999999999',
  '1e308',
  '',
  '%27%3B--',
  'x'.repeat(3000),
];

async function countRows(w: World): Promise<Record<string, number>> {
  const tables = await w.q<{ t: string }>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'
       AND tablename NOT IN ('outbox_message', 'idempotency_record', 'app_user', 'typeorm_migrations') ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { t } of tables) counts[t] = (await w.q<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`))[0].n;
  return counts;
}

async function inParallel<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function malformedScenario(w: World): Promise<void> {
  const { ops, doc } = await operations(w);
  const requests: { op: Operation; path: string; raw?: string; body?: unknown; what?: string }[] = [];
  const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  for (const op of ops) {
    if (op.path.includes('/auth/oidc') || op.path === '/api/auth/login') continue; // login below, without lockouts
    const params = ((op.op.parameters ?? []) as Json[]).filter((p) => p.in === 'query');
    const bodySchema = resolveSchema(doc, op.op.requestBody?.content?.['application/json']?.schema);
    const base = bodySchema ? (sample(doc, bodySchema) as Json) : undefined;
    for (const bad of ['a\u0000b', 'not-a-uuid', '99999999999999999999', '%ED%A0%80']) {
      if (op.path.includes('{')) requests.push({ op, path: pathFor(op, bad) });
    }
    for (const p of params) {
      for (const v of NASTY_QUERY) requests.push({ op, path: `${pathFor(op)}?${String(p.name)}=${v}` });
    }
    if (base && typeof base === 'object') {
      requests.push({ op, path: pathFor(op), raw: deep });
      requests.push({ op, path: pathFor(op), raw: '{"a":' });
      requests.push({ op, path: pathFor(op), raw: '[]' });
      for (const key of Object.keys(base)) {
        for (const n of NASTY)
          requests.push({ op, path: pathFor(op), body: { ...base, [key]: n.value }, what: `${key}=${n.name}` });
        requests.push({ op, path: pathFor(op), body: { ...base, [key]: undefined, [`${key}\u0000`]: 1 } });
      }
      requests.push({ op, path: pathFor(op), body: { ...base, unknownField: 1 } });
    }
  }
  for (const n of NASTY)
    requests.push({
      op: { method: 'POST', path: '/api/auth/login', op: {} },
      path: '/api/auth/login',
      body: { email: n.value, password: 'x' },
    });
  requests.push({ op: { method: 'POST', path: '/api/auth/login', op: {} }, path: '/api/auth/login', raw: deep });
  // At least 10,000: the same set again with fresh ids where it is short.
  const base = [...requests];
  while (requests.length < 10_000) requests.push(...base.slice(0, 10_000 - requests.length));

  const before = await countRows(w);
  const statuses = new Map<number, number>();
  const fives: string[] = [];
  const writes: string[] = [];
  const t0 = Date.now();
  await inParallel(requests, 8, async (r) => {
    const res = await call(w.api.base, r.op.method, r.path, w.tokens.admin, r.body, r.raw);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500)
      fives.push(`${r.op.method} ${r.path.slice(0, 120)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    if (res.status < 300 && r.op.method !== 'GET')
      writes.push(`${r.op.method} ${r.op.path} ${r.what ?? '(whole body)'}`);
  });
  const after = await countRows(w);
  const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
  // A mutation that is valid after all (e.g. an empty optional text) is no refusal: what it writes is allowed,
  // one row in its own table per accepted write; refusals must change nothing.
  const acceptedIn = new Map<string, number>();
  for (const line of writes) {
    const table = line.split(' ')[1].split('/')[2].replace(/-/g, '_').replace(/s$/, '');
    acceptedIn.set(table, (acceptedIn.get(table) ?? 0) + 1);
  }
  // Each accepted write is on the record too: one row in a record table (`…_change`) per accepted write.
  const recordRows = changed.filter((t) => t.endsWith('_change')).reduce((n, t) => n + after[t] - before[t], 0);
  const unexplained = changed.filter((t) =>
    t.endsWith('_change')
      ? recordRows > writes.length || after[t] < before[t]
      : after[t] - before[t] > (acceptedIn.get(t) ?? 0) || after[t] < before[t],
  );
  figure('malformed: requests sent (generated from /api/docs-json)', requests.length);
  figure('malformed: operations covered', ops.length);
  figure('malformed: responses by status', JSON.stringify(Object.fromEntries([...statuses].sort())));
  figure('malformed: 5xx responses', fives.length);
  figure('malformed: valid after all (accepted writes)', writes.length ? writes.join('; ') : 0);
  figure('malformed: tables changed by refusals', unexplained.length ? unexplained.join(', ') : 0);
  figure('malformed: seconds', ((Date.now() - t0) / 1000).toFixed(1));
  assert.deepEqual(fives.slice(0, 10), [], `5xx from malformed input`);
  assert.deepEqual(unexplained, [], 'row counts changed by refused requests');
  assert.ok(
    writes.every((x) => !/=(nul|lone-surrogate|huge-int|1e308|neg-int|array|object)$/.test(x)),
    writes.join('; '),
  );
}

async function rolesScenario(w: World): Promise<void> {
  const { ops, doc } = await operations(w);
  const secret = new TextEncoder().encode(JWT_SECRET);
  const [admin] = await w.q<{ id: string }>(`SELECT "id" FROM "app_user" WHERE "email" = 'admin@demo.byloeft.dk'`);
  const expired = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(admin.id)
    .setIssuer('byloeft')
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
    .sign(secret);
  const forged = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(admin.id)
    .setIssuer('byloeft')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(`forged-${JWT_SECRET}`));
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: admin.id, iss: 'byloeft', exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
  const callers: { name: string; token: string | null; role: string | null }[] = [
    ...Object.entries(WHO).map(([role, who]) => ({ name: role, token: w.tokens[who], role })),
    { name: 'no token', token: null, role: null },
    { name: 'expired', token: expired, role: null },
    { name: 'forged', token: forged, role: null },
    { name: 'alg none', token: algNone, role: null },
  ];
  const mismatches: string[] = [];
  let calls = 0;
  const checks: { op: Operation; caller: (typeof callers)[number] }[] = [];
  for (const op of ops) for (const caller of callers) checks.push({ op, caller });
  const before = await countRows(w);
  await inParallel(checks, 6, async ({ op, caller }) => {
    const roles = op.op['x-roles'] as string[] | undefined;
    if (!roles) return; // not in the document's access model (health, docs)
    const bodySchema = resolveSchema(doc, op.op.requestBody?.content?.['application/json']?.schema);
    // An empty body: a permitted caller gets a 400 or 404 at most, and nothing is written.
    const res = await call(w.api.base, op.method, pathFor(op), caller.token, bodySchema ? {} : undefined);
    calls++;
    const allowed = caller.role !== null && (roles.includes(caller.role) || roles.includes('any signed-in user'));
    const denied = res.status === 401 || (res.status === 403 && res.body.code === 'FORBIDDEN');
    // Public operations (x-roles anyone: sign-in, its options) answer every caller, token or none.
    const expected = roles.includes('anyone')
      ? !denied
      : caller.role === null
        ? res.status === 401
        : allowed
          ? !denied
          : res.status === 403;
    if (!expected || res.status >= 500)
      mismatches.push(
        `${op.method} ${op.path} as ${caller.name} (x-roles ${roles.join(', ')}): ${res.status} ${String(res.body.code)}`,
      );
  });
  const after = await countRows(w);
  const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
  figure('roles: calls (operations × callers)', calls);
  figure('roles: callers', callers.map((c) => c.name).join(', '));
  figure('roles: mismatches against x-roles', mismatches.length);
  assert.deepEqual(mismatches.slice(0, 15), [], 'a call answered against its x-roles');
  assert.deepEqual(changed, [], 'row counts changed');
}

async function postgresRestartScenario(w: World): Promise<void> {
  const statuses: { at: number; status: number; phase: string }[] = [];
  let phase = 'before';
  let running = true;
  const load = (async () => {
    while (running) {
      // The phase when the request was sent: one sent before the database was down may rightly succeed.
      const sentIn = phase;
      const res = await call(w.api.base, 'GET', '/api/areas', w.tokens.observer).catch(() => ({ status: 0 }) as const);
      statuses.push({ at: Date.now(), status: res.status, phase: sentIn === phase ? phase : `${sentIn}→${phase}` });
      await sleep(20);
    }
  })();
  await sleep(1000);
  phase = 'stopping';
  await w.cluster.stopPostgres();
  phase = 'down';
  await sleep(3000);
  phase = 'starting';
  await w.cluster.startPostgres();
  const readyAfter = await waitFor(
    'the API to be ready again',
    async () => (await call(w.api.base, 'GET', '/health/ready')).status === 200,
    10_000,
    20,
  );
  phase = 'after';
  await sleep(5000);
  running = false;
  await load;
  await w.reconnectOwner();
  const during = statuses.filter((s) => s.phase === 'down');
  const after = statuses.filter((s) => s.phase === 'after');
  const count = (list: typeof statuses) =>
    JSON.stringify(
      Object.fromEntries(
        [...new Set(list.map((s) => s.status))].map((st) => [st, list.filter((s) => s.status === st).length]),
      ),
    );
  figure('postgres restart: ready again after the database (ms)', readyAfter);
  figure('postgres restart: answers while down', count(during));
  figure('postgres restart: answers after ready', count(after));
  assert.ok(readyAfter <= 2000, `ready ${readyAfter} ms after the database, more than 2 s`);
  assert.ok(during.length > 0 && during.every((s) => s.status === 503), 'every answer while down is 503');
  assert.ok(after.length > 0 && after.every((s) => s.status < 500), 'no 5xx after the restart');
}

async function redisOutageScenario(w: World): Promise<void> {
  const plans = await Promise.all(Array.from({ length: 6 }, () => w.newPlan()));
  const outboxBefore = (await w.q<{ n: number }>(`SELECT max("id")::int AS n FROM "outbox_message"`))[0].n ?? 0;
  let running = true;
  const results: number[] = [];
  const load = (async () => {
    let i = 0;
    while (running) {
      const plan = plans[i++ % plans.length];
      const res = await w.moveDeadline(plan, i % 2 === 0).catch(() => ({ status: 0 }));
      results.push(res.status);
      await sleep(100);
    }
  })();
  await sleep(2000);
  await w.cluster.stopRedis();
  const downAt = Date.now();
  const okBefore = results.length;
  await sleep(30_000);
  const duringOutage = results.slice(okBefore);
  await w.cluster.startRedis();
  figure('redis outage: seconds down', ((Date.now() - downAt) / 1000).toFixed(1));
  await sleep(2000);
  running = false;
  await load;
  const delivered = await waitFor(
    'every outbox row written during the outage to be delivered',
    async () =>
      (
        await w.q<{ n: number }>(
          `SELECT count(*)::int AS n FROM "outbox_message" WHERE "id" > $1 AND "delivered_at" IS NULL`,
          [outboxBefore],
        )
      )[0].n === 0,
    60_000,
    200,
  );
  const rows = await w.q<{ queue: string; job_id: string; run_at: Date }>(
    `SELECT "queue", "job_id", "run_at" FROM "outbox_message" WHERE "id" > $1`,
    [outboxBefore],
  );
  // Every row's job is in the queue, or done (future jobs wait, delayed; due ones ran).
  const { Queue } = await import('bullmq');
  const queues = new Map<string, InstanceType<typeof Queue>>();
  let lost = 0;
  for (const r of rows) {
    let q = queues.get(r.queue);
    if (!q) {
      q = new Queue(r.queue, {
        connection: { host: '127.0.0.1', port: w.cluster.redisPort },
        prefix: w.cluster.queuePrefix,
      });
      queues.set(r.queue, q);
    }
    const job = await q.getJob(r.job_id);
    const [done] = await w.q<{ n: number }>(
      `SELECT count(*)::int AS n FROM "outbox_message" WHERE "job_id" = $1 AND "completed_at" IS NOT NULL`,
      [r.job_id],
    );
    if (!job && done.n === 0) lost++;
  }
  for (const q of queues.values()) await q.close();
  figure(
    'redis outage: transitions during the outage',
    `${duringOutage.length} (${duringOutage.filter((s) => s === 200).length} succeeded)`,
  );
  figure('redis outage: outbox rows written', rows.length);
  figure('redis outage: delivered after Redis returned (ms)', delivered);
  figure('redis outage: jobs lost', lost);
  assert.ok(
    duringOutage.length > 0 && duringOutage.every((s) => s === 200),
    'transitions keep succeeding without Redis',
  );
  assert.equal(lost, 0, 'every outbox row has its job');
}

async function workerKillScenario(w: World): Promise<void> {
  // Escalations due now for many plans, and an import large enough to kill its worker twice inside it.
  const plans = await Promise.all(Array.from({ length: 20 }, () => w.newPlan()));
  const rows = ['område;indikator;periode;værdi'];
  const areaCodes = ['København', ...(await w.q<{ code: string }>(`SELECT "code" FROM "area"`)).map((r) => r.code)];
  const indicatorCodes = (await w.q<{ code: string }>(`SELECT "code" FROM "indicator"`)).map((r) => r.code);
  for (const area of areaCodes)
    for (const indicator of indicatorCodes)
      for (let year = 1990; year <= 2035; year++)
        for (let q = 1; q <= 4; q++) rows.push(`${area};${indicator};${year}-Q${q};${(year + q) % 97},5`);
  // Two workers, so one runs jobs while the other (re)starts: a kill takes the oldest running worker, and its
  // replacement boots in the background instead of the scenario waiting for every boot in turn. The second one is
  // up before the upload: booting it after took longer on a loaded machine than the import's whole first run, which
  // then finished before the scenario saw it under way to kill it.
  w.workers.push(await w.cluster.startWorker());
  const form = new FormData();
  form.append(
    'file',
    new Blob([
      rows
        .slice(0, 1)
        .concat([...new Set(rows.slice(1))])
        .join('\n'),
    ]),
    'faults.csv',
  );
  const upload = await fetch(`${w.api.base}/api/indicators/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.tokens.tmf}` },
    body: form,
  });
  const importId = String(((await upload.json()) as Json).id);
  let kills = 0;
  let killsInImport = 0;
  // The replacements still booting. Each leaves the set when it is up (or failed): a finished boot left in it made
  // the wait below spin without yielding, piling reactions onto the one still pending until the heap ran out.
  const booting = new Set<Promise<void>>();
  const killAndRestart = async (all = false) => {
    while (!w.workers.length) {
      assert.ok(booting.size > 0, 'a worker is running or booting');
      await Promise.race(booting);
    }
    for (const victim of all ? w.workers.splice(0) : w.workers.splice(0, 1)) {
      await w.cluster.kill(victim, 'SIGKILL');
      kills++;
      const boot: Promise<void> = w.cluster
        .startWorker()
        .then((p) => void w.workers.push(p))
        .finally(() => booting.delete(boot));
      booting.add(boot);
    }
  };
  // Twice during the import's own run: each time a new run of it (attempts) is under way.
  for (let i = 0; i < 2; i++) {
    await waitFor(
      `run ${i + 1} of the import to be under way`,
      async () => {
        const [imp] = await w.q<{ status: string; attempts: number }>(
          `SELECT "status", "attempts" FROM "indicator_import" WHERE "id" = $1`,
          [importId],
        );
        return ['validating', 'writing'].includes(imp.status) && imp.attempts >= i + 1;
      },
      60_000,
      10,
    ).catch(async (err: Error) => {
      const imp = await w.q(`SELECT "status", "attempts", "phase" FROM "indicator_import" WHERE "id" = $1`, [importId]);
      throw new Error(`${err.message}; import ${JSON.stringify(imp)}`);
    });
    // Whichever worker runs the import: every running worker is killed (each a kill of its own).
    await killAndRestart(true);
    killsInImport++;
  }
  // The rest while escalations run, staggered.
  let p = 0;
  while (kills < 20) {
    for (let j = 0; j < 2 && p < plans.length; j++, p++)
      assert.equal((await w.moveDeadline(plans[p], true)).status, 200);
    await sleep(150);
    await killAndRestart();
  }
  for (; p < plans.length; p++) assert.equal((await w.moveDeadline(plans[p], true)).status, 200);
  await Promise.all([...booting]);
  const settled = await waitFor(
    'every due job done',
    async () => {
      const [imp] = await w.q<{ status: string }>(`SELECT "status" FROM "indicator_import" WHERE "id" = $1`, [
        importId,
      ]);
      return imp.status === 'succeeded' && (await w.outboxSettled());
    },
    // A bound, not a measure: on a loaded 2-core machine the import's seventh run alone can take a minute.
    300_000,
    250,
  ).catch(async (err: Error) => {
    const imp = await w.q(
      `SELECT "status", "phase", "attempts", "error_count" FROM "indicator_import" WHERE "id" = $1`,
      [importId],
    );
    const open = await w.q(
      `SELECT "name", "job_id", "delivered_at", "reconciled", "last_error" FROM "outbox_message"
        WHERE "completed_at" IS NULL AND "run_at" <= now() LIMIT 5`,
    );
    throw new Error(`${err.message}; import ${JSON.stringify(imp)}; open jobs ${JSON.stringify(open)}`);
  });
  const effects = await w.escalationEffects(plans.map((x) => x.id));
  const agendaPer = new Map(effects.agenda.map((a) => [a.subject_id, a.n]));
  const missing = plans.filter((x) => agendaPer.get(x.id) !== 1);
  const doubled = effects.notes.filter((n) => n.n !== 1 || n.escalations !== 1 || n.emailed !== 1 || n.mails !== 1);
  const plansNotified = new Set(effects.notes.map((n) => n.link)).size;
  const [imp] = await w.q<{ status: string; attempts: number; rows_total: number }>(
    `SELECT "status", "attempts", "rows_total" FROM "indicator_import" WHERE "id" = $1`,
    [importId],
  );
  figure('worker kills: SIGKILLs', `${kills} (${killsInImport} during the same import job)`);
  figure('worker kills: import', `${imp.status} after ${imp.attempts} runs, ${imp.rows_total} rows`);
  figure('worker kills: escalations on the agenda exactly once', `${plans.length - missing.length} of ${plans.length}`);
  figure('worker kills: plans whose escalation was notified', `${plansNotified} of ${plans.length}`);
  figure('worker kills: notifications or e-mails missing or doubled', doubled.length);
  figure('worker kills: SMTP retransmissions with the same Message-ID', w.cluster.smtp.retransmissions);
  figure('worker kills: settled after the last kill (ms)', settled);
  assert.equal(imp.status, 'succeeded');
  assert.deepEqual(
    missing.map((x) => x.id),
    [],
  );
  assert.equal(plansNotified, plans.length);
  assert.deepEqual(doubled, []);
  // Back to one worker for the scenarios after this one.
  while (w.workers.length > 1) await w.cluster.kill(w.workers.pop()!, 'SIGTERM');
}

async function scaleOutScenario(w: World): Promise<void> {
  w.apis.push(await w.cluster.startApi());
  w.workers.push(await w.cluster.startWorker());
  figure('scale out: processes', `${w.apis.length} APIs, ${w.workers.length} workers`);
  const plans = await Promise.all(Array.from({ length: 30 }, (_, i) => w.newPlan(w.apis[i % 2].base)));
  // Each plan escalates, is moved on, and escalates again, through both APIs at once.
  await inParallel(plans, 6, async (plan) => {
    for (const [i, past] of [true, false, true].entries()) {
      const res = await w.moveDeadline(plan, past, w.apis[(i + Number(plan.id.charCodeAt(0))) % 2].base);
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
  });
  const settled = await waitFor('every job done', () => w.outboxSettled(), 120_000, 200);
  const effects = await w.escalationEffects(plans.map((x) => x.id));
  const agendaPer = new Map(effects.agenda.map((a) => [a.subject_id, a.n]));
  const wrong = plans.filter((x) => agendaPer.get(x.id) !== 1);
  // One notification per user for each escalation the plan had (one, or two when its first escalation ran before
  // the deadline was moved on and back), each e-mailed once.
  const doubled = effects.notes.filter((n) => n.n !== n.escalations || n.emailed !== n.n || n.mails !== 1);
  figure(
    'scale out: plans escalated exactly once (open on the agenda)',
    `${plans.length - wrong.length} of ${plans.length}`,
  );
  figure(
    'scale out: plans that escalated twice (past, on, past again, with the first escalation already run)',
    new Set(effects.notes.filter((n) => n.escalations === 2).map((n) => n.link)).size,
  );
  figure('scale out: notifications or e-mails missing or doubled', doubled.length);
  figure('scale out: SMTP retransmissions with the same Message-ID', w.cluster.smtp.retransmissions);
  figure('scale out: settled (ms)', settled);
  assert.deepEqual(
    wrong.map((x) => x.id),
    [],
  );
  assert.deepEqual(doubled, []);
}

/** `node dist/src/main.js` on the embedded default (nothing configured) in a data directory of its own. */
function startEmbedded(
  dataDir: string,
  port: number,
): { child: ChildProcess; output: string[]; exit: Promise<number> } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'SEED_DEMO', 'SEED_SAMPLE_DATA']) delete env[name];
  const child = spawn(process.execPath, ['dist/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (b: Buffer) => output.push(...String(b).split('\n')));
  const exit = once(child, 'exit').then(([code, signal]) => (code ?? (signal ? 128 : 1)) as number);
  return { child, output, exit };
}

/** The pids of the first-start child processes working on a data directory. */
function firstStartChildren(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmd.includes('create-embedded-cluster.js') && cmd.includes(dataDir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * The embedded default's first start: the database is created, migrated and seeded by a child process; the app
 * then opens it and the demo accounts sign in. When that child is killed half-way (out of memory, a power cut),
 * the start says so and leaves no half-made database behind, and the next start makes it whole.
 */
async function firstStartScenario(): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'byloeft-first-start-'));
  try {
    // Killed half-way: the child is found and killed as soon as it runs.
    const killedDir = join(base, 'killed');
    const first = startEmbedded(killedDir, await freePort());
    let killed: number[] = [];
    await waitFor(
      'the first-start child process',
      () => (killed = firstStartChildren(killedDir)).length > 0,
      60_000,
      10,
    );
    for (const pid of killed) process.kill(pid, 'SIGKILL');
    const code = await first.exit;
    assert.notEqual(code, 0, 'a start whose database could not be made must fail');
    assert.match(
      first.output.join('\n'),
      /Creating the embedded database in .* failed \(signal SIGKILL\)/,
      first.output.slice(-15).join('\n'),
    );
    assert.equal(existsSync(join(killedDir, 'postgres')), false, 'the half-made cluster is removed');
    figure('first start killed half-way', `exit code ${code}, nothing kept`);

    // The whole start killed half-way (a power cut, or Ctrl-C): the app first, so it cannot clean up, then its child.
    const cutDir = join(base, 'cut');
    const cut = startEmbedded(cutDir, await freePort());
    let making: number[] = [];
    await waitFor('the first-start child process', () => (making = firstStartChildren(cutDir)).length > 0, 60_000, 10);
    await sleep(1_500); // into its migrations
    cut.child.kill('SIGKILL');
    for (const pid of making) process.kill(pid, 'SIGKILL');
    await cut.exit;
    assert.ok(existsSync(`${join(cutDir, 'postgres')}.first-start`), 'an unfinished first start is marked as such');
    figure('first start cut off with its app', 'marked unfinished');

    // The next start in each directory, and a start in a new one, make the database and sign in.
    for (const [what, dir] of [
      ['again after the kill', killedDir],
      ['again after the cut', cutDir],
      ['in a new directory', join(base, 'new')],
    ]) {
      const port = await freePort();
      const t0 = Date.now();
      const app = startEmbedded(dir, port);
      try {
        const url = `http://127.0.0.1:${port}`;
        await waitFor(
          `the first start ${what} to be ready`,
          async () => (await fetch(`${url}/health/ready`)).ok,
          120_000,
          100,
        );
        figure(`first start ${what}`, `ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        await login(url, 'admin');
        assert.ok(existsSync(join(dir, 'postgres', 'PG_VERSION')));
        assert.equal(existsSync(`${join(dir, 'postgres')}.first-start`), false, 'the finished start is not marked');
      } catch (err) {
        out(`--- last lines of the start ${what}:\n${app.output.slice(-15).join('\n')}`);
        throw err;
      } finally {
        app.child.kill('SIGTERM');
        await app.exit;
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

const SCENARIOS: Record<string, (w: World) => Promise<void>> = {
  audit: auditScenario,
  roles: rolesScenario,
  malformed: malformedScenario,
  postgres: postgresRestartScenario,
  redis: redisOutageScenario,
  kills: workerKillScenario,
  scale: scaleOutScenario,
  'first-start': firstStartScenario,
};

const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = chosen.length ? chosen : Object.keys(SCENARIOS);
const world = new World();
const budget = setTimeout(() => {
  out(`FAIL: the fault suite ran over its budget of ${BUDGET_MS / 1000} s`);
  void world.stop().finally(() => process.exit(1));
}, BUDGET_MS);
budget.unref();
let failed = false;
try {
  out(`Fault suite: ${names.join(', ')}`);
  await world.start();
  out(`Cluster up (PostgreSQL :${world.cluster.pgPort}, Redis :${world.cluster.redisPort}) at ${elapsed()}`);
  for (const name of names) {
    const scenario = SCENARIOS[name];
    if (!scenario) throw new Error(`No scenario "${name}" (known: ${Object.keys(SCENARIOS).join(', ')})`);
    out(`== ${name} (at ${elapsed()})`);
    await scenario(world);
    out(`PASS ${name}`);
  }
} catch (err) {
  failed = true;
  out(`FAIL: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  for (const p of [...world.apis.map((a) => a.proc), ...world.workers]) {
    out(`--- last lines of ${p.name}:\n${p.output.slice(-15).join('\n')}`);
  }
} finally {
  await world.stop();
  out(`Fault suite ${failed ? 'FAILED' : 'passed'} in ${elapsed()}`);
}
process.exit(failed ? 1 : 0);
