import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a project's record: append-only, enforced by the database. */
@Entity('project_transition')
export class ProjectTransition {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'project_id' }) projectId: string;
  /** The project version this transition produced. */
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'text' }) event: string;
  @Column({ type: 'text', name: 'from_state', nullable: true }) fromState: string | null;
  @Column({ type: 'text', name: 'to_state' }) toState: string;
  /** null for events sent by the deadline job. */
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId: string | null;
  @Column({ type: 'text', name: 'actor_name' }) actorName: string;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) payload: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
