import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { ImportError } from '#domain';
import { User } from '../users/user.entity.js';

export const IMPORT_STATUSES = ['queued', 'validating', 'writing', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/**
 * Where a running import is: reading the file and checking its rows, then writing them (null while queued and once
 * finished). 'validating' was a phase of its own until the rows were checked as they are read; it is kept for the
 * imports recorded then.
 */
export const IMPORT_PHASES = ['reading', 'validating', 'writing'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];
export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One uploaded measurement file and how its import went. */
@Entity('indicator_import')
@Index('UQ_indicator_import_checksum', ['checksum'], { unique: true, where: `"status" <> 'failed'` })
@Index('IDX_indicator_import_created', ['createdAt'])
@Check('CHK_indicator_import_phase', `"phase" IN ('reading', 'validating', 'writing')`)
// What a measurement's (import_id, loaded_by) references: its import and that import's uploader, in one key.
@Unique('UQ_indicator_import_creator', ['id', 'createdBy'])
export class IndicatorImport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', name: 'file_name' }) fileName: string;
  @Column({ type: 'text' }) format: ImportFormat;
  /** SHA-256 of the file, hex. */
  @Column({ type: 'text' }) checksum: string;
  @Column({ type: 'integer', name: 'size_bytes' }) sizeBytes: number;
  @Column({ type: 'text', default: 'queued' }) status: ImportStatus;
  @Column({ type: 'text', nullable: true }) phase: ImportPhase | null;
  /** The data rows of the file; null until it has been read. */
  @Column({ type: 'integer', name: 'rows_total', nullable: true }) rowsTotal: number | null;
  /** The rows of the current phase done: read, validated, or written; once finished, rows_total. */
  @Column({ type: 'integer', name: 'rows_done', default: 0 }) rowsDone: number;
  @Column({ type: 'integer', default: 0 }) inserted: number;
  @Column({ type: 'integer', default: 0 }) updated: number;
  @Column({ type: 'integer', default: 0 }) unchanged: number;
  @Column({ type: 'integer', name: 'error_count', default: 0 }) errorCount: number;
  /** The first errors (at most IMPORT_ERRORS_KEPT), row by row. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) errors: ImportError[];
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_indicator_import_created_by' })
  creator?: User;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt: Date | null;
}

/** The uploaded file itself, kept apart so that polling an import never loads it. */
@Entity('indicator_import_file')
export class IndicatorImportFile {
  @PrimaryColumn({ type: 'uuid', name: 'import_id' }) importId: string;
  @OneToOne(() => IndicatorImport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'FK_indicator_import_file_import' })
  import?: IndicatorImport;
  @Column({ type: 'bytea' }) content: Buffer;
}
