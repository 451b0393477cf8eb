import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '#domain';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Stored lower-case; unique. */
  @Column({ type: 'text', unique: true }) email: string;
  @Column({ type: 'text', name: 'display_name' }) displayName: string;
  /** argon2id hash; null for users who sign in only through OpenID Connect. */
  @Column({ type: 'text', name: 'password_hash', nullable: true, select: false }) passwordHash: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) roles: Role[];
  @Column({ type: 'uuid', name: 'administration_id', nullable: true }) administrationId: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** Set by a one-time password (create-admin, a reset): the user must choose their own before anything else. */
  @Column({ type: 'boolean', name: 'must_change_password', default: false }) mustChangePassword: boolean;
  @Column({ type: 'timestamptz', name: 'last_sign_in_at', nullable: true }) lastSignInAt: Date | null;
  @Column({ type: 'text', name: 'external_issuer', nullable: true }) externalIssuer: string | null;
  @Column({ type: 'text', name: 'external_subject', nullable: true }) externalSubject: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
