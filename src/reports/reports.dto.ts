import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_STATUSES, type ReportStatus } from './plan-report.entity.js';

export class ReportDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty({ enum: REPORT_STATUSES, description: 'queued → running → succeeded, or failed' }) status: ReportStatus;
  @ApiPropertyOptional({
    nullable: true,
    example: 'fremdriftsrapport-udviklingsplan-for-tingbjerg-husum-2026-11-26.pdf',
  })
  fileName: string | null;
  @ApiPropertyOptional({ nullable: true }) sizeBytes: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'Why it failed' }) error: string | null;
  @ApiPropertyOptional({
    nullable: true,
    example: '/api/reports/…/file',
    description: 'Where to download the PDF, once it has succeeded',
  })
  fileUrl: string | null;
  @ApiProperty() requestedBy: string;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true }) startedAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) finishedAt: Date | null;
}
