/** Every queue, named once. */
export const QUEUES = {
  /** Stage and evaluation deadlines: reminders and escalations. */
  deadlines: 'deadlines',
  /** Notifications to deliver by e-mail (or to the log when no SMTP is configured). */
  notifications: 'notifications',
  /**
   * Heavy indicator work, one job at a time: measurement imports (CSV/XLSX)
   * and progress reports (PDF). One queue, so the embedded database has one
   * more poller, not two, and an import never competes with a report.
   */
  indicators: 'indicators',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);
