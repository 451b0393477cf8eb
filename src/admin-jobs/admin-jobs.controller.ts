import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { JobDto, QueueDto } from './admin-jobs.dto.js';
import { AdminJobsService } from './admin-jobs.service.js';

@ApiTags('admin')
@Controller('admin/jobs')
export class AdminJobsController {
  constructor(private readonly jobs: AdminJobsService) {}

  @Get()
  @Access('administrator')
  @ApiOperation({
    summary: 'The queues: counts, failed jobs with their errors, delayed and active ones (possibly stalled flagged)',
    description: 'Up to 50 of each per queue. Works on both queue backends (Redis and PostgreSQL).',
  })
  @ApiOkResponse({ type: [QueueDto], description: 'One entry per queue' })
  overview(): Promise<QueueDto[]> {
    return this.jobs.overview();
  }

  @Post(':queue/:id/retry')
  @HttpCode(200)
  @Access('administrator')
  @ApiOperation({ summary: 'Retry a failed job' })
  @ApiOkResponse({ type: JobDto, description: 'The job, queued again' })
  @ApiProblems(404, 409)
  retry(@Param('queue') queue: string, @Param('id') id: string): Promise<JobDto> {
    return this.jobs.retry(queue, id);
  }
}
