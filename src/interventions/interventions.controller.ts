import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser } from '../auth/access.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ApiProblems } from '../platform/common/openapi.js';
import {
  CreateInterventionDto,
  DeleteInterventionQueryDto,
  InterventionChangeDto,
  InterventionDto,
  InterventionListQueryDto,
  InterventionPageDto,
  UpdateInterventionDto,
} from './intervention.dto.js';
import { InterventionsService } from './interventions.service.js';

@ApiTags('interventions')
@Controller('interventions')
export class InterventionsController {
  constructor(private readonly interventions: InterventionsService) {}

  @Get()
  @Access('any')
  @ApiOperation({
    summary:
      'The register of interventions (indsatser): search name and description (q), filter by kind, administration, ' +
      'area, funding, goal, plan, active date',
  })
  @ApiOkResponse({ type: InterventionPageDto })
  @ApiProblems(400)
  list(@Query() query: InterventionListQueryDto): Promise<InterventionPageDto> {
    return this.interventions.list(query);
  }

  @Post()
  @Access('staff', 'administrator')
  @ApiOperation({ summary: 'Register an intervention (staff of the owning administration, or administrators)' })
  @ApiCreatedResponse({ type: InterventionDto })
  @ApiProblems(400)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateInterventionDto): Promise<InterventionDto> {
    return this.interventions.create(user, body);
  }

  @Get(':id')
  @Access('any')
  @ApiOperation({ summary: 'One intervention' })
  @ApiOkResponse({ type: InterventionDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<InterventionDto> {
    return this.interventions.get(id);
  }

  @Get(':id/history')
  @Access('any')
  @ApiOperation({
    summary: 'Every change to an intervention (registered, changed, removed), who made it and when; kept after removal',
  })
  @ApiOkResponse({ type: InterventionChangeDto, isArray: true })
  @ApiProblems(400, 404)
  history(@Param('id', ParseUUIDPipe) id: string): Promise<InterventionChangeDto[]> {
    return this.interventions.history(id);
  }

  @Patch(':id')
  @Access('staff', 'administrator')
  @ApiOperation({ summary: 'Change an intervention (version required; a stale one answers 409)' })
  @ApiOkResponse({ type: InterventionDto })
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateInterventionDto,
  ): Promise<InterventionDto> {
    return this.interventions.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('staff', 'administrator')
  @ApiOperation({
    summary: 'Remove an intervention (?version= required); one a project refers to cannot be removed (409)',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DeleteInterventionQueryDto,
  ): Promise<void> {
    return this.interventions.remove(user, id, query.version);
  }
}
