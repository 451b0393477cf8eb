import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsString, MaxLength, MinLength } from 'class-validator';
import { ApiNullable } from '../platform/common/openapi.js';

export class CreateMeetingDto {
  @ApiProperty({ example: '2026-12-10', description: 'The meeting date (YYYY-MM-DD)' })
  @IsDateString({ strict: true }, { message: 'meetingDate must be a date such as 2026-12-10' })
  meetingDate: string;

  @ApiProperty({ example: 'Borgmesterforum december' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title: string;
}

export class AgendaItemDto {
  @ApiProperty() id: string;
  @ApiNullable('string') meetingId: string | null;
  @ApiProperty({ enum: ['plan', 'project'] }) subjectType: 'plan' | 'project';
  @ApiProperty() subjectId: string;
  @ApiProperty({ enum: ['submission', 'escalation'] }) kind: 'submission' | 'escalation';
  @ApiProperty() title: string;
  @ApiNullable('date-time') resolvedAt: Date | null;
  @ApiNullable('string') resolution: string | null;
  @ApiProperty() createdAt: Date;
}

export class MeetingDecisionDto {
  @ApiProperty() planId: string;
  @ApiProperty() event: string;
  @ApiProperty() toState: string;
  @ApiProperty() actorName: string;
  @ApiNullable('string') comment: string | null;
  @ApiProperty() createdAt: Date;
}

export class MeetingDto {
  @ApiProperty() id: string;
  @ApiProperty() meetingDate: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [AgendaItemDto] }) agenda: AgendaItemDto[];
  @ApiProperty({ type: [MeetingDecisionDto], description: 'Decisions recorded at this meeting' })
  decisions: MeetingDecisionDto[];
}

export class MeetingSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() meetingDate: string;
  @ApiProperty() title: string;
  @ApiProperty() openItems: number;
}

export class PendingAgendaDto {
  @ApiNullable(MeetingSummaryDto, { description: 'The next meeting, if one is scheduled' })
  nextMeeting: MeetingSummaryDto | null;
  @ApiProperty({ type: [AgendaItemDto], description: 'Open items: on the next meeting or waiting for one' })
  items: AgendaItemDto[];
}
