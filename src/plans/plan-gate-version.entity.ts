import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PlanContentSnapshot } from '#domain';

/** The plan's whole content as it was at a gate decision: append-only. */
@Entity('plan_gate_version')
export class PlanGateVersion {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'plan_id' }) planId: string;
  /** The plan version (transition seq) of the decision. */
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'text' }) stage: string;
  @Column({ type: 'text' }) decision: string;
  @Column({ type: 'jsonb' }) content: PlanContentSnapshot;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
