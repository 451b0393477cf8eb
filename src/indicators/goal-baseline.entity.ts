import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Goal } from '../master-data/goal.entity.js';
import { User } from '../users/user.entity.js';
import { numeric } from './numeric.transformer.js';

export const TARGET_KINDS = ['absolute', 'city_level', 'relative'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * How a city goal is measured, kept beside the goal, one row per goal: its
 * baseline (value and year), where the straight path to the target starts,
 * and what the target is (target_kind): 'absolute', the goal's target_value;
 * or 'city_level', in an area the index against the city (= 100) for the
 * same period, on the side of 100 the goal's direction calls good; or
 * 'relative', target_value is a change in per cent of the baseline (−50: halved).
 */
@Entity('goal_baseline')
@Check('CHK_goal_baseline_target_kind', `"target_kind" IN ('absolute', 'city_level', 'relative')`)
export class GoalBaseline {
  @PrimaryColumn({ type: 'uuid', name: 'goal_id' }) goalId: string;
  @ManyToOne(() => Goal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'FK_goal_baseline_goal' })
  goal?: Goal;
  @Column({ type: 'numeric', name: 'baseline_value', nullable: true, transformer: numeric }) baselineValue:
    number | null;
  @Column({ type: 'integer', name: 'baseline_year', nullable: true }) baselineYear: number | null;
  @Column({ type: 'text', name: 'target_kind', default: 'absolute' }) targetKind: TargetKind;
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy: string | null;
  @ManyToOne(() => User)
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'FK_goal_baseline_updated_by' })
  updater?: User;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
