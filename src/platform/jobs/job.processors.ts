import { Injectable, Logger, type Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ALL_QUEUES, QUEUES, type QueueName } from '../queue/queue-names.js';
import { JobHandlerRegistry, type JobData } from './job-handler.registry.js';

type WorkerOptions = NonNullable<Parameters<typeof Processor>[1]>;

/** Worker options per queue, where the default (one job at a time) is not right. */
const WORKER_OPTIONS: Partial<Record<QueueName, WorkerOptions>> = {
  [QUEUES.notifications]: { concurrency: 4 },
};

/**
 * Runs each job of its queue through the handler registered for the job's
 * name. Created with autorun off: WorkerStartup starts the workers once every
 * handler is known to be registered.
 */
@Injectable()
export abstract class DispatchingProcessor extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  constructor(private readonly registry: JobHandlerRegistry) {
    super();
  }

  async process(job: Job<JobData>): Promise<void> {
    const started = Date.now();
    await this.registry.dispatch(job);
    this.logger.debug({
      msg: 'Job done',
      queue: job.queueName,
      job: job.name,
      jobId: job.id,
      attempt: job.attemptsMade + 1,
      ms: Date.now() - started,
    });
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
  Processor(queue, { ...WORKER_OPTIONS[queue], autorun: false })(QueueProcessor);
  return QueueProcessor;
}

/**
 * One processor per queue, made from ALL_QUEUES: a new queue gets its worker
 * without further code, and its jobs reach their handlers by name.
 */
export const QUEUE_PROCESSORS: ReadonlyMap<QueueName, Type<DispatchingProcessor>> = new Map(
  ALL_QUEUES.map((q) => [q, processorFor(q)]),
);
