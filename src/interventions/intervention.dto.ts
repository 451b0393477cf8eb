import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { FUNDING_SOURCES, INTERVENTION_KINDS, type FundingSource, type InterventionKind } from '#domain';
import { ApiNullable } from '../platform/common/openapi.js';

const KIND_MESSAGE = `kind must be one of ${INTERVENTION_KINDS.join(', ')} (drift, individrettet, områdebaseret)`;
const FUNDING_MESSAGE = `fundingSource must be one of ${FUNDING_SOURCES.join(', ')}`;
const date = (field: string, example: string) =>
  IsDateString({ strict: true }, { message: `${field} must be a date such as ${example}` });
const uuids = (field: string, what: string) =>
  IsUUID('4', { each: true, message: `each ${field} entry must be ${what} id (UUID)` });

export class CreateInterventionDto {
  @ApiProperty({ example: 'Områdefornyelse Tingbjerg' }) @IsString() @MinLength(2) @MaxLength(300) name: string;
  @ApiPropertyOptional({ default: '' }) @IsOptional() @IsString() @MaxLength(8000) description?: string;
  @ApiProperty({
    enum: INTERVENTION_KINDS,
    description: 'core_operations (drift), individual (individrettet), area_based (områdebaseret)',
  })
  @IsIn(INTERVENTION_KINDS, { message: KIND_MESSAGE })
  kind: InterventionKind;
  @ApiProperty({ description: 'Staff may only register interventions of their own administration' })
  @IsUUID('4', { message: 'owningAdministrationId must be an administration id (UUID)' })
  owningAdministrationId: string;
  @ApiProperty({ type: [String], description: 'The areas (byområder) it works in' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @uuids('areaIds', 'an area')
  areaIds: string[];
  @ApiProperty({ enum: FUNDING_SOURCES })
  @IsIn(FUNDING_SOURCES, { message: FUNDING_MESSAGE })
  fundingSource: FundingSource;
  @ApiProperty({ example: '2013-01-01' }) @date('periodStart', '2013-01-01') periodStart: string;
  @ApiNullable('string', { example: '2016-12-31', description: 'null or left out: open-ended', required: false })
  @IsOptional()
  @date('periodEnd', '2016-12-31')
  periodEnd?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'The city goals it serves' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @uuids('goalIds', 'a goal')
  goalIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'The development plans it belongs to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @uuids('planIds', 'a plan')
  planIds?: string[];
}

export class UpdateInterventionDto extends PartialType(CreateInterventionDto) {
  @ApiProperty({ description: 'The version you edited; a stale one answers 409 and changes nothing' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  version: number;
}

export class DeleteInterventionQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt({ message: 'version must be a whole number' }) @Min(1) version: number;
}

export class InterventionListQueryDto {
  @ApiPropertyOptional({ description: 'Search in name and description (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ enum: INTERVENTION_KINDS })
  @IsOptional()
  @IsIn(INTERVENTION_KINDS, { message: KIND_MESSAGE })
  kind?: InterventionKind;
  @ApiPropertyOptional({ description: 'Owning administration' }) @IsOptional() @IsUUID('4') administrationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('4') areaId?: string;
  @ApiPropertyOptional({ enum: FUNDING_SOURCES })
  @IsOptional()
  @IsIn(FUNDING_SOURCES, { message: FUNDING_MESSAGE })
  fundingSource?: FundingSource;
  @ApiPropertyOptional() @IsOptional() @IsUUID('4') goalId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('4') planId?: string;
  @ApiPropertyOptional({ example: '2014-06-01', description: 'Only interventions running on this date' })
  @IsOptional()
  @date('activeOn', '2014-06-01')
  activeOn?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class InterventionDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: INTERVENTION_KINDS }) kind: InterventionKind;
  @ApiProperty() owningAdministrationId: string;
  @ApiProperty({ type: [String] }) areaIds: string[];
  @ApiProperty({ enum: FUNDING_SOURCES }) fundingSource: FundingSource;
  @ApiProperty() periodStart: string;
  @ApiNullable('string') periodEnd: string | null;
  @ApiProperty({ type: [String] }) goalIds: string[];
  @ApiProperty({ type: [String] }) planIds: string[];
  @ApiProperty({ description: 'Send it back as version when updating or deleting' }) version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class InterventionPageDto {
  @ApiProperty({ type: [InterventionDto] }) items: InterventionDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

/** One change to an intervention, as the record's trigger kept it. */
export class InterventionChangeDto {
  @ApiProperty({
    enum: ['baseline', 'insert', 'update', 'delete'],
    description: 'registered, changed or removed; baseline: as it stood when the record began',
  })
  operation: 'baseline' | 'insert' | 'update' | 'delete';
  @ApiProperty() at: Date;
  @ApiNullable('string') actorId: string | null;
  @ApiNullable('string') actorName: string | null;
  @ApiProperty({
    type: [String],
    description: 'For a change: the columns whose values changed (bookkeeping columns left out)',
  })
  changedFields: string[];
  @ApiNullable('object', { description: 'The row before (database column names)' })
  before: Record<string, unknown> | null;
  @ApiNullable('object', { description: 'The row after' })
  after: Record<string, unknown> | null;
}
