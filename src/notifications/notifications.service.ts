import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { renderMessage, type Role } from '#domain';
import type { Language } from '../platform/common/language.js';
import { notFound } from '../platform/common/app-error.js';
import { JOB_NAMES, stableJobId } from '../platform/jobs/job-names.js';
import { QUEUES } from '../platform/queue/queue-names.js';
import { SqlParams } from '../platform/database/sql-params.js';
import type {
  ListNotificationsQueryDto,
  MarkAllReadDto,
  NotificationDto,
  NotificationListDto,
} from './notification.dto.js';
import { Notification, type NotificationMessage } from './notification.entity.js';

export interface NotificationRecipients {
  /** These users. */
  userIds?: string[];
  /** Every staff member of this administration. */
  administrationId?: string;
  /** Every holder of this role. */
  role?: Role;
}

export interface NewNotification {
  /** Everyone matched by any of the selectors (inactive users never). */
  recipients: NotificationRecipients;
  kind: string;
  /** Danish. */
  title: string;
  /** Danish. */
  body: string;
  /** Title and body as keys with parameters, rendered in each reader's language. */
  message?: NotificationMessage;
  /** A path in the app, e.g. `/plans/<id>`. */
  link?: string;
  /** A user is notified once per key: a repeated call (a job run twice) notifies nobody again. */
  dedupKey?: string;
}

/** The stable id of a notification's e-mail job. */
export const notificationEmailJobId = (notificationId: string) => stableJobId('notification', notificationId, 'email');

/** What comes before and after the id in notificationEmailJobId, for building it in SQL. */
const EMAIL_JOB_ID_AROUND = notificationEmailJobId('\u0000').split('\u0000') as [string, string];

@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Notifies the recipients inside the caller's transaction (or its own when
   * the manager has none): inserts one notification per active recipient,
   * skipping those who already have one with the same dedupKey, and adds an
   * e-mail job to the outbox for each new one. Returns how many were created.
   */
  async notify(manager: EntityManager, n: NewNotification): Promise<number> {
    const p = new SqlParams();
    const ctes = notificationCtes(p, n, { rows: 'n', jobs: 'o' });
    const work = async (m: EntityManager): Promise<number> =>
      ((await m.query(`WITH ${ctes} SELECT "id" FROM "o"`, p.values)) as { id: string }[]).length;
    return manager.queryRunner?.isTransactionActive ? work(manager) : manager.transaction(work);
  }

  async list(userId: string, q: ListNotificationsQueryDto, lang: Language = 'da'): Promise<NotificationListDto> {
    const repo = this.dataSource.getRepository(Notification);
    const where =
      q.unread === undefined
        ? 'n.userId = :userId'
        : `n.userId = :userId AND n.readAt IS ${q.unread ? '' : 'NOT '}NULL`;
    const [items, total] = await repo
      .createQueryBuilder('n')
      .where(where, { userId })
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(q.limit)
      .skip(q.offset)
      .getManyAndCount();
    return { items: items.map((n) => toDto(n, lang)), total, unread: await this.unreadCount(userId) };
  }

  async unreadCount(userId: string): Promise<number> {
    return this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.userId = :userId AND n.readAt IS NULL', { userId })
      .getCount();
  }

  /** Marks one of the user's own notifications read (again is fine); someone else's is not found. */
  async markRead(userId: string, id: string, lang: Language = 'da'): Promise<NotificationDto> {
    const repo = this.dataSource.getRepository(Notification);
    await repo
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('id = :id AND user_id = :userId AND read_at IS NULL', { id, userId })
      .execute();
    const found = await repo.findOne({ where: { id, userId } });
    if (!found) throw notFound('Notification', id);
    return toDto(found, lang);
  }

  async markAllRead(userId: string): Promise<MarkAllReadDto> {
    const result = await this.dataSource
      .getRepository(Notification)
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('user_id = :userId AND read_at IS NULL', { userId })
      .execute();
    return { marked: result.affected ?? 0, unread: await this.unreadCount(userId) };
  }
}

/** A notification for its reader: title and body in their language (Danish for one made before keys), and the keys. */
function toDto(n: Notification, lang: Language = 'da'): NotificationDto {
  const title = n.message ? renderMessage(n.message.title, lang) : null;
  const body = n.message ? renderMessage(n.message.body, lang) : null;
  return {
    id: n.id,
    kind: n.kind,
    title: title ?? n.title,
    body: body ?? n.body,
    titleKey: n.message?.title.key ?? null,
    titleParams: n.message?.title.params ?? null,
    bodyKey: n.message?.body.key ?? null,
    bodyParams: n.message?.body.params ?? null,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

/**
 * A notification to its recipients and their e-mail jobs as two data-modifying CTEs of one statement, named
 * `names.rows` (the notifications inserted, RETURNING "id") and `names.jobs` (one outbox row per notification
 * inserted), the values added to `p`. One notification per active recipient; a recipient who already has one with
 * the same dedupKey gets none. `onlyIf`: a condition the rows are inserted under (the workflow's write folds the
 * notification into its own statement, on the condition that the subject's guarded update found its row).
 */
export function notificationCtes(
  p: SqlParams,
  n: NewNotification,
  names: { rows: string; jobs: string },
  onlyIf = 'true',
): string {
  const { userIds, administrationId, role } = n.recipients;
  if (!userIds?.length && !administrationId && !role) {
    throw new Error('notify needs recipients: userIds, administrationId or role');
  }
  const admin = p.add(administrationId ?? null, '::uuid');
  const holder = p.add(role ?? null, '::text');
  return `"${names.rows}" AS (
       INSERT INTO "notification" ("user_id", "kind", "title", "body", "link", "dedup_key", "message")
       SELECT u."id", ${p.add(n.kind)}, ${p.add(n.title)}, ${p.add(n.body)}, ${p.add(n.link ?? null)},
              ${p.add(n.dedupKey ?? null)}, ${p.add(n.message ? JSON.stringify(n.message) : null, '::jsonb')}
         FROM "app_user" u
        WHERE u."active" AND ${onlyIf}
          AND (u."id" = ANY(${p.add(userIds ?? [], '::uuid[]')})
               OR (${admin} IS NOT NULL AND u."administration_id" = ${admin} AND 'staff' = ANY(u."roles"))
               OR (${holder} IS NOT NULL AND ${holder} = ANY(u."roles")))
        ORDER BY u."email"
       ON CONFLICT ("user_id", "dedup_key") DO NOTHING
       RETURNING "id"),
     "${names.jobs}" AS (
       INSERT INTO "outbox_message" ("queue", "name", "job_id", "data", "run_at")
       SELECT ${p.add(QUEUES.notifications)}, ${p.add(JOB_NAMES.sendNotificationEmail)},
              ${p.add(EMAIL_JOB_ID_AROUND[0])} || "${names.rows}"."id" || ${p.add(EMAIL_JOB_ID_AROUND[1])},
              jsonb_build_object('notificationId', "${names.rows}"."id"), now()
         FROM "${names.rows}"
       RETURNING "id")`;
}
