import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NonWorkingDays } from '#domain';

/** The municipality running this installation, with the vision of its policy. One row. */
@Entity('municipality')
export class Municipality {
  @PrimaryColumn({ type: 'integer', default: 1 }) id: number;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', default: '' }) vision: string;
  @Column({ type: 'integer', name: 'target_year' }) targetYear: number;
  /** NON_WORKING_DAYS: the municipality's own days off besides the public holidays; null = never set (none). */
  @Column({ type: 'jsonb', name: 'non_working_days', nullable: true }) nonWorkingDays: NonWorkingDays | null;
  /** Whether the plan stage's completeness requires every kind of intervention (off by default). */
  @Column({ type: 'boolean', name: 'require_intervention_mix', default: false }) requireInterventionMix: boolean;
  /** The administration that starts every local network as its first coordinator (TMF in Copenhagen). */
  @Column({ type: 'uuid', name: 'network_starter_administration_id', nullable: true })
  networkStarterAdministrationId: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
}
