import { ApiProperty } from '@nestjs/swagger';
import { ApiNullable } from '../platform/common/openapi.js';
import { AGENDA_GROUPS } from '#domain';
import { DecisionDto } from '../meetings/meeting.dto.js';
import { PageLimit } from '../platform/common/paging.js';

export class DecisionListQueryDto {
  @PageLimit(500, 50)
  limit?: number;
}

export class PackDeadlineDto {
  @ApiNullable('string') dueDate: string | null;
  @ApiProperty() overdue: boolean;
}

export class PackContentDto {
  @ApiProperty() section: string;
  @ApiProperty({ type: [String] }) lines: string[];
}

export class PackLastDecisionDto {
  @ApiProperty({ description: 'The stored gate version the changes are counted from' }) seq: number;
  @ApiProperty() at: string;
}

export class PackItemDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['plan', 'project'] }) subjectType: 'plan' | 'project';
  @ApiProperty() subjectId: string;
  @ApiProperty({ enum: AGENDA_GROUPS }) group: string;
  @ApiProperty() groupLabel: string;
  @ApiProperty({ description: 'What is to be decided, in one sentence (Danish)' }) question: string;
  @ApiProperty() title: string;
  @ApiProperty() subjectTitle: string;
  @ApiNullable('string') subjectDetail: string | null;
  @ApiProperty() stateLabel: string;
  @ApiNullable('string') submitter: string | null;
  @ApiNullable(PackDeadlineDto) deadline: PackDeadlineDto | null;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [PackContentDto] }) content: PackContentDto[];
  @ApiNullable(PackLastDecisionDto, { description: 'null: never decided before' })
  lastDecision: PackLastDecisionDto | null;
  @ApiProperty({ type: [String], description: 'What changed since the last decision, in words' }) changes: string[];
  @ApiProperty({ type: [String] }) openConditions: string[];
  @ApiProperty({ type: [String], description: "Projects: the evaluation's key figures" }) keyFigures: string[];
  @ApiNullable('string', { description: "The forum's decision on it at this meeting, once made" }) decided:
    string | null;
}

export class PackGroupDto {
  @ApiProperty({ enum: AGENDA_GROUPS }) group: string;
  @ApiProperty() label: string;
  @ApiProperty() labelEn: string;
  @ApiProperty({ type: [PackItemDto] }) items: PackItemDto[];
}

export class PackMeetingDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() meetingDate: string;
}

export class MeetingPackDto {
  @ApiProperty({ type: PackMeetingDto }) meeting: PackMeetingDto;
  @ApiProperty() municipality: string;
  @ApiProperty({ type: [PackGroupDto], description: 'The agenda by kind, in the order the forum takes it up' })
  groups: PackGroupDto[];
  @ApiProperty({ type: [DecisionDto] }) decisions: DecisionDto[];
  @ApiProperty({ type: [PackItemDto], description: 'Items still open (carried over to the next meeting)' })
  carriedOver: PackItemDto[];
}
