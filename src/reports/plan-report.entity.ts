import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Plan } from '../plans/plan.entity.js';
import { User } from '../users/user.entity.js';

export const REPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A progress report (fremdriftsrapport) of a plan, made as a PDF by a background job. */
@Entity('plan_report')
@Index('IDX_plan_report_plan', ['planId', 'createdAt'])
export class PlanReport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'plan_id' }) planId: string;
  @ManyToOne(() => Plan)
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_plan_report_plan' })
  plan?: Plan;
  @Column({ type: 'text', default: 'queued' }) status: ReportStatus;
  @Column({ type: 'uuid', name: 'requested_by' }) requestedBy: string;
  @ManyToOne(() => User)
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'FK_plan_report_requested_by' })
  requester?: User;
  @Column({ type: 'text', name: 'file_name', nullable: true }) fileName: string | null;
  @Column({ type: 'integer', name: 'size_bytes', nullable: true }) sizeBytes: number | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt: Date | null;
}

/** The PDF, kept apart so that polling a report never loads it. */
@Entity('plan_report_file')
export class PlanReportFile {
  @PrimaryColumn({ type: 'uuid', name: 'report_id' }) reportId: string;
  @OneToOne(() => PlanReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'FK_plan_report_file_report' })
  report?: PlanReport;
  @Column({ type: 'bytea' }) content: Buffer;
}
