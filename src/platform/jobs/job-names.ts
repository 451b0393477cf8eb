import { QUEUES, type QueueName } from '../queue/queue-names.js';

/**
 * Every job, named once. A worker refuses to start while any of these has no
 * registered handler (see JobHandlerRegistry), so adding a name here obliges
 * someone to handle it.
 */
export const JOB_NAMES = {
  /** A deadline (plan stage, project evaluation) is near: remind whoever must act. */
  deadlineReminder: 'deadline-reminder',
  /** A deadline has passed: escalate to the owner and onto the forum's agenda. */
  deadlineEscalation: 'deadline-escalation',
  /** E-mail one in-app notification (or log it when no SMTP is configured). */
  sendNotificationEmail: 'send-notification-email',
  /** Validate an uploaded measurement file and load it all, or nothing. */
  indicatorImport: 'indicator-import',
  /** Render a plan's progress report (fremdriftsrapport) as PDF. */
  planReport: 'plan-report',
  /** Fetch an indicator's city-level values from Statistics Denmark's StatBank and import them (or the yearly run). */
  statbankFetch: 'statbank-fetch',
  /** Send a decision of the mayors' forum (PDF + metadata) to the case archive (ARCHIVE_DIR or ARCHIVE_URL). */
  journaliseDecision: 'journalise-decision',
} as const;

export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];
export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JOB_NAMES);

/** The queue each job runs on. */
export const JOB_QUEUES: Readonly<Record<JobName, QueueName>> = {
  [JOB_NAMES.deadlineReminder]: QUEUES.deadlines,
  [JOB_NAMES.deadlineEscalation]: QUEUES.deadlines,
  [JOB_NAMES.sendNotificationEmail]: QUEUES.notifications,
  [JOB_NAMES.indicatorImport]: QUEUES.indicators,
  [JOB_NAMES.planReport]: QUEUES.indicators,
  [JOB_NAMES.statbankFetch]: QUEUES.indicators,
  // Deliveries to outside systems, beside the e-mails: no queue (and no poller) of its own.
  [JOB_NAMES.journaliseDecision]: QUEUES.notifications,
};

/** The separator of stable job ids. BullMQ refuses ':' in custom ids (unless split in exactly three parts). */
export const JOB_ID_SEPARATOR = '.';

/**
 * A stable job id from its parts, e.g. `stableJobId('plan', id, 'stage', 2, 'reminder')`
 * → `plan.<id>.stage.2.reminder`. The same parts always give the same id, and
 * BullMQ ignores an add whose id it already holds: that is the de-duplication.
 */
export function stableJobId(...parts: (string | number)[]): string {
  if (parts.length === 0) throw new Error('stableJobId needs at least one part');
  const id = parts.map(String).join(JOB_ID_SEPARATOR);
  assertValidJobId(id);
  return id;
}

/** Throws when BullMQ would refuse the id (it must not contain ':' nor be an integer). */
export function assertValidJobId(jobId: string): void {
  if (jobId.length === 0) throw new Error('A job id must not be empty');
  if (jobId.includes(':'))
    throw new Error(
      `Job id "${jobId}" contains ':', which BullMQ refuses; use stableJobId(...parts) (separator ` +
        `'${JOB_ID_SEPARATOR}')`,
    );
  if (`${parseInt(jobId, 10)}` === jobId)
    throw new Error(`Job id "${jobId}" is an integer, which BullMQ refuses as a custom id`);
}
