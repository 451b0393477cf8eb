import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A queue job written in the same transaction as the change that causes it
 * (the transactional outbox). The relay hands it to BullMQ after commit, so
 * a commit never loses its jobs and a rollback never leaves one behind.
 */
@Entity('outbox_message')
@Index('IDX_outbox_message_undelivered', ['id'], { where: '"delivered_at" IS NULL' })
export class OutboxMessage {
  /** bigint: the pg driver returns it as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ type: 'text' }) queue: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', name: 'job_id' }) jobId: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) data: Record<string, unknown>;
  /** When the job should run; the delay is computed when the relay enqueues it. */
  @Column({ type: 'timestamptz', name: 'run_at', default: () => 'now()' }) runAt: Date;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
  /** Enqueue attempts so far (failed ones and the one that succeeded). */
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError: string | null;
  /** A relay's claim: other relays leave the row alone until then (it is cleared after each attempt). */
  @Column({ type: 'timestamptz', name: 'locked_until', nullable: true }) lockedUntil: Date | null;
  /** When the job's handler finished: until then the reconciler watches the delivered job. */
  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true }) completedAt: Date | null;
  /** How often the reconciler enqueued the job again (it failed for good or vanished). */
  @Column({ type: 'integer', default: 0 }) reconciled: number;
  /** The reconciler's lease and back-off: the row is not checked again before then. */
  @Column({ type: 'timestamptz', name: 'reconcile_after', nullable: true }) reconcileAfter: Date | null;
}
