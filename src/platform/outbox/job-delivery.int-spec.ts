import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnrecoverableError, type Queue } from 'bullmq';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { PinoNestLogger } from '../common/logger.js';
import { ConfigModule } from '../config/config.module.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { testRuntimeConfig } from '../../../test/support/test-env.js';
import { JobHandlerRegistry, type JobHandler } from '../jobs/job-handler.registry.js';
import { ALL_JOB_NAMES, JOB_NAMES, stableJobId } from '../jobs/job-names.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { QUEUE_PROCESSORS } from '../jobs/job.processors.js';
import { queueConnection } from '../queue/queue-connection.js';
import { QUEUES } from '../queue/queue-names.js';
import { OutboxRelay } from './outbox.relay.js';
import { OutboxService } from './outbox.service.js';

/**
 * Delivery holds until the effect is done (issue 11, defect 1) and the relay
 * is woken by the commit (issue 16): on a database of its own, with the
 * worker role as the app wires it and a notification handler the test controls.
 */

const QUEUE_PREFIX = `${process.env.BYLOEFT_TEST_QUEUE_PREFIX ?? 'byloeft-test'}-delivery`;

interface Harness {
  moduleRef: TestingModule;
  relay: OutboxRelay;
  outbox: OutboxService;
  dataSource: DataSource;
  queue: Queue;
  close(): Promise<void>;
}

async function harness(url: string, env: NodeJS.ProcessEnv, onEmail: JobHandler): Promise<Harness> {
  const config = { ...testRuntimeConfig({ QUEUE_PREFIX, OUTBOX_RECONCILE_MS: '3600000', ...env }), databaseUrl: url };
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      TypeOrmModule.forRoot(dataSourceOptions(url, { logging: ['error'] })),
      BullModule.forRoot({ connection: queueConnection(config), prefix: config.env.QUEUE_PREFIX }),
      JobsModule.forRoot({ worker: true }),
    ],
    providers: [
      {
        provide: 'HANDLERS',
        inject: [JobHandlerRegistry],
        useFactory: (registry: JobHandlerRegistry) => {
          for (const name of ALL_JOB_NAMES) {
            registry.register(name, name === JOB_NAMES.sendNotificationEmail ? onEmail : async () => undefined);
          }
          return true;
        },
      },
    ],
  })
    .setLogger(new PinoNestLogger(pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })))
    .compile();
  await moduleRef.init();
  return {
    moduleRef,
    relay: moduleRef.get(OutboxRelay),
    outbox: moduleRef.get(OutboxService),
    dataSource: moduleRef.get(DataSource),
    queue: moduleRef.get<Queue>(getQueueToken(QUEUES.notifications), { strict: false }),
    close: () => moduleRef.close(),
  };
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const newJobId = (what: string) => stableJobId('test', what, randomBytes(4).toString('hex'));

async function addEmailJob(h: Harness, jobId: string): Promise<void> {
  await h.dataSource.transaction((m) =>
    h.outbox.add(m, { queue: QUEUES.notifications, name: JOB_NAMES.sendNotificationEmail, jobId, data: { jobId } }),
  );
}

async function rowOf(h: Harness, jobId: string) {
  const [row] = (await h.dataSource.query(
    `SELECT "delivered_at", "completed_at", "reconciled" FROM "outbox_message" WHERE "job_id" = $1`,
    [jobId],
  )) as { delivered_at: Date | null; completed_at: Date | null; reconciled: number }[];
  return row;
}

describe('Job delivery', () => {
  let db: TestDatabase;
  let h: Harness;
  /** Per job id: how often the handler ran, and how often it should fail (for good) first. */
  const runs = new Map<string, number>();
  const failFirst = new Map<string, number>();
  const done = new Map<string, number>();

  beforeAll(async () => {
    db = await createTestDatabase('byloeft_delivery');
    h = await harness(db.url, { OUTBOX_POLL_MS: '3600000', OUTBOX_LISTEN: 'true' }, async (data) => {
      const id = String(data.jobId);
      const n = (runs.get(id) ?? 0) + 1;
      runs.set(id, n);
      if (n <= (failFirst.get(id) ?? 0)) throw new UnrecoverableError(`failing run ${n} of ${id} on purpose`);
      done.set(id, (done.get(id) ?? 0) + 1);
    });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await db?.drop();
  }, 30_000);

  it('lets a job stall several times before it fails (BullMQ defaults to once)', () => {
    for (const type of QUEUE_PROCESSORS.values()) {
      expect(h.moduleRef.get(type).worker.opts.maxStalledCount).toBeGreaterThanOrEqual(3);
    }
  });

  it('wakes the relay when a transaction that wrote outbox rows commits (no poll for an hour)', async () => {
    const jobId = newJobId('wake');
    const wakeUps = h.relay.wakeUps;
    const started = Date.now();
    await addEmailJob(h, jobId);
    await waitFor('the handler to run after the commit', () => done.get(jobId) === 1);
    expect(h.relay.wakeUps).toBeGreaterThan(wakeUps);
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor('the row to be marked completed', async () => (await rowOf(h, jobId)).completed_at !== null);
  });

  it('enqueues again a job that failed for good before its effect was done, and then does it once', async () => {
    const jobId = newJobId('failed');
    failFirst.set(jobId, 1);
    await addEmailJob(h, jobId);
    await waitFor('the job to fail', async () => (await (await h.queue.getJob(jobId))?.getState()) === 'failed');
    expect(await rowOf(h, jobId)).toMatchObject({ completed_at: null });
    const first = await h.relay.reconcileOnce();
    expect(first.requeued).toBe(1);
    await waitFor('the effect', () => done.get(jobId) === 1);
    await waitFor('the row to be marked completed', async () => (await rowOf(h, jobId)).completed_at !== null);
    expect(await rowOf(h, jobId)).toMatchObject({ reconciled: 1 });
    // Idempotent: the reconciler has nothing more to do for it.
    await h.dataSource.query(`UPDATE "outbox_message" SET "reconcile_after" = NULL WHERE "job_id" = $1`, [jobId]);
    const second = await h.relay.reconcileOnce();
    expect(second.requeued).toBe(0);
    expect({ runs: runs.get(jobId), done: done.get(jobId) }).toEqual({ runs: 2, done: 1 });
  });

  it('enqueues again a delivered job that vanished from the queue', async () => {
    const jobId = newJobId('vanished');
    // Delivered as far as the outbox knows, but the queue never got it (or lost it).
    await h.dataSource.query(
      `INSERT INTO "outbox_message" ("queue", "name", "job_id", "data", "delivered_at", "attempts")
       VALUES ($1, $2, $3, $4::jsonb, now(), 1)`,
      [QUEUES.notifications, JOB_NAMES.sendNotificationEmail, jobId, JSON.stringify({ jobId })],
    );
    expect(await h.queue.getJob(jobId)).toBeUndefined();
    const result = await h.relay.reconcileOnce();
    expect(result.requeued).toBeGreaterThanOrEqual(1);
    await waitFor('the effect', () => done.get(jobId) === 1);
    await waitFor('the row to be marked completed', async () => (await rowOf(h, jobId)).completed_at !== null);
  });

  it('marks a job the queue completed (its mark was lost) without running it again', async () => {
    const jobId = newJobId('completed');
    await addEmailJob(h, jobId);
    await waitFor('the effect', () => done.get(jobId) === 1);
    await waitFor(
      'completed in the queue',
      async () => (await (await h.queue.getJob(jobId))?.getState()) === 'completed',
    );
    await h.dataSource.query(`UPDATE "outbox_message" SET "completed_at" = NULL WHERE "job_id" = $1`, [jobId]);
    const result = await h.relay.reconcileOnce();
    expect(result.completed).toBeGreaterThanOrEqual(1);
    expect((await rowOf(h, jobId)).completed_at).toBeInstanceOf(Date);
    expect(runs.get(jobId)).toBe(1);
  });

  it('leaves a job that is still waiting or running alone', async () => {
    const jobId = newJobId('future');
    await h.dataSource.transaction((m) =>
      h.outbox.add(m, {
        queue: QUEUES.notifications,
        name: JOB_NAMES.sendNotificationEmail,
        jobId,
        data: { jobId },
        runAt: new Date(Date.now() + 3_600_000),
      }),
    );
    await waitFor('delivery', async () => (await rowOf(h, jobId)).delivered_at !== null);
    // Due by the outbox's clock (run_at moved back), still delayed in the queue: pending, not enqueued twice.
    await h.dataSource.query(`UPDATE "outbox_message" SET "run_at" = now() - interval '1 minute' WHERE "job_id" = $1`, [
      jobId,
    ]);
    const result = await h.relay.reconcileOnce();
    expect(result.pending).toBeGreaterThanOrEqual(1);
    expect(await (await h.queue.getJob(jobId))?.getState()).toBe('delayed');
    expect((await rowOf(h, jobId)).reconciled).toBe(0);
  });
});
