import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { queueConnection } from '../../src/platform/queue/queue-connection.js';
import { QUEUES } from '../../src/platform/queue/queue-names.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { testRuntimeConfig } from '../support/test-env.js';

/** The operator's view of the queues, on whichever backend this run uses (Redis, or BullMQ's PostgreSQL one). */
describe('The queues, for administrators', () => {
  let t: TestApp;
  let queue: Queue;
  let worker: Worker | null = null;
  let db: TestDatabase;
  // A prefix of its own, so no other test's workers take these jobs; and a database of its own, so this app's
  // outbox relay never moves another file's jobs (e-mails, imports) into this queue, where the stand-in worker
  // below would take them.
  const prefix = `jobs-${randomUUID().slice(0, 8)}`;
  const env: NodeJS.ProcessEnv = { QUEUE_PREFIX: prefix };

  beforeAll(async () => {
    db = await createTestDatabase('byloeft_jobs');
    env.DATABASE_URL = db.url;
    t = await createTestApp(env, { api: true, worker: false });
    const config = testRuntimeConfig(env);
    queue = new Queue(QUEUES.notifications, { connection: queueConnection(config), prefix });
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await t?.close();
    await db?.drop();
  });

  it('shows a failed job with its error, a delayed one, and retries the failed one', async () => {
    const config = testRuntimeConfig(env);
    let attempts = 0;
    const failed = new Promise<Job>((resolve) => {
      worker = new Worker(
        QUEUES.notifications,
        (job: Job) => {
          attempts++;
          if (attempts === 1) throw new Error('SMTP said 550: mailbox unavailable');
          return Promise.resolve(`sent ${job.id}`);
        },
        { connection: queueConnection(config), prefix },
      );
      worker.on('failed', (job) => job && resolve(job));
    });
    const completed = new Promise<Job>((resolve) =>
      worker!.on('completed', (job) => job.id === 'email-1' && resolve(job)),
    );
    await worker!.waitUntilReady();

    await queue.add('send-notification-email', { notificationId: 'n-1' }, { jobId: 'email-1', attempts: 1 });
    await queue.add('send-notification-email', { notificationId: 'n-2' }, { jobId: 'email-later', delay: 3_600_000 });
    await failed;

    const admin = await t.tokenFor('admin');
    const res = await t.http.get('/api/admin/jobs').auth(admin, { type: 'bearer' }).expect(200);
    const notifications = (res.body as { queue: string }[]).find((q) => q.queue === 'notifications') as unknown as {
      counts: Record<string, number>;
      failed: { id: string; failedReason: string; attemptsMade: number }[];
      delayed: { id: string; runAt: string }[];
    };
    expect(notifications.counts).toMatchObject({ failed: 1, delayed: 1 });
    expect(notifications.failed).toEqual([
      expect.objectContaining({ id: 'email-1', failedReason: 'SMTP said 550: mailbox unavailable', attemptsMade: 1 }),
    ]);
    expect(notifications.delayed).toEqual([expect.objectContaining({ id: 'email-later' })]);
    expect(Date.parse(notifications.delayed[0].runAt)).toBeGreaterThan(Date.now() + 3_000_000);
    expect((res.body as { queue: string }[]).map((q) => q.queue).sort()).toEqual([
      'deadlines',
      'indicators',
      'notifications',
    ]);

    // Only a failed job can be retried; others and unknown ones are refused clearly.
    const notFailed = await t.http
      .post('/api/admin/jobs/notifications/email-later/retry')
      .auth(admin, { type: 'bearer' })
      .expect(409);
    expect(notFailed.body.detail).toMatch(/delayed, not failed/);
    await t.http.post('/api/admin/jobs/nonsense/x/retry').auth(admin, { type: 'bearer' }).expect(404);
    await t.http.post('/api/admin/jobs/notifications/nope/retry').auth(admin, { type: 'bearer' }).expect(404);

    await t.http.post('/api/admin/jobs/notifications/email-1/retry').auth(admin, { type: 'bearer' }).expect(200);
    expect((await completed).id).toBe('email-1');
    const after = await t.http.get('/api/admin/jobs').auth(admin, { type: 'bearer' }).expect(200);
    const n2 = (after.body as { queue: string; failed: unknown[] }[]).find((q) => q.queue === 'notifications')!;
    expect(n2.failed).toEqual([]);
  });

  it('describes its answers in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    expect(doc.paths['/api/admin/jobs'].get.responses['200'].content).toEqual({
      'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/QueueDto' } } },
    });
    expect(doc.paths['/api/admin/jobs/{queue}/{id}/retry'].post.responses['200'].content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/JobDto' } },
    });
    expect(Object.keys(doc.components.schemas.JobDto.properties)).toEqual(
      expect.arrayContaining(['failedReason', 'runAt', 'possiblyStalled']),
    );
  });

  it('is for administrators only', async () => {
    const staff = await t.tokenFor('tmf');
    await t.http.get('/api/admin/jobs').auth(staff, { type: 'bearer' }).expect(403);
    await t.http.post('/api/admin/jobs/notifications/email-1/retry').auth(staff, { type: 'bearer' }).expect(403);
  });
});
