import { Injectable, Logger, type Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { ALL_QUEUES, QUEUES, type QueueName } from '../queue/queue-names.js';
import { JobHandlerRegistry, type JobData } from './job-handler.registry.js';

type WorkerOptions = NonNullable<Parameters<typeof Processor>[1]>;

/** Worker options per queue, where the default (one job at a time) is not right. */
const WORKER_OPTIONS: Partial<Record<QueueName, WorkerOptions>> = {
  [QUEUES.notifications]: { concurrency: 4 },
};

function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const n = raw && /^\d+$/.test(raw) ? Number(raw) : fallback;
  return Math.min(max, Math.max(min, n));
}

/**
 * Stalled jobs (their worker died while running them): BullMQ's default
 * limit of one stall failed a job whose worker died twice, for good
 * (issue 11). A job may now stall QUEUE_MAX_STALLED times (default 5) and
 * run again each time, about QUEUE_LOCK_MS after its worker was lost; past
 * that, the outbox reconciler still enqueues it again. Read when the module
 * loads, since the processors' options are fixed by their decorator; the
 * same variables are validated with the rest at start-up.
 */
export function stallOptions(): Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'> {
  const lock = envInt('QUEUE_LOCK_MS', 30_000, 1000, 600_000);
  return { lockDuration: lock, stalledInterval: lock, maxStalledCount: envInt('QUEUE_MAX_STALLED', 5, 1, 100) };
}

/**
 * Runs each job of its queue through the handler registered for the job's
 * name. Created with autorun off: WorkerStartup starts the workers once every
 * handler is known to be registered.
 */
@Injectable()
export abstract class DispatchingProcessor extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  constructor(
    private readonly registry: JobHandlerRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async process(job: Job<JobData>): Promise<void> {
    const started = Date.now();
    await this.registry.dispatch(job);
    await this.markCompleted(job);
    this.logger.debug({
      msg: 'Job done',
      queue: job.queueName,
      job: job.name,
      jobId: job.id,
      attempt: job.attemptsMade + 1,
      ms: Date.now() - started,
    });
  }

  /**
   * The job's effect is done: its outbox rows need no more watching. If this
   * update is lost (the database away at that moment), the reconciler finds
   * the job completed in the queue and marks it then; it never fails the job.
   */
  private async markCompleted(job: Job<JobData>): Promise<void> {
    if (!job.id) return;
    try {
      await this.dataSource.query(
        `UPDATE "outbox_message" SET "completed_at" = now()
          WHERE "job_id" = $1 AND "queue" = $2 AND "completed_at" IS NULL`,
        [job.id, job.queueName],
      );
    } catch (err) {
      this.logger.warn({
        msg: 'Job done, but its outbox row could not be marked completed (the reconciler will)',
        jobId: job.id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    this.logger.warn({
      msg: 'Job failed',
      queue: job?.queueName,
      job: job?.name,
      jobId: job?.id,
      attemptsMade: job?.attemptsMade,
      maxAttempts: job?.opts.attempts,
      error: err.message,
    });
  }

  /** Without a listener, a lost connection would surface as an unhandled 'error' event. */
  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn({ msg: 'Queue worker error', error: err.message });
  }
}

function processorFor(queue: QueueName): Type<DispatchingProcessor> {
  class QueueProcessor extends DispatchingProcessor {}
  const name = `${queue.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase())}Processor`;
  Object.defineProperty(QueueProcessor, 'name', { value: name });
  Processor(queue, { ...stallOptions(), ...WORKER_OPTIONS[queue], autorun: false })(QueueProcessor);
  return QueueProcessor;
}

/**
 * One processor per queue, made from ALL_QUEUES: a new queue gets its worker
 * without further code, and its jobs reach their handlers by name.
 */
export const QUEUE_PROCESSORS: ReadonlyMap<QueueName, Type<DispatchingProcessor>> = new Map(
  ALL_QUEUES.map((q) => [q, processorFor(q)]),
);
