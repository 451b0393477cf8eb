import { Injectable, Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES } from '../queue/queue-names.js';
import { JobHandlerRegistry } from './job-handler.registry.js';

/** Runs each job of its queue through the handler registered for the job's name. */
@Injectable()
export abstract class DispatchingProcessor extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  constructor(private readonly registry: JobHandlerRegistry) {
    super();
  }

  async process(job: Job): Promise<void> {
    const started = Date.now();
    await this.registry.dispatch(job);
    this.logger.debug({ msg: 'Job done', queue: job.queueName, job: job.name, jobId: job.id, attempt: job.attemptsMade + 1, ms: Date.now() - started });
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

@Processor(QUEUES.deadlines)
export class DeadlinesProcessor extends DispatchingProcessor {}

@Processor(QUEUES.notifications, { concurrency: 4 })
export class NotificationsProcessor extends DispatchingProcessor {}
