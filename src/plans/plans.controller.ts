import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Patch,
  Query,
  Res,
} from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentUser } from '../auth/access.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { PlanContentService } from './plan-content.service.js';
import { PlanWorkflowService } from './plan-workflow.service.js';
import {
  CloseConditionDto,
  CreatePlanDto,
  CreatePlanItemDto,
  DeletePlanItemQueryDto,
  DiffQueryDto,
  GateVersionDto,
  GateVersionSummaryDto,
  HistoryQueryDto,
  MapFromRegisterDto,
  MoveDeadlineDto,
  PlanActionsDto,
  PlanContentDto,
  PlanDiffDto,
  PlanDto,
  PlanEventDto,
  PlanEventResultDto,
  PlanItemDto,
  PlanListQueryDto,
  PlanPageDto,
  TransitionPageDto,
  UpdatePlanItemDto,
} from './plan.dto.js';
import { PlansService } from './plans.service.js';

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly workflow: PlanWorkflowService,
    private readonly content: PlanContentService,
  ) {}

  @Get()
  @Access('any')
  @ApiOperation({ summary: 'Development plans, overdue first; filter by area, stage, budget year, overdue' })
  @ApiOkResponse({ type: PlanPageDto })
  @ApiProblems(400)
  list(@Query() query: PlanListQueryDto): Promise<PlanPageDto> {
    return this.plans.list(query);
  }

  @Post()
  @Access('administrator', 'staff')
  @ApiOperation({
    summary:
      'Start a development plan for an area and round (administrators, or staff of the coordinating administration). ' +
      'An area without a local network is refused (422, rule PLAN_AREA_WITHOUT_NETWORK) with `network`: the area ' +
      "and the municipality's network starter (TMF in Copenhagen), to start it with (POST /api/local-networks) first",
  })
  @ApiCreatedResponse({ type: PlanDto })
  @ApiProblems(400, 403, 409, 422)
  create(@CurrentUser() user: AuthUser, @Body() body: CreatePlanDto): Promise<PlanDto> {
    return this.workflow.create(user, body);
  }

  @Get(':id')
  @Access('any')
  @ApiOperation({ summary: 'One plan: stage, status, deadline, version' })
  @ApiOkResponse({ type: PlanDto })
  @ApiProblems(404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PlanDto> {
    return this.plans.get(id);
  }

  @Get(':id/actions')
  @Access('any')
  @ApiOperation({
    summary: 'What the calling user may do now, and for each action they may not, why not; what the stage still lacks',
  })
  @ApiOkResponse({ type: PlanActionsDto })
  @ApiProblems(404)
  actions(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<PlanActionsDto> {
    return this.workflow.actions(user, id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @Access('staff', 'forum_member')
  @ApiOperation({
    summary:
      'Apply a workflow event: SUBMIT, WITHDRAW, SIGN_COMMITMENT (staff); APPROVE, APPROVE_WITH_CONDITIONS, RETURN, ' +
      'SEND_BACK_TO_PLANNING, CLOSE (forum)',
    description:
      'A stale expectedVersion answers 409 and changes nothing. A refused event answers 422 listing every unmet ' +
      'rule. A retry with the same Idempotency-Key returns the first answer (header Idempotent-Replayed: true) and ' +
      'applies nothing twice.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–128 characters; reuse it to retry safely' })
  @ApiOkResponse({ type: PlanEventResultDto })
  @ApiProblems(400, 404, 409, 422)
  async event(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PlanEventDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanEventResultDto> {
    const result = await this.workflow.applyEvent(user, id, body, key);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get(':id/history')
  @Access('any')
  @ApiOperation({
    summary:
      'The append-only record, a page at a time (by seq; `total` transitions): every transition with who, when, from, to, event and comment',
  })
  @ApiOkResponse({ type: TransitionPageDto })
  @ApiProblems(400, 404)
  history(@Param('id', ParseUUIDPipe) id: string, @Query() query: HistoryQueryDto): Promise<TransitionPageDto> {
    return this.plans.history(id, query);
  }

  @Get(':id/versions')
  @Access('any')
  @ApiOperation({ summary: 'The versions stored at each gate decision' })
  @ApiOkResponse({ type: [GateVersionSummaryDto] })
  @ApiProblems(404)
  versions(@Param('id', ParseUUIDPipe) id: string): Promise<GateVersionSummaryDto[]> {
    return this.plans.versions(id);
  }

  @Get(':id/versions/:seq')
  @Access('any')
  @ApiOperation({ summary: "One stored version: the plan's whole content as it was at that decision" })
  @ApiOkResponse({ type: GateVersionDto })
  @ApiProblems(400, 404)
  version(@Param('id', ParseUUIDPipe) id: string, @Param('seq', ParseIntPipe) seq: number): Promise<GateVersionDto> {
    return this.plans.version(id, seq);
  }

  @Get(':id/diff')
  @Access('any')
  @ApiOperation({
    summary: 'What changed between two stored versions, or a stored version and now (to=current), in readable lines',
  })
  @ApiOkResponse({ type: PlanDiffDto })
  @ApiProblems(400, 404)
  diff(@Param('id', ParseUUIDPipe) id: string, @Query() query: DiffQueryDto): Promise<PlanDiffDto> {
    return this.plans.diff(id, query.from, query.to);
  }

  @Get(':id/content')
  @Access('any')
  @ApiOperation({
    summary: "The plan's content by section (mapping with likely overlaps flagged), and the forum's conditions",
  })
  @ApiOkResponse({ type: PlanContentDto })
  @ApiProblems(404)
  getContent(@Param('id', ParseUUIDPipe) id: string): Promise<PlanContentDto> {
    return this.content.content(id);
  }

  @Post(':id/items')
  @Access('staff')
  @ApiOperation({
    summary:
      "Add to a section of the plan; it belongs to the caller's administration. Only while the section's stage is " +
      'being worked on.',
  })
  @ApiCreatedResponse({ type: PlanItemDto })
  @ApiProblems(400, 404, 422)
  addItem(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreatePlanItemDto,
  ): Promise<PlanItemDto> {
    return this.content.addItem(user, id, body);
  }

  @Post(':id/mapping/from-register')
  @Access('staff')
  @ApiOperation({
    summary:
      "Map interventions from the register: each of your administration's interventions named becomes a mapping item " +
      '(already mapped ones are skipped), and the intervention is marked as belonging to the plan',
  })
  @ApiCreatedResponse({ type: PlanItemDto, isArray: true })
  @ApiProblems(400, 403, 404, 422)
  mapFromRegister(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MapFromRegisterDto,
  ): Promise<PlanItemDto[]> {
    return this.content.mapFromRegister(user, id, body);
  }

  @Patch(':id/items/:itemId')
  @Access('staff')
  @ApiOperation({ summary: "Change an item of your own administration's (version required)" })
  @ApiOkResponse({ type: PlanItemDto })
  @ApiProblems(400, 404, 409, 422)
  updateItem(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() body: UpdatePlanItemDto,
  ): Promise<PlanItemDto> {
    return this.content.updateItem(user, id, itemId, body);
  }

  @Delete(':id/items/:itemId')
  @HttpCode(204)
  @Access('staff')
  @ApiOperation({ summary: "Remove an item of your own administration's (?version= required)" })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409, 422)
  removeItem(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Query() query: DeletePlanItemQueryDto,
  ): Promise<void> {
    return this.content.removeItem(user, id, itemId, query.version);
  }

  @Post(':id/conditions/:conditionId/close')
  @HttpCode(200)
  @Access('staff')
  @ApiOperation({
    summary: 'Close a condition set by the forum (staff of the coordinating administration); it goes on the record',
  })
  @ApiOkResponse({ type: PlanDto })
  @ApiProblems(400, 404, 409)
  closeCondition(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('conditionId', ParseUUIDPipe) conditionId: string,
    @Body() body: CloseConditionDto,
  ): Promise<PlanDto> {
    return this.workflow.closeCondition(user, id, conditionId, body);
  }

  @Post(':id/deadline')
  @HttpCode(200)
  @Access('forum_member', 'administrator')
  @ApiOperation({
    summary: "Move the current stage's deadline, with a reason; reminders and escalations follow the new date",
  })
  @ApiOkResponse({ type: PlanDto })
  @ApiProblems(400, 404, 409, 422)
  moveDeadline(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MoveDeadlineDto,
  ): Promise<PlanDto> {
    return this.workflow.moveDeadline(user, id, body);
  }
}
