import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  ACTIVE_PLAN_STAGES,
  PLAN_EVENT_TYPES,
  PLAN_SECTION_NAMES,
  PLAN_STAGES,
  type PlanEventType,
  type PlanSection,
  type PlanStage,
} from '#domain';
import { ApiAnyValue, RuleViolationDto, ApiNullable } from '../platform/common/openapi.js';
import { PageLimit, PageOffset } from '../platform/common/paging.js';

export class CreatePlanDto {
  @ApiProperty() @IsUUID('4', { message: 'areaId must be a UUID' }) areaId: string;
  @ApiProperty({ example: 2013, description: 'The round: the budget year of its wave' })
  @IsInt({ message: 'budgetYear must be a whole number' })
  @Min(2000)
  @Max(2100)
  budgetYear: number;
  @ApiPropertyOptional({ example: 'Udviklingsplan for Tingbjerg/Husum' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title?: string;
  @ApiPropertyOptional({
    description: "Defaults to the area's local network coordinator (tovholder); the area must have a network",
  })
  @IsOptional()
  @IsUUID('4')
  coordinatingAdministrationId?: string;
  @ApiProperty({ type: [String], description: 'The administrations taking part (the coordinator is always included)' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('4', { each: true, message: 'each participatingAdministrationIds entry must be a UUID' })
  participatingAdministrationIds: string[];
}

export class PlanListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('4') areaId?: string;
  @ApiPropertyOptional({ enum: PLAN_STAGES })
  @IsOptional()
  @IsIn(PLAN_STAGES, { message: `stage must be one of ${PLAN_STAGES.join(', ')}` })
  stage?: PlanStage;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() budgetYear?: number;
  @ApiPropertyOptional({ description: 'Only plans past their stage deadline' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class SignatureDto {
  @ApiProperty() administrationId: string;
  @ApiProperty() by: string;
  @ApiProperty() at: string;
}

export class PlanDto {
  @ApiProperty() id: string;
  @ApiProperty() areaId: string;
  @ApiProperty() areaName: string;
  @ApiProperty() budgetYear: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: PLAN_STAGES }) stage: PlanStage;
  @ApiNullable({ enum: ['drafting', 'submitted'] }) status: 'drafting' | 'submitted' | null;
  @ApiProperty({ example: 'mapping.drafting' }) stateValue: string;
  @ApiProperty() coordinatingAdministrationId: string;
  @ApiProperty({ type: [String] }) participatingAdministrationIds: string[];
  @ApiProperty({ type: [SignatureDto], description: 'Commitment sign-offs (plan stage)' }) signatures: SignatureDto[];
  @ApiNullable('string') submittedBy: string | null;
  @ApiNullable('date', { example: '2027-01-29' }) stageDueDate: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty() openConditions: number;
  @ApiProperty({ description: 'Send it back as expectedVersion' }) version: number;
  @ApiProperty({ description: 'Version of the workflow machine the state was made with' }) machineVersion: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class HistoryQueryDto {
  @PageLimit(500, 100, 'Transitions per page')
  limit?: number;
  @PageOffset()
  offset?: number;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'By seq: oldest (asc) or newest first' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';
}

export class PlanPageDto {
  @ApiProperty({ type: [PlanDto] }) items: PlanDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class PlanEventDto {
  @ApiProperty({ enum: PLAN_EVENT_TYPES })
  @IsIn(PLAN_EVENT_TYPES, { message: `type must be one of ${PLAN_EVENT_TYPES.join(', ')}` })
  type: PlanEventType;
  @ApiProperty({ description: 'The plan version you acted on; a stale one answers 409 and changes nothing' })
  @IsInt({ message: 'expectedVersion must be a whole number' })
  @Min(1)
  expectedVersion: number;
  @ApiPropertyOptional({ description: 'Required to return, send back or close' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
  @ApiPropertyOptional({ type: [String], description: 'Approve with conditions: each becomes a task' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  conditions?: string[];
  @ApiPropertyOptional({
    description:
      'The meeting the decision is made at. A decision is credited to a meeting only on its date (this one, the ' +
      "submission's agenda's, or another of today's); on any other day it is a written procedure (no meeting)",
  })
  @IsOptional()
  @IsUUID('4')
  meetingId?: string;
}

export class TransitionDto {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'APPROVE' }) event: string;
  @ApiNullable('string') fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty() actorId: string;
  @ApiProperty() actorName: string;
  @ApiNullable('string') comment: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiNullable('string') meetingId: string | null;
  @ApiProperty() createdAt: Date;
}

export class PlanEventResultDto {
  @ApiProperty({ type: PlanDto }) plan: PlanDto;
  @ApiProperty({ type: TransitionDto }) transition: TransitionDto;
}

export class PlanActionDto {
  @ApiProperty({ enum: PLAN_EVENT_TYPES }) type: PlanEventType;
  @ApiProperty() label: string;
  @ApiProperty() allowed: boolean;
  @ApiProperty({ type: [RuleViolationDto], description: 'Why not, when not allowed' }) violations: RuleViolationDto[];
  @ApiProperty({
    description: "Whether the caller's roles could ever take it (false: only another role can; the web app hides it)",
  })
  withinRoles: boolean;
}

export class PlanActionsDto {
  @ApiProperty() planId: string;
  @ApiProperty() version: number;
  @ApiProperty() stateValue: string;
  @ApiProperty({ type: [PlanActionDto] }) actions: PlanActionDto[];
  @ApiProperty({
    type: [RuleViolationDto],
    description: 'What the current stage still lacks before it can be submitted',
  })
  missing: RuleViolationDto[];
  @ApiProperty({ type: [String], enum: PLAN_SECTION_NAMES, description: 'Content sections the user may edit now' })
  editableSections: PlanSection[];
}

export class GateVersionSummaryDto {
  @ApiProperty() seq: number;
  @ApiProperty({ enum: ACTIVE_PLAN_STAGES }) stage: string;
  @ApiProperty() decision: string;
  @ApiProperty() createdAt: Date;
}

export class PlanItemDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: PLAN_SECTION_NAMES }) section: PlanSection;
  @ApiNullable('string') administrationId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty() version: number;
  @ApiPropertyOptional({
    type: [String],
    description: 'Mapping: likely overlaps (same goal, overlapping period, other administration)',
  })
  overlapsWith?: string[];
  @ApiProperty() updatedAt: Date;
}

export class PlanConditionDto {
  @ApiProperty() id: string;
  @ApiProperty() stage: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: 'open' | 'closed';
  @ApiNullable('string') closingNote: string | null;
  @ApiNullable('date-time') closedAt: Date | null;
}

export class PlanContentDto {
  @ApiProperty() planId: string;
  @ApiProperty({ type: [PlanItemDto] }) items: PlanItemDto[];
  @ApiProperty({ type: [PlanConditionDto] }) conditions: PlanConditionDto[];
}

export class GateVersionDto {
  @ApiProperty() seq: number;
  @ApiProperty() stage: string;
  @ApiProperty() decision: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The plan, its items and conditions as they were',
  })
  content: Record<string, unknown>;
}

export class ContentChangeDto {
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) kind: string;
  @ApiProperty() section: string;
  @ApiProperty() id: string;
  @ApiPropertyOptional() field?: string;
  @ApiAnyValue('The value before (any JSON value)', { required: false }) before?: unknown;
  @ApiAnyValue('The value after (any JSON value)', { required: false }) after?: unknown;
  @ApiProperty({ description: 'One readable line, in Danish: section, item, field label, old and new value' })
  summary: string;
  @ApiProperty({ description: 'The same line in English' }) summaryEn: string;
}

export class PlanDiffDto {
  @ApiProperty({ description: 'A gate version seq' }) from: string;
  @ApiProperty({ description: "A gate version seq, or 'current'" }) to: string;
  @ApiProperty({ type: [ContentChangeDto] }) changes: ContentChangeDto[];
}

export class DiffQueryDto {
  @ApiProperty({ description: 'A gate version seq' }) @IsString() @MinLength(1) from: string;
  @ApiPropertyOptional({ description: "A gate version seq, or 'current' (default)" })
  @IsOptional()
  @IsString()
  to?: string;
}

export class CreatePlanItemDto {
  @ApiProperty({ enum: PLAN_SECTION_NAMES })
  @IsIn(PLAN_SECTION_NAMES, { message: `section must be one of ${PLAN_SECTION_NAMES.join(', ')}` })
  section: PlanSection;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The fields of the section (see the section schemas in the README)',
  })
  @IsObject({ message: 'data must be an object' })
  data: Record<string, unknown>;
}

export class MapFromRegisterDto {
  @ApiProperty({
    type: [String],
    description: "Interventions from the register (GET /api/interventions), owned by the caller's administration",
  })
  @IsArray()
  @ArrayNotEmpty({ message: 'interventionIds must name at least one intervention' })
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('4', { each: true, message: 'each interventionIds entry must be an intervention id (UUID)' })
  interventionIds: string[];
}

export class UpdatePlanItemDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject({ message: 'data must be an object' })
  data: Record<string, unknown>;
}

export class DeletePlanItemQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt({ message: 'version must be a whole number' }) @Min(1) version: number;
}

export class CloseConditionDto {
  @ApiProperty({ description: 'How the condition was met' }) @IsString() @MinLength(2) @MaxLength(4000) note: string;
  @ApiProperty() @IsInt() @Min(1) expectedVersion: number;
}

export class MoveDeadlineDto {
  @ApiProperty({ example: '2027-03-01' })
  @IsDateString({ strict: true }, { message: 'dueDate must be a date such as 2027-03-01' })
  dueDate: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(2000) reason: string;
  @ApiProperty() @IsInt() @Min(1) expectedVersion: number;
}

export class TransitionPageDto {
  @ApiProperty({ type: [TransitionDto] }) items: TransitionDto[];
  @ApiProperty({ description: 'All transitions of the plan' }) total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
