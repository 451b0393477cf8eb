import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentUser } from '../auth/access.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { languageFromHeader } from '../platform/common/language.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { ChartsService } from './charts.service.js';
import { ExportService, type ExportFile } from './export.service.js';
import { GoalProgressService } from './goal-progress.service.js';
import { ImportService, type UploadedFile as Upload } from './import.service.js';
import { IndicatorDataService } from './indicator-data.service.js';
import {
  AreaOverviewDto,
  AreaRefQueryDto,
  CreateTocActivityDto,
  CreateTocToolDto,
  ExportQueryDto,
  GoalBaselineDto,
  GoalChangeDto,
  GoalStatusExportQueryDto,
  IdentificationDto,
  IdentificationQueryDto,
  ImportAcceptedDto,
  ImportStatusDto,
  ImportUploadDto,
  IndicatorSeriesDto,
  OverviewDto,
  OverviewQueryDto,
  PeriodQueryDto,
  PlanGoalsStatusDto,
  PlanTheoryOfChangeDto,
  SeriesChartQueryDto,
  SeriesQueryDto,
  SetBaselineDto,
  SetTargetKindDto,
  TheoryOfChangeDto,
  TocActivityDto,
  TocToolDto,
  UpdateTocActivityDto,
  UpdateTocToolDto,
  VersionQueryDto,
} from './indicators.dto.js';
import { TheoryOfChangeService } from './theory-of-change.service.js';

const SVG = 'image/svg+xml; charset=utf-8';
const svgFile = (svg: string) => new StreamableFile(Buffer.from(svg, 'utf8'), { type: SVG, disposition: 'inline' });
const download = (f: ExportFile) =>
  new StreamableFile(f.content, {
    type: f.contentType,
    disposition: `attachment; filename="${f.fileName}"`,
    length: f.content.length,
  });
const SVG_RESPONSE = { description: 'An SVG image', content: { 'image/svg+xml': { schema: { type: 'string' } } } };
const FILE_RESPONSE = {
  description: 'CSV (UTF-8) or XLSX',
  content: {
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
  },
};

@ApiTags('indicators')
@Controller('indicators')
export class IndicatorsController {
  constructor(
    private readonly imports: ImportService,
    private readonly data: IndicatorDataService,
    private readonly charts: ChartsService,
    private readonly exports: ExportService,
  ) {}

  @Post('imports')
  @Access('administrator', 'staff')
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Upload measurements (CSV or XLSX): columns area, indicator, period, value, and optionally source',
    description:
      'Area and indicator by code or name ("city" or the municipality\'s name for the city as a whole); period a ' +
      'year or quarter (2012, 2012-Q3). ' +
      'The file is stored and imported by a background job: poll GET /api/indicators/imports/{id}. A file with any ' +
      'error loads nothing. ' +
      'The same file again answers 200 with the import it already has (duplicate: true); new files answer 202.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @ApiAcceptedResponse({ type: ImportAcceptedDto, description: 'Stored and queued' })
  @ApiOkResponse({
    type: ImportAcceptedDto,
    description: 'The same file was already imported (or is being imported): nothing is added twice',
  })
  @ApiProblems(400, 413, 415)
  async upload(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: Upload | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportAcceptedDto> {
    const result = await this.imports.upload(user, file);
    res.status(result.duplicate ? 200 : 202);
    return result;
  }

  @Post('imports/:id/retry')
  @Access('administrator', 'staff')
  @ApiOperation({
    summary: 'Try a failed import again: a new import of the same stored file',
    description:
      'Only a failed import can be retried (409 otherwise). The answer is the new import (202), or the import the ' +
      'same ' +
      'file already has (200, duplicate: true). Uploading the same file again after a failure does the same.',
  })
  @ApiAcceptedResponse({ type: ImportAcceptedDto, description: 'Stored and queued as a new try' })
  @ApiOkResponse({ type: ImportAcceptedDto, description: 'The same file already has an import that did not fail' })
  @ApiProblems(400, 404, 409)
  async retryImport(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportAcceptedDto> {
    const result = await this.imports.retry(user, id);
    res.status(result.duplicate ? 200 : 202);
    return result;
  }

  @Get('imports/:id')
  @Access('administrator', 'staff')
  @ApiOperation({ summary: 'Progress of an import: status, rows done of rows total, and per row what was wrong' })
  @ApiOkResponse({ type: ImportStatusDto })
  @ApiProblems(400, 404)
  importStatus(@Param('id', ParseUUIDPipe) id: string): Promise<ImportStatusDto> {
    return this.imports.status(id);
  }

  @Get(':id/series')
  @Access('any')
  @ApiOperation({
    summary:
      'An indicator over time for the city and the areas asked for; each value also as an index against the city (= ' +
      '100) for the same period',
  })
  @ApiOkResponse({ type: IndicatorSeriesDto })
  @ApiProblems(400, 404)
  series(@Param('id', ParseUUIDPipe) id: string, @Query() query: SeriesQueryDto): Promise<IndicatorSeriesDto> {
    return this.data.series(id, query.areaIds);
  }

  @Get(':id/series/export')
  @Access('any')
  @ApiOperation({
    summary:
      'Export an indicator’s series (all areas unless areaIds) as CSV or XLSX, in the import’s columns (plus the ' +
      'index, and loaded_at, loaded_by, import_id: when, by whom and by which import each value was loaded)',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse(FILE_RESPONSE)
  @ApiProblems(400, 404)
  async exportSeries(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ExportQueryDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<StreamableFile> {
    const locale = query.locale ?? languageFromHeader(acceptLanguage) ?? 'en';
    return download(await this.exports.series(id, query.areaIds, query.format, locale));
  }

  @Get(':id/charts/series.svg')
  @Access('any')
  @ApiOperation({
    summary:
      'SVG chart: the indicator over time for the city and the areas asked for, with the goal’s target line (Danish ' +
      'labels)',
  })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse(SVG_RESPONSE)
  @ApiProblems(400, 404)
  async seriesChart(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SeriesChartQueryDto,
  ): Promise<StreamableFile> {
    return svgFile(await this.charts.seriesSvg(id, query.areaIds, query.goalId));
  }
}

@ApiTags('indicators')
@Controller('areas')
export class AreaIndicatorsController {
  constructor(
    private readonly data: IndicatorDataService,
    private readonly charts: ChartsService,
  ) {}

  @Get(':id/overview')
  @Access('any')
  @ApiOperation({
    summary:
      "An area's latest value of every indicator (or for one period), with the city's value and the index (city = 100)",
  })
  @ApiOkResponse({ type: AreaOverviewDto })
  @ApiProblems(400, 404)
  async overview(@Param('id', ParseUUIDPipe) id: string, @Query() query: PeriodQueryDto): Promise<AreaOverviewDto> {
    return (await this.data.overview({ areaId: id, period: query.period })).areas[0];
  }

  @Get(':id/charts/socioeconomic.svg')
  @Access('any')
  @ApiOperation({
    summary: "SVG chart: the area's socio-economic indicators as bars against the city's 100 (Danish labels)",
  })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse(SVG_RESPONSE)
  @ApiProblems(400, 404)
  async socioeconomicChart(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PeriodQueryDto,
  ): Promise<StreamableFile> {
    return svgFile(await this.charts.socioeconomicSvg(id, query.period));
  }
}

@ApiTags('indicators')
@Controller()
export class OverviewController {
  constructor(private readonly data: IndicatorDataService) {}

  @Get('overview')
  @Access('any')
  @ApiOperation({
    summary:
      'Every area × every indicator, a page of areas at a time (by name; `total` areas): the latest value (or for one period), the city’s value for the same period, and the index',
  })
  @ApiOkResponse({ type: OverviewDto })
  @ApiProblems(400)
  overview(@Query() query: OverviewQueryDto): Promise<OverviewDto> {
    return this.data.overview({ period: query.period, limit: query.limit, offset: query.offset });
  }

  @Get('identification')
  @Access('any')
  @ApiOperation({
    summary:
      'Identification of deprived areas: the socio-economic indicators as indices, summed (never one alone), ranked, ' +
      'and marked above IDENTIFICATION_THRESHOLD',
  })
  @ApiOkResponse({ type: IdentificationDto })
  @ApiProblems(400)
  identification(@Query() query: IdentificationQueryDto): Promise<IdentificationDto> {
    return this.data.identification(query.period, { limit: query.limit, offset: query.offset });
  }
}

const TOOL_WRITERS = 'Administrators, and staff of the tool’s owning administration';

@ApiTags('theory of change')
@Controller('theory-of-change')
export class TheoryOfChangeController {
  constructor(
    private readonly goals: GoalProgressService,
    private readonly toc: TheoryOfChangeService,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @Access('any')
  @ApiOperation({
    summary:
      'Vision → overall goals → concrete goals with measure, data source, baseline, target and status (on track, at ' +
      'risk, off track) with trend → ' +
      'tools (redskaber) and the registered interventions serving each goal → the tools’ activities',
  })
  @ApiOkResponse({ type: TheoryOfChangeDto })
  @ApiProblems(400, 404)
  get(@Query() query: AreaRefQueryDto): Promise<TheoryOfChangeDto> {
    return this.goals.theoryOfChange(query.areaId);
  }

  @Get('goal-status/export')
  @Access('any')
  @ApiOperation({
    summary:
      'Export goal status per area and concrete goal (the areas-against-the-city grid) as CSV or XLSX: a row per ' +
      'concrete goal, a column per area (those of areaIds in their order, else all by name), each cell the status ' +
      'and trend in words; ' +
      'XLSX cells coloured by status',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse(FILE_RESPONSE)
  @ApiProblems(400, 404)
  async exportGoalGrid(
    @Query() query: ExportQueryDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<StreamableFile> {
    const locale = query.locale ?? languageFromHeader(acceptLanguage) ?? 'en';
    return download(await this.exports.goalGrid(query.areaIds, query.format, locale));
  }

  @Put('goals/:id/baseline')
  @Access('administrator')
  @ApiOperation({ summary: "Set or clear a city goal's baseline (value and year); it goes on the goal's record" })
  @ApiOkResponse({ type: GoalBaselineDto })
  @ApiProblems(400, 404, 409)
  setBaseline(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SetBaselineDto,
  ): Promise<GoalBaselineDto> {
    return this.goals.setBaseline(user, id, body);
  }

  @Put('goals/:id/target-kind')
  @Access('administrator')
  @ApiOperation({
    summary:
      "Set what a concrete city goal's target is: absolute (its targetValue) or city_level (on the level of the " +
      "city's average); it goes on the goal's record",
    description:
      "city_level: in an area, the goal is met when the area's index against the city (= 100) for the same period " +
      "reaches 100 by the goal's target year " +
      "(≥ 100 when higher is better, ≤ 100 when lower is better), on the straight path from the area's baseline " +
      "index. Shares the baseline's version.",
  })
  @ApiOkResponse({ type: GoalBaselineDto })
  @ApiProblems(400, 404, 409)
  setTargetKind(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SetTargetKindDto,
  ): Promise<GoalBaselineDto> {
    return this.goals.setTargetKind(user, id, body);
  }

  @Get('goals/:id/history')
  @Access('any')
  @ApiOperation({
    summary: 'The record of a goal: every change to it or its baseline, through any API, as it was and as it became',
  })
  @ApiOkResponse({ type: [GoalChangeDto] })
  @ApiProblems(400, 404)
  history(@Param('id', ParseUUIDPipe) id: string): Promise<GoalChangeDto[]> {
    return this.goals.history(id);
  }

  @Post('goals/:id/tools')
  @Access('administrator', 'staff')
  @ApiOperation({
    summary: 'Add a tool (redskab) under a concrete goal; it goes on the goal’s record',
    description:
      `${TOOL_WRITERS}: staff create tools of their own administration (the default when administrationId ` +
      `is left out).`,
  })
  @ApiCreatedResponse({ type: TocToolDto })
  @ApiProblems(400, 404)
  createTool(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateTocToolDto,
  ): Promise<TocToolDto> {
    return this.toc.createTool(user, id, body);
  }

  @Patch('tools/:id')
  @Access('administrator', 'staff')
  @ApiOperation({
    summary: 'Change a tool (version required; a stale one answers 409)',
    description: `${TOOL_WRITERS}. Only administrators move a tool to another administration.`,
  })
  @ApiOkResponse({ type: TocToolDto })
  @ApiProblems(400, 404, 409)
  updateTool(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateTocToolDto,
  ): Promise<TocToolDto> {
    return this.toc.updateTool(user, id, body);
  }

  @Delete('tools/:id')
  @HttpCode(204)
  @Access('administrator', 'staff')
  @ApiOperation({
    summary: 'Remove a tool (?version= required); one that still has activities answers 409',
    description: `${TOOL_WRITERS}.`,
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  removeTool(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: VersionQueryDto,
  ): Promise<void> {
    return this.toc.removeTool(user, id, query.version);
  }

  @Post('tools/:id/activities')
  @Access('administrator', 'staff')
  @ApiOperation({
    summary: 'Add an activity under a tool, optionally carried out through a registered intervention',
    description: `${TOOL_WRITERS}.`,
  })
  @ApiCreatedResponse({ type: TocActivityDto })
  @ApiProblems(400, 404)
  createActivity(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateTocActivityDto,
  ): Promise<TocActivityDto> {
    return this.toc.createActivity(user, id, body);
  }

  @Patch('activities/:id')
  @Access('administrator', 'staff')
  @ApiOperation({
    summary: 'Change an activity (version required; a stale one answers 409)',
    description: `${TOOL_WRITERS}.`,
  })
  @ApiOkResponse({ type: TocActivityDto })
  @ApiProblems(400, 404, 409)
  updateActivity(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateTocActivityDto,
  ): Promise<TocActivityDto> {
    return this.toc.updateActivity(user, id, body);
  }

  @Delete('activities/:id')
  @HttpCode(204)
  @Access('administrator', 'staff')
  @ApiOperation({ summary: 'Remove an activity (?version= required)', description: `${TOOL_WRITERS}.` })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  removeActivity(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: VersionQueryDto,
  ): Promise<void> {
    return this.toc.removeActivity(user, id, query.version);
  }
}

@ApiTags('plans')
@Controller('plans')
export class PlanGoalsController {
  constructor(
    private readonly goals: GoalProgressService,
    private readonly exports: ExportService,
    private readonly toc: TheoryOfChangeService,
  ) {}

  @Get(':id/theory-of-change')
  @Access('any')
  @ApiOperation({
    summary:
      "The plan's theory of change: its goals (refining the city's, measured in its area) → the city goal's tools " +
      "and the plan's interventions for each → activities",
  })
  @ApiOkResponse({ type: PlanTheoryOfChangeDto })
  @ApiProblems(400, 404)
  theoryOfChange(@Param('id', ParseUUIDPipe) id: string): Promise<PlanTheoryOfChangeDto> {
    return this.toc.planTheoryOfChange(id);
  }

  @Get(':id/goal-status')
  @Access('any')
  @ApiOperation({
    summary:
      "The plan's goals measured in its area: baseline, target, expected value now, latest value, status and trend",
  })
  @ApiOkResponse({ type: PlanGoalsStatusDto })
  @ApiProblems(400, 404)
  status(@Param('id', ParseUUIDPipe) id: string): Promise<PlanGoalsStatusDto> {
    return this.goals.planGoalStatus(id);
  }

  @Get(':id/goal-status/export')
  @Access('any')
  @ApiOperation({ summary: "Export the plan's goal status as CSV or XLSX" })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse(FILE_RESPONSE)
  @ApiProblems(400, 404)
  async export(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: GoalStatusExportQueryDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<StreamableFile> {
    const locale = query.locale ?? languageFromHeader(acceptLanguage) ?? 'en';
    return download(await this.exports.planGoalStatus(id, query.format, locale));
  }
}
