import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Access, CurrentUser } from '../auth/access.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { WorkingCalendarService } from '../deadlines/working-calendar.service.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { Administration } from './administration.entity.js';
import { Area } from './area.entity.js';
import { Goal } from './goal.entity.js';
import { Indicator } from './indicator.entity.js';
import {
  AdministrationDto,
  CalendarDto,
  CalendarQueryDto,
  AreaDto,
  MasterDataChangeDto,
  CreateAdministrationDto,
  CreateAreaDto,
  CreateGoalDto,
  CreateIndicatorDto,
  GoalDto,
  IndicatorDto,
  MunicipalityDto,
  UpdateAdministrationDto,
  UpdateAreaDto,
  UpdateGoalDto,
  UpdateIndicatorDto,
  UpdateMunicipalityDto,
} from './master-data.dto.js';
import { MasterDataCrud } from './master-data.crud.js';
import { masterDataHistory } from './master-data-history.js';
import { Municipality } from './municipality.entity.js';

const split = <T extends { version: number }>(dto: T) => {
  const { version, ...changes } = dto;
  return [version, changes] as const;
};

@ApiTags('master data')
@Controller('administrations')
export class AdministrationsController {
  private readonly crud: MasterDataCrud<Administration>;
  constructor(@InjectDataSource() private readonly ds: DataSource) {
    this.crud = new MasterDataCrud(ds, Administration, 'Administration', { code: 'ASC' });
  }

  @Get()
  @Access('any')
  @ApiOperation({ summary: 'The administrations (forvaltninger)' })
  @ApiOkResponse({ type: [AdministrationDto] })
  list() {
    return this.crud.list();
  }

  @Get(':id')
  @Access('any')
  @ApiOperation({ summary: 'One administration' })
  @ApiOkResponse({ type: AdministrationDto })
  @ApiProblems(404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.crud.get(id);
  }

  @Get(':id/history')
  @Access('any')
  @ApiOperation({ summary: 'Every change to an administration: who made it, when, as it was and as it became' })
  @ApiOkResponse({ type: [MasterDataChangeDto] })
  @ApiProblems(404)
  history(@Param('id', ParseUUIDPipe) id: string) {
    return masterDataHistory(this.ds, 'administration', id, 'Administration');
  }

  @Post()
  @Access('administrator')
  @ApiOperation({ summary: 'Add an administration' })
  @ApiCreatedResponse({ type: AdministrationDto })
  @ApiProblems(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateAdministrationDto) {
    return this.crud.create(body, user.id);
  }

  @Patch(':id')
  @Access('administrator')
  @ApiOperation({ summary: 'Change an administration' })
  @ApiOkResponse({ type: AdministrationDto })
  @ApiProblems(400, 404, 409)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateAdministrationDto) {
    return this.crud.update(id, ...split(body), user.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('administrator')
  @ApiOperation({ summary: 'Remove an administration no one refers to' })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.crud.remove(id, user.id);
  }
}

@ApiTags('master data')
@Controller('areas')
export class AreasController {
  private readonly crud: MasterDataCrud<Area>;
  constructor(@InjectDataSource() private readonly ds: DataSource) {
    this.crud = new MasterDataCrud(ds, Area, 'Area', { name: 'ASC' });
  }

  @Get()
  @Access('any')
  @ApiOperation({ summary: 'The deprived urban areas (udsatte byområder)' })
  @ApiOkResponse({ type: [AreaDto] })
  list() {
    return this.crud.list();
  }

  @Get(':id')
  @Access('any')
  @ApiOperation({ summary: 'One area' })
  @ApiOkResponse({ type: AreaDto })
  @ApiProblems(404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.crud.get(id);
  }

  @Get(':id/history')
  @Access('any')
  @ApiOperation({ summary: 'Every change to an area: who made it, when, as it was and as it became' })
  @ApiOkResponse({ type: [MasterDataChangeDto] })
  @ApiProblems(404)
  history(@Param('id', ParseUUIDPipe) id: string) {
    return masterDataHistory(this.ds, 'area', id, 'Area');
  }

  @Post()
  @Access('administrator')
  @ApiOperation({ summary: 'Add an area' })
  @ApiCreatedResponse({ type: AreaDto })
  @ApiProblems(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateAreaDto) {
    return this.crud.create(body, user.id);
  }

  @Patch(':id')
  @Access('administrator')
  @ApiOperation({ summary: 'Change an area' })
  @ApiOkResponse({ type: AreaDto })
  @ApiProblems(400, 404, 409)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateAreaDto) {
    return this.crud.update(id, ...split(body), user.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('administrator')
  @ApiOperation({ summary: 'Remove an area no one refers to' })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.crud.remove(id, user.id);
  }
}

@ApiTags('master data')
@Controller('indicators')
export class IndicatorsController {
  private readonly crud: MasterDataCrud<Indicator>;
  constructor(@InjectDataSource() private readonly ds: DataSource) {
    this.crud = new MasterDataCrud(ds, Indicator, 'Indicator', { sortOrder: 'ASC', code: 'ASC' });
  }

  @Get()
  @Access('any')
  @ApiOperation({ summary: 'Indicators (six socio-economic ones, safety, turnout, health, …)' })
  @ApiOkResponse({ type: [IndicatorDto] })
  list() {
    return this.crud.list();
  }

  @Get(':id')
  @Access('any')
  @ApiOperation({ summary: 'One indicator' })
  @ApiOkResponse({ type: IndicatorDto })
  @ApiProblems(404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.crud.get(id);
  }

  @Get(':id/history')
  @Access('any')
  @ApiOperation({ summary: 'Every change to an indicator: who made it, when, as it was and as it became' })
  @ApiOkResponse({ type: [MasterDataChangeDto] })
  @ApiProblems(404)
  history(@Param('id', ParseUUIDPipe) id: string) {
    return masterDataHistory(this.ds, 'indicator', id, 'Indicator');
  }

  @Post()
  @Access('administrator')
  @ApiOperation({ summary: 'Add an indicator' })
  @ApiCreatedResponse({ type: IndicatorDto })
  @ApiProblems(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateIndicatorDto) {
    return this.crud.create(body, user.id);
  }

  @Patch(':id')
  @Access('administrator')
  @ApiOperation({ summary: 'Change an indicator' })
  @ApiOkResponse({ type: IndicatorDto })
  @ApiProblems(400, 404, 409)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateIndicatorDto) {
    return this.crud.update(id, ...split(body), user.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('administrator')
  @ApiOperation({ summary: 'Remove an indicator no one refers to' })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.crud.remove(id, user.id);
  }
}

@ApiTags('master data')
@Controller('goals')
export class GoalsController {
  private readonly crud: MasterDataCrud<Goal>;
  constructor(@InjectDataSource() ds: DataSource) {
    this.crud = new MasterDataCrud(ds, Goal, 'Goal', { sortOrder: 'ASC', code: 'ASC' });
  }

  @Get()
  @Access('any')
  @ApiOperation({ summary: "The city's overall and concrete goals, each with measure and data source" })
  @ApiOkResponse({ type: [GoalDto] })
  list() {
    return this.crud.list();
  }

  @Get(':id')
  @Access('any')
  @ApiOperation({ summary: 'One goal' })
  @ApiOkResponse({ type: GoalDto })
  @ApiProblems(404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.crud.get(id);
  }

  @Post()
  @Access('administrator')
  @ApiOperation({ summary: 'Add a goal' })
  @ApiCreatedResponse({ type: GoalDto })
  @ApiProblems(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateGoalDto) {
    return this.crud.create(body, user.id);
  }

  @Patch(':id')
  @Access('administrator')
  @ApiOperation({ summary: 'Change a goal' })
  @ApiOkResponse({ type: GoalDto })
  @ApiProblems(400, 404, 409)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateGoalDto) {
    return this.crud.update(id, ...split(body), user.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('administrator')
  @ApiOperation({ summary: 'Remove a goal no one refers to' })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.crud.remove(id, user.id);
  }
}

@ApiTags('master data')
@Controller('municipality')
export class MunicipalityController {
  private readonly crud: MasterDataCrud<Municipality>;
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calendar: WorkingCalendarService,
  ) {
    this.crud = new MasterDataCrud(ds, Municipality, 'Municipality', { id: 'ASC' });
  }

  @Get()
  @Access('any')
  @ApiOperation({ summary: 'The municipality and the vision of its policy' })
  @ApiOkResponse({ type: MunicipalityDto })
  @ApiProblems(404)
  get() {
    return this.crud.get(1);
  }

  @Get('history')
  @Access('any')
  @ApiOperation({
    summary: "Every change to the municipality's settings: who made it, when, as it was and as it became",
  })
  @ApiOkResponse({ type: [MasterDataChangeDto] })
  history() {
    return masterDataHistory(this.ds, 'municipality', 1, 'Municipality');
  }

  @Get('calendar')
  @Access('any')
  @ApiOperation({
    summary:
      'The working-day calendar: the days off (public holidays and NON_WORKING_DAYS) on weekdays from `from` to `to` ' +
      '(at most about three years), and the working days between them, as every deadline counts them',
  })
  @ApiOkResponse({ type: CalendarDto })
  @ApiProblems(400)
  calendarOf(@Query() query: CalendarQueryDto) {
    return this.calendar.describe(query.from, query.to);
  }

  @Put()
  @Access('administrator')
  @ApiOperation({
    summary:
      'Change the name, vision, target year, the days off (nonWorkingDays: NON_WORKING_DAYS) or whether the plan ' +
      'stage requires every kind of intervention (requireInterventionMix)',
  })
  @ApiOkResponse({ type: MunicipalityDto })
  @ApiProblems(400, 404, 409)
  async update(@CurrentUser() user: AuthUser, @Body() body: UpdateMunicipalityDto) {
    const saved = await this.crud.update(1, ...split(body), user.id);
    this.calendar.use(saved.nonWorkingDays, saved.version);
    return saved;
  }
}
