import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  evaluationCompleteness,
  evaluationEditable,
  evaluationEditRefusal,
  type ProjectEvaluation,
  type ProjectFacts,
} from '#domain';
import { ProjectAdapter } from './project.adapter.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound, versionConflict } from '../platform/common/app-error.js';
import { updateWithVersion } from '../platform/common/optimistic-update.js';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { fieldError } from '../interventions/references.js';
import { ATTACHMENT_TYPE_NAMES, detectAttachmentType } from './attachment-type.js';
import type { AttachmentDto, EvaluationDto, EvaluationSubmissionDto, SaveEvaluationDto } from './evaluation.dto.js';
import { ProjectAttachment } from './project-attachment.entity.js';
import { ProjectEvaluationDraft } from './project-evaluation.entity.js';
import { ProjectEvaluationSubmission } from './project-evaluation-submission.entity.js';
import { lockProject } from './project-lock.js';
import { Project } from './project.entity.js';

/** What multer hands over for an uploaded file (memory storage). */
export interface UploadedFileLike {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface AttachmentDownload {
  fileName: string;
  contentType: string;
  sha256: string;
  content: Buffer;
}

const EMPTY: ProjectEvaluation = {
  goalResults: [],
  indicatorResults: [],
  evidenceStrength: null,
  evidenceNote: null,
  costsDkk: null,
  whatWorked: null,
  whatDidNotWork: null,
  recommendation: null,
  recommendationNote: null,
};

/**
 * The structured evaluation: the project leader's versioned draft, its
 * attachments (type judged from the content, SHA-256 stored), the facts the
 * completeness rules read, and the evaluations as submitted.
 */
@Injectable()
export class ProjectEvaluationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly adapter: ProjectAdapter,
  ) {}

  /** The goals and indicators the project serves, and the saved draft: what the completeness rules judge. */
  facts(m: EntityManager, project: Project): Promise<ProjectFacts> {
    return this.adapter.facts(m, project);
  }

  async get(projectId: string): Promise<EvaluationDto> {
    const m = this.dataSource.manager;
    const project = await m.getRepository(Project).findOne({ where: { id: projectId } });
    if (!project) throw notFound('Project', projectId);
    const draft = await m.getRepository(ProjectEvaluationDraft).findOne({ where: { projectId } });
    const facts = await this.facts(m, project);
    const content = { ...EMPTY, ...(draft?.content ?? {}) };
    return {
      projectId,
      version: draft?.version ?? 0,
      editable: evaluationEditable(project.stateValue),
      goalResults: content.goalResults,
      indicatorResults: content.indicatorResults,
      evidenceStrength: content.evidenceStrength,
      evidenceNote: content.evidenceNote ?? null,
      costsDkk: content.costsDkk,
      whatWorked: content.whatWorked,
      whatDidNotWork: content.whatDidNotWork,
      recommendation: content.recommendation,
      recommendationNote: content.recommendationNote ?? null,
      missing: evaluationCompleteness(facts),
      attachments: await this.attachments(projectId),
      updatedBy: draft?.updatedBy ?? null,
      updatedAt: draft?.updatedAt ?? null,
    };
  }

  /** Saves the whole draft (PUT): the project's own leader, while the evaluation is being worked on; versioned. */
  async save(actor: AuthUser, projectId: string, dto: SaveEvaluationDto): Promise<EvaluationDto> {
    await this.dataSource.transaction(async (m) => {
      // A shared lock: a submission (which locks the project for update) sees the draft either before or after, never
      // half.
      const project = await lockProject(m, projectId, 'pessimistic_read');
      this.assertLeaderMayEdit(actor, project, 'change the evaluation');
      const { version, ...fields } = dto;
      const content: ProjectEvaluation = {
        goalResults: (fields.goalResults ?? []).map((r) => ({
          goalId: r.goalId,
          description: r.description,
          value: r.value ?? null,
        })),
        indicatorResults: (fields.indicatorResults ?? []).map((r) => ({
          indicatorId: r.indicatorId,
          value: r.value ?? null,
          description: r.description ?? null,
        })),
        evidenceStrength: fields.evidenceStrength ?? null,
        evidenceNote: fields.evidenceNote ?? null,
        costsDkk: fields.costsDkk ?? null,
        whatWorked: fields.whatWorked ?? null,
        whatDidNotWork: fields.whatDidNotWork ?? null,
        recommendation: fields.recommendation ?? null,
        recommendationNote: fields.recommendationNote ?? null,
      };
      await this.assertServed(m, project, content);
      const repo = m.getRepository(ProjectEvaluationDraft);
      const draft = await repo.findOne({ where: { projectId } });
      if (!draft) {
        if (version !== 0) throw versionConflict('The evaluation draft', version, 0);
        await repo.insert({ projectId, content, version: 1, updatedBy: actor.id });
        return;
      }
      await updateWithVersion(m, ProjectEvaluationDraft, 'The evaluation draft', draft.id, version, {
        content,
        updatedBy: actor.id,
      });
    });
    return this.get(projectId);
  }

  async submissions(projectId: string): Promise<EvaluationSubmissionDto[]> {
    await this.assertExists(projectId);
    const rows = await this.dataSource
      .getRepository(ProjectEvaluationSubmission)
      .find({ where: { projectId }, order: { seq: 'ASC' } });
    return rows.map((r) => ({
      seq: r.seq,
      round: r.round,
      content: r.content as unknown as Record<string, unknown>,
      attachments: r.attachments,
      submittedBy: r.submittedBy,
      createdAt: r.createdAt,
    }));
  }

  /**
   * Stores the evaluation exactly as submitted, with the attachments (and checksums) it had, under the transition's
   * seq.
   */
  async upload(actor: AuthUser, projectId: string, file: UploadedFileLike | undefined): Promise<AttachmentDto> {
    if (!file) throw fieldError('file', 'is required: send the file as the multipart/form-data field "file"');
    const max = this.config.env.ATTACHMENT_MAX_BYTES;
    if (file.size > max || file.buffer.length > max) throw tooLarge(max);
    if (file.buffer.length === 0) throw fieldError('file', 'is empty');
    return this.dataSource.transaction(async (m) => {
      const project = await lockProject(m, projectId, 'pessimistic_read');
      this.assertLeaderMayEdit(actor, project, 'attach files to the evaluation');
      const fileName = cleanFileName(file.originalname);
      const type = await detectAttachmentType(file.buffer);
      if (!type.allowed) {
        const seen = type.detected
          ? `its content is ${type.detected}`
          : 'its type cannot be recognised from its content';
        const seenDa = type.detected ? `indholdet er ${type.detected}` : 'typen kan ikke genkendes ud fra indholdet';
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          `"${fileName}" was refused: only ${ATTACHMENT_TYPE_NAMES.join(', ')} files can be attached, and ${seen} ` +
            `(the type is judged from the content, not from the file name or the declared type ` +
            `${file.mimetype || 'none'}).`,
          { allowedTypes: ATTACHMENT_TYPE_NAMES, detectedType: type.detected },
        ).inDanish(
          `»${fileName}« blev afvist: kun ${ATTACHMENT_TYPE_NAMES.join(', ')}-filer kan vedhæftes, og ${seenDa} ` +
            '(typen bedømmes ud fra indholdet, ikke ud fra filnavnet eller den angivne type).',
        );
      }
      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      const repo = m.getRepository(ProjectAttachment);
      const { identifiers } = await repo.insert({
        projectId,
        fileName,
        contentType: type.contentType,
        sizeBytes: file.buffer.length,
        sha256,
        content: file.buffer,
        uploadedBy: actor.id,
      });
      const id = String(identifiers[0]?.id);
      return toAttachmentDto(await repo.findOneByOrFail({ id }));
    });
  }

  async attachments(projectId: string): Promise<AttachmentDto[]> {
    const rows = await this.dataSource
      .getRepository(ProjectAttachment)
      .find({ where: { projectId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toAttachmentDto);
  }

  async listAttachments(projectId: string): Promise<AttachmentDto[]> {
    await this.assertExists(projectId);
    return this.attachments(projectId);
  }

  async download(projectId: string, attachmentId: string): Promise<AttachmentDownload> {
    const row = await this.dataSource
      .getRepository(ProjectAttachment)
      .createQueryBuilder('a')
      .addSelect('a.content')
      .where('a.id = :attachmentId AND a.project_id = :projectId', { attachmentId, projectId })
      .getOne();
    if (!row) throw notFound('Attachment', attachmentId);
    return { fileName: row.fileName, contentType: row.contentType, sha256: row.sha256, content: row.content };
  }

  private assertLeaderMayEdit(actor: AuthUser, project: Project, what: string): void {
    const refusal = evaluationEditRefusal(actor, {
      projectLeaderId: project.projectLeaderId,
      state: project.stateValue,
    });
    if (!refusal) return;
    if (refusal.code === 'NOT_PROJECT_LEADER')
      throw new AppError('FORBIDDEN', `Only the project's own project leader can ${what}.`, { violations: [refusal] });
    throw new AppError(
      'WORKFLOW_REFUSED',
      `The evaluation cannot be changed while the project is ${project.stateValue}.`,
      { violations: [refusal] },
    );
  }

  /** Results may only be given for goals and indicators the project serves. */
  private async assertServed(m: EntityManager, project: Project, content: ProjectEvaluation): Promise<void> {
    const facts = await this.facts(m, project);
    const goals = new Set(facts.goals.map((g) => g.id));
    const indicators = new Set(facts.indicators.map((i) => i.id));
    const errors: { field: string; messages: string[] }[] = [];
    content.goalResults.forEach((r, i) => {
      if (!goals.has(r.goalId))
        errors.push({ field: `goalResults[${i}].goalId`, messages: [`${r.goalId} is not a goal the project serves`] });
    });
    content.indicatorResults.forEach((r, i) => {
      if (!indicators.has(r.indicatorId))
        errors.push({
          field: `indicatorResults[${i}].indicatorId`,
          messages: [`${r.indicatorId} is not an indicator the project serves`],
        });
    });
    const dupes = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
    for (const id of dupes(content.goalResults.map((r) => r.goalId)))
      errors.push({ field: 'goalResults', messages: [`goal ${id} has more than one result`] });
    for (const id of dupes(content.indicatorResults.map((r) => r.indicatorId)))
      errors.push({ field: 'indicatorResults', messages: [`indicator ${id} has more than one result`] });
    if (errors.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `The request is invalid: ${errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join(' | ')}`,
        { errors },
      );
    }
  }

  private async assertExists(projectId: string): Promise<void> {
    if (!(await this.dataSource.getRepository(Project).exists({ where: { id: projectId } })))
      throw notFound('Project', projectId);
  }
}

export function tooLarge(max: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${formatBytes(max)} (${max} bytes).`, {
    maxBytes: max,
  }).inDanish(`Filen er større end grænsen på ${formatBytes(max).replace('.', ',')}.`);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
}

function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"]/g, '_')
    .trim()
    .slice(0, 255);
  return clean === '' ? 'vedhaeftning' : clean;
}

function toAttachmentDto(a: ProjectAttachment): AttachmentDto {
  return {
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    createdAt: a.createdAt,
  };
}
