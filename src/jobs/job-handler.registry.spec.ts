import { describe, expect, it } from '@jest/globals';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobHandlerRegistry, JobHandlersCheck } from './job-handler.registry.js';
import { ALL_JOB_NAMES, JOB_NAMES, JOB_QUEUES, assertValidJobId, stableJobId } from './job-names.js';
import { QUEUES } from '../queue/queue-names.js';

const noop = async () => {};
const fakeJob = (name: string, data: Record<string, unknown> = {}) => ({ name, data, queueName: 'deadlines' }) as unknown as Job;

function sut(except: string[] = []) {
  const registry = new JobHandlerRegistry();
  for (const name of ALL_JOB_NAMES) if (!except.includes(name)) registry.register(name, noop);
  return { registry, check: new JobHandlersCheck(registry) };
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
  it('lets a worker start when every job has a handler', () => {
    const { registry, check } = sut();
    expect(registry.missing()).toEqual([]);
    expect(() => check.onApplicationBootstrap()).not.toThrow();
  });

  it('fails at bootstrap naming the job that has no handler', () => {
    const { check } = sut([JOB_NAMES.deadlineEscalation]);
    expect(() => check.onApplicationBootstrap()).toThrow(/No handler is registered for job "deadline-escalation" \(queue deadlines\)/);
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
    await expect(registry.dispatch(fakeJob('deadline-reminder'))).rejects.toThrow(/No handler is registered for job "deadline-reminder"/);
  });

  it("passes a handler's failure on (so BullMQ retries it)", async () => {
    const registry = new JobHandlerRegistry();
    registry.register(JOB_NAMES.deadlineReminder, async () => {
      throw new Error('database away');
    });
    await expect(registry.dispatch(fakeJob('deadline-reminder'))).rejects.toThrow('database away');
  });
});
