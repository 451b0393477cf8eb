import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { AppError } from '../platform/common/app-error.js';
import { ALL_QUEUES, QUEUES, type QueueName } from '../platform/queue/queue-names.js';

/** An active job running longer than this is shown as possibly stalled (its worker may have died). */
export const STALLED_AFTER_MS = 10 * 60 * 1000;
const LIMIT = 50;

export interface JobView {
  queue: QueueName;
  id: string;
  name: string;
  state: 'failed' | 'delayed' | 'active';
  attemptsMade: number;
  failedReason: string | null;
  stacktrace: string[];
  createdAt: string;
  processedAt: string | null;
  finishedAt: string | null;
  runAt: string | null;
  possiblyStalled: boolean;
}

export interface QueueView {
  queue: QueueName;
  counts: { waiting: number; active: number; delayed: number; failed: number; completed: number };
  failed: JobView[];
  delayed: JobView[];
  active: JobView[];
}

const iso = (ms: number | undefined | null) => (ms ? new Date(ms).toISOString() : null);

/**
 * The operator's view of the queues, through BullMQ's own Queue API, which
 * both backends implement (Redis, and the PostgreSQL one of the embedded
 * default): counts, the failed jobs with their errors, the delayed ones and
 * the active ones (flagged when running suspiciously long), and a retry.
 */
@Injectable()
export class AdminJobsService {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QUEUES.deadlines) deadlines: Queue,
    @InjectQueue(QUEUES.notifications) notifications: Queue,
    @InjectQueue(QUEUES.indicators) indicators: Queue,
  ) {
    this.queues = { deadlines, notifications, indicators };
  }

  async overview(): Promise<QueueView[]> {
    return Promise.all(
      ALL_QUEUES.map(async (name) => {
        const q = this.queues[name];
        const [counts, failed, delayed, active] = await Promise.all([
          q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
          q.getJobs(['failed'], 0, LIMIT - 1),
          q.getJobs(['delayed'], 0, LIMIT - 1),
          q.getJobs(['active'], 0, LIMIT - 1),
        ]);
        const view = (state: JobView['state']) => (j: Job) => this.view(name, state, j);
        const count = (state: string) => counts[state] ?? 0;
        return {
          queue: name,
          counts: {
            waiting: count('waiting'),
            active: count('active'),
            delayed: count('delayed'),
            failed: count('failed'),
            completed: count('completed'),
          },
          failed: failed.filter(Boolean).map(view('failed')),
          delayed: delayed.filter(Boolean).map(view('delayed')),
          active: active.filter(Boolean).map(view('active')),
        };
      }),
    );
  }

  async retry(queue: string, id: string): Promise<JobView> {
    if (!(ALL_QUEUES as string[]).includes(queue))
      throw new AppError('NOT_FOUND', `There is no queue "${queue}"; the queues are ${ALL_QUEUES.join(', ')}.`);
    const q = this.queues[queue as QueueName];
    const job = await q.getJob(id);
    if (!job) throw new AppError('NOT_FOUND', `Job ${id} was not found in queue ${queue}.`);
    const state = await job.getState();
    if (state !== 'failed')
      throw new AppError('CONFLICT', `Job ${id} is ${state}, not failed: only a failed job can be retried.`, {
        state,
      });
    await job.retry('failed');
    const again = await q.getJob(id);
    return this.view(queue as QueueName, 'active', again ?? job);
  }

  private view(queue: QueueName, state: JobView['state'], j: Job): JobView {
    return {
      queue,
      id: String(j.id),
      name: j.name,
      state,
      attemptsMade: j.attemptsMade,
      failedReason: j.failedReason ?? null,
      stacktrace: (j.stacktrace ?? []).slice(0, 3),
      createdAt: new Date(j.timestamp).toISOString(),
      processedAt: iso(j.processedOn),
      finishedAt: iso(j.finishedOn),
      runAt: state === 'delayed' ? iso(j.timestamp + (j.delay ?? 0)) : null,
      possiblyStalled: state === 'active' && !!j.processedOn && Date.now() - j.processedOn > STALLED_AFTER_MS,
    };
  }
}
