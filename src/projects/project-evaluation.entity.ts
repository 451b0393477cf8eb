import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ProjectEvaluation } from '#domain';

/** The project leader's evaluation draft (one per project, versioned). */
@Entity('project_evaluation')
export class ProjectEvaluationDraft {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'project_id' }) projectId: string;
  @Column({ type: 'jsonb' }) content: ProjectEvaluation;
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'uuid', name: 'updated_by' }) updatedBy: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
