import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ArrayMaxSize,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  buildMessage,
  type ValidationOptions,
} from 'class-validator';
import { isCalendarDate, isYearlyDay } from '#domain';
import { DIRECTIONS, GOAL_LEVELS, type Direction, type GoalLevel } from './goal.entity.js';
import { INDICATOR_KINDS, type IndicatorKind } from './indicator.entity.js';
import { ApiNullable } from '../platform/common/openapi.js';

export class VersionDto {
  @ApiProperty({ description: 'The version you read; a stale one answers 409 and changes nothing' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  version: number;
}

// ---- administrations
export class CreateAdministrationDto {
  @ApiProperty({ example: 'TMF' })
  @IsString()
  @Matches(/^[A-ZÆØÅ0-9-]{2,12}$/, { message: 'code must be 2–12 capital letters, digits or dashes' })
  code: string;
  @ApiProperty({ example: 'Teknik- og Miljøforvaltningen' }) @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiPropertyOptional({ default: true, description: 'false deactivates it: kept and readable, no longer in use' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
export class UpdateAdministrationDto extends PartialType(CreateAdministrationDto) {
  @ApiProperty() @IsInt() @Min(1) version: number;
}
export class AdministrationDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'false once deactivated' }) active: boolean;
  @ApiProperty() version: number;
}

// ---- areas
export class CreateAreaDto {
  @ApiProperty({ example: 'tingbjerg-husum' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,60}$/, { message: 'code must be 2–60 lower-case letters, digits or dashes' })
  code: string;
  @ApiProperty({ example: 'Tingbjerg/Husum' }) @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  localCommittees?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  deprivedHousingAreas?: string[];
  @ApiPropertyOptional({ default: true, description: 'false deactivates it: kept and readable, no longer in use' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
export class UpdateAreaDto extends PartialType(CreateAreaDto) {
  @ApiProperty() @IsInt() @Min(1) version: number;
}
export class AreaDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) localCommittees: string[];
  @ApiProperty({ type: [String] }) deprivedHousingAreas: string[];
  @ApiProperty({ description: 'false once deactivated' }) active: boolean;
  @ApiProperty() version: number;
}

// ---- indicators
export class CreateIndicatorDto {
  @ApiProperty({ example: 'low-income' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,60}$/, { message: 'code must be 2–60 lower-case letters, digits or dashes' })
  code: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiProperty({ enum: INDICATOR_KINDS })
  @IsIn(INDICATOR_KINDS, { message: `kind must be one of ${INDICATOR_KINDS.join(', ')}` })
  kind: IndicatorKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) unit?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() shownAsIndex?: boolean;
  @ApiPropertyOptional({ enum: DIRECTIONS })
  @IsOptional()
  @IsIn(DIRECTIONS, { message: `direction must be one of ${DIRECTIONS.join(', ')}` })
  direction?: Direction;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) source?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() sortOrder?: number;
  @ApiPropertyOptional({ default: true, description: 'false deactivates it: kept and readable, no longer in use' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
export class UpdateIndicatorDto extends PartialType(CreateIndicatorDto) {
  @ApiProperty() @IsInt() @Min(1) version: number;
}
export class IndicatorDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: INDICATOR_KINDS }) kind: IndicatorKind;
  @ApiProperty() unit: string;
  @ApiProperty() shownAsIndex: boolean;
  @ApiProperty({ enum: DIRECTIONS }) direction: Direction;
  @ApiProperty() source: string;
  @ApiProperty() sortOrder: number;
  @ApiProperty({ description: 'false once deactivated' }) active: boolean;
  @ApiProperty() version: number;
}

// ---- goals (theory of change)
export class CreateGoalDto {
  @ApiProperty({ example: 'education-95' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,60}$/, { message: 'code must be 2–60 lower-case letters, digits or dashes' })
  code: string;
  @ApiProperty({ enum: GOAL_LEVELS })
  @IsIn(GOAL_LEVELS, { message: `level must be one of ${GOAL_LEVELS.join(', ')}` })
  level: GoalLevel;
  @ApiNullable('string', { description: 'The overall goal a concrete goal refines', required: false })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  parentId?: string | null;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(500) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) measure?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) dataSource?: string;
  @ApiNullable('string', { required: false })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  indicatorId?: string | null;
  @ApiNullable('number', { required: false })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(2000)
  @Max(2100)
  targetYear?: number | null;
  @ApiNullable('number', { required: false })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsNumber()
  targetValue?: number | null;
  @ApiPropertyOptional({ enum: DIRECTIONS }) @IsOptional() @IsIn(DIRECTIONS) direction?: Direction;
  @ApiPropertyOptional() @IsOptional() @IsInt() sortOrder?: number;
  @ApiPropertyOptional({ default: true, description: 'false deactivates it: kept and readable, no longer in use' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
export class UpdateGoalDto extends PartialType(CreateGoalDto) {
  @ApiProperty() @IsInt() @Min(1) version: number;
}
export class GoalDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: GOAL_LEVELS }) level: GoalLevel;
  @ApiNullable('string') parentId: string | null;
  @ApiProperty() title: string;
  @ApiProperty() measure: string;
  @ApiProperty() dataSource: string;
  @ApiNullable('string') indicatorId: string | null;
  @ApiNullable('number') targetYear: number | null;
  @ApiNullable('number') targetValue: number | null;
  @ApiProperty({ enum: DIRECTIONS }) direction: Direction;
  @ApiProperty() sortOrder: number;
  @ApiProperty({ description: 'false once deactivated' }) active: boolean;
  @ApiProperty() version: number;
}

// ---- municipality & vision
const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && isCalendarDate(v),
        defaultMessage: buildMessage((each) => `${each}$property must be real dates written YYYY-MM-DD`, options),
      },
    },
    options,
  );
const IsYearlyDay = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isYearlyDay',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && isYearlyDay(v),
        defaultMessage: buildMessage((each) => `${each}$property must be days of the year written MM-DD`, options),
      },
    },
    options,
  );

/** NON_WORKING_DAYS: the municipality's own days off, besides the public holidays of HOLIDAY_COUNTRY. */
export class NonWorkingDaysDto {
  @ApiProperty({ type: [String], example: ['2026-05-15'], description: 'Single days off, YYYY-MM-DD' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsCalendarDate({ each: true })
  dates: string[];
  @ApiProperty({
    type: [String],
    example: ['06-05', '12-24', '12-31'],
    description: 'Days off every year, MM-DD (02-29 only in leap years)',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsYearlyDay({ each: true })
  yearly: string[];
}

export class MunicipalityDto {
  @ApiProperty({ example: 'Københavns Kommune' }) name: string;
  @ApiProperty() vision: string;
  @ApiProperty({ example: 2020 }) targetYear: number;
  @ApiProperty({
    type: NonWorkingDaysDto,
    nullable: true,
    description: 'NON_WORKING_DAYS: days off besides the public holidays, used by every working-day calculation',
  })
  nonWorkingDays: NonWorkingDaysDto | null;
  @ApiProperty({ description: "The plan stage's completeness requires every kind of intervention" })
  requireInterventionMix: boolean;
  @ApiNullable('string', {
    description:
      'The administration that starts every local network as its first coordinator (tovholder); TMF in Copenhagen. ' +
      'A plan start in an area without a network names it; null: only administrators start networks',
  })
  networkStarterAdministrationId: string | null;
  @ApiProperty() version: number;
}
export class UpdateMunicipalityDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) vision?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(2000) @Max(2100) targetYear?: number;
  @ApiPropertyOptional({ type: NonWorkingDaysDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => NonWorkingDaysDto)
  nonWorkingDays?: NonWorkingDaysDto;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() requireInterventionMix?: boolean;
  @ApiNullable('string', {
    required: false,
    description: 'The administration that starts every local network as its first coordinator (tovholder)',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4', { message: 'networkStarterAdministrationId must be an administration id (UUID)' })
  networkStarterAdministrationId?: string | null;
}

export class CalendarDayOffDto {
  @ApiProperty({ example: '2026-12-24' }) date: string;
  @ApiProperty({ enum: ['public_holiday', 'day_off'] }) kind: 'public_holiday' | 'day_off';
}
export class CalendarDto {
  @ApiProperty({ example: 'DK' }) country: string;
  @ApiProperty({ type: NonWorkingDaysDto }) nonWorkingDays: NonWorkingDaysDto;
  @ApiProperty({ type: [CalendarDayOffDto], description: 'Weekdays in [from, to] that are not working days' })
  daysOff: CalendarDayOffDto[];
  @ApiProperty({ description: 'Working days after `from` up to and including `to`' }) workingDays: number;
}
export class CalendarQueryDto {
  @ApiProperty({ example: '2026-12-01' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate() to: string;
}

// ---- the record
/** One change to master data (or a user), as the record's trigger kept it. */
export class MasterDataChangeDto {
  @ApiProperty({ enum: ['insert', 'update', 'delete'] }) operation: 'insert' | 'update' | 'delete';
  @ApiProperty() at: Date;
  @ApiNullable('string', { description: 'Who made it' }) actorId: string | null;
  @ApiNullable('string', { description: 'Their name (also once deactivated)' }) actorName: string | null;
  @ApiProperty({ type: [String], description: 'For a change: the columns whose values changed' })
  changedFields: string[];
  @ApiNullable('object', { description: 'Before (columns)' })
  before: Record<string, unknown> | null;
  @ApiNullable('object', { description: 'After (columns)' })
  after: Record<string, unknown> | null;
}
