import { Injectable } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { ALL_JOB_NAMES, JOB_QUEUES, type JobName } from './job-names.js';

export type JobData = Record<string, unknown>;

/** Handles one job. A job may run twice: handlers are idempotent. */
export type JobHandler<T extends JobData = JobData> = (data: T, job: Job<T>) => Promise<void>;

/**
 * Who handles each job name. Feature modules register their handlers in
 * `onModuleInit`; the queue processors dispatch by `job.name`; a worker
 * refuses to start while a job name has no handler.
 */
@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<JobName, JobHandler>();

  register<T extends JobData>(name: JobName, handler: JobHandler<T>): void {
    if (!ALL_JOB_NAMES.includes(name))
      throw new Error(`Unknown job "${name}": add it to JOB_NAMES in src/platform/jobs/job-names.ts`);
    if (this.handlers.has(name)) throw new Error(`Job "${name}" already has a handler; register each job once`);
    this.handlers.set(name, handler as JobHandler);
  }

  has(name: JobName): boolean {
    return this.handlers.has(name);
  }

  /** The job names that have no handler yet. */
  missing(names: readonly JobName[] = ALL_JOB_NAMES): JobName[] {
    return names.filter((n) => !this.handlers.has(n));
  }

  /** Throws, naming every job (and its queue) that has no handler. */
  assertComplete(names: readonly JobName[] = ALL_JOB_NAMES): void {
    const missing = this.missing(names);
    if (missing.length === 0) return;
    const list = missing.map((n) => `"${n}" (queue ${JOB_QUEUES[n]})`).join(', ');
    throw new Error(
      `No handler is registered for job ${list}. Register one in the owning feature module's onModuleInit ` +
        `(jobHandlerRegistry.register(JOB_NAMES.…, handler)), and import that module in the worker role.`,
    );
  }

  /** Runs the job's handler; a job nobody handles fails without retries. */
  async dispatch(job: Job<JobData>): Promise<void> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler)
      throw new UnrecoverableError(`No handler is registered for job "${job.name}" (queue ${job.queueName})`);
    await handler(job.data as JobData, job);
  }
}
