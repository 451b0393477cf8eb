import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';

/** Tamper evidence: administrators check the record's hash chains. */
@Module({ controllers: [AuditController] })
export class AuditModule {}
