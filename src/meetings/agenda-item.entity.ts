import type { MessageRef } from '#domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AgendaKind = 'submission' | 'escalation';

/**
 * Something for the mayors' forum to take up: a submitted stage or an
 * overdue plan. It goes on the next meeting's agenda (or waits for one to
 * be scheduled) and is resolved by the decision or a withdrawal.
 */
@Entity('agenda_item')
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'meeting_id', nullable: true }) meetingId: string | null;
  @Column({ type: 'text', name: 'subject_type' }) subjectType: 'plan' | 'project';
  @Column({ type: 'uuid', name: 'subject_id' }) subjectId: string;
  @Column({ type: 'text' }) kind: AgendaKind;
  /** The Danish title; `message` the same as a key with parameters (null for items made before). */
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'jsonb', nullable: true }) message: MessageRef | null;
  @Column({ type: 'text', name: 'dedup_key' }) dedupKey: string;
  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
