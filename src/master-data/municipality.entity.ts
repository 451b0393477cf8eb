import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The municipality running this installation, with the vision of its policy. One row. */
@Entity('municipality')
export class Municipality {
  @PrimaryColumn({ type: 'integer', default: 1 }) id: number;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', default: '' }) vision: string;
  @Column({ type: 'integer', name: 'target_year' }) targetYear: number;
  @Column({ type: 'integer', default: 1 }) version: number;
}
