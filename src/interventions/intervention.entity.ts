import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { FundingSource, InterventionKind } from '#domain';

/**
 * An intervention (indsats) in the register: core operations, individual-
 * oriented or area-based, owned by one administration, in some areas, with a
 * funding source, a period, the city goals it serves and the plans it belongs to.
 */
@Entity('intervention')
export class Intervention {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ type: 'text' }) kind: InterventionKind;
  @Column({ type: 'uuid', name: 'owning_administration_id' }) owningAdministrationId: string;
  @Column({ type: 'uuid', array: true, name: 'area_ids', default: () => "'{}'" }) areaIds: string[];
  @Column({ type: 'text', name: 'funding_source' }) fundingSource: FundingSource;
  @Column({ type: 'date', name: 'period_start' }) periodStart: string;
  @Column({ type: 'date', name: 'period_end', nullable: true }) periodEnd: string | null;
  @Column({ type: 'uuid', array: true, name: 'goal_ids', default: () => "'{}'" }) goalIds: string[];
  @Column({ type: 'uuid', array: true, name: 'plan_ids', default: () => "'{}'" }) planIds: string[];
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @Column({ type: 'uuid', name: 'updated_by' }) updatedBy: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
