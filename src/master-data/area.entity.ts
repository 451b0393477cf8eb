import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A deprived urban area (udsat byområde), e.g. Tingbjerg/Husum. */
@Entity('area')
export class Area {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** URL-friendly unique code, e.g. "tingbjerg-husum". */
  @Column({ type: 'text', unique: true }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', default: '' }) description: string;
  /** Local committees (lokaludvalg) serving the area. */
  @Column({ type: 'text', array: true, name: 'local_committees', default: () => "'{}'" }) localCommittees: string[];
  /** Especially deprived housing areas (særligt udsatte boligområder) inside it. */
  @Column({ type: 'text', array: true, name: 'deprived_housing_areas', default: () => "'{}'" })
  deprivedHousingAreas: string[];
  /** False once deactivated: kept, so what refers to it stays readable, but no longer in use. */
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
