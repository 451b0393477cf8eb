import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsString, MaxLength, MinLength } from 'class-validator';
import { DECISION_PROCEDURES, JOURNAL_STATES, type DecisionProcedure, type JournalState } from '#domain';
import { ApiNullable } from '../platform/common/openapi.js';

export class CreateMeetingDto {
  @ApiProperty({ example: '2026-12-10', description: 'The meeting date (YYYY-MM-DD): today or later' })
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
  @ApiProperty({ description: "In the reader's language (Accept-Language; Danish by default)" }) title: string;
  @ApiNullable('string', {
    description: 'The title as a message key (render it with titleParams); null for older, Danish-only items',
    example: 'agenda.plan.submitted',
  })
  titleKey: string | null;
  @ApiNullable('object', { description: 'The parameters of titleKey' })
  titleParams: Record<string, string | number | null> | null;
  @ApiNullable('date-time') resolvedAt: Date | null;
  @ApiNullable('string') resolution: string | null;
  @ApiProperty() createdAt: Date;
}

export class JournalStateDto {
  @ApiProperty({ enum: JOURNAL_STATES }) state: JournalState;
  @ApiProperty({ description: 'Delivery attempts in the current round' }) attempts: number;
  @ApiNullable('string', { description: 'The last error (pending: will be retried; failed: retry by hand)' }) error:
    string | null;
  @ApiNullable('date-time') journalisedAt: Date | null;
  @ApiNullable('string', { description: "The archive's reference, when it answered one" }) reference: string | null;
}

export class DecisionDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['plan', 'project'] }) subjectType: 'plan' | 'project';
  @ApiProperty() subjectId: string;
  @ApiProperty({ description: "The plan's or project's title when decided" }) subjectTitle: string;
  @ApiNullable('string', { description: "A plan's area, a project's owning administration" }) subjectDetail:
    string | null;
  @ApiProperty({ description: "The subject's version the decision made" }) seq: number;
  @ApiProperty({ example: 'APPROVE_WITH_CONDITIONS' }) event: string;
  @ApiProperty({ example: 'Godkendt med betingelser', description: 'What was decided, as the record says it' })
  decisionLabel: string;
  @ApiProperty() decisionLabelEn: string;
  @ApiProperty({ type: [String] }) conditions: string[];
  @ApiNullable('string') comment: string | null;
  @ApiNullable('string') decidedById: string | null;
  @ApiProperty({ description: 'Who decided' }) decidedBy: string;
  @ApiProperty() decidedAt: Date;
  @ApiProperty({ description: 'The day of the decision (the municipality’s day)' }) decidedOn: string;
  @ApiProperty({
    enum: DECISION_PROCEDURES,
    description: "'meeting': at the meeting of that day; 'written': by written procedure (skriftlig behandling)",
  })
  procedure: DecisionProcedure;
  @ApiNullable('string') meetingId: string | null;
  @ApiNullable('string') meetingTitle: string | null;
  @ApiNullable('string') meetingDate: string | null;
  @ApiProperty({ type: JournalStateDto, description: 'The archive package of the decision' }) journal: JournalStateDto;
}

export class MeetingDecisionDto extends DecisionDto {
  @ApiNullable('string', { description: 'Plans: the plan (as subjectId)' }) planId: string | null;
}

export class MeetingDto {
  @ApiProperty() id: string;
  @ApiProperty() meetingDate: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [AgendaItemDto] }) agenda: AgendaItemDto[];
  @ApiProperty({
    type: [MeetingDecisionDto],
    description: 'Decisions made at this meeting (on its date); decisions on other days are written procedures',
  })
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
