import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A file attached to a project's evaluation, stored in the database with its SHA-256: append-only. */
@Entity('project_attachment')
export class ProjectAttachment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'project_id' }) projectId: string;
  @Column({ type: 'text', name: 'file_name' }) fileName: string;
  /** Judged from the content (magic bytes), never from the client's word. */
  @Column({ type: 'text', name: 'content_type' }) contentType: string;
  @Column({ type: 'integer', name: 'size_bytes' }) sizeBytes: number;
  @Column({ type: 'text' }) sha256: string;
  @Column({ type: 'bytea', select: false }) content: Buffer;
  @Column({ type: 'uuid', name: 'uploaded_by' }) uploadedBy: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
