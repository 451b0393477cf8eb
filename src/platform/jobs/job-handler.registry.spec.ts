import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import type { ModuleRef } from '@nestjs/core';
import type { OutboxRelay } from '../outbox/outbox.relay.js';
import { JobHandlerRegistry } from './job-handler.registry.js';
import { QUEUE_PROCESSORS } from './job.processors.js';
import { WorkerStartup } from './worker-startup.js';
import { ALL_JOB_NAMES, JOB_NAMES, JOB_QUEUES, assertValidJobId, stableJobId } from './job-names.js';
import { QUEUES } from '../queue/queue-names.js';

const noop = async () => {};

beforeAll(() => Logger.overrideLogger(false));
const fakeJob = (name: string, data: Record<string, unknown> = {}) =>
  ({ name, data, queueName: 'deadlines' }) as unknown as Job;

/** The worker start-up with a registry missing `except`, and fakes that record what was started. */
function sut(except: string[] = []) {
  const registry = new JobHandlerRegistry();
  for (const name of ALL_JOB_NAMES) if (!except.includes(name)) registry.register(name, noop);
  const started: string[] = [];
  const relay = { start: () => void started.push('relay') } as unknown as OutboxRelay;
  const moduleRef = {
    get: (type: { name: string }) => ({ worker: { run: async () => void started.push(type.name) } }),
  } as unknown as ModuleRef;
  return { registry, started, startup: new WorkerStartup(registry, relay, moduleRef) };
}

describe('job names', () => {
  it('puts every job on a known queue', () => {
    for (const name of ALL_JOB_NAMES) expect(Object.values(QUEUES)).toContain(JOB_QUEUES[name]);
    expect(JOB_QUEUES[JOB_NAMES.sendNotificationEmail]).toBe(QUEUES.notifications);
  });

  it('builds stable ids BullMQ accepts, and refuses the ones it would not', () => {
    expect(stableJobId('plan', 'a1', 'seq', 3, 'reminder')).toBe('plan.a1.seq.3.reminder');
    expect(stableJobId('plan', 'a1')).toBe(stableJobId('plan', 'a1'));
    expect(() => assertValidJobId('plan:a1:reminder:x')).toThrow(/contains ':'/);
    expect(() => assertValidJobId('42')).toThrow(/integer/);
    expect(() => stableJobId()).toThrow(/at least one part/);
  });
});

describe('JobHandlerRegistry', () => {
  it('lets a worker start when every job has a handler: one worker per queue, then the relay', () => {
    const { registry, startup, started } = sut();
    expect(registry.missing()).toEqual([]);
    startup.onApplicationBootstrap();
    expect(started).toEqual([...[...QUEUE_PROCESSORS.values()].map((p) => p.name), 'relay']);
    expect(started).toContain('DeadlinesProcessor');
    expect(started).toContain('NotificationsProcessor');
  });

  it('fails at bootstrap naming the job that has no handler, and starts nothing', () => {
    const { startup, started } = sut([JOB_NAMES.deadlineEscalation]);
    expect(() => startup.onApplicationBootstrap()).toThrow(
      /No handler is registered for job "deadline-escalation" \(queue deadlines\)/,
    );
    expect(started).toEqual([]);
  });

  it('names every missing job at once', () => {
    const { registry } = sut([JOB_NAMES.deadlineReminder, JOB_NAMES.sendNotificationEmail]);
    expect(() => registry.assertComplete()).toThrow(/"deadline-reminder".*"send-notification-email"/);
  });

  it('refuses a second handler for the same job and an unknown job', () => {
    const { registry } = sut();
    expect(() => registry.register(JOB_NAMES.sendNotificationEmail, noop)).toThrow(/already has a handler/);
    expect(() => registry.register('no-such-job' as never, noop)).toThrow(/Unknown job "no-such-job"/);
  });

  it('dispatches by job name with the job data', async () => {
    const registry = new JobHandlerRegistry();
    const seen: unknown[] = [];
    registry.register(JOB_NAMES.deadlineReminder, async (data, job) => {
      seen.push([job.name, data]);
    });
    await registry.dispatch(fakeJob('deadline-reminder', { subjectId: 'x' }));
    expect(seen).toEqual([['deadline-reminder', { subjectId: 'x' }]]);
  });

  it('fails a job nobody handles without retries', async () => {
    const { registry } = sut([JOB_NAMES.deadlineReminder]);
    const attempt = registry.dispatch(fakeJob('deadline-reminder'));
    await expect(attempt).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(registry.dispatch(fakeJob('deadline-reminder'))).rejects.toThrow(
      /No handler is registered for job "deadline-reminder"/,
    );
  });

  it("passes a handler's failure on (so BullMQ retries it)", async () => {
    const registry = new JobHandlerRegistry();
    registry.register(JOB_NAMES.deadlineReminder, async () => {
      throw new Error('database away');
    });
    await expect(registry.dispatch(fakeJob('deadline-reminder'))).rejects.toThrow('database away');
  });
});
