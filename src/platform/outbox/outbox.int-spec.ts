import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { PinoNestLogger } from '../common/logger.js';
import { ConfigModule } from '../config/config.module.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { freePort } from '../database/embedded-postgres.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { JobHandlerRegistry } from '../jobs/job-handler.registry.js';
import { ALL_JOB_NAMES, JOB_NAMES, stableJobId, type JobName } from '../jobs/job-names.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { QUEUE_PROCESSORS } from '../jobs/job.processors.js';
import { queueConnection } from '../queue/queue-connection.js';
import { QUEUES } from '../queue/queue-names.js';
import { testRuntimeConfig } from '../../../test/support/test-env.js';
import { ENQUEUE_TIMEOUT_MS, OutboxRelay } from './outbox.relay.js';
import { OutboxService } from './outbox.service.js';

/**
 * The outbox on a database of its own (a fresh one on the test server, or a
 * fresh embedded PGlite), so no other test file's relay can deliver these
 * rows first. With REDIS_URL, BullMQ runs on Redis under a prefix of its own;
 * without, on the PostgreSQL backend in that same database.
 */

interface HandledJob {
  name: string;
  jobId: string | undefined;
  data: unknown;
}

interface WorkerApp {
  moduleRef: TestingModule;
  outbox: OutboxService;
  relay: OutboxRelay;
  dataSource: DataSource;
  queue(name: keyof typeof QUEUES): Queue;
  handled: HandledJob[];
  close(): Promise<void>;
}

const QUEUE_PREFIX = `${process.env.BYLOEFT_TEST_QUEUE_PREFIX ?? 'byloeft-test'}-outbox`;

/** The worker role of JobsModule, as the app wires it, with recording handlers for `handledNames`. */
async function workerApp(
  url: string,
  env: NodeJS.ProcessEnv = {},
  handledNames: readonly JobName[] = ALL_JOB_NAMES,
): Promise<WorkerApp> {
  const config = {
    ...testRuntimeConfig({ OUTBOX_POLL_MS: '3600000', OUTBOX_LISTEN: 'false', QUEUE_PREFIX, ...env }),
    databaseUrl: url,
  };
  const handled: HandledJob[] = [];
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      TypeOrmModule.forRoot(dataSourceOptions(url, { logging: ['error'] })),
      BullModule.forRoot({ connection: queueConnection(config), prefix: config.env.QUEUE_PREFIX }),
      JobsModule.forRoot({ worker: true }),
    ],
    providers: [
      {
        provide: 'RECORDING_HANDLERS',
        inject: [JobHandlerRegistry],
        useFactory: (registry: JobHandlerRegistry) => {
          for (const name of handledNames) {
            registry.register(name, async (data, job) => {
              handled.push({ name: job.name, jobId: job.id, data });
            });
          }
          return handledNames;
        },
      },
    ],
  })
    .setLogger(new PinoNestLogger(pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })))
    .compile();
  const closeOnce = { done: false };
  const close = async () => {
    if (closeOnce.done) return;
    closeOnce.done = true;
    await moduleRef.close();
  };
  try {
    await moduleRef.init();
  } catch (err) {
    await close();
    throw err;
  }
  return {
    moduleRef,
    outbox: moduleRef.get(OutboxService),
    relay: moduleRef.get(OutboxRelay),
    dataSource: moduleRef.get(DataSource),
    queue: (name) => moduleRef.get<Queue>(getQueueToken(QUEUES[name]), { strict: false }),
    handled,
    close,
  };
}

interface Row {
  id: string;
  delivered_at: Date | null;
  attempts: number;
  last_error: string | null;
}

async function rowsOf(ds: DataSource, jobId: string): Promise<Row[]> {
  return (await ds.query(
    `SELECT "id", "delivered_at", "attempts", "last_error" FROM "outbox_message" WHERE "job_id" = $1 ORDER BY "id"`,
    [jobId],
  )) as Row[];
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const uniqueId = (...parts: (string | number)[]) => stableJobId('test', randomBytes(4).toString('hex'), ...parts);

describe('Outbox', () => {
  let db: TestDatabase;
  let t: WorkerApp;

  beforeAll(async () => {
    db = await createTestDatabase('byloeft_outbox');
    t = await workerApp(db.url);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  }, 30_000);

  it('leaves nothing behind when the transaction rolls back', async () => {
    const jobId = uniqueId('rollback');
    const qr = t.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      await t.outbox.add(qr.manager, {
        queue: QUEUES.deadlines,
        name: JOB_NAMES.deadlineReminder,
        jobId,
        data: { n: 1 },
      });
      const inside = (await qr.query(`SELECT count(*)::int AS n FROM "outbox_message" WHERE "job_id" = $1`, [
        jobId,
      ])) as { n: number }[];
      expect(inside[0].n).toBe(1);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
    expect(await rowsOf(t.dataSource, jobId)).toEqual([]);
    expect(await t.relay.relayOnce()).toBe(0);
    expect(await t.queue('deadlines').getJob(jobId)).toBeUndefined();
  });

  it('delivers a committed job exactly once, with its id and the delay until run_at', async () => {
    const jobId = uniqueId('reminder');
    const runAt = new Date(Date.now() + 3_600_000);
    await t.dataSource.transaction((m) =>
      t.outbox.add(m, {
        queue: QUEUES.deadlines,
        name: JOB_NAMES.deadlineReminder,
        jobId,
        data: { subjectId: 'p1' },
        runAt,
      }),
    );
    const [before] = await rowsOf(t.dataSource, jobId);
    expect(before).toMatchObject({ delivered_at: null, attempts: 0 });

    expect(await t.relay.relayOnce()).toBe(1);
    const [after] = await rowsOf(t.dataSource, jobId);
    expect(after.delivered_at).toBeInstanceOf(Date);
    expect(after.attempts).toBe(1);
    expect(await t.relay.relayOnce()).toBe(0);

    const job = await t.queue('deadlines').getJob(jobId);
    expect(job).toBeDefined();
    expect(job!.name).toBe('deadline-reminder');
    expect(job!.data).toEqual({ subjectId: 'p1' });
    expect(job!.delay).toBeGreaterThan(3_600_000 - 60_000);
    expect(job!.delay).toBeLessThanOrEqual(3_600_000);
    expect(job!.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential' } });
    expect(await job!.getState()).toBe('delayed');
    expect((await rowsOf(t.dataSource, jobId))[0].attempts).toBe(1);
  });

  it('de-duplicates by job id: the same job added again stays one job', async () => {
    const jobId = uniqueId('escalation');
    const runAt = new Date(Date.now() + 7_200_000);
    const add = (data: Record<string, unknown>) =>
      t.dataSource.transaction((m) =>
        t.outbox.add(m, { queue: QUEUES.deadlines, name: JOB_NAMES.deadlineEscalation, jobId, data, runAt }),
      );
    await add({ version: 1 });
    expect(await t.relay.relayOnce()).toBe(1);
    await add({ version: 2 });
    expect(await t.relay.relayOnce()).toBe(1);
    expect(await rowsOf(t.dataSource, jobId)).toHaveLength(2);
    const job = await t.queue('deadlines').getJob(jobId);
    expect(job!.data).toEqual({ version: 1 });
    const delayed = await t.queue('deadlines').getDelayed();
    expect(delayed.filter((j) => j.id === jobId)).toHaveLength(1);
  });

  it('refuses, before writing, a job on the wrong queue or with an id BullMQ would refuse', async () => {
    const jobId = uniqueId('refused');
    await expect(
      t.dataSource.transaction((m) =>
        t.outbox.add(m, { queue: QUEUES.deadlines, name: JOB_NAMES.sendNotificationEmail, jobId, data: {} }),
      ),
    ).rejects.toThrow('Job "send-notification-email" runs on queue notifications, not deadlines');
    await expect(
      t.dataSource.transaction((m) =>
        t.outbox.add(m, {
          queue: QUEUES.deadlines,
          name: JOB_NAMES.deadlineReminder,
          jobId: 'plan:1:stage:2',
          data: {},
        }),
      ),
    ).rejects.toThrow(/contains ':'/);
    expect(await rowsOf(t.dataSource, jobId)).toEqual([]);
    expect(await rowsOf(t.dataSource, 'plan:1:stage:2')).toEqual([]);
  });

  it("hands a due job through the queue's processor to the handler registered for its name", async () => {
    const jobId = uniqueId('now');
    await t.dataSource.transaction((m) =>
      t.outbox.add(m, {
        queue: QUEUES.notifications,
        name: JOB_NAMES.sendNotificationEmail,
        jobId,
        data: { notificationId: 'n-1' },
      }),
    );
    expect(await t.relay.relayOnce()).toBe(1);
    await waitFor('the handler to run', () => t.handled.some((h) => h.jobId === jobId), 20_000);
    expect(t.handled.filter((h) => h.jobId === jobId)).toEqual([
      { name: 'send-notification-email', jobId, data: { notificationId: 'n-1' } },
    ]);
    // Each worker listens for 'error', so a lost connection is logged rather than thrown as an unhandled event.
    for (const type of QUEUE_PROCESSORS.values()) {
      const { worker } = t.moduleRef.get(type);
      expect({
        queue: worker.name,
        running: worker.isRunning(),
        errorListeners: worker.listenerCount('error') > 0,
      }).toEqual({
        queue: worker.name,
        running: true,
        errorListeners: true,
      });
    }
  }, 30_000);

  it('delivers an entry committed while the queue is unreachable once it is back, without hanging meanwhile', async () => {
    const jobId = uniqueId('outage');
    if (process.env.REDIS_URL) {
      const port = await freePort();
      let redis = await startRedis(port);
      const b = await workerApp(db.url, {
        REDIS_URL: `redis://127.0.0.1:${port}`,
        QUEUE_PREFIX: `${QUEUE_PREFIX}-outage`,
      });
      try {
        // The relay's producer is connected (a first job went through), then Redis stops.
        const warmUp = uniqueId('warm-up');
        await b.dataSource.transaction((m) =>
          b.outbox.add(m, {
            queue: QUEUES.deadlines,
            name: JOB_NAMES.deadlineReminder,
            jobId: warmUp,
            data: {},
            runAt: new Date(Date.now() + 3_600_000),
          }),
        );
        expect(await b.relay.relayOnce()).toBe(1);
        await stopRedis(redis);

        await b.dataSource.transaction((m) =>
          b.outbox.add(m, {
            queue: QUEUES.deadlines,
            name: JOB_NAMES.deadlineReminder,
            jobId,
            data: { outage: true },
            runAt: new Date(Date.now() + 3_600_000),
          }),
        );
        const started = Date.now();
        expect(await b.relay.relayOnce()).toBe(0);
        expect(Date.now() - started).toBeLessThan(ENQUEUE_TIMEOUT_MS + 1000);
        const [failed] = await rowsOf(b.dataSource, jobId);
        expect(failed).toMatchObject({ delivered_at: null, attempts: 1 });
        expect(failed.last_error).toEqual(expect.any(String));
        expect(failed.last_error!.length).toBeGreaterThan(0);

        redis = await startRedis(port);
        // The producer reconnects on its own within about a second; until then a pass fails fast.
        await waitFor('delivery after Redis is back', async () => (await b.relay.relayOnce()) > 0, 15_000);
        const [delivered] = await rowsOf(b.dataSource, jobId);
        expect(delivered.delivered_at).toBeInstanceOf(Date);
        expect(delivered.attempts).toBeGreaterThanOrEqual(2);
        const job = await b.queue('deadlines').getJob(jobId);
        expect(job?.data).toEqual({ outage: true });
        expect(await job!.getState()).toBe('delayed');
      } finally {
        if (redis.exitCode !== null) redis = await startRedis(port);
        await b.close();
        await stopRedis(redis);
      }
    } else {
      // No Redis here: the queue lives in the same PostgreSQL, so it cannot be stopped apart from the outbox.
      await t.dataSource.transaction((m) =>
        t.outbox.add(m, {
          queue: QUEUES.deadlines,
          name: JOB_NAMES.deadlineReminder,
          jobId,
          data: { outage: true },
          runAt: new Date(Date.now() + 3_600_000),
        }),
      );
      expect(await t.relay.relayOnce()).toBe(1);
      const [delivered] = await rowsOf(t.dataSource, jobId);
      expect(delivered).toMatchObject({ attempts: 1, last_error: null });
      expect(delivered.delivered_at).toBeInstanceOf(Date);
      const job = await t.queue('deadlines').getJob(jobId);
      expect(job?.data).toEqual({ outage: true });
    }
  }, 60_000);

  it('lets several relays run: each row is delivered by exactly one of them', async () => {
    const second = await workerApp(db.url);
    try {
      const ids = Array.from({ length: 30 }, (_, i) => uniqueId('parallel', i));
      await t.dataSource.transaction(async (m) => {
        for (const jobId of ids) {
          await t.outbox.add(m, {
            queue: QUEUES.deadlines,
            name: JOB_NAMES.deadlineReminder,
            jobId,
            data: {},
            runAt: new Date(Date.now() + 3_600_000),
          });
        }
      });
      // (On the embedded PGlite the statements take turns, but the claims still have to keep the relays apart.)
      const [a, b] = await Promise.all([t.relay.relayOnce(), second.relay.relayOnce()]);
      expect(a + b).toBe(ids.length);
      const rows = (await t.dataSource.query(
        `SELECT "attempts", "delivered_at" FROM "outbox_message" WHERE "job_id" = ANY($1)`,
        [ids],
      )) as Row[];
      expect(rows).toHaveLength(ids.length);
      expect(rows.every((r) => r.attempts === 1 && r.delivered_at instanceof Date)).toBe(true);
    } finally {
      await second.close();
    }
  }, 30_000);

  it('refuses to start a worker while a job name has no handler, naming the job', async () => {
    const handled = ALL_JOB_NAMES.filter((n) => n !== JOB_NAMES.deadlineEscalation);
    await expect(workerApp(db.url, {}, handled)).rejects.toThrow(
      /No handler is registered for job "deadline-escalation" \(queue deadlines\)/,
    );
  }, 30_000);
});

/** A throw-away Redis on `port` (no persistence), ready when this resolves. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    '/usr/bin/redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await waitFor(`redis-server on port ${port}`, () => canConnect(port), 10_000);
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
