import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dkk } from './money.js';

/**
 * A line of the adoption ledger: the base-budget line that carries a project adopted into core operations. Append-only.
 */
@Entity('project_adoption')
export class ProjectAdoption {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'project_id' }) projectId: string;
  @Column({ type: 'uuid', name: 'administration_id' }) administrationId: string;
  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'yearly_amount_dkk', transformer: dkk })
  yearlyAmountDkk: number;
  @Column({ type: 'integer', name: 'first_budget_year' }) firstBudgetYear: number;
  @Column({ type: 'uuid', name: 'decided_by' }) decidedBy: string;
  @Column({ type: 'integer', name: 'decision_seq' }) decisionSeq: number;
  @Column({ type: 'timestamptz', name: 'decided_at', default: () => 'now()' }) decidedAt: Date;
}
