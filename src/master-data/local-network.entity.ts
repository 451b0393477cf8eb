import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The local network (lokalt netværk) of one area: the local heads of the
 * relevant administrations and the leaders of the larger projects, with one
 * administration as coordinator (tovholder).
 */
@Entity('local_network')
export class LocalNetwork {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'area_id', unique: true }) areaId: string;
  @Column({ type: 'uuid', name: 'coordinating_administration_id' }) coordinatingAdministrationId: string;
  /**
   * The free-text members from before members were users (issue 18): kept as they were, shown as legacy names,
   * written by nothing. The members are users now, on the record (local_network_membership).
   */
  @Column({ type: 'jsonb', name: 'members', default: () => "'[]'" }) legacyMembers: LegacyNetworkMember[];
  @Column({ type: 'integer', default: 1 }) version: number;
}

/** A member as free text named them before members were users. */
export interface LegacyNetworkMember {
  name: string;
  role: string;
  administrationId: string | null;
}
