import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change to a city goal or its baseline, as it was and as it became.
 * Written by database triggers (whichever API changed the goal) and
 * append-only, enforced by the database.
 */
@Entity('goal_change')
@Index('IDX_goal_change_goal', ['goalId', 'id'])
export class GoalChange {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'goal_id' }) goalId: string;
  /** The table changed: goal or goal_baseline. */
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text' }) operation: 'insert' | 'update' | 'delete';
  @Column({ type: 'jsonb', nullable: true }) before: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) after: Record<string, unknown> | null;
  /** Who, when the change went through an API that says (byloeft.actor_id). */
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
