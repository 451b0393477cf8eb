import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { pino } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { PinoNestLogger } from '../platform/common/logger.js';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { ConfigModule } from '../platform/config/config.module.js';
import { dataSourceOptions } from '../platform/database/data-source-options.js';
import { JobHandlerRegistry } from '../platform/jobs/job-handler.registry.js';
import { JobsModule } from '../platform/jobs/jobs.module.js';
import { queueConnection } from '../platform/queue/queue-connection.js';
import { testRuntimeConfig } from '../../test/support/test-env.js';
import { NotificationsModule } from './notifications.module.js';
import { notificationEmailJobId, NotificationsService } from './notifications.service.js';
import { MAIL_TRANSPORT, SendNotificationEmailJob, type MailTransport } from './send-notification-email.job.js';

type Mail = Parameters<MailTransport['sendMail']>[0];

/** The API role's wiring (no relay, no processors) on the shared test database, with a fake SMTP transport. */
describe('NotificationsService', () => {
  let moduleRef: TestingModule;
  let ds: DataSource;
  let service: NotificationsService;
  let emailJob: SendNotificationEmailJob;
  let config: RuntimeConfig;
  const sent: Mail[] = [];
  const run = randomBytes(4).toString('hex');
  const key = (name: string) => `${name}-${run}`;

  beforeAll(async () => {
    config = testRuntimeConfig();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, { logging: ['error'] })),
        BullModule.forRoot({ connection: queueConnection(config), prefix: config.env.QUEUE_PREFIX }),
        JobsModule.forRoot({ worker: false }),
        NotificationsModule,
      ],
    })
      .overrideProvider(MAIL_TRANSPORT)
      .useValue({ sendMail: async (mail: Mail) => void sent.push(mail) } satisfies MailTransport)
      .setLogger(new PinoNestLogger(pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })))
      .compile();
    await moduleRef.init();
    ds = moduleRef.get(DataSource);
    service = moduleRef.get(NotificationsService);
    emailJob = moduleRef.get(SendNotificationEmailJob);
  }, 30_000);

  afterAll(async () => {
    await moduleRef?.close();
  });

  // Inside a transaction, query through its manager: on the embedded PGlite another connection would wait for it.
  const userId = async (email: string, m: EntityManager = ds.manager) =>
    ((await m.query(`SELECT "id" FROM "app_user" WHERE "email" = $1`, [email])) as { id: string }[])[0].id;
  const administrationId = async (code: string, m: EntityManager = ds.manager) =>
    ((await m.query(`SELECT "id" FROM "administration" WHERE "code" = $1`, [code])) as { id: string }[])[0].id;

  /** Runs `work` in a transaction that is always rolled back, so nothing is left for other tests. */
  async function inRolledBackTransaction(work: (m: EntityManager) => Promise<void>): Promise<void> {
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      await work(qr.manager);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  }

  const recipientsOf = async (m: EntityManager, dedupKey: string) =>
    (await m.query(
      `SELECT n."id", u."email", u."roles", u."administration_id" FROM "notification" n JOIN "app_user" u ON u."id"
        = n."user_id" WHERE n."dedup_key" = $1 ORDER BY u."email"`,
      [dedupKey],
    )) as { id: string; email: string; roles: string[]; administration_id: string | null }[];

  it(
    "notifies the staff of an administration, adds each one's e-mail job to the outbox, and keeps nothing on " +
      'rollback',
    async () => {
      const tmf = await administrationId('TMF');
      const dedupKey = key('tmf-staff');
      let jobIds: string[] = [];
      await inRolledBackTransaction(async (m) => {
        const count = await service.notify(m, {
          recipients: { administrationId: tmf },
          kind: 'test',
          title: 'Ny udviklingsplan til høring',
          body: 'Tingbjerg/Husum har sendt en plan til høring.',
          link: '/plans/00000000-0000-4000-8000-000000000000',
          dedupKey,
        });
        const recipients = await recipientsOf(m, dedupKey);
        expect(count).toBe(recipients.length);
        expect(recipients.map((r) => r.email)).toContain('tmf@demo.byloeft.dk');
        expect(recipients.map((r) => r.email)).not.toContain('bif@demo.byloeft.dk');
        for (const r of recipients)
          expect({ email: r.email, staff: r.roles.includes('staff'), administration: r.administration_id }).toEqual({
            email: r.email,
            staff: true,
            administration: tmf,
          });

        const jobs = (await m.query(
          `SELECT "queue", "name", "job_id", "data" FROM "outbox_message" WHERE "job_id" = ANY($1)`,
          [recipients.map((r) => notificationEmailJobId(r.id))],
        )) as { queue: string; name: string; job_id: string; data: unknown }[];
        const byJobId = (a: { job_id: string }, b: { job_id: string }) => (a.job_id < b.job_id ? -1 : 1);
        expect(jobs.sort(byJobId)).toEqual(
          recipients
            .map((r) => ({
              queue: 'notifications',
              name: 'send-notification-email',
              job_id: `notification.${r.id}.email`,
              data: { notificationId: r.id },
            }))
            .sort(byJobId),
        );
        jobIds = jobs.map((j) => j.job_id);
      });
      expect(jobIds.length).toBeGreaterThan(0);
      expect(await recipientsOf(ds.manager, dedupKey)).toEqual([]);
      const leftJobs = (await ds.query(`SELECT count(*)::int AS n FROM "outbox_message" WHERE "job_id" = ANY($1)`, [
        jobIds,
      ])) as { n: number }[];
      expect(leftJobs[0].n).toBe(0);
    },
  );

  it('notifies each recipient once per dedupKey, however often it is called', async () => {
    const bif = await administrationId('BIF');
    await inRolledBackTransaction(async (m) => {
      const n = {
        recipients: { administrationId: bif },
        kind: 'test',
        title: 'Påmindelse',
        body: 'Fristen nærmer sig.',
        dedupKey: key('bif-once'),
      };
      const first = await service.notify(m, n);
      expect(first).toBeGreaterThanOrEqual(1);
      expect(await service.notify(m, n)).toBe(0);
      expect(await service.notify(m, { ...n, title: 'Ændret titel' })).toBe(0);
      const recipients = await recipientsOf(m, n.dedupKey);
      expect(recipients).toHaveLength(first);
      const jobs = (await m.query(`SELECT count(*)::int AS n FROM "outbox_message" WHERE "job_id" = ANY($1)`, [
        recipients.map((r) => notificationEmailJobId(r.id)),
      ])) as { n: number }[];
      expect(jobs[0].n).toBe(first);

      // Without a dedupKey every call is a new notification.
      const bifUser = await userId('bif@demo.byloeft.dk', m);
      expect(
        await service.notify(m, { recipients: { userIds: [bifUser] }, kind: 'test', title: 'Uden nøgle', body: '.' }),
      ).toBe(1);
      expect(
        await service.notify(m, { recipients: { userIds: [bifUser] }, kind: 'test', title: 'Uden nøgle', body: '.' }),
      ).toBe(1);
    });
  });

  it('resolves listed users and role holders together, each once, and never a deactivated user', async () => {
    const dedupKey = key('mixed');
    await inRolledBackTransaction(async (m) => {
      const [inactive] = (await m.query(
        `INSERT INTO "app_user" ("email", "display_name", "roles", "active") VALUES ($1, 'Inaktiv',
          '{forum_member}', false) RETURNING "id"`,
        [`inactive-${run}@kk.dk`],
      )) as { id: string }[];
      const tmfUser = await userId('tmf@demo.byloeft.dk', m);
      const forum = await userId('forum@demo.byloeft.dk', m);
      const count = await service.notify(m, {
        recipients: { userIds: [tmfUser, forum, inactive.id], role: 'forum_member' },
        kind: 'test',
        title: 'Møde i forummet',
        body: 'Dagsordenen er klar.',
        dedupKey,
      });
      const activeForumMembers = (await m.query(
        `SELECT "email" FROM "app_user" WHERE "active" AND 'forum_member' = ANY("roles") ORDER BY "email"`,
      )) as { email: string }[];
      const emails = (await recipientsOf(m, dedupKey)).map((r) => r.email);
      expect(emails).toEqual([...activeForumMembers.map((u) => u.email), 'tmf@demo.byloeft.dk'].sort());
      expect(emails).toEqual(
        expect.arrayContaining(['forum@demo.byloeft.dk', 'forum2@demo.byloeft.dk', 'tmf@demo.byloeft.dk']),
      );
      expect(emails).not.toContain(`inactive-${run}@kk.dk`);
      expect(count).toBe(emails.length);
    });
  });

  it('opens its own transaction when given a manager without one, and refuses a call without recipients', async () => {
    const dedupKey = key('own-tx');
    const tmfUser = await userId('tmf@demo.byloeft.dk');
    expect(
      await service.notify(ds.manager, {
        recipients: { userIds: [tmfUser] },
        kind: 'test',
        title: 'Egen transaktion',
        body: '.',
        dedupKey,
      }),
    ).toBe(1);
    const [row] = await recipientsOf(ds.manager, dedupKey);
    const jobs = (await ds.query(`SELECT "name" FROM "outbox_message" WHERE "job_id" = $1`, [
      notificationEmailJobId(row.id),
    ])) as { name: string }[];
    expect(jobs).toEqual([{ name: 'send-notification-email' }]);
    await expect(service.notify(ds.manager, { recipients: {}, kind: 'test', title: '-', body: '-' })).rejects.toThrow(
      /needs recipients/,
    );
    await expect(
      service.notify(ds.manager, { recipients: { userIds: [] }, kind: 'test', title: '-', body: '-' }),
    ).rejects.toThrow(/needs recipients/);
  });

  describe('the send-notification-email job', () => {
    it('is registered with the job registry', () => {
      expect(moduleRef.get(JobHandlerRegistry).has('send-notification-email')).toBe(true);
    });

    it('e-mails a notification once, however often it runs', async () => {
      const dedupKey = key('mail');
      const tmfUser = await userId('tmf@demo.byloeft.dk');
      await service.notify(ds.manager, {
        recipients: { userIds: [tmfUser] },
        kind: 'test',
        title: 'Frist overskredet',
        body: 'Planen venter på dig.',
        link: '/plans/abc',
        dedupKey,
      });
      const [row] = await recipientsOf(ds.manager, dedupKey);
      const before = sent.length;
      expect(await emailJob.run({ notificationId: row.id })).toBe('sent');
      expect(sent.slice(before)).toEqual([
        {
          from: config.env.SMTP_FROM,
          to: 'tmf@demo.byloeft.dk',
          subject: 'Frist overskredet',
          text: 'Planen venter på dig.\n\nSe mere i Byløft: /plans/abc',
          messageId: `<notification.${row.id}@byloeft.local>`,
          headers: { 'X-Byloeft-Notification': row.id },
        },
      ]);
      const [{ emailed_at }] = (await ds.query(`SELECT "emailed_at" FROM "notification" WHERE "id" = $1`, [
        row.id,
      ])) as { emailed_at: Date | null }[];
      expect(emailed_at).toBeInstanceOf(Date);
      expect(await emailJob.run({ notificationId: row.id })).toBe('already-sent');
      expect(sent).toHaveLength(before + 1);
    });

    it('sends a retried e-mail with the same Message-ID, when a worker died after sending but before recording it', async () => {
      const dedupKey = key('resend');
      await service.notify(ds.manager, {
        recipients: { userIds: [await userId('tmf@demo.byloeft.dk')] },
        kind: 'test',
        title: 'Gensendt',
        body: 'Samme besked.',
        dedupKey,
      });
      const [row] = await recipientsOf(ds.manager, dedupKey);
      const before = sent.length;
      expect(await emailJob.run({ notificationId: row.id })).toBe('sent');
      // As if the worker had died between the mail server's 250 and the UPDATE: emailed_at is not there.
      await ds.query(`UPDATE "notification" SET "emailed_at" = NULL WHERE "id" = $1`, [row.id]);
      expect(await emailJob.run({ notificationId: row.id })).toBe('sent');
      const [first, second] = sent.slice(before);
      expect(first.messageId).toBe(second.messageId);
      expect(first.messageId).toBe(`<notification.${row.id}@byloeft.local>`);
    });

    it('logs the notification instead when SMTP_URL is not set', async () => {
      const dedupKey = key('log');
      const bifUser = await userId('bif@demo.byloeft.dk');
      await service.notify(ds.manager, {
        recipients: { userIds: [bifUser] },
        kind: 'test',
        title: 'Kun i loggen',
        body: '.',
        dedupKey,
      });
      const [row] = await recipientsOf(ds.manager, dedupKey);
      const withoutSmtp = new SendNotificationEmailJob(
        new JobHandlerRegistry(),
        ds,
        moduleRef.get(RUNTIME_CONFIG),
        null,
      );
      const log = jest.spyOn(Logger.prototype, 'log');
      try {
        expect(await withoutSmtp.run({ notificationId: row.id })).toBe('logged');
        expect(log).toHaveBeenCalledWith(
          expect.objectContaining({ notificationId: row.id, to: 'bif@demo.byloeft.dk', title: 'Kun i loggen' }),
        );
      } finally {
        log.mockRestore();
      }
      const [{ emailed_at }] = (await ds.query(`SELECT "emailed_at" FROM "notification" WHERE "id" = $1`, [
        row.id,
      ])) as { emailed_at: Date | null }[];
      expect(emailed_at).toBeNull();
    });

    it('skips a notification that no longer exists, and fails bad data without retries', async () => {
      expect(await emailJob.run({ notificationId: '00000000-0000-4000-8000-000000000000' })).toBe('skipped');
      await expect(emailJob.run({ notificationId: 'nope' })).rejects.toBeInstanceOf(UnrecoverableError);
    });
  });
});
