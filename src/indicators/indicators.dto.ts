import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
  ValidateIf,
} from 'class-validator';
import { GOAL_STATUSES, IMPORT_COLUMNS, type GoalStatus } from '#domain';
import { TARGET_KINDS, type TargetKind } from './goal-baseline.entity.js';
import {
  IMPORT_FORMATS,
  IMPORT_PHASES,
  IMPORT_STATUSES,
  type ImportFormat,
  type ImportPhase,
  type ImportStatus,
} from './indicator-import.entity.js';
import { FileExportQueryDto } from '../platform/common/file-export.dto.js';
import { ApiNullable } from '../platform/common/openapi.js';
import { PageLimit, PageOffset } from '../platform/common/paging.js';

const DIRECTION_VALUES = ['higher_is_better', 'lower_is_better'] as const;
const PERIOD_PATTERN = /^\d{4}(-Q[1-4])?$/;
const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : value;

// ---- import
export class ImportUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'CSV (comma, semicolon or tab; UTF-8 or Windows-1252) or XLSX (first sheet). Columns: area, indicator, period, ' +
      'value, and optionally source',
  })
  file: unknown;
}

export class ImportErrorDto {
  @ApiProperty({
    example: 17,
    description: 'Row as a spreadsheet numbers it (the header is row 1; 0 = the file as a whole)',
  })
  row: number;
  @ApiNullable({ enum: IMPORT_COLUMNS }, { example: 'value' }) column: string | null;
  @ApiNullable('string', {
    example: 'værdi',
    description:
      'The column as the file named it (its header; for a missing column, the name in the language of the file)',
    required: false,
  })
  heading?: string | null;
  @ApiProperty({ example: '"mange" er ikke et tal', description: 'Danish' }) message: string;
  @ApiProperty({ example: '"mange" is not a number' }) messageEn: string;
}

export class ImportStatusDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'sok-2012.csv' }) fileName: string;
  @ApiProperty({ enum: IMPORT_FORMATS }) format: ImportFormat;
  @ApiProperty({
    enum: IMPORT_STATUSES,
    description: 'queued → validating → writing → succeeded, or failed (then nothing was loaded)',
  })
  status: ImportStatus;
  @ApiNullable(
    { enum: IMPORT_PHASES },
    {
      description:
        'Where a running import is: reading the file (rowsDone rows read, rowsTotal not known yet), validating its ' +
        'rows, or writing them (rowsDone of rowsTotal); null while queued and once finished',
    },
  )
  phase: ImportPhase | null;
  @ApiProperty({
    description:
      'Rows of the current phase done (read, validated or written), updated every IMPORT_BATCH_ROWS rows; once ' +
      'finished, rowsTotal',
  })
  rowsDone: number;
  @ApiNullable('number', { description: 'Data rows in the file (known once it has been read)' })
  rowsTotal: number | null;
  @ApiProperty({ description: 'New measurements' }) inserted: number;
  @ApiProperty({ description: 'Measurements whose value or source changed (the old value is kept on the record)' })
  updated: number;
  @ApiProperty({ description: 'Rows identical to what was already loaded' }) unchanged: number;
  @ApiProperty() errorCount: number;
  @ApiProperty({ type: [ImportErrorDto], description: 'What was wrong, row by row (the first 1000)' })
  errors: ImportErrorDto[];
  @ApiProperty({ example: 'ab12…', description: 'SHA-256 of the file' }) checksum: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiNullable('date-time') startedAt: Date | null;
  @ApiNullable('date-time') finishedAt: Date | null;
}

export class ImportAcceptedDto extends ImportStatusDto {
  @ApiProperty({
    description:
      'True when this very file was already imported (or is being imported): its import is returned and nothing is ' +
      'added twice',
  })
  duplicate: boolean;
}

// ---- series, overview, identification
export class SeriesQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated area ids; the city is always included', example: 'uuid1,uuid2' })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true, message: 'each areaIds entry must be an area id (UUID)' })
  areaIds?: string[];
}

/** An indicator series' export: which areas, and the file's format and locale. */
export class ExportQueryDto extends IntersectionType(SeriesQueryDto, FileExportQueryDto) {}

/** A plan's goal status export: the file's format and locale. */
export class GoalStatusExportQueryDto extends FileExportQueryDto {}

export class SeriesChartQueryDto extends SeriesQueryDto {
  @ApiPropertyOptional({
    description:
      'The city goal whose target line to draw (default: the first concrete goal measured by the indicator that has ' +
      'a target)',
  })
  @IsOptional()
  @IsUUID('4', { message: 'goalId must be a goal id (UUID)' })
  goalId?: string;
}

export class PeriodQueryDto {
  @ApiPropertyOptional({ example: '2012', description: 'A year or quarter (2012, 2012-Q3); default: the latest' })
  @IsOptional()
  @IsString()
  @Matches(PERIOD_PATTERN, { message: 'period must be a year or a quarter such as 2012 or 2012-Q3' })
  period?: string;
}

export class OverviewQueryDto extends PeriodQueryDto {
  @PageLimit(200, 50, 'Areas per page (by name)')
  limit?: number;
  @PageOffset()
  offset?: number;
}

export class IdentificationQueryDto extends OverviewQueryDto {}

export class AreaRefQueryDto {
  @ApiPropertyOptional({ description: 'Measure the goals in this area (default: the city as a whole)' })
  @IsOptional()
  @IsUUID('4', { message: 'areaId must be an area id (UUID)' })
  areaId?: string;
}

export class SeriesPointDto {
  @ApiProperty({ example: '2012-Q3' }) period: string;
  @ApiProperty() value: number;
  @ApiNullable('number', { description: "The city's value for the same period" }) cityValue: number | null;
  @ApiNullable('number', { description: 'value / cityValue × 100 (city = 100)' }) index: number | null;
  @ApiProperty({ description: "Where the figure comes from ('' when no file named one)" }) source: string;
  @ApiProperty({ description: 'When the value was loaded (by the import that last changed it)' }) loadedAt: Date;
  @ApiProperty({ description: 'The user who loaded it' }) loadedBy: string;
  @ApiNullable('string', { example: 'Torben TMF' }) loadedByName: string | null;
  @ApiProperty({ description: 'The import that loaded it (GET /api/indicators/imports/{id}): every value has one' })
  importId: string;
}

export class SeriesDto {
  @ApiNullable('string', { description: 'Null: the city as a whole' }) areaId: string | null;
  @ApiProperty({ example: 'Nørrebro' }) areaName: string;
  @ApiProperty({ type: [SeriesPointDto] }) points: SeriesPointDto[];
}

export class IndicatorRefDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: DIRECTION_VALUES }) direction: string;
}

export class IndicatorSeriesDto {
  @ApiProperty({ type: IndicatorRefDto }) indicator: IndicatorRefDto;
  @ApiProperty({ type: [SeriesDto], description: 'The city first, then the areas asked for' }) series: SeriesDto[];
}

export class OverviewCellDto {
  @ApiProperty() indicatorId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
  @ApiProperty() unit: string;
  @ApiNullable('string', { description: 'The latest period with a value (or the period asked for)' })
  period: string | null;
  @ApiNullable('number') value: number | null;
  @ApiNullable('number') cityValue: number | null;
  @ApiNullable('number', { description: 'City = 100' }) index: number | null;
}

export class AreaOverviewDto {
  @ApiProperty() areaId: string;
  @ApiProperty() areaName: string;
  @ApiProperty({ type: [OverviewCellDto] }) indicators: OverviewCellDto[];
}

export class OverviewDto {
  @ApiNullable('string') period: string | null;
  @ApiProperty({ type: [AreaOverviewDto], description: 'One page of the areas, by name' })
  areas: AreaOverviewDto[];
  @ApiProperty({ description: 'All areas' }) total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class IdentificationComponentDto {
  @ApiProperty() indicatorId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiNullable('number') value: number | null;
  @ApiNullable('number') cityValue: number | null;
  @ApiNullable('number') index: number | null;
  @ApiNullable('number', { description: 'What it adds to the sum (the index; inverted where higher is better)' })
  contribution: number | null;
}

export class IdentifiedAreaDto {
  @ApiProperty() areaId: string;
  @ApiProperty() areaName: string;
  @ApiNullable('number', { description: '1 = most deprived; null when an indicator is missing' }) rank: number | null;
  @ApiNullable('number', { description: 'Sum of the indices' }) total: number | null;
  @ApiNullable('number') averageIndex: number | null;
  @ApiProperty() complete: boolean;
  @ApiProperty() deprived: boolean;
  @ApiProperty({ type: [String] }) missing: string[];
  @ApiProperty({ type: [IdentificationComponentDto] }) components: IdentificationComponentDto[];
  @ApiProperty({ example: '120,0 + 125,0 + 300,0 + 125,0 + 150,0 + 125,0 = 945,0 > 720,0: udsat byområde' })
  computation: string;
}

export class IdentificationDto {
  @ApiNullable('string', {
    description: 'The period compared (default: the latest with city values for every socio-economic indicator)',
  })
  period: string | null;
  @ApiProperty({ description: 'IDENTIFICATION_THRESHOLD' }) threshold: number;
  @ApiProperty() indicatorCount: number;
  @ApiProperty({ description: "The city's own sum (100 per indicator)" }) cityTotal: number;
  @ApiProperty({ type: [IdentifiedAreaDto], description: 'Ranked, most deprived first: one page of them' })
  areas: IdentifiedAreaDto[];
  @ApiProperty({ description: 'All areas ranked' }) total: number;
  @ApiProperty({ description: 'All areas marked deprived' }) deprivedCount: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
  @ApiProperty({ type: [String] }) notes: string[];
}

// ---- goals and progress
export class PeriodValueDto {
  @ApiProperty({ example: '2024' }) period: string;
  @ApiProperty() value: number;
}

export class YearValueDto {
  @ApiProperty({ example: 2012 }) year: number;
  @ApiProperty({ example: 61.5 }) value: number;
}

export class TrendDto {
  @ApiProperty({ description: 'Least-squares slope of the latest (up to 5) measurements, per year' })
  slopePerYear: number;
  @ApiProperty() points: number;
  @ApiProperty({ enum: ['improving', 'worsening', 'flat'] }) direction: string;
  @ApiNullable('number', { description: 'Where the trend leads by the target year' }) projectedAtTarget: number | null;
  @ApiNullable('boolean') reachesTarget: boolean | null;
}

export class LatestComparedDto {
  @ApiProperty({ example: '2016' }) period: string;
  @ApiProperty({ description: "The area's value" }) value: number;
  @ApiProperty({ description: "The city's value for the same period" }) cityValue: number;
}

export class GoalProgressDto {
  @ApiProperty({
    enum: TARGET_KINDS,
    description:
      "absolute: the target is a value of the indicator; city_level: the area's index against the city (= 100) for " +
      'the same period reaches 100 by the target year (≥ 100 when higher is better, ≤ 100 when lower is better); ' +
      'relative: the baseline changed by targetValue per cent (−50: halved), target the value that gives',
  })
  targetKind: TargetKind;
  @ApiProperty({
    enum: ['value', 'index'],
    description:
      "What baseline, target, latest, expected, gap and tolerance are in: the indicator's values, or the index (city " +
      '= 100)',
  })
  measuredAs: 'value' | 'index';
  @ApiProperty({ enum: GOAL_STATUSES }) status: GoalStatus;
  @ApiProperty({ example: 'På sporet' }) statusLabel: string;
  @ApiNullable(
    { enum: ['no_indicator', 'no_target', 'no_measurements', 'no_baseline', 'no_city_values', 'needs_area'] },
    {
      description:
        'Why there is no status: no_city_values, the city has no figures for the periods the area has; needs_area, a ' +
        'city-level goal is measured in an area (ask with areaId)',
    },
  )
  reason: string | null;
  @ApiNullable(YearValueDto) baseline: YearValueDto | null;
  @ApiNullable(
    { enum: ['goal', 'baseline_year', 'first_measurement'] },
    {
      description:
        "Where the baseline came from: stated (the city goal's baseline for the city; a plan's own indicator " +
        "baseline for its area), the measured value in the goal's baseline year, or the first measurement",
    },
  )
  baselineFrom: string | null;
  @ApiNullable(YearValueDto, { description: 'For city_level: 100 in the target year' })
  target: YearValueDto | null;
  @ApiNullable('number', { description: 'Expected now on the straight path from baseline to target' })
  expectedNow: number | null;
  @ApiNullable(PeriodValueDto) latest: { period: string; value: number } | null;
  @ApiNullable('number', { description: "Expected at the latest measurement's period: what the status compares with" })
  expectedAtLatest: number | null;
  @ApiNullable('number', { description: 'latest − expected, positive = ahead (direction respected)' })
  gap: number | null;
  @ApiNullable('number', { description: 'GOAL_TOLERANCE_PERCENT of the planned change, in the units of measuredAs' })
  tolerance: number | null;
  @ApiNullable(TrendDto) trend: TrendDto | null;
  @ApiNullable('boolean', {
    description: 'Whether the latest figure is at or beyond the target (for city_level: on the good side of 100)',
  })
  targetReached: boolean | null;
  @ApiNullable(LatestComparedDto, { description: 'city_level: the figures behind the latest index' })
  latestCompared: LatestComparedDto | null;
}

export class GoalBaselineDto {
  @ApiNullable('number') baselineValue: number | null;
  @ApiNullable('number') baselineYear: number | null;
  @ApiProperty({ enum: TARGET_KINDS, description: "What the goal's target is (PUT …/goals/{id}/target-kind)" })
  targetKind: TargetKind;
  @ApiProperty({ description: 'Send it back to change the baseline or the target kind; 0 while none is set' })
  version: number;
}

// ---- tools and activities (the theory of change below the concrete goals)
const nullable = (_o: unknown, v: unknown) => v !== null && v !== undefined;

export class TocActivityDto {
  @ApiProperty() id: string;
  @ApiProperty() toolId: string;
  @ApiProperty({ example: 'Lektiecafé på biblioteket' }) name: string;
  @ApiProperty() description: string;
  @ApiNullable('string', { description: 'The registered intervention (indsats) the activity is carried out through' })
  interventionId: string | null;
  @ApiNullable('string') interventionName: string | null;
  @ApiProperty() sortOrder: number;
  @ApiProperty({ description: 'Send it back to change or remove the activity; a stale one answers 409' })
  version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class TocToolDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The concrete goal the tool works towards' }) goalId: string;
  @ApiProperty({ example: 'Uddannelsesvejledning' }) name: string;
  @ApiProperty() description: string;
  @ApiNullable('string', {
    description: 'The administration that owns the tool: its staff may change it and its activities',
  })
  administrationId: string | null;
  @ApiProperty() sortOrder: number;
  @ApiProperty({ description: 'Send it back to change or remove the tool; a stale one answers 409' }) version: number;
  @ApiProperty({ type: [TocActivityDto] }) activities: TocActivityDto[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class GoalInterventionDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['core_operations', 'individual', 'area_based'] }) kind: string;
  @ApiProperty() owningAdministrationId: string;
  @ApiProperty({ type: [String] }) areaIds: string[];
  @ApiProperty({ example: '2013-01-01' }) periodStart: string;
  @ApiNullable('string') periodEnd: string | null;
}

export class CreateTocToolDto {
  @ApiProperty({ example: 'Uddannelsesvejledning', minLength: 2, maxLength: 300 })
  @IsString()
  @MinLength(2, { message: 'name must be at least 2 characters' })
  @MaxLength(300)
  name: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiNullable('string', {
    description:
      'The owning administration. Staff may leave it out (it becomes their own) or name their own; administrators ' +
      'may name any, or none (null)',
    required: false,
  })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID('4', { message: 'administrationId must be an administration id (UUID)' })
  administrationId?: string | null;
  @ApiPropertyOptional({ default: 0, description: 'Order among the goal’s tools (low first)' })
  @IsOptional()
  @IsInt({ message: 'sortOrder must be a whole number' })
  @Min(0)
  @Max(100000)
  sortOrder?: number;
}

export class UpdateTocToolDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 300 })
  @IsOptional()
  @IsString()
  @MinLength(2, { message: 'name must be at least 2 characters' })
  @MaxLength(300)
  name?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiNullable('string', {
    description: 'Administrators only may give the tool to another administration (or none)',
    required: false,
  })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID('4', { message: 'administrationId must be an administration id (UUID)' })
  administrationId?: string | null;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'sortOrder must be a whole number' })
  @Min(0)
  @Max(100000)
  sortOrder?: number;
  @ApiProperty({ description: 'The version you edited; a stale one answers 409 and changes nothing' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  version: number;
}

export class CreateTocActivityDto {
  @ApiProperty({ example: 'Lektiecafé på biblioteket', minLength: 2, maxLength: 300 })
  @IsString()
  @MinLength(2, { message: 'name must be at least 2 characters' })
  @MaxLength(300)
  name: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiNullable('string', {
    description: 'A registered intervention (GET /api/interventions) the activity is carried out through',
    required: false,
  })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID('4', { message: 'interventionId must be an intervention id (UUID)' })
  interventionId?: string | null;
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt({ message: 'sortOrder must be a whole number' })
  @Min(0)
  @Max(100000)
  sortOrder?: number;
}

export class UpdateTocActivityDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 300 })
  @IsOptional()
  @IsString()
  @MinLength(2, { message: 'name must be at least 2 characters' })
  @MaxLength(300)
  name?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiNullable('string', { required: false })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID('4', { message: 'interventionId must be an intervention id (UUID)' })
  interventionId?: string | null;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'sortOrder must be a whole number' })
  @Min(0)
  @Max(100000)
  sortOrder?: number;
  @ApiProperty({ description: 'The version you edited; a stale one answers 409 and changes nothing' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  version: number;
}

export class VersionQueryDto {
  @ApiProperty({ description: 'The version you read; a stale one answers 409 and removes nothing' })
  @Type(() => Number)
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  version: number;
}

export class ConcreteGoalDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() measure: string;
  @ApiProperty() dataSource: string;
  @ApiNullable(IndicatorRefDto) indicator: IndicatorRefDto | null;
  @ApiProperty({ enum: DIRECTION_VALUES }) direction: string;
  @ApiProperty({
    enum: TARGET_KINDS,
    description:
      'absolute: targetValue; city_level: on the level of the city (index 100) by targetYear, measured in an area',
  })
  targetKind: TargetKind;
  @ApiNullable('number', { description: 'The absolute target (not used when targetKind is city_level)' })
  targetValue: number | null;
  @ApiNullable('number') targetYear: number | null;
  @ApiProperty({ type: GoalBaselineDto }) baseline: GoalBaselineDto;
  @ApiProperty({ type: GoalProgressDto }) progress: GoalProgressDto;
  @ApiProperty({ type: [TocToolDto], description: 'Tools (redskaber) towards the goal, each with its activities' })
  tools: TocToolDto[];
  @ApiProperty({
    type: [GoalInterventionDto],
    description:
      'Registered interventions serving the goal (their goalIds); with areaId, those in that area or city-wide',
  })
  interventions: GoalInterventionDto[];
}

export class OverallGoalDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [ConcreteGoalDto] }) goals: ConcreteGoalDto[];
}

export class TheoryOfChangeDto {
  @ApiProperty({ example: 'Københavns Kommune' }) municipality: string;
  @ApiProperty() vision: string;
  @ApiProperty({ example: 2020 }) targetYear: number;
  @ApiNullable('string', { description: 'Where the goals are measured: an area, or null for the city as a whole' })
  areaId: string | null;
  @ApiProperty({ example: 'København' }) measuredIn: string;
  @ApiProperty({ description: 'GOAL_TOLERANCE_PERCENT' }) tolerancePercent: number;
  @ApiProperty({ type: [OverallGoalDto] }) overallGoals: OverallGoalDto[];
  @ApiProperty({ type: [ConcreteGoalDto], description: 'Concrete goals without an overall goal' })
  otherGoals: ConcreteGoalDto[];
}

export class SetBaselineDto {
  @ApiNullable('number', { example: 61.5, required: false })
  @ValidateIf((_o, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'baselineValue must be a number (or null)' })
  baselineValue: number | null;
  @ApiNullable('number', { example: 2012, required: false })
  @ValidateIf((_o, v) => v !== null)
  @IsInt({ message: 'baselineYear must be a whole year (or null)' })
  @Min(1900)
  @Max(2200)
  baselineYear: number | null;
  @ApiProperty({ description: 'The baseline version you read (0 when none was set); a stale one answers 409' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(0)
  version: number;
}

export class SetTargetKindDto {
  @ApiProperty({
    enum: TARGET_KINDS,
    description:
      'city_level: the goal is met in an area when its index against the city (= 100) reaches 100, on the side the ' +
      "goal's direction calls good; relative: the goal's targetValue is a change in per cent of the baseline (−50: " +
      'halved)',
  })
  @IsIn(TARGET_KINDS, { message: `targetKind must be one of ${TARGET_KINDS.join(', ')}` })
  targetKind: TargetKind;
  @ApiProperty({ description: 'The baseline version you read (0 when none was set); a stale one answers 409' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(0)
  version: number;
}

export class GoalChangeDto {
  @ApiProperty() id: string;
  @ApiProperty({
    enum: ['goal', 'goal_baseline', 'toc_tool', 'toc_activity'],
    description: 'What changed: the goal, its baseline, one of its tools or one of their activities',
  })
  subject: string;
  @ApiProperty({ enum: ['insert', 'update', 'delete'] }) operation: string;
  @ApiNullable('object') before: Record<string, unknown> | null;
  @ApiNullable('object') after: Record<string, unknown> | null;
  @ApiProperty({ type: [String], description: 'The fields that changed' }) changed: string[];
  @ApiNullable('string') actorId: string | null;
  @ApiNullable('string') actorName: string | null;
  @ApiProperty() createdAt: Date;
}

export class PlanGoalStatusDto extends GoalProgressDto {
  @ApiProperty({ description: 'The plan item (section goal)' }) itemId: string;
  @ApiProperty() title: string;
  @ApiNullable('string') cityGoalId: string | null;
  @ApiNullable('string') cityGoalTitle: string | null;
  @ApiNullable(IndicatorRefDto) indicator: IndicatorRefDto | null;
  @ApiProperty({ enum: DIRECTION_VALUES }) direction: string;
}

export class PlanGoalsStatusDto {
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty() areaId: string;
  @ApiProperty() areaName: string;
  @ApiProperty({ description: 'When the status was computed' }) asOf: string;
  @ApiProperty() tolerancePercent: number;
  @ApiProperty({ type: [PlanGoalStatusDto] }) goals: PlanGoalStatusDto[];
}

// ---- a plan's theory of change
export class PlanTocInterventionDto {
  @ApiProperty({ description: 'The plan item (section intervention)' }) itemId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['core_operations', 'individual', 'area_based'] }) kind: string;
  @ApiProperty() description: string;
  @ApiNullable('string', { description: 'The administration whose contribution it is' })
  administrationId: string | null;
  @ApiNullable('string', { description: 'The registered intervention it is, if linked' }) interventionId: string | null;
  @ApiProperty({
    type: [TocActivityDto],
    description: 'Activities of the city’s tools carried out through the linked intervention',
  })
  activities: TocActivityDto[];
}

export class PlanTocCityGoalDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiNullable('string') overallGoalId: string | null;
  @ApiNullable('string') overallGoalTitle: string | null;
}

export class PlanTocGoalDto {
  @ApiProperty({ description: 'The plan item (section goal)' }) itemId: string;
  @ApiProperty() title: string;
  @ApiNullable(PlanTocCityGoalDto, { description: 'The city goal this plan goal refines' })
  cityGoal: PlanTocCityGoalDto | null;
  @ApiNullable(IndicatorRefDto, { description: 'Its own, or the city goal’s' })
  indicator: IndicatorRefDto | null;
  @ApiProperty({ enum: DIRECTION_VALUES }) direction: string;
  @ApiProperty({
    enum: TARGET_KINDS,
    description: 'city_level when it refines a city-level city goal and sets no targetValue of its own',
  })
  targetKind: TargetKind;
  @ApiNullable(YearValueDto, {
    description: 'Its own target, or the city goal’s (for city_level: 100 in the target year)',
  })
  target: YearValueDto | null;
  @ApiProperty({
    type: GoalProgressDto,
    description: 'Measured in the plan’s area, as GET /api/plans/{id}/goal-status',
  })
  progress: GoalProgressDto;
  @ApiProperty({ type: [TocToolDto], description: 'The tools of the city goal it refines' }) tools: TocToolDto[];
  @ApiProperty({
    type: [PlanTocInterventionDto],
    description: 'The plan’s interventions that name this goal (data.goalItemIds)',
  })
  interventions: PlanTocInterventionDto[];
}

export class PlanTheoryOfChangeDto {
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty() areaId: string;
  @ApiProperty() areaName: string;
  @ApiProperty() vision: string;
  @ApiProperty() targetYear: number;
  @ApiProperty({ type: [PlanTocGoalDto] }) goals: PlanTocGoalDto[];
  @ApiProperty({ type: [PlanTocInterventionDto], description: 'The plan’s interventions that name none of its goals' })
  unlinkedInterventions: PlanTocInterventionDto[];
}
