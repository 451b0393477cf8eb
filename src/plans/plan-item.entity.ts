import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PlanSection } from '#domain';

/** One piece of a plan's content, owned by the administration that contributed it. */
@Entity('plan_item')
export class PlanItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'plan_id' }) planId: string;
  @Column({ type: 'text' }) section: PlanSection;
  @Column({ type: 'uuid', name: 'administration_id', nullable: true }) administrationId: string | null;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @Column({ type: 'uuid', name: 'updated_by' }) updatedBy: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
