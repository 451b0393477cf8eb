import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { FundingSource, ProjectState } from '#domain';
import { dkk } from './money.js';

/**
 * A time-limited project (tidsbegrænset projekt). Its workflow state is the
 * persisted XState snapshot in `state`; `state_value`, the period and the
 * areas are read off that snapshot on every save, for querying. The
 * evaluation deadline columns follow the period; `deadline_seq` is the
 * version at which the current deadline jobs were scheduled.
 */
@Entity('project')
export class Project {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) problem: string;
  @Column({ type: 'text', name: 'proposed_solution' }) proposedSolution: string;
  @Column({ type: 'uuid', name: 'owning_administration_id' }) owningAdministrationId: string;
  @Column({ type: 'uuid', name: 'project_leader_id' }) projectLeaderId: string;
  @Column({ type: 'uuid', name: 'proposed_by' }) proposedBy: string;
  @Column({ type: 'text', name: 'funding_source' }) fundingSource: FundingSource;
  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'budget_dkk', transformer: dkk }) budgetDkk: number;
  @Column({ type: 'date', name: 'period_start' }) periodStart: string;
  @Column({ type: 'date', name: 'period_end' }) periodEnd: string;
  @Column({ type: 'date', name: 'evaluation_date', nullable: true }) evaluationDate: string | null;
  @Column({ type: 'uuid', array: true, name: 'area_ids', default: () => "'{}'" }) areaIds: string[];
  @Column({ type: 'uuid', array: true, name: 'goal_ids', default: () => "'{}'" }) goalIds: string[];
  @Column({ type: 'uuid', array: true, name: 'plan_ids', default: () => "'{}'" }) planIds: string[];
  @Column({ type: 'uuid', array: true, name: 'indicator_ids', default: () => "'{}'" }) indicatorIds: string[];
  @Column({ type: 'uuid', name: 'intervention_id', nullable: true }) interventionId: string | null;
  @Column({ type: 'jsonb' }) state: object;
  @Column({ type: 'integer', name: 'machine_version' }) machineVersion: number;
  @Column({ type: 'text', name: 'state_value' }) stateValue: ProjectState;
  /** The evaluation date, or the end date: when the evaluation is called for. */
  @Column({ type: 'date', name: 'evaluation_due_on' }) evaluationDueOn: string;
  /** PROJECT_EVALUATION_WORKING_DAYS working days later: when the evaluation must be submitted. */
  @Column({ type: 'date', name: 'evaluation_deadline' }) evaluationDeadline: string;
  @Column({ type: 'integer', name: 'deadline_seq', nullable: true }) deadlineSeq: number | null;
  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
