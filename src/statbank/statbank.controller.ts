import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser } from '../auth/access.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { PutStatbankBindingDto, StatbankBindingDto, StatbankFetchDto, VersionQueryDto } from './statbank.dto.js';
import { StatbankService } from './statbank.service.js';

@ApiTags('statbank')
@Controller()
export class StatbankController {
  constructor(private readonly statbank: StatbankService) {}

  @Get('indicators/:id/statbank')
  @Access('administrator', 'staff')
  @ApiOperation({ summary: "The indicator's binding to a StatBank table (Statistics Denmark)" })
  @ApiOkResponse({ type: StatbankBindingDto })
  @ApiProblems(400, 404)
  binding(@Param('id', ParseUUIDPipe) id: string) {
    return this.statbank.binding(id);
  }

  @Put('indicators/:id/statbank')
  @Access('administrator')
  @ApiOperation({
    summary: 'Bind the indicator to a StatBank table: table id, municipality code, one value per other variable',
    description: 'version 0 creates the binding; yearly: true schedules a fetch every year on STATBANK_YEARLY_DATE.',
  })
  @ApiOkResponse({ type: StatbankBindingDto })
  @ApiProblems(400, 404, 409)
  put(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PutStatbankBindingDto) {
    return this.statbank.putBinding(user, id, dto);
  }

  @Delete('indicators/:id/statbank')
  @Access('administrator')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the binding (?version=)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  async remove(@Param('id', ParseUUIDPipe) id: string, @Query() q: VersionQueryDto) {
    await this.statbank.removeBinding(id, q.version);
  }

  @Post('indicators/:id/statbank/fetches')
  @Access('administrator')
  @HttpCode(202)
  @ApiOperation({
    summary: "Fetch the indicator's city-level values from StatBank now (a background job; poll the fetch)",
  })
  @ApiAcceptedResponse({ type: StatbankFetchDto })
  @ApiProblems(400, 404)
  start(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.statbank.startFetch(user, id);
  }

  @Get('indicators/:id/statbank/fetches')
  @Access('administrator', 'staff')
  @ApiOperation({ summary: "The indicator's StatBank fetches, newest first" })
  @ApiOkResponse({ type: [StatbankFetchDto] })
  @ApiProblems(400)
  fetches(@Param('id', ParseUUIDPipe) id: string) {
    return this.statbank.fetches(id);
  }

  @Get('statbank/fetches/:id')
  @Access('administrator', 'staff')
  @ApiOperation({ summary: 'One StatBank fetch: queued, succeeded (with its measurement import) or failed (and why)' })
  @ApiOkResponse({ type: StatbankFetchDto })
  @ApiProblems(400, 404)
  fetch(@Param('id', ParseUUIDPipe) id: string) {
    return this.statbank.fetchStatus(id);
  }
}
