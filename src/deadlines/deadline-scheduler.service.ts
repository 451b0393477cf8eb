import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addWorkingDays, atLocalHour } from '#domain';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { JOB_NAMES, stableJobId } from '../platform/jobs/job-names.js';
import { OutboxService, type OutboxJob } from '../platform/outbox/outbox.service.js';
import { QUEUES } from '../platform/queue/queue-names.js';
import { WorkingCalendarService } from './working-calendar.service.js';

export type DeadlineSubject = 'plan' | 'project';

/** What a deadline job carries: enough to tell whether it is still current. */
export interface DeadlineJobData extends Record<string, unknown> {
  subjectType: DeadlineSubject;
  subjectId: string;
  /** The version at which the subject entered the state the deadline belongs to. */
  entrySeq: number;
  dueDate: string;
  /**
   * `due`: the moment the subject becomes due (projects: the evaluation is called for), ahead of the deadline itself.
   */
  kind: DeadlineKind;
  /**
   * The version at which this job was scheduled, when later than entrySeq (a
   * moved deadline, an escalation after a return). Part of the job id, so a
   * deadline moved back to a date it had before gets a job of its own.
   */
  scheduledSeq?: number;
}

export type DeadlineKind = 'reminder' | 'escalation' | 'due';

/** Deadline jobs run at 08:00 in the municipality's time zone (TIME_ZONE) on their day. */
const RUN_HOUR = 8;

/**
 * Deadlines as BullMQ delayed jobs, written to the transactional outbox in
 * the caller's transaction: a reminder some working days before, an
 * escalation the day after. Job ids are stable, so a retry never doubles a
 * job; a moved deadline or a state that was left makes the old job a no-op
 * (the handler compares entrySeq and dueDate with the subject's current ones).
 */
@Injectable()
export class DeadlineScheduler {
  constructor(
    private readonly outbox: OutboxService,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly calendar: WorkingCalendarService,
  ) {}

  /** The due date `workingDays` working days (public holidays and the municipality's days off) after `from`. */
  dueDate(from: string, workingDays: number): string {
    return addWorkingDays(from, workingDays, this.calendar.current);
  }

  /**
   * The reminder and the escalation of a deadline (and with `dueJobOn` the
   * `due` job of that day), in one statement. `scheduledSeq` is the
   * subject's version in the transaction that schedules them, when that is
   * not the one that entered the state (a moved deadline).
   */
  async schedule(
    manager: EntityManager,
    subjectType: DeadlineSubject,
    subjectId: string,
    entrySeq: number,
    dueDate: string,
    scheduledSeq = entrySeq,
    dueJobOn?: string,
  ): Promise<void> {
    const reminderDay = addWorkingDays(dueDate, -this.config.env.PLAN_REMINDER_WORKING_DAYS, this.calendar.current);
    const job = (kind: DeadlineKind, runDay: string) =>
      this.job(subjectType, subjectId, entrySeq, kind, runDay, dueDate, scheduledSeq);
    await this.outbox.addAll(manager, [
      ...(dueJobOn ? [job('due', dueJobOn)] : []),
      job('reminder', reminderDay),
      job('escalation', nextDay(dueDate)),
    ]);
  }

  /**
   * An escalation due at once: a stage handed back to the administration
   * after its deadline had passed (the escalation that fired while the forum
   * held it did nothing, as the delay was then the forum's).
   */
  async escalateNow(
    manager: EntityManager,
    subjectType: DeadlineSubject,
    subjectId: string,
    entrySeq: number,
    dueDate: string,
    scheduledSeq: number,
  ): Promise<void> {
    await this.outbox.add(manager, {
      queue: QUEUES.deadlines,
      name: JOB_NAMES.deadlineEscalation,
      jobId: stableJobId(subjectType, subjectId, 'seq', entrySeq, 'escalation', dueDate, 'at', scheduledSeq),
      data: { subjectType, subjectId, entrySeq, dueDate, kind: 'escalation', scheduledSeq } satisfies DeadlineJobData,
      runAt: new Date(),
    });
  }

  /**
   * One deadline job of `kind`, run on `runDay` (YYYY-MM-DD, at the usual
   * hour) for the deadline `dueDate`. Escalations run as the escalation job;
   * reminders and `due` jobs as the reminder job (the handler goes by `kind`).
   */
  private job(
    subjectType: DeadlineSubject,
    subjectId: string,
    entrySeq: number,
    kind: DeadlineKind,
    runDay: string,
    dueDate: string,
    scheduledSeq: number,
  ): OutboxJob {
    const later = scheduledSeq !== entrySeq;
    return {
      queue: QUEUES.deadlines,
      name: kind === 'escalation' ? JOB_NAMES.deadlineEscalation : JOB_NAMES.deadlineReminder,
      jobId: stableJobId(
        subjectType,
        subjectId,
        'seq',
        entrySeq,
        kind,
        dueDate,
        ...(later ? ['at', scheduledSeq] : []),
      ),
      data: {
        subjectType,
        subjectId,
        entrySeq,
        dueDate,
        kind,
        ...(later ? { scheduledSeq } : {}),
      } satisfies DeadlineJobData,
      runAt: atLocalHour(runDay, RUN_HOUR, this.config.env.TIME_ZONE),
    };
  }
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
