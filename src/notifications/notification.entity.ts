import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One in-app notification for one user (also e-mailed when SMTP is configured). */
@Entity('notification')
@Unique('UQ_notification_user_dedup', ['userId', 'dedupKey'])
@Index('IDX_notification_user_created', ['userId', 'createdAt'])
@Index('IDX_notification_user_unread', ['userId'], { where: '"read_at" IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId: string;
  /** What happened, for filtering and icons, e.g. `deadline-reminder`. */
  @Column({ type: 'text' }) kind: string;
  /** Danish. */
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) body: string;
  /** Where in the app it points, e.g. `/plans/<id>`. */
  @Column({ type: 'text', nullable: true }) link: string | null;
  /** Same user + same key = the same notification: a handler that runs twice notifies once. */
  @Column({ type: 'text', name: 'dedup_key', nullable: true }) dedupKey: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'read_at', nullable: true }) readAt: Date | null;
  /** Set once the e-mail went out, so a repeated e-mail job sends nothing. */
  @Column({ type: 'timestamptz', name: 'emailed_at', nullable: true }) emailedAt: Date | null;
}
