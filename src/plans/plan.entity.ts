import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PlanStage, PlanStatus } from '#domain';

/**
 * A development plan (udviklingsplan): one per area per round. Its workflow
 * state is the persisted XState snapshot in `state`; `stage`, `status` and
 * `state_value` are read off that snapshot on every save, for querying.
 */
@Entity('plan')
export class Plan {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'area_id' }) areaId: string;
  @Column({ type: 'integer', name: 'budget_year' }) budgetYear: number;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'uuid', name: 'coordinating_administration_id' }) coordinatingAdministrationId: string;
  @Column({ type: 'jsonb' }) state: object;
  @Column({ type: 'integer', name: 'machine_version' }) machineVersion: number;
  @Column({ type: 'text' }) stage: PlanStage;
  @Column({ type: 'text', nullable: true }) status: PlanStatus | null;
  @Column({ type: 'text', name: 'state_value' }) stateValue: string;
  /** The transition (plan version) at which the current stage was entered: deadline jobs carry it. */
  @Column({ type: 'integer', name: 'stage_entry_seq' }) stageEntrySeq: number;
  @Column({ type: 'date', name: 'stage_due_date', nullable: true }) stageDueDate: string | null;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
