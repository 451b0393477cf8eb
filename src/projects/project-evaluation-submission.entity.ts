import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ProjectEvaluation } from '#domain';

export interface SubmittedAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** The evaluation exactly as submitted, with the transition that submitted it: append-only. */
@Entity('project_evaluation_submission')
export class ProjectEvaluationSubmission {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'project_id' }) projectId: string;
  /** The project version (transition seq) of the submission. */
  @Column({ type: 'integer' }) seq: number;
  /** 1 for the first submission, 2 after a return, and so on. */
  @Column({ type: 'integer' }) round: number;
  @Column({ type: 'jsonb' }) content: ProjectEvaluation;
  @Column({ type: 'jsonb', default: () => "'[]'" }) attachments: SubmittedAttachment[];
  @Column({ type: 'uuid', name: 'submitted_by' }) submittedBy: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
