import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { MessageRef } from '#domain';
import { User } from '../users/user.entity.js';

export interface NotificationMessage {
  title: MessageRef;
  body: MessageRef;
}

/** One in-app notification for one user (also e-mailed when SMTP is configured). */
@Entity('notification')
@Unique('UQ_notification_user_dedup', ['userId', 'dedupKey'])
@Index('IDX_notification_user_created', ['userId', 'createdAt'])
@Index('IDX_notification_user_unread', ['userId'], { where: '"read_at" IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId: string;
  /** Declared so the schema (FK, cascade) matches the migration; load it only when needed. */
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notification_user' })
  user?: User;
  /** What happened, for filtering and icons, e.g. `deadline-reminder`. */
  @Column({ type: 'text' }) kind: string;
  /** Danish. */
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) body: string;
  /** What title and body say, as keys with parameters (null for older notifications: Danish only). */
  @Column({ type: 'jsonb', nullable: true }) message: NotificationMessage | null;
  /** Where in the app it points, e.g. `/plans/<id>`. */
  @Column({ type: 'text', nullable: true }) link: string | null;
  /** Same user + same key = the same notification: a handler that runs twice notifies once. */
  @Column({ type: 'text', name: 'dedup_key', nullable: true }) dedupKey: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'read_at', nullable: true }) readAt: Date | null;
  /** Set once the e-mail went out, so a repeated e-mail job sends nothing. */
  @Column({ type: 'timestamptz', name: 'emailed_at', nullable: true }) emailedAt: Date | null;
}
