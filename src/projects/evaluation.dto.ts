import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EVIDENCE_STRENGTHS, RECOMMENDATIONS, type EvidenceStrength, type Recommendation } from '#domain';
import { RuleViolationDto, ApiNullable } from '../platform/common/openapi.js';

export const EVIDENCE_SCALE_DESCRIPTION =
  'Strength of evidence, weakest first: anecdotal (1: anecdotes and impressions), descriptive (2: systematic ' +
  'description of activities and ' +
  'participants, no comparison), before_after (3: measured before and after among the participants), ' +
  'comparison_group (4: compared with a ' +
  'similar group or area without the intervention), controlled (5: controlled trial, random assignment or equivalent).';

export class GoalResultDto {
  @ApiProperty({ description: 'A goal the project serves' })
  @IsUUID('4', { message: 'goalId must be a goal id (UUID)' })
  goalId: string;
  @ApiProperty({ description: 'What the project achieved against the goal' })
  @IsString()
  @MaxLength(8000)
  description: string;
  @ApiNullable('number', { description: 'A measured value, when the goal has one', required: false })
  @IsOptional()
  @IsNumber({}, { message: 'value must be a number' })
  value?: number | null;
}

export class IndicatorResultDto {
  @ApiProperty({ description: 'An indicator the project serves' })
  @IsUUID('4', { message: 'indicatorId must be an indicator id (UUID)' })
  indicatorId: string;
  @ApiNullable('number', { description: 'The measured value (or give a description)', required: false })
  @IsOptional()
  @IsNumber({}, { message: 'value must be a number' })
  value?: number | null;
  @ApiNullable('string', { required: false }) @IsOptional() @IsString() @MaxLength(8000) description?: string | null;
}

/** The evaluation draft: every part may still be missing; submitting checks that none is. */
export class SaveEvaluationDto {
  @ApiProperty({
    description: 'The draft version you edited: 0 for the first save; a stale one answers 409 and changes nothing',
  })
  @IsInt({ message: 'version must be a whole number' })
  @Min(0)
  version: number;
  @ApiPropertyOptional({ type: [GoalResultDto], description: 'One per goal the project serves' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GoalResultDto)
  goalResults?: GoalResultDto[];
  @ApiPropertyOptional({ type: [IndicatorResultDto], description: 'One per indicator the project serves' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IndicatorResultDto)
  indicatorResults?: IndicatorResultDto[];
  @ApiNullable({ enum: EVIDENCE_STRENGTHS }, { description: EVIDENCE_SCALE_DESCRIPTION, required: false })
  @IsOptional()
  @IsIn(EVIDENCE_STRENGTHS, { message: `evidenceStrength must be one of ${EVIDENCE_STRENGTHS.join(', ')}` })
  evidenceStrength?: EvidenceStrength | null;
  @ApiNullable('string', { description: 'How the evidence was gathered', required: false })
  @IsOptional()
  @IsString()
  @MaxLength(8000)
  evidenceNote?: string | null;
  @ApiNullable('number', { description: 'What the project has cost, in DKK', required: false })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'costsDkk must be an amount in DKK' })
  @Min(0)
  costsDkk?: number | null;
  @ApiNullable('string', { required: false }) @IsOptional() @IsString() @MaxLength(8000) whatWorked?: string | null;
  @ApiNullable('string', { required: false }) @IsOptional() @IsString() @MaxLength(8000) whatDidNotWork?: string | null;
  @ApiNullable({ enum: RECOMMENDATIONS }, { required: false })
  @IsOptional()
  @IsIn(RECOMMENDATIONS, { message: `recommendation must be one of ${RECOMMENDATIONS.join(', ')}` })
  recommendation?: Recommendation | null;
  @ApiNullable('string', { required: false }) @IsOptional() @IsString() @MaxLength(8000) recommendationNote?:
    string | null;
}

export class AttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: 'Judged from the content, not from the name or the declared type' }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the stored bytes, hex' }) sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() createdAt: Date;
}

export class EvaluationDto {
  @ApiProperty() projectId: string;
  @ApiProperty({ description: '0 while no draft has been saved; send it back as version' }) version: number;
  @ApiProperty({ description: 'Whether the project leader may change the draft now' }) editable: boolean;
  @ApiProperty({ type: [GoalResultDto] }) goalResults: GoalResultDto[];
  @ApiProperty({ type: [IndicatorResultDto] }) indicatorResults: IndicatorResultDto[];
  @ApiNullable({ enum: EVIDENCE_STRENGTHS }, { description: EVIDENCE_SCALE_DESCRIPTION })
  evidenceStrength: EvidenceStrength | null;
  @ApiNullable('string') evidenceNote: string | null;
  @ApiNullable('number') costsDkk: number | null;
  @ApiNullable('string') whatWorked: string | null;
  @ApiNullable('string') whatDidNotWork: string | null;
  @ApiNullable({ enum: RECOMMENDATIONS }) recommendation: Recommendation | null;
  @ApiNullable('string') recommendationNote: string | null;
  @ApiProperty({ type: [RuleViolationDto], description: 'What a submission would still lack' })
  missing: RuleViolationDto[];
  @ApiProperty({ type: [AttachmentDto] }) attachments: AttachmentDto[];
  @ApiNullable('string') updatedBy: string | null;
  @ApiNullable('date-time') updatedAt: Date | null;
}

export class EvaluationSubmissionDto {
  @ApiProperty({ description: 'The project version (transition seq) of the submission' }) seq: number;
  @ApiProperty({ description: '1 for the first submission, 2 after a return, …' }) round: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The evaluation exactly as submitted' })
  content: Record<string, unknown>;
  @ApiProperty({ type: [AttachmentDto], description: 'The attachments (with checksums) at the time of submission' })
  attachments: Omit<AttachmentDto, 'uploadedBy' | 'createdAt'>[];
  @ApiProperty() submittedBy: string;
  @ApiProperty() createdAt: Date;
}
