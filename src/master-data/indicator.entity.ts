import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Direction } from './goal.entity.js';

export const INDICATOR_KINDS = ['socioeconomic', 'supplementary', 'goal'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** An indicator measured per area and for the city (e.g. residents with low income). */
@Entity('indicator')
export class Indicator {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: IndicatorKind;
  @Column({ type: 'text', default: '' }) unit: string;
  /** Shown as an index where the city average is 100. */
  @Column({ type: 'boolean', name: 'shown_as_index', default: false }) shownAsIndex: boolean;
  @Column({ type: 'text', default: 'higher_is_better' }) direction: Direction;
  @Column({ type: 'text', default: '' }) source: string;
  @Column({ type: 'integer', name: 'sort_order', default: 0 }) sortOrder: number;
  /** False once deactivated: kept, so what refers to it stays readable, but no longer in use. */
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'integer', default: 1 }) version: number;
}
