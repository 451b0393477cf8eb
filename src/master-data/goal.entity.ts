import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const GOAL_LEVELS = ['overall', 'concrete'] as const;
export type GoalLevel = (typeof GOAL_LEVELS)[number];
export const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * A city-wide goal of the theory of change (forandringsstrategi): one of the
 * overall goals, or a concrete goal under one, with its measure and source.
 */
@Entity('goal')
export class Goal {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) code: string;
  @Column({ type: 'text' }) level: GoalLevel;
  @Column({ type: 'uuid', name: 'parent_id', nullable: true }) parentId: string | null;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', default: '' }) measure: string;
  @Column({ type: 'text', name: 'data_source', default: '' }) dataSource: string;
  @Column({ type: 'uuid', name: 'indicator_id', nullable: true }) indicatorId: string | null;
  @Column({ type: 'integer', name: 'target_year', nullable: true }) targetYear: number | null;
  @Column({
    type: 'numeric',
    name: 'target_value',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  targetValue: number | null;
  @Column({ type: 'text', default: 'higher_is_better' }) direction: Direction;
  @Column({ type: 'integer', name: 'sort_order', default: 0 }) sortOrder: number;
  /** False once deactivated: kept, so what refers to it stays readable, but no longer in use. */
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'integer', default: 1 }) version: number;
}
