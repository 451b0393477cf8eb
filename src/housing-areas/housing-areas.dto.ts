import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { HOUSING_COLUMNS, HOUSING_CRITERIA, HOUSING_LISTS, type HousingCriterion, type HousingList } from '#domain';
import { ApiNullable } from '../platform/common/openapi.js';

const nullable = (_: object, v: unknown) => v !== null;

export class HousingListErrorDto {
  @ApiProperty({ example: 4, description: 'Row as a spreadsheet numbers it (the header is row 1; 0 = the file)' })
  row: number;
  @ApiNullable({ enum: HOUSING_COLUMNS }, { example: 'list' }) column: string | null;
  @ApiProperty({ example: 'Ukendt liste "ghetto"', description: 'Danish' }) message: string;
  @ApiProperty({ example: 'Unknown list "ghetto"' }) messageEn: string;
}

export class HousingImportUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: "One year's list, CSV or XLSX" }) file: unknown;
  @ApiProperty({ example: 2019, description: 'The year of the list (published 1 December that year)' }) year: number;
}

export class HousingImportYearDto {
  @ApiProperty({ example: 2019, description: 'The year of the list (published 1 December that year)' })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number, the year of the list (e.g. 2019)' })
  @Min(1990, { message: 'year must be 1990 or later' })
  @Max(2200, { message: 'year must be 2200 or earlier' })
  year: number;
}

export class HousingImportDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 2019 }) year: number;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: string;
  @ApiProperty({ description: 'SHA-256 of the file' }) checksum: string;
  @ApiProperty({
    enum: ['succeeded', 'failed'],
    description: 'failed: the file had errors and nothing was loaded',
  })
  status: 'succeeded' | 'failed';
  @ApiProperty({ description: 'Data rows in the file' }) rowsTotal: number;
  @ApiProperty({ description: 'Listings the year now has from this file' }) listed: number;
  @ApiProperty({ description: 'Housing areas the file named for the first time' }) housingAreasAdded: number;
  @ApiProperty() errorCount: number;
  @ApiProperty({ type: [HousingListErrorDto] }) errors: HousingListErrorDto[];
  @ApiNullable('string', {
    description:
      'The measurement import that wrote the counts of the indicators measured from the lists (GET ' +
      '/api/indicators/imports/{id})',
  })
  measurementImportId: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ description: 'True when this file was already imported for this year' }) duplicate?: boolean;
}

export class HousingListingDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 2019 }) year: number;
  @ApiProperty({ enum: HOUSING_LISTS }) list: HousingList;
  @ApiProperty({ example: 'Parallelsamfund' }) listName: string;
  @ApiProperty({ enum: HOUSING_CRITERIA, isArray: true }) criteria: HousingCriterion[];
  @ApiNullable('string', { description: 'The import it came from (null: entered by hand)' })
  importId: string | null;
}

export class HousingAreaDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Tingbjerg' }) name: string;
  @ApiProperty({ example: 'fsb' }) housingAssociation: string;
  @ApiNullable('string') areaId: string | null;
  @ApiNullable('string') areaName: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: [HousingListingDto], description: 'Every year it was listed, newest first' })
  listings: HousingListingDto[];
}

export class HousingCountDto {
  @ApiProperty({ example: 2019 }) year: number;
  @ApiProperty({ description: 'Housing areas on the list(s) counted by the indicator that year' }) count: number;
}

export class HousingAreasDto {
  @ApiNullable('string') areaId: string | null;
  @ApiProperty({ type: [HousingAreaDto] }) housingAreas: HousingAreaDto[];
  @ApiProperty({ description: 'Every year a list was loaded or entered', type: [Number] }) years: number[];
  @ApiProperty({
    type: [HousingCountDto],
    description:
      'Per year, the housing areas on the lists that the goal "halve the list" counts (especially deprived / ' +
      'parallel societies)',
  })
  counts: HousingCountDto[];
}

export class HousingAreasQueryDto {
  @ApiPropertyOptional({ description: 'Only the housing areas lying in this area' })
  @IsOptional()
  @IsUUID('4', { message: 'areaId must be an area id (UUID)' })
  areaId?: string;
}

export class CreateHousingAreaDto {
  @ApiProperty({ example: 'Tingbjerg' })
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name: string;
  @ApiPropertyOptional({ example: 'fsb' })
  @IsOptional()
  @IsString({ message: 'housingAssociation must be text' })
  @MaxLength(200, { message: 'housingAssociation must be at most 200 characters' })
  housingAssociation?: string;
  @ApiNullable('string', { description: 'The area it lies in (null: none of them)', required: false })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID('4', { message: 'areaId must be an area id (UUID) or null' })
  areaId?: string | null;
}

export class UpdateHousingAreaDto extends CreateHousingAreaDto {
  @ApiPropertyOptional({ example: 'Tingbjerg' })
  @IsOptional()
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  declare name: string;
  @ApiProperty({ description: 'The version you read; a stale one answers 409' })
  @IsInt({ message: 'version must be a whole number' })
  version: number;
}

export class CreateListingDto {
  @ApiProperty({ example: 2019 })
  @IsInt({ message: 'year must be a whole number' })
  @Min(1990, { message: 'year must be 1990 or later' })
  @Max(2200, { message: 'year must be 2200 or earlier' })
  year: number;
  @ApiProperty({ enum: HOUSING_LISTS })
  @IsIn(HOUSING_LISTS, { message: `list must be one of ${HOUSING_LISTS.join(', ')}` })
  list: HousingList;
  @ApiPropertyOptional({ enum: HOUSING_CRITERIA, isArray: true })
  @IsOptional()
  @IsArray({ message: 'criteria must be a list' })
  @ArrayMaxSize(HOUSING_CRITERIA.length)
  @ArrayUnique({ message: 'criteria must not repeat a criterion' })
  @IsIn(HOUSING_CRITERIA, { each: true, message: `each criteria entry must be one of ${HOUSING_CRITERIA.join(', ')}` })
  criteria?: HousingCriterion[];
}

export class HousingAreaChangeDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['housing_area', 'housing_area_listing'] }) subject: string;
  @ApiProperty({ enum: ['insert', 'update', 'delete'] }) operation: string;
  @ApiNullable('object') before: Record<string, unknown> | null;
  @ApiNullable('object') after: Record<string, unknown> | null;
  @ApiNullable('string') actorId: string | null;
  @ApiNullable('string') actorName: string | null;
  @ApiProperty() at: Date;
}

export class HousingListKindDto {
  @ApiProperty({ enum: HOUSING_LISTS }) code: HousingList;
  @ApiProperty() name: string;
  @ApiProperty() nameEn: string;
}

export class HousingCriterionDto {
  @ApiProperty({ enum: HOUSING_CRITERIA }) code: HousingCriterion;
  @ApiProperty() name: string;
  @ApiProperty() nameEn: string;
}

export class HousingListsDto {
  @ApiProperty({ type: [HousingListKindDto] }) lists: HousingListKindDto[];
  @ApiProperty({ type: [HousingCriterionDto] }) criteria: HousingCriterionDto[];
}

export class CountedIndicatorDto {
  @ApiProperty() indicatorId: string;
  @ApiProperty({ example: 'listed-housing-areas' }) indicatorCode: string;
  @ApiProperty() indicatorName: string;
  @ApiProperty({ enum: HOUSING_LISTS, isArray: true, description: 'Housing areas on any of these lists are counted' })
  lists: HousingList[];
}

export class PutCountedIndicatorDto {
  @ApiProperty({ enum: HOUSING_LISTS, isArray: true, example: ['especially_deprived', 'parallel_society'] })
  @IsArray({ message: 'lists must be a list' })
  @ArrayMinSize(1, { message: 'lists must name at least one list' })
  @ArrayUnique({ message: 'lists must not repeat a list' })
  @IsIn(HOUSING_LISTS, { each: true, message: `each lists entry must be one of ${HOUSING_LISTS.join(', ')}` })
  lists: HousingList[];
}
