import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ApiNullable } from '../platform/common/openapi.js';

export class StatbankVariableDto {
  @ApiProperty({ example: 'KØN', description: "A variable of the table (its id, as StatBank's tableinfo names it)" })
  @IsString({ message: 'variables.code must be text' })
  @MinLength(1, { message: 'variables.code must not be empty' })
  @MaxLength(40, { message: 'variables.code must be at most 40 characters' })
  code: string;
  @ApiProperty({ example: ['TOT'], description: 'The one value to take (its code)' })
  @IsArray({ message: 'variables.values must be a list' })
  @ArrayMinSize(1, { message: 'variables.values must hold one value' })
  @ArrayMaxSize(1, { message: 'variables.values must hold one value, so the table gives one figure per period' })
  @IsString({ each: true, message: 'each variables.values entry must be text' })
  values: string[];
}

export class PutStatbankBindingDto {
  @ApiProperty({ example: 'FOLK1A', description: 'The StatBank table id' })
  @Matches(/^[A-Za-z0-9_]{1,40}$/, { message: 'tableId must be a StatBank table id (letters and digits, e.g. FOLK1A)' })
  tableId: string;
  @ApiPropertyOptional({ example: 'OMRÅDE', description: "The table's area variable (default OMRÅDE)" })
  @IsOptional()
  @IsString({ message: 'areaVariable must be text' })
  @MinLength(1, { message: 'areaVariable must not be empty' })
  @MaxLength(40, { message: 'areaVariable must be at most 40 characters' })
  areaVariable?: string;
  @ApiProperty({ example: '101', description: "The municipality's code in the area variable (101: København)" })
  @Matches(/^[0-9A-Za-z]{1,10}$/, { message: "municipalityCode must be the municipality's code, e.g. 101" })
  municipalityCode: string;
  @ApiPropertyOptional({
    example: 'Tid',
    description: "The table's time variable (default Tid); every period is fetched",
  })
  @IsOptional()
  @IsString({ message: 'timeVariable must be text' })
  @MinLength(1, { message: 'timeVariable must not be empty' })
  @MaxLength(40, { message: 'timeVariable must be at most 40 characters' })
  timeVariable?: string;
  @ApiProperty({ type: [StatbankVariableDto], description: 'One value for every other variable of the table' })
  @IsArray({ message: 'variables must be a list' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StatbankVariableDto)
  variables: StatbankVariableDto[];
  @ApiProperty({ description: 'Fetch it again every year (STATBANK_YEARLY_DATE)' })
  @IsBoolean({ message: 'yearly must be true or false' })
  yearly: boolean;
  @ApiProperty({ description: 'The version you read (0 for a new binding); a stale one answers 409' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(0)
  version: number;
}

export class StatbankBindingDto {
  @ApiProperty() indicatorId: string;
  @ApiProperty({ example: 'FOLK1A' }) tableId: string;
  @ApiProperty({ example: 'OMRÅDE' }) areaVariable: string;
  @ApiProperty({ example: '101' }) municipalityCode: string;
  @ApiProperty({ example: 'Tid' }) timeVariable: string;
  @ApiProperty({ type: [StatbankVariableDto] }) variables: StatbankVariableDto[];
  @ApiProperty() yearly: boolean;
  @ApiProperty() version: number;
  @ApiNullable('string') updatedBy: string | null;
  @ApiProperty() updatedAt: Date;
}

export class StatbankFetchErrorDto {
  @ApiProperty({ description: "The line of StatBank's answer (its header is line 1)" }) line: number;
  @ApiProperty() message: string;
  @ApiProperty() messageEn: string;
}

export class StatbankFetchDto {
  @ApiProperty() id: string;
  @ApiProperty() indicatorId: string;
  @ApiProperty({ enum: ['manual', 'yearly'] }) trigger: string;
  @ApiProperty({
    enum: ['queued', 'succeeded', 'failed'],
    description: 'succeeded: the figures went to the measurement import (see its status); failed: nothing loaded',
  })
  status: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What was sent to the data endpoint' })
  request: Record<string, unknown>;
  @ApiNullable('string', { description: 'Why it failed (Danish)' }) message: string | null;
  @ApiNullable('string', { description: 'Why it failed (English)' }) messageEn: string | null;
  @ApiProperty({ description: 'Figures in the answer' }) valuesFound: number;
  @ApiProperty({ description: 'Periods StatBank has no figure for ("..")' }) valuesSkipped: number;
  @ApiProperty({ type: [StatbankFetchErrorDto] }) errors: StatbankFetchErrorDto[];
  @ApiNullable('string', { description: 'GET /api/indicators/imports/{id}' })
  measurementImportId: string | null;
  @ApiNullable('string', { description: "The measurement import's status" })
  importStatus: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiNullable('date-time') finishedAt: Date | null;
}

export class VersionQueryDto {
  @ApiProperty({ description: 'The version you read' })
  @Type(() => Number)
  @IsInt({ message: 'version must be a whole number' })
  version: number;
}
