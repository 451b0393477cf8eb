import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Goal } from '../master-data/goal.entity.js';
import { User } from '../users/user.entity.js';
import { numeric } from './numeric.transformer.js';

/**
 * The baseline of a city goal (value and year): where the straight path to
 * the goal's target starts. Kept beside the goal, one row per goal.
 */
@Entity('goal_baseline')
export class GoalBaseline {
  @PrimaryColumn({ type: 'uuid', name: 'goal_id' }) goalId: string;
  @ManyToOne(() => Goal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'FK_goal_baseline_goal' })
  goal?: Goal;
  @Column({ type: 'numeric', name: 'baseline_value', nullable: true, transformer: numeric }) baselineValue: number | null;
  @Column({ type: 'integer', name: 'baseline_year', nullable: true }) baselineYear: number | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy: string | null;
  @ManyToOne(() => User)
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'FK_goal_baseline_updated_by' })
  updater?: User;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
