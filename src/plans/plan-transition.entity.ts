import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a plan's record: append-only, enforced by the database. */
@Entity('plan_transition')
export class PlanTransition {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'plan_id' }) planId: string;
  /** The plan version this transition produced. */
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'text' }) event: string;
  @Column({ type: 'text', name: 'from_state', nullable: true }) fromState: string | null;
  @Column({ type: 'text', name: 'to_state' }) toState: string;
  @Column({ type: 'uuid', name: 'actor_id' }) actorId: string;
  @Column({ type: 'text', name: 'actor_name' }) actorName: string;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) payload: Record<string, unknown>;
  @Column({ type: 'uuid', name: 'meeting_id', nullable: true }) meetingId: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
