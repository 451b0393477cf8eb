import { Body, Controller, Get, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Access, CurrentUser } from '../auth/access.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { MasterDataChangeDto } from '../master-data/master-data.dto.js';
import { ApiProblems } from '../platform/common/openapi.js';
import {
  BudgetRoundDetailDto,
  BudgetRoundDto,
  CreateBudgetRoundDto,
  MaterialQueryDto,
  NegotiationMaterialDto,
  UpdateBudgetRoundDto,
} from './budget-round.dto.js';
import { BudgetRoundsService } from './budget-rounds.service.js';
import { materialPdf, materialXlsx, type MaterialFile } from './material-files.js';

export class BudgetYearParamDto {
  @ApiProperty({ example: 2013, description: 'The budget year of the round' })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number (the budget year)' })
  @Min(2000)
  @Max(2100)
  year: number;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const download = (f: MaterialFile) =>
  new StreamableFile(f.content, {
    type: f.contentType,
    disposition: `attachment; filename="${f.fileName}"`,
    length: f.content.length,
  });

@ApiTags('budget rounds')
@Controller('budget-rounds')
export class BudgetRoundsController {
  constructor(private readonly rounds: BudgetRoundsService) {}

  @Get()
  @Access('any')
  @ApiOperation({ summary: 'The budget rounds (waves of plans), by budget year, with their areas and plan counts' })
  @ApiOkResponse({ type: [BudgetRoundDto] })
  list() {
    return this.rounds.list();
  }

  @Post()
  @Access('administrator')
  @ApiOperation({
    summary:
      'Create the budget round of a budget year: the areas whose plans are prepared for it and the day the ' +
      'proposals are due. Plans of that budget year belong to it, those made before too (administrators)',
  })
  @ApiCreatedResponse({ type: BudgetRoundDetailDto })
  @ApiProblems(400, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateBudgetRoundDto) {
    return this.rounds.create(user, body);
  }

  @Get(':year')
  @Access('any')
  @ApiOperation({
    summary: "One budget round with every plan of its budget year: stage, status and the stage's deadline",
  })
  @ApiOkResponse({ type: BudgetRoundDetailDto })
  @ApiProblems(400, 404)
  get(@Param() params: BudgetYearParamDto) {
    return this.rounds.get(params.year);
  }

  @Patch(':year')
  @Access('administrator')
  @ApiOperation({ summary: "Change a round's areas or the day the proposals are due (version check; administrators)" })
  @ApiOkResponse({ type: BudgetRoundDetailDto })
  @ApiProblems(400, 403, 404, 409)
  update(@CurrentUser() user: AuthUser, @Param() params: BudgetYearParamDto, @Body() body: UpdateBudgetRoundDto) {
    return this.rounds.update(user, params.year, body);
  }

  @Get(':year/history')
  @Access('any')
  @ApiOperation({ summary: 'Every change to a budget round: who made it, when, as it was and as it became' })
  @ApiOkResponse({ type: [MasterDataChangeDto] })
  @ApiProblems(400, 404)
  history(@Param() params: BudgetYearParamDto) {
    return this.rounds.history(params.year);
  }

  @Get(':year/proposals')
  @Access('any')
  @ApiOperation({
    summary:
      'The material for the budget negotiations: the budget proposals of every plan of the round, by ' +
      'administration and area, with amounts per year, the goals they serve, asked vs granted (from the budget ' +
      'decisions that name a proposal), and the idea catalogue for public and private investment. ' +
      'format=json (default), xlsx or pdf (tagged, Danish)',
  })
  @ApiExtraModels(NegotiationMaterialDto)
  @ApiProduces('application/json', XLSX, 'application/pdf')
  @ApiOkResponse({
    description: 'The material as JSON, an XLSX workbook or a PDF',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(NegotiationMaterialDto) } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400, 404)
  async proposals(
    @Param() params: BudgetYearParamDto,
    @Query() query: MaterialQueryDto,
  ): Promise<NegotiationMaterialDto | StreamableFile> {
    const material = await this.rounds.material(params.year);
    if (query.format === 'xlsx') return download(await materialXlsx(material));
    if (query.format === 'pdf') return download(await materialPdf(material));
    const { municipality: _municipality, ...json } = material;
    return json;
  }
}
