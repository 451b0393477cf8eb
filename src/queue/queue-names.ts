/** Every queue, named once. */
export const QUEUES = {
  /** Stage and evaluation deadlines: reminders and escalations. */
  deadlines: 'deadlines',
  /** Notifications to deliver by e-mail (or to the log when no SMTP is configured). */
  notifications: 'notifications',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);
