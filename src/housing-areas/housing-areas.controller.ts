import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentUser } from '../auth/access.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ApiProblems } from '../platform/common/openapi.js';
import type { UploadedFile as Upload } from '../indicators/import.service.js';
import {
  CountedIndicatorDto,
  CreateHousingAreaDto,
  CreateListingDto,
  HousingAreaChangeDto,
  HousingAreaDto,
  HousingAreasDto,
  HousingAreasQueryDto,
  HousingImportDto,
  HousingImportUploadDto,
  HousingImportYearDto,
  HousingListsDto,
  PutCountedIndicatorDto,
  UpdateHousingAreaDto,
} from './housing-areas.dto.js';
import { HousingAreasService } from './housing-areas.service.js';

@ApiTags('housing areas')
@Controller('housing-areas')
export class HousingAreasController {
  constructor(private readonly service: HousingAreasService) {}

  @Get()
  @Access('any')
  @ApiOperation({
    summary: "The housing areas on the government's lists, each with every year it was listed, and the count per year",
  })
  @ApiOkResponse({ type: HousingAreasDto })
  @ApiProblems(400, 404)
  list(@Query() q: HousingAreasQueryDto) {
    return this.service.housingAreas(q.areaId);
  }

  @Get('lists')
  @Access('any')
  @ApiOperation({ summary: 'The lists (by code) and the criteria housing areas are listed by, in Danish and English' })
  @ApiOkResponse({ type: HousingListsDto })
  lists() {
    return this.service.lists();
  }

  @Get('counted-indicators')
  @Access('any')
  @ApiOperation({
    summary: 'The indicators measured from the lists (e.g. "halve the list"), and the lists each counts',
  })
  @ApiOkResponse({ type: [CountedIndicatorDto] })
  countedIndicators() {
    return this.service.countedIndicators();
  }

  @Put('counted-indicators/:indicatorId')
  @Access('administrator')
  @ApiOperation({
    summary: 'Measure an indicator from the lists: per area and year, the housing areas on any of these lists',
    description: 'Its counts are written again for every year a list was loaded, through the measurement import.',
  })
  @ApiOkResponse({ type: CountedIndicatorDto })
  @ApiProblems(400, 404)
  putCountedIndicator(
    @CurrentUser() user: AuthUser,
    @Param('indicatorId', ParseUUIDPipe) indicatorId: string,
    @Body() dto: PutCountedIndicatorDto,
  ) {
    return this.service.putCountedIndicator(user, indicatorId, dto.lists);
  }

  @Post('imports')
  @Access('administrator')
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: "Import one year's list (CSV or XLSX): it replaces that year's listings, all or nothing",
    description:
      'Columns boligområde (name), liste (list: code or name), optionally boligorganisation, byområde (area code or ' +
      'name) ' +
      'and the criteria beskæftigelse, kriminalitet, uddannelse, indkomst, herkomst (x/ja/1 = met). The form field ' +
      'year ' +
      'is the year of the list. A file with any error loads nothing: the import answers 201 with status failed and ' +
      'its errors row by row. The same file for the same year again answers 200 with the import it already has.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: HousingImportUploadDto })
  @ApiCreatedResponse({ type: HousingImportDto })
  @ApiProblems(400, 413, 415)
  async upload(
    @CurrentUser() user: AuthUser,
    @Body() body: HousingImportYearDto,
    @UploadedFile() file: Upload | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HousingImportDto> {
    const result = await this.service.importList(user, body.year, file);
    res.status(result.duplicate ? 200 : 201);
    return result;
  }

  @Get('imports')
  @Access('administrator', 'staff')
  @ApiOperation({ summary: 'The list imports, newest first' })
  @ApiOkResponse({ type: [HousingImportDto] })
  imports() {
    return this.service.listImports();
  }

  @Get('imports/:id')
  @Access('administrator', 'staff')
  @ApiOperation({ summary: 'One list import, with its errors row by row' })
  @ApiOkResponse({ type: HousingImportDto })
  @ApiProblems(400, 404)
  importStatus(@Param('id', ParseUUIDPipe) id: string) {
    return this.service.importStatus(id);
  }

  @Post()
  @Access('administrator')
  @ApiOperation({ summary: 'Add a housing area by hand' })
  @ApiCreatedResponse({ type: HousingAreaDto })
  @ApiProblems(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateHousingAreaDto) {
    return this.service.create(user, dto);
  }

  @Get(':id')
  @Access('any')
  @ApiOperation({ summary: 'One housing area with every year it was listed' })
  @ApiOkResponse({ type: HousingAreaDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.service.housingArea(id);
  }

  @Patch(':id')
  @Access('administrator')
  @ApiOperation({ summary: 'Change a housing area (name, housing association, the area it lies in) with its version' })
  @ApiOkResponse({ type: HousingAreaDto })
  @ApiProblems(400, 404, 409)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateHousingAreaDto) {
    return this.service.update(user, id, dto);
  }

  @Post(':id/listings')
  @Access('administrator')
  @ApiOperation({ summary: "Put a housing area on a year's list by hand; the year's counts are written again" })
  @ApiCreatedResponse({ type: HousingAreaDto })
  @ApiProblems(400, 404, 409)
  addListing(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateListingDto) {
    return this.service.addListing(user, id, dto);
  }

  @Delete(':id/listings/:listingId')
  @Access('administrator')
  @ApiOperation({ summary: "Take a housing area off a year's list; the year's counts are written again" })
  @ApiOkResponse({ type: HousingAreaDto })
  @ApiProblems(400, 404)
  removeListing(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('listingId', ParseUUIDPipe) listingId: string,
  ) {
    return this.service.removeListing(user, id, listingId);
  }

  @Get(':id/history')
  @Access('any')
  @ApiOperation({ summary: 'Every change to the housing area and its listings, by import or by hand, who and when' })
  @ApiOkResponse({ type: [HousingAreaChangeDto] })
  @ApiProblems(400, 404)
  history(@Param('id', ParseUUIDPipe) id: string) {
    return this.service.history(id);
  }
}
