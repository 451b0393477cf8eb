import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
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
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
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
import { AttachmentLimitInterceptor } from './attachment-upload.interceptor.js';
import { ATTACHMENT_TYPE_NAMES } from './attachment-type.js';
import {
  AttachmentDto,
  EVIDENCE_SCALE_DESCRIPTION,
  EvaluationDto,
  EvaluationSubmissionDto,
  SaveEvaluationDto,
} from './evaluation.dto.js';
import {
  AdoptionLedgerDto,
  AdoptionLedgerQueryDto,
  PortfolioDto,
  PortfolioExportQueryDto,
  PortfolioQueryDto,
} from './portfolio.dto.js';
import { ProjectEvaluationService, type UploadedFileLike } from './project-evaluation.service.js';
import { ProjectPortfolioService } from './project-portfolio.service.js';
import { ProjectWorkflowService } from './project-workflow.service.js';
import {
  ProjectActionsDto,
  ProjectDto,
  ProjectEventDto,
  ProjectEventResultDto,
  ProjectListQueryDto,
  ProjectPageDto,
  ProjectTransitionDto,
  ProposeProjectDto,
} from './project.dto.js';
import { ProjectsService } from './projects.service.js';

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly workflow: ProjectWorkflowService,
    private readonly evaluations: ProjectEvaluationService,
    private readonly portfolio: ProjectPortfolioService,
  ) {}

  @Get()
  @Access('any')
  @ApiOperation({
    summary:
      'Time-limited projects, overdue evaluations first; filter by state, administration, area, leader=me, overdue',
  })
  @ApiOkResponse({ type: ProjectPageDto })
  @ApiProblems(400)
  list(@CurrentUser() user: AuthUser, @Query() query: ProjectListQueryDto): Promise<ProjectPageDto> {
    return this.projects.list(user, query);
  }

  @Post()
  @Access('staff')
  @ApiOperation({
    summary: "Propose a project (staff of the owning administration); the mayors' forum approves or rejects it",
  })
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiProblems(400)
  propose(@CurrentUser() user: AuthUser, @Body() body: ProposeProjectDto): Promise<ProjectDto> {
    return this.workflow.propose(user, body);
  }

  // Before ':id', which these would otherwise match.
  @Get('adoptions')
  @Access('any')
  @ApiOperation({
    summary:
      'The adoption ledger: per administration and budget year, the yearly amounts moved into the base budget, and ' +
      'the lines',
  })
  @ApiOkResponse({ type: AdoptionLedgerDto })
  @ApiProblems(400)
  adoptions(@Query() query: AdoptionLedgerQueryDto): Promise<AdoptionLedgerDto> {
    return this.portfolio.adoptions(query);
  }

  @Get('portfolio')
  @Access('any')
  @ApiOperation({
    summary: 'Portfolio figures per administration and per area',
    description:
      'Projects by state, overdue evaluations, amounts adopted into base budgets per budget year, and the decision ' +
      'lead time: Danish working days from the end date to the termination or adoption (median and 90th ' +
      'percentile, nearest rank). Every administration, and a page of the areas by name (`limit`, `offset`).',
  })
  @ApiOkResponse({ type: PortfolioDto })
  @ApiProblems(400)
  portfolioFigures(@Query() query: PortfolioQueryDto): Promise<PortfolioDto> {
    return this.portfolio.portfolio(query);
  }

  @Get('portfolio/export')
  @Access('any')
  @ApiOperation({
    summary: 'The portfolio figures as CSV or XLSX: per administration and per area, as GET /api/projects/portfolio',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'CSV (UTF-8) or XLSX' })
  @ApiProblems(400)
  async exportPortfolio(
    @Query() query: PortfolioExportQueryDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<StreamableFile> {
    const file = await this.portfolio.exportFile(
      query.format,
      query.locale ?? languageFromHeader(acceptLanguage) ?? 'en',
    );
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.content.length,
    });
  }

  @Get(':id')
  @Access('any')
  @ApiOperation({ summary: 'One project: state, period, evaluation deadline, version' })
  @ApiOkResponse({ type: ProjectDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ProjectDto> {
    return this.projects.get(id);
  }

  @Get(':id/actions')
  @Access('any')
  @ApiOperation({
    summary:
      'What the calling user may do now, and for each action they may not, why not; what the evaluation still lacks',
  })
  @ApiOkResponse({ type: ProjectActionsDto })
  @ApiProblems(400, 404)
  actions(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectActionsDto> {
    return this.workflow.actions(user, id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @Access('staff', 'forum_member', 'project_leader')
  @ApiOperation({
    summary:
      'Apply a workflow event: APPROVE, REJECT, TERMINATE, ADOPT, SCALE after assessment (forum); START, EXTEND, ' +
      'SCALE, EVALUATION_DUE, ' +
      'RETURN_EVALUATION, ASSESS (staff of the owning administration); SUBMIT_EVALUATION (the project leader)',
    description:
      'A stale expectedVersion answers 409 and changes nothing. A refused event answers 422 listing every unmet rule ' +
      '(stable codes, Danish and ' +
      'English). A retry with the same Idempotency-Key returns the first answer (header Idempotent-Replayed: true) ' +
      'and applies nothing twice. ' +
      'Four eyes: the proposer does not approve or reject; whoever assessed the evaluation does not terminate, adopt ' +
      'or scale.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–128 characters; reuse it to retry safely' })
  @ApiOkResponse({ type: ProjectEventResultDto })
  @ApiProblems(400, 404, 409, 422)
  async event(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ProjectEventDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProjectEventResultDto> {
    const result = await this.workflow.applyEvent(user, id, body, key);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get(':id/history')
  @Access('any')
  @ApiOperation({
    summary: 'The append-only record: every transition with who, when, from, to, event, reason or comment',
  })
  @ApiOkResponse({ type: [ProjectTransitionDto] })
  @ApiProblems(400, 404)
  history(@Param('id', ParseUUIDPipe) id: string): Promise<ProjectTransitionDto[]> {
    return this.projects.history(id);
  }

  @Get(':id/evaluation')
  @Access('any')
  @ApiOperation({
    summary: 'The evaluation draft, what a submission would still lack, and its attachments',
    description: EVIDENCE_SCALE_DESCRIPTION,
  })
  @ApiOkResponse({ type: EvaluationDto })
  @ApiProblems(400, 404)
  evaluation(@Param('id', ParseUUIDPipe) id: string): Promise<EvaluationDto> {
    return this.evaluations.get(id);
  }

  @Put(':id/evaluation')
  @Access('project_leader')
  @ApiOperation({
    summary:
      "Save the evaluation draft (the project's own leader, while the project runs or its evaluation is due; version " +
      '0 for the first save)',
    description: `Submitting is the SUBMIT_EVALUATION event. ${EVIDENCE_SCALE_DESCRIPTION}`,
  })
  @ApiOkResponse({ type: EvaluationDto })
  @ApiProblems(400, 404, 409, 422)
  saveEvaluation(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SaveEvaluationDto,
  ): Promise<EvaluationDto> {
    return this.evaluations.save(user, id, body);
  }

  @Get(':id/evaluation/submissions')
  @Access('any')
  @ApiOperation({
    summary: 'Every evaluation as it was submitted (immutable), with the attachments and their checksums at the time',
  })
  @ApiOkResponse({ type: [EvaluationSubmissionDto] })
  @ApiProblems(400, 404)
  submissions(@Param('id', ParseUUIDPipe) id: string): Promise<EvaluationSubmissionDto[]> {
    return this.evaluations.submissions(id);
  }

  @Post(':id/evaluation/attachments')
  @Access('project_leader')
  @UseInterceptors(AttachmentLimitInterceptor, FileInterceptor('file'))
  @ApiOperation({
    summary:
      `Attach a file to the evaluation (${ATTACHMENT_TYPE_NAMES.join(', ')}; at most ATTACHMENT_MAX_BYTES, ` +
      `default 10 MiB)`,
    description:
      'The type is judged from the content (magic bytes), never from the file name or the declared content type: ' +
      'another type answers 415 ' +
      'UNSUPPORTED_MEDIA_TYPE, a larger file 413 PAYLOAD_TOO_LARGE. The SHA-256 of the stored bytes is returned.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiProblems(400, 404, 413, 415, 422)
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: UploadedFileLike | undefined,
  ): Promise<AttachmentDto> {
    return this.evaluations.upload(user, id, file);
  }

  @Get(':id/evaluation/attachments')
  @Access('any')
  @ApiOperation({ summary: "The evaluation's attachments, with their SHA-256 checksums" })
  @ApiOkResponse({ type: [AttachmentDto] })
  @ApiProblems(400, 404)
  attachments(@Param('id', ParseUUIDPipe) id: string): Promise<AttachmentDto[]> {
    return this.evaluations.listAttachments(id);
  }

  @Get(':id/evaluation/attachments/:attachmentId')
  @Access('any')
  @ApiOperation({
    summary:
      'Download an attachment: its content type, and its SHA-256 in X-Checksum-SHA256 (hex) and Repr-Digest (RFC 9530)',
  })
  @ApiProduces(
    ...[
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'image/png',
      'image/jpeg',
    ],
  )
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 404)
  async download(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.evaluations.download(id, attachmentId);
    res.setHeader('X-Checksum-SHA256', file.sha256);
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    return new StreamableFile(file.content, {
      type: file.contentType,
      length: file.content.length,
      disposition:
        `attachment; filename="${asciiName(file.fileName)}"; ` +
        `filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    });
  }
}

/** A plain-ASCII fallback for the Content-Disposition filename parameter. */
function asciiName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
}
