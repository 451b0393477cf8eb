import { Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser } from '../auth/access.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { ReportDto } from './reports.dto.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post('plans/:id/reports')
  @HttpCode(202)
  @Access('any')
  @ApiOperation({
    summary:
      'Ask for a progress report (fremdriftsrapport) of a plan as PDF: goal status with charts, stage history, ' +
      'project decisions',
    description: 'Made by a background job: poll GET /api/reports/{id}, then download GET /api/reports/{id}/file.',
  })
  @ApiAcceptedResponse({ type: ReportDto })
  @ApiProblems(400, 404)
  request(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ReportDto> {
    return this.reports.request(user, id);
  }

  @Get('plans/:id/reports')
  @Access('any')
  @ApiOperation({ summary: "A plan's progress reports, newest first" })
  @ApiOkResponse({ type: [ReportDto] })
  @ApiProblems(400, 404)
  list(@Param('id', ParseUUIDPipe) id: string): Promise<ReportDto[]> {
    return this.reports.list(id);
  }

  @Get('reports/:id')
  @Access('any')
  @ApiOperation({
    summary: 'Status of a progress report: queued, running, succeeded (with fileUrl) or failed (with error)',
  })
  @ApiOkResponse({ type: ReportDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ReportDto> {
    return this.reports.get(id);
  }

  @Get('reports/:id/file')
  @Access('any')
  @ApiOperation({ summary: 'Download the PDF (409 until the report has succeeded)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 404, 409)
  async file(@Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const { fileName, content } = await this.reports.file(id);
    return new StreamableFile(content, {
      type: 'application/pdf',
      disposition: `attachment; filename="${fileName}"`,
      length: content.length,
    });
  }
}
