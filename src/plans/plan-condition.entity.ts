import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A condition set by the mayors' forum: a task to close before the next submission. */
@Entity('plan_condition')
export class PlanCondition {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'plan_id' }) planId: string;
  @Column({ type: 'text' }) stage: string;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'text', default: 'open' }) status: 'open' | 'closed';
  @Column({ type: 'integer', name: 'imposed_seq' }) imposedSeq: number;
  @Column({ type: 'uuid', name: 'closed_by', nullable: true }) closedBy: string | null;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column({ type: 'text', name: 'closing_note', nullable: true }) closingNote: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
