import { ApiProperty } from '@nestjs/swagger';
import { REPORT_STATUSES, type ReportStatus } from './plan-report.entity.js';
import { ApiNullable } from '../platform/common/openapi.js';

export class ReportDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty({ enum: REPORT_STATUSES, description: 'queued → running → succeeded, or failed' }) status: ReportStatus;
  @ApiNullable('string', { example: 'fremdriftsrapport-udviklingsplan-for-tingbjerg-husum-2026-11-26.pdf' })
  fileName: string | null;
  @ApiNullable('number') sizeBytes: number | null;
  @ApiNullable('string', { description: 'Why it failed' }) error: string | null;
  @ApiNullable('string', {
    example: '/api/reports/…/file',
    description: 'Where to download the PDF, once it has succeeded',
  })
  fileUrl: string | null;
  @ApiProperty() requestedBy: string;
  @ApiProperty() createdAt: Date;
  @ApiNullable('date-time') startedAt: Date | null;
  @ApiNullable('date-time') finishedAt: Date | null;
}
