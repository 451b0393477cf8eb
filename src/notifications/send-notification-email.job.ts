import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit, type Provider } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { JobHandlerRegistry } from '../platform/jobs/job-handler.registry.js';
import { JOB_NAMES } from '../platform/jobs/job-names.js';

/** What the job needs of a mail transport (nodemailer's, or a fake in tests). */
export interface MailTransport {
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<unknown>;
  close?(): void;
}

/** The SMTP transport when SMTP_URL is set; null means "log instead of e-mailing". */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [RUNTIME_CONFIG],
  useFactory: (config: RuntimeConfig): MailTransport | null =>
    config.env.SMTP_URL
      ? createTransport({
          url: config.env.SMTP_URL,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        } as Parameters<typeof createTransport>[0])
      : null,
};

export interface SendNotificationEmailData extends Record<string, unknown> {
  notificationId: string;
}

export type EmailOutcome = 'sent' | 'logged' | 'already-sent' | 'skipped';

/**
 * The e-mail's Message-ID, the same every time one notification is sent. SMTP cannot be part of a database
 * transaction: a worker that dies after the mail server accepted the message but before `emailed_at` is written
 * sends it again when the job is retried. The retransmission carries the same Message-ID (RFC 5322 §3.6.4: one
 * message, one identifier), so the receiving mail system and mail clients see one message, not two.
 */
export function notificationMessageId(notificationId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'byloeft.local';
  return `<notification.${notificationId}@${domain}>`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Row {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  emailed_at: Date | null;
  email: string;
  active: boolean;
}

/**
 * The `send-notification-email` job: e-mails one notification through SMTP
 * when SMTP_URL is set, otherwise writes it to the log. Idempotent: a
 * notification already e-mailed is not sent again.
 */
@Injectable()
export class SendNotificationEmailJob implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('NotificationEmail');

  constructor(
    private readonly registry: JobHandlerRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null,
  ) {}

  onModuleInit(): void {
    this.registry.register<SendNotificationEmailData>(JOB_NAMES.sendNotificationEmail, async (data) => {
      await this.run(data);
    });
  }

  onModuleDestroy(): void {
    this.transport?.close?.();
  }

  async run(data: SendNotificationEmailData): Promise<EmailOutcome> {
    const id = data.notificationId;
    if (typeof id !== 'string' || !UUID.test(id))
      throw new UnrecoverableError(
        `send-notification-email needs a notificationId (a UUID), got ${JSON.stringify(id)}`,
      );
    const [row] = (await this.dataSource.query(
      `SELECT n."id", n."kind", n."title", n."body", n."link", n."emailed_at", u."email", u."active"
         FROM "notification" n JOIN "app_user" u ON u."id" = n."user_id"
        WHERE n."id" = $1`,
      [id],
    )) as Row[];
    if (!row) {
      this.logger.warn({ msg: 'Notification to e-mail no longer exists', notificationId: id });
      return 'skipped';
    }
    if (row.emailed_at) return 'already-sent';
    if (!row.active) {
      this.logger.log({ msg: 'Notification not e-mailed: the user is deactivated', notificationId: id });
      return 'skipped';
    }
    if (!this.transport) {
      this.logger.log({
        msg: 'Notification (not e-mailed: SMTP_URL is not set)',
        notificationId: id,
        to: row.email,
        kind: row.kind,
        title: row.title,
        link: row.link,
      });
      return 'logged';
    }
    await this.transport.sendMail({
      from: this.config.env.SMTP_FROM,
      to: row.email,
      subject: row.title,
      text: row.link ? `${row.body}\n\nSe mere i Byløft: ${row.link}` : row.body,
      messageId: notificationMessageId(row.id, this.config.env.SMTP_FROM),
      headers: { 'X-Byloeft-Notification': row.id },
    });
    await this.dataSource.query(
      `UPDATE "notification" SET "emailed_at" = now() WHERE "id" = $1 AND "emailed_at" IS NULL`,
      [id],
    );
    this.logger.log({ msg: 'Notification e-mailed', notificationId: id, kind: row.kind });
    return 'sent';
  }
}
