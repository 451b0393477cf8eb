import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Area } from '../master-data/area.entity.js';
import { Indicator } from '../master-data/indicator.entity.js';
import { IndicatorImport } from './indicator-import.entity.js';
import { numeric } from './numeric.transformer.js';

/**
 * One value of an indicator for one area (or, with area_id NULL, the city as
 * a whole) and period. One row per indicator, area and period (NULLS NOT
 * DISTINCT in the database, so the city's rows are unique too).
 */
@Entity('measurement')
@Unique('UQ_measurement_key', ['indicatorId', 'areaId', 'period'])
@Index('IDX_measurement_area', ['areaId', 'indicatorId', 'period'])
@Check('CHK_measurement_period', `"period" ~ '^[0-9]{4}(-Q[1-4])?$'`)
export class Measurement {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'indicator_id' }) indicatorId: string;
  @ManyToOne(() => Indicator)
  @JoinColumn({ name: 'indicator_id', foreignKeyConstraintName: 'FK_measurement_indicator' })
  indicator?: Indicator;
  /** Null: the city as a whole. */
  @Column({ type: 'uuid', name: 'area_id', nullable: true }) areaId: string | null;
  @ManyToOne(() => Area)
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'FK_measurement_area' })
  area?: Area;
  /** '2012' or '2012-Q3'. */
  @Column({ type: 'text' }) period: string;
  @Column({ type: 'numeric', transformer: numeric }) value: number;
  @Column({ type: 'text', default: '' }) source: string;
  @Column({ type: 'timestamptz', name: 'loaded_at', default: () => 'now()' }) loadedAt: Date;
  /** The import's uploader. */
  @Column({ type: 'uuid', name: 'loaded_by' }) loadedBy: string;
  /** The import that loaded the value: every measurement has one. */
  @Column({ type: 'uuid', name: 'import_id' }) importId: string;
  /**
   * One key for both: (import_id, loaded_by) references indicator_import (id, created_by), so a loader is the
   * import's uploader, and a row an import inserts is checked once, not against the import and the user apart.
   */
  @ManyToOne(() => IndicatorImport)
  @JoinColumn([
    { name: 'import_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_measurement_import_loader' },
    { name: 'loaded_by', referencedColumnName: 'createdBy' },
  ])
  import?: IndicatorImport;
}

/** A measurement's value as it was before a later import overwrote it: append-only. */
@Entity('measurement_change')
@Index('IDX_measurement_change_measurement', ['measurementId', 'id'])
export class MeasurementChange {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'bigint', name: 'measurement_id' }) measurementId: string;
  @Column({ type: 'uuid', name: 'indicator_id' }) indicatorId: string;
  @Column({ type: 'uuid', name: 'area_id', nullable: true }) areaId: string | null;
  @Column({ type: 'text' }) period: string;
  @Column({ type: 'numeric', name: 'old_value', transformer: numeric }) oldValue: number;
  @Column({ type: 'text', name: 'old_source' }) oldSource: string;
  @Column({ type: 'uuid', name: 'old_import_id', nullable: true }) oldImportId: string | null;
  @Column({ type: 'numeric', name: 'new_value', transformer: numeric }) newValue: number;
  @Column({ type: 'text', name: 'new_source' }) newSource: string;
  @Column({ type: 'uuid', name: 'new_import_id', nullable: true }) newImportId: string | null;
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
}
