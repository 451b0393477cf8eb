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
  @Column({ type: 'jsonb', default: () => "'[]'" }) members: LocalNetworkMember[];
  @Column({ type: 'integer', default: 1 }) version: number;
}

export interface LocalNetworkMember {
  name: string;
  role: string;
  administrationId: string | null;
}
