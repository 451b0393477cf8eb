import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A municipal administration (forvaltning), e.g. Teknik- og Miljøforvaltningen (TMF). */
@Entity('administration')
export class Administration {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Short code, unique, e.g. "TMF". */
  @Column({ type: 'text', unique: true }) code: string;
  @Column({ type: 'text' }) name: string;
  /** False once deactivated: kept, so what refers to it stays readable, but no longer in use. */
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
