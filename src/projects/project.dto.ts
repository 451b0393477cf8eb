import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  FUNDING_SOURCES,
  PROJECT_EVENT_TYPES,
  PROJECT_STATES,
  type FundingSource,
  type ProjectEventType,
  type ProjectState,
} from '#domain';
import { RuleViolationDto, ApiNullable } from '../platform/common/openapi.js';

const date = (field: string, example: string) =>
  IsDateString({ strict: true }, { message: `${field} must be a date such as ${example}` });
const uuids = (field: string, what: string) =>
  IsUUID('4', { each: true, message: `each ${field} entry must be ${what} id (UUID)` });

export class ProposeProjectDto {
  @ApiProperty({ example: 'Jobbro Tingbjerg' }) @IsString() @MinLength(2) @MaxLength(300) title: string;
  @ApiProperty({ description: 'The problem the project addresses' })
  @IsString()
  @MinLength(2)
  @MaxLength(8000)
  problem: string;
  @ApiProperty({ description: 'The proposed solution' })
  @IsString()
  @MinLength(2)
  @MaxLength(8000)
  proposedSolution: string;
  @ApiProperty({ description: 'The owner; the proposer must be staff of it' })
  @IsUUID('4', { message: 'owningAdministrationId must be an administration id (UUID)' })
  owningAdministrationId: string;
  @ApiProperty({ description: 'A user with the role project_leader' })
  @IsUUID('4', { message: 'projectLeaderId must be a user id (UUID)' })
  projectLeaderId: string;
  @ApiProperty({ enum: FUNDING_SOURCES })
  @IsIn(FUNDING_SOURCES, { message: `fundingSource must be one of ${FUNDING_SOURCES.join(', ')}` })
  fundingSource: FundingSource;
  @ApiProperty({ example: 2400000, description: 'The budget in DKK' })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'budgetDkk must be an amount in DKK' })
  @Min(0)
  @Max(999_999_999_999)
  budgetDkk: number;
  @ApiProperty({ example: '2027-01-01' }) @date('periodStart', '2027-01-01') periodStart: string;
  @ApiProperty({ example: '2028-12-31' }) @date('periodEnd', '2028-12-31') periodEnd: string;
  @ApiPropertyOptional({ example: '2028-09-30', description: 'An evaluation earlier than the end date (not after it)' })
  @IsOptional()
  @date('evaluationDate', '2028-09-30')
  evaluationDate?: string;
  @ApiProperty({ type: [String], description: 'The areas it runs in (at least one)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @uuids('areaIds', 'an area')
  areaIds: string[];
  @ApiProperty({
    type: [String],
    description: 'The city goals it serves (at least one); the evaluation reports against each',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @uuids('goalIds', 'a goal')
  goalIds: string[];
  @ApiPropertyOptional({ type: [String], description: 'The development plans it belongs to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @uuids('planIds', 'a plan')
  planIds?: string[];
  @ApiPropertyOptional({
    type: [String],
    description: "Indicators it serves besides its goals' own indicators; the evaluation reports against each",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @uuids('indicatorIds', 'an indicator')
  indicatorIds?: string[];
  @ApiPropertyOptional({ description: 'The registered intervention it belongs to' })
  @IsOptional()
  @IsUUID('4', { message: 'interventionId must be an intervention id (UUID)' })
  interventionId?: string;
}

export class ProjectListQueryDto {
  @ApiPropertyOptional({ enum: PROJECT_STATES })
  @IsOptional()
  @IsIn(PROJECT_STATES, { message: `state must be one of ${PROJECT_STATES.join(', ')}` })
  state?: ProjectState;
  @ApiPropertyOptional({ description: 'Owning administration' }) @IsOptional() @IsUUID('4') administrationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('4') areaId?: string;
  @ApiPropertyOptional({ enum: ['me'], description: 'me: only projects the caller leads' })
  @IsOptional()
  @IsIn(['me'], { message: 'leader must be me' })
  leader?: 'me';
  @ApiPropertyOptional({ description: 'Only projects whose evaluation is past its deadline (true), or not (false)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class BudgetLineDto {
  @ApiProperty({ description: 'The administration whose base budget (grundbudget) now carries the project' })
  @IsOptional()
  @IsUUID('4', { message: 'budgetLine.administrationId must be an administration id (UUID)' })
  administrationId?: string;
  @ApiProperty({ example: 850000, description: 'Yearly amount in DKK (more than 0)' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'budgetLine.yearlyAmountDkk must be an amount in DKK' })
  yearlyAmountDkk?: number;
  @ApiProperty({ example: 2028, description: 'The first budget year it is in the base budget' })
  @IsOptional()
  @IsInt({ message: 'budgetLine.firstBudgetYear must be a year such as 2028' })
  firstBudgetYear?: number;
}

export class ProjectEventDto {
  @ApiProperty({ enum: PROJECT_EVENT_TYPES })
  @IsIn(PROJECT_EVENT_TYPES, { message: `type must be one of ${PROJECT_EVENT_TYPES.join(', ')}` })
  type: ProjectEventType;
  @ApiProperty({ description: 'The project version you acted on; a stale one answers 409 and changes nothing' })
  @IsInt({ message: 'expectedVersion must be a whole number' })
  @Min(1)
  expectedVersion: number;
  @ApiPropertyOptional({
    description: 'Required for REJECT, EXTEND, SCALE (it lengthens the period too) and TERMINATE',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
  @ApiPropertyOptional({ description: 'Required for RETURN_EVALUATION; optional on APPROVE, ASSESS, ADOPT' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
  @ApiPropertyOptional({
    example: '2029-06-30',
    description: 'EXTEND and SCALE: the new end date (later than the current one)',
  })
  @IsOptional()
  @date('newEndDate', '2029-06-30')
  newEndDate?: string;
  @ApiPropertyOptional({
    example: '2029-03-31',
    description: 'EXTEND and SCALE: a new, earlier evaluation date; left out, the evaluation follows the new end date',
  })
  @IsOptional()
  @date('evaluationDate', '2029-03-31')
  evaluationDate?: string;
  @ApiPropertyOptional({ type: [String], description: 'SCALE: the areas to add (at least one new)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @uuids('addAreaIds', 'an area')
  addAreaIds?: string[];
  @ApiPropertyOptional({ type: BudgetLineDto, description: 'ADOPT: the base-budget line that now carries the project' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BudgetLineDto)
  budgetLine?: BudgetLineDto;
}

export class BudgetLineViewDto {
  @ApiProperty() administrationId: string;
  @ApiProperty() yearlyAmountDkk: number;
  @ApiProperty() firstBudgetYear: number;
}

export class ProjectDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() problem: string;
  @ApiProperty() proposedSolution: string;
  @ApiProperty() owningAdministrationId: string;
  @ApiProperty() projectLeaderId: string;
  @ApiProperty() proposedBy: string;
  @ApiProperty({ enum: FUNDING_SOURCES }) fundingSource: FundingSource;
  @ApiProperty() budgetDkk: number;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiNullable('string') evaluationDate: string | null;
  @ApiProperty({ description: 'When the evaluation is called for: the evaluation date, or else the end date' })
  evaluationDueOn: string;
  @ApiProperty({
    description:
      'When the evaluation must be submitted: PROJECT_EVALUATION_WORKING_DAYS Danish working days after ' +
      'evaluationDueOn',
  })
  evaluationDeadline: string;
  @ApiProperty({ description: 'The evaluation is owed and past its deadline' }) overdue: boolean;
  @ApiProperty({ type: [String] }) areaIds: string[];
  @ApiProperty({ type: [String] }) goalIds: string[];
  @ApiProperty({ type: [String] }) planIds: string[];
  @ApiProperty({ type: [String] }) indicatorIds: string[];
  @ApiNullable('string') interventionId: string | null;
  @ApiProperty({ enum: PROJECT_STATES }) state: ProjectState;
  @ApiProperty({ example: 'I gang' }) stateLabel: string;
  @ApiProperty() final: boolean;
  @ApiNullable('string', { description: 'Who assessed the current evaluation (may not make the decision)' })
  reviewedBy: string | null;
  @ApiProperty() evaluationSubmissions: number;
  @ApiProperty() extensions: number;
  @ApiProperty() scalings: number;
  @ApiNullable(BudgetLineViewDto) budgetLine: BudgetLineViewDto | null;
  @ApiNullable('date-time') decidedAt: Date | null;
  @ApiProperty({ description: 'Send it back as expectedVersion' }) version: number;
  @ApiProperty({ description: 'Version of the workflow machine the state was made with' }) machineVersion: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ProjectPageDto {
  @ApiProperty({ type: [ProjectDto] }) items: ProjectDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class ProjectTransitionDto {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'START' }) event: string;
  @ApiNullable('string') fromState: string | null;
  @ApiProperty() toState: string;
  @ApiNullable('string', { description: 'null when the deadline job sent the event' }) actorId: string | null;
  @ApiProperty() actorName: string;
  @ApiNullable('string', { description: 'The reason or comment' }) comment: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty() createdAt: Date;
}

export class ProjectEventResultDto {
  @ApiProperty({ type: ProjectDto }) project: ProjectDto;
  @ApiProperty({ type: ProjectTransitionDto }) transition: ProjectTransitionDto;
}

export class ProjectActionDto {
  @ApiProperty({ enum: PROJECT_EVENT_TYPES }) type: ProjectEventType;
  @ApiProperty() label: string;
  @ApiProperty() allowed: boolean;
  @ApiProperty({ type: [RuleViolationDto], description: 'Why not, when not allowed' }) violations: RuleViolationDto[];
}

export class ProjectActionsDto {
  @ApiProperty() projectId: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: PROJECT_STATES }) state: ProjectState;
  @ApiProperty({ type: [ProjectActionDto] }) actions: ProjectActionDto[];
  @ApiProperty({
    type: [RuleViolationDto],
    description: 'What the evaluation still lacks before it can be submitted (while one is owed)',
  })
  missing: RuleViolationDto[];
}
