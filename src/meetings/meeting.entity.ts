import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A meeting of the mayors' forum (borgmesterforum). */
@Entity('meeting')
export class Meeting {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'date', name: 'meeting_date' }) meetingDate: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
