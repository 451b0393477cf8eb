import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue, type ConnectionOptions } from 'bullmq';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../config/app-config.js';
import { queueConnection } from '../queue/queue-connection.js';
import { ALL_QUEUES, type QueueName } from '../queue/queue-names.js';

/** Rows claimed per batch. */
const BATCH_SIZE = 50;
/** Batches per pass at most (a pass stops early at a short batch or a failure). */
const MAX_BATCHES_PER_PASS = 20;
/** How long one enqueue (or waiting for the queue's connection) may take before it counts as failed. */
export const ENQUEUE_TIMEOUT_MS = 5000;
/** A claim's lease; a pass stops handing out jobs once half of it is used. */
const LEASE_MS = 120_000;
/** Delivered rows are kept this long (for inspection), then deleted. */
const RETENTION_DAYS = 7;
const PRUNE_EVERY_MS = 10 * 60_000;
const FAILURE_WARNING_EVERY_MS = 30_000;
/** The channel the outbox's insert trigger NOTIFYs on commit. */
export const OUTBOX_CHANNEL = 'byloeft_outbox';
/** How long the relay waits before listening again after its listening connection was lost. */
const RELISTEN_MS = 1000;
/** Rows the reconciler checks per pass at most. */
const RECONCILE_BATCH = 100;
/** How often one job is enqueued again at most; then it is left, with an error logged, for a person to look at. */
export const MAX_RECONCILES = 10;

/** The options every relayed job gets. */
export const RELAYED_JOB_OPTIONS = {
  removeOnComplete: 1000,
  removeOnFail: 5000,
  attempts: 5,
  backoff: { type: 'exponential', delay: 10_000 },
} as const;

interface ClaimedRow {
  id: string;
  queue: string;
  name: string;
  job_id: string;
  data: Record<string, unknown>;
  run_at: Date;
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

/**
 * Hands committed outbox rows to BullMQ (worker role only). Once started, every
 * OUTBOX_POLL_MS it claims undelivered rows FOR UPDATE SKIP LOCKED (so
 * several workers can run) and leases them for a while, enqueues each with its
 * stable job id and a delay computed now from run_at, and marks it delivered.
 *
 * The claim is committed before enqueueing, rather than held open across
 * `queue.add`: on the embedded PGlite one transaction blocks every other
 * connection, BullMQ's PostgreSQL backend included, so an add inside the claim
 * would wait forever. A crash between add and mark re-sends the row after the
 * lease: harmless, as BullMQ ignores a job id it already holds.
 *
 * An unreachable queue never hangs the relay: the producer connection does not
 * queue commands while Redis is away, and every enqueue has a timeout. The row
 * keeps its place, with attempts and last_error recorded, for the next pass.
 *
 * The relay LISTENs on OUTBOX_CHANNEL, which the outbox's insert trigger
 * NOTIFYs when the writing transaction commits, and runs a pass at once;
 * polling every OUTBOX_POLL_MS is the fallback (a lost listening connection,
 * a missed notification). On the embedded PGlite, whose one session would
 * hand the notification to whichever connection committed, the embedded
 * server routes it to the listening connection (see embedded-postgres.ts).
 *
 * Delivered is not done: a job may still fail for good (a worker that died
 * more often than the stall limit allows) or vanish from the queue. Every
 * OUTBOX_RECONCILE_MS the reconciler looks at delivered rows that are due and
 * whose handler has not finished (completed_at, set by the processor): a job
 * the queue holds as failed or no longer holds is enqueued again under its id
 * (handlers are idempotent), at most MAX_RECONCILES times; one the queue
 * holds as completed is marked so; one waiting or running is left alone.
 */
@Injectable()
export class OutboxRelay implements OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private readonly producers = new Map<QueueName, Queue>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastPrune = 0;
  private lastReconcile = 0;
  private lastFailureWarning = 0;
  private wakeRequested = false;
  private listener: pg.Client | null = null;
  private relistenTimer: NodeJS.Timeout | undefined;
  /** Notifications received (for tests and diagnostics). */
  wakeUps = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  /** Starts polling (WorkerStartup calls it once the app is known to start). */
  start(): void {
    if (this.timer || this.running || this.stopped) return;
    if (this.config.env.OUTBOX_LISTEN !== 'false') void this.listen();
    this.runNow();
    this.logger.log({
      msg: 'Outbox relay started',
      pollMs: this.config.env.OUTBOX_POLL_MS,
      reconcileMs: this.config.env.OUTBOX_RECONCILE_MS,
      channel: OUTBOX_CHANNEL,
    });
  }

  /** Runs a pass now (a commit wrote outbox rows), or right after the one running. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    clearTimeout(this.timer);
    this.runNow();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.relistenTimer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await this.running;
    const producers = [...this.producers.values()];
    this.producers.clear();
    await Promise.allSettled(producers.map((q) => q.close()));
  }

  /**
   * One pass over the undelivered rows (all of them, whatever their run_at:
   * the delay is BullMQ's to keep); returns how many were delivered. A queue
   * failure is recorded on its row, not thrown; a database error is thrown.
   */
  async relayOnce(): Promise<number> {
    const started = Date.now();
    let delivered = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS && !this.stopped; batch++) {
      const rows = await this.claim();
      if (rows.length === 0) break;
      const result = await this.deliver(rows, started);
      delivered += result.delivered;
      if (result.failed > 0 || rows.length < BATCH_SIZE || Date.now() - started > LEASE_MS / 2) break;
    }
    return delivered;
  }

  private runNow(): void {
    if (this.stopped) return;
    this.wakeRequested = false;
    this.running = this.tick().finally(() => {
      this.running = undefined;
      if (this.wakeRequested) this.runNow();
      else this.schedule();
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runNow(), this.config.env.OUTBOX_POLL_MS);
    this.timer.unref();
  }

  /** LISTENs on the outbox's channel on a connection of its own; a lost connection listens again. */
  private async listen(): Promise<void> {
    if (this.stopped || this.listener) return;
    const client = new pg.Client({ connectionString: this.config.databaseUrl, application_name: 'byloeft-relay' });
    this.listener = client;
    const lost = (why: string) => {
      if (this.listener !== client) return;
      this.listener = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.debug({ msg: 'Outbox relay stopped listening; polling until it listens again', why });
      clearTimeout(this.relistenTimer);
      this.relistenTimer = setTimeout(() => void this.listen(), RELISTEN_MS);
      this.relistenTimer.unref();
    };
    client.on('error', (err: Error) => lost(err.message));
    client.on('end', () => lost('connection ended'));
    client.on('notification', () => {
      this.wakeUps++;
      this.wake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      // Rows committed while nobody listened are picked up by this pass.
      if (this.listener === client) this.wake();
    } catch (err) {
      lost(message(err));
    }
  }

  private async tick(): Promise<void> {
    try {
      await this.relayOnce();
      if (Date.now() - this.lastReconcile > this.config.env.OUTBOX_RECONCILE_MS) {
        this.lastReconcile = Date.now();
        await this.reconcileOnce();
      }
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        // Completed rows are kept a week for inspection; undelivered and unfinished ones stay.
        await this.dataSource.query(
          `DELETE FROM "outbox_message" WHERE "completed_at" < now() - make_interval(days => $1)`,
          [RETENTION_DAYS],
        );
      }
    } catch (err) {
      // The database itself is unreachable: try again next tick.
      this.logger.warn({ msg: 'Outbox relay pass failed', error: message(err) });
    }
  }

  /**
   * One reconciler pass over delivered rows that are due and not completed;
   * returns what it did. Idempotent: a job still in the queue is left alone,
   * and a job enqueued again runs a handler that finds its effect done or does it.
   */
  async reconcileOnce(): Promise<{ requeued: number; completed: number; pending: number; abandoned: number }> {
    const result = { requeued: 0, completed: 0, pending: 0, abandoned: 0 };
    const [rows] = (await this.dataSource.query(
      `UPDATE "outbox_message" m
          SET "reconcile_after" = now() + make_interval(secs => $2)
        WHERE m."id" IN (
          SELECT "id" FROM "outbox_message"
           WHERE "delivered_at" IS NOT NULL AND "completed_at" IS NULL AND "run_at" <= now()
             AND ("reconcile_after" IS NULL OR "reconcile_after" < now())
           ORDER BY "run_at"
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING m."id", m."queue", m."name", m."job_id", m."data", m."run_at", m."reconciled"`,
      [RECONCILE_BATCH, Math.max(1, this.config.env.OUTBOX_RECONCILE_MS / 1000)],
    )) as [(ClaimedRow & { reconciled: number })[], number];
    for (const row of rows) {
      if (this.stopped) break;
      try {
        const queue = await this.producer(row.queue);
        const job = await withTimeout(queue.getJob(row.job_id), ENQUEUE_TIMEOUT_MS, `look up job ${row.job_id}`);
        const state = job ? await withTimeout(job.getState(), ENQUEUE_TIMEOUT_MS, 'job state') : 'missing';
        if (state === 'completed') {
          await this.dataSource.query(`UPDATE "outbox_message" SET "completed_at" = now() WHERE "id" = $1`, [row.id]);
          result.completed++;
        } else if (state === 'failed' || state === 'missing' || state === 'unknown') {
          if (row.reconciled >= MAX_RECONCILES) {
            this.logger.error({
              msg: 'Job failed for good after being enqueued again repeatedly; left for a person to look at',
              queue: row.queue,
              job: row.name,
              jobId: row.job_id,
              reconciled: row.reconciled,
              failedReason: job?.failedReason,
            });
            await this.dataSource.query(
              `UPDATE "outbox_message" SET "reconcile_after" = 'infinity', "last_error" = $2 WHERE "id" = $1`,
              [row.id, `abandoned after ${row.reconciled} re-enqueues: ${job?.failedReason ?? state}`.slice(0, 2000)],
            );
            result.abandoned++;
            continue;
          }
          if (job) await withTimeout(job.remove(), ENQUEUE_TIMEOUT_MS, `remove failed job ${row.job_id}`);
          await withTimeout(
            queue.add(row.name, row.data, {
              ...RELAYED_JOB_OPTIONS,
              jobId: row.job_id,
              delay: Math.max(0, new Date(row.run_at).getTime() - Date.now()),
            }),
            ENQUEUE_TIMEOUT_MS,
            `enqueue on ${row.queue}`,
          );
          await this.dataSource.query(
            `UPDATE "outbox_message" SET "reconciled" = "reconciled" + 1, "last_error" = $2,
                    "reconcile_after" = now() + make_interval(secs => $3) WHERE "id" = $1`,
            [
              row.id,
              `enqueued again: the job had ` +
                `${state === 'failed' ? `failed (${job?.failedReason ?? ''})` : 'vanished'}`.slice(0, 2000),
              Math.min(3600, 2 ** row.reconciled * Math.max(1, this.config.env.OUTBOX_RECONCILE_MS / 1000)),
            ],
          );
          this.logger.warn({
            msg: 'Job enqueued again: it had failed or vanished before its effect was done',
            queue: row.queue,
            job: row.name,
            jobId: row.job_id,
            state,
            failedReason: job?.failedReason,
          });
          result.requeued++;
        } else {
          result.pending++;
        }
      } catch (err) {
        // The queue is away: the lease expires and the row is checked again.
        this.logger.debug({ msg: 'Reconciler could not check a job', jobId: row.job_id, error: message(err) });
      }
    }
    return result;
  }

  private async claim(): Promise<ClaimedRow[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE "outbox_message" m
          SET "locked_until" = now() + make_interval(secs => $2)
        WHERE m."id" IN (
          SELECT "id" FROM "outbox_message"
           WHERE "delivered_at" IS NULL AND ("locked_until" IS NULL OR "locked_until" < now())
           ORDER BY "id"
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING m."id", m."queue", m."name", m."job_id", m."data", m."run_at"`,
      [BATCH_SIZE, LEASE_MS / 1000],
    )) as [ClaimedRow[], number];
    return rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  private async deliver(rows: ClaimedRow[], passStarted: number): Promise<{ delivered: number; failed: number }> {
    const delivered: string[] = [];
    const failures: { id: string; error: string }[] = [];
    const unreachable = new Map<string, string>();
    let index = 0;
    for (; index < rows.length; index++) {
      const row = rows[index];
      if (Date.now() - passStarted > LEASE_MS / 2) break;
      const known = unreachable.get(row.queue);
      if (known) {
        failures.push({ id: row.id, error: known });
        continue;
      }
      try {
        const queue = await this.producer(row.queue);
        await withTimeout(
          queue.add(row.name, row.data, {
            ...RELAYED_JOB_OPTIONS,
            jobId: row.job_id,
            delay: Math.max(0, new Date(row.run_at).getTime() - Date.now()),
          }),
          ENQUEUE_TIMEOUT_MS,
          `enqueue on ${row.queue}`,
        );
        delivered.push(row.id);
      } catch (err) {
        failures.push({ id: row.id, error: message(err) });
        // A queue that did not answer in time would make every later row of the batch wait as long.
        if (err instanceof TimeoutError) unreachable.set(row.queue, message(err));
      }
    }
    const untried = rows.slice(index).map((r) => r.id);
    if (delivered.length) {
      await this.dataSource.query(
        `UPDATE "outbox_message" SET "delivered_at" = now(), "locked_until" = NULL, "attempts" = "attempts" + 1
          WHERE "id" = ANY($1::bigint[])`,
        [delivered],
      );
    }
    for (const f of failures) {
      await this.dataSource.query(
        `UPDATE "outbox_message" SET "locked_until" = NULL, "attempts" = "attempts" + 1, "last_error" = $2 WHERE
          "id" = $1`,
        [f.id, f.error],
      );
    }
    if (untried.length) {
      await this.dataSource.query(`UPDATE "outbox_message" SET "locked_until" = NULL WHERE "id" = ANY($1::bigint[])`, [
        untried,
      ]);
    }
    if (failures.length) {
      // Every pass retries, but an outage need not write a warning every pass.
      const entry = {
        msg: 'Outbox: jobs not enqueued, will retry',
        failed: failures.length,
        delivered: delivered.length,
        error: failures[0].error,
      };
      if (Date.now() - this.lastFailureWarning > FAILURE_WARNING_EVERY_MS) {
        this.lastFailureWarning = Date.now();
        this.logger.warn(entry);
      } else {
        this.logger.debug(entry);
      }
    } else if (delivered.length) {
      this.lastFailureWarning = 0;
    }
    return { delivered: delivered.length, failed: failures.length };
  }

  /**
   * The relay's own producers, separate from the workers' connections: on
   * Redis they refuse commands while disconnected (no offline queue) and
   * reconnect quickly, so an enqueue fails fast instead of waiting.
   */
  private async producer(name: string): Promise<Queue> {
    if (!(ALL_QUEUES as string[]).includes(name)) throw new Error(`Unknown queue "${name}"`);
    let queue = this.producers.get(name as QueueName);
    if (!queue) {
      queue = new Queue(name, { connection: this.producerConnection(), prefix: this.config.env.QUEUE_PREFIX });
      queue.on('error', (err: Error) =>
        this.logger.debug({ msg: 'Outbox producer connection error', queue: name, error: err.message }),
      );
      this.producers.set(name as QueueName, queue);
    }
    await withTimeout(queue.waitUntilReady(), ENQUEUE_TIMEOUT_MS, `connect to queue ${name}`);
    return queue;
  }

  private producerConnection(): ConnectionOptions {
    const base = queueConnection(this.config);
    if (!this.config.redisUrl) return base;
    return {
      ...base,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times: number) => Math.min(100 * times, 1000),
    };
  }
}
