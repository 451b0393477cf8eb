import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertValidJobId, JOB_QUEUES, type JobName } from '../jobs/job-names.js';
import type { QueueName } from '../queue/queue-names.js';

export interface OutboxJob {
  queue: QueueName;
  name: JobName;
  /** Stable id (see stableJobId): BullMQ ignores a second add with an id it holds. No ':'. */
  jobId: string;
  data: Record<string, unknown>;
  /** When the job should run; now when omitted. */
  runAt?: Date;
}

/** Writes queue jobs into the outbox, inside the caller's transaction. */
@Injectable()
export class OutboxService {
  /**
   * Adds a job with the caller's transaction manager: it reaches the queue
   * only if (and after) that transaction commits. Throws at once on a job id
   * BullMQ would refuse or a job sent to the wrong queue, so the mistake
   * fails the caller's transaction instead of sitting in the outbox.
   */
  async add(manager: EntityManager, job: OutboxJob): Promise<void> {
    await this.addAll(manager, [job]);
  }

  /** Several jobs in one statement (a multi-row insert), checked as `add` checks one. */
  async addAll(manager: EntityManager, jobs: readonly OutboxJob[]): Promise<void> {
    if (jobs.length === 0) return;
    for (const job of jobs) {
      const expected = JOB_QUEUES[job.name];
      if (!expected)
        throw new Error(`Unknown job "${job.name}": add it to JOB_NAMES in src/platform/jobs/job-names.ts`);
      if (job.queue !== expected) throw new Error(`Job "${job.name}" runs on queue ${expected}, not ${job.queue}`);
      assertValidJobId(job.jobId);
      if (job.runAt && Number.isNaN(job.runAt.getTime())) throw new Error(`Job "${job.jobId}" has an invalid runAt`);
    }
    await manager.query(
      `INSERT INTO "outbox_message" ("queue", "name", "job_id", "data", "run_at")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[])`,
      [
        jobs.map((j) => j.queue),
        jobs.map((j) => j.name),
        jobs.map((j) => j.jobId),
        jobs.map((j) => JSON.stringify(j.data)),
        jobs.map((j) => (j.runAt ?? new Date()).toISOString()),
      ],
    );
  }
}
