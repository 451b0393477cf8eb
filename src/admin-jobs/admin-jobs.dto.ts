import { ApiProperty } from '@nestjs/swagger';
import { ApiNullable } from '../platform/common/openapi.js';
import { ALL_QUEUES, type QueueName } from '../platform/queue/queue-names.js';
import type { JobView, QueueView } from './admin-jobs.service.js';

export class JobDto implements JobView {
  @ApiProperty({ enum: ALL_QUEUES }) queue: QueueName;
  @ApiProperty({ example: 'plan:1b7c…:stage:2:reminder' }) id: string;
  @ApiProperty({ example: 'send-notification-email' }) name: string;
  @ApiProperty({ enum: ['failed', 'delayed', 'active'] }) state: 'failed' | 'delayed' | 'active';
  @ApiProperty() attemptsMade: number;
  @ApiNullable('string', { description: 'The error of the last attempt (failed jobs)' }) failedReason: string | null;
  @ApiProperty({ type: [String], description: 'The first lines of the last error’s stack trace' })
  stacktrace: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiNullable('date-time') processedAt: string | null;
  @ApiNullable('date-time') finishedAt: string | null;
  @ApiNullable('date-time', { description: 'When a delayed job runs' }) runAt: string | null;
  @ApiProperty({ description: 'An active job running over 10 minutes: its worker may have died' })
  possiblyStalled: boolean;
}

export class QueueCountsDto {
  @ApiProperty() waiting: number;
  @ApiProperty() active: number;
  @ApiProperty() delayed: number;
  @ApiProperty() failed: number;
  @ApiProperty() completed: number;
}

export class QueueDto implements QueueView {
  @ApiProperty({ enum: ALL_QUEUES }) queue: QueueName;
  @ApiProperty({ type: QueueCountsDto }) counts: QueueCountsDto;
  @ApiProperty({ type: [JobDto], description: 'Up to 50 failed jobs, with their errors' }) failed: JobDto[];
  @ApiProperty({ type: [JobDto], description: 'Up to 50 delayed jobs, with when they run' }) delayed: JobDto[];
  @ApiProperty({ type: [JobDto], description: 'Up to 50 running jobs (possibly stalled ones flagged)' })
  active: JobDto[];
}
