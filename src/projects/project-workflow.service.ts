import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  creditDecision,
  isProjectForumDecision,
  PROJECT_EVENT_LABELS,
  PROJECT_MACHINE_VERSION,
  decideProjectEvent,
  evaluationCompleteness,
  evaluationDeadline,
  evaluationDueOn,
  owesEvaluation,
  PROJECT_RUNNING_STATES,
  projectActions,
  projectDeadlineJobEffects,
  projectOutcome,
  projectPeriodViolations,
  projectProposalEffects,
  projectProposalRefusal,
  startProject,
  type Actor,
  type ProjectEvent,
} from '#domain';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound } from '../platform/common/app-error.js';
import { DeadlineHandlers } from '../deadlines/deadline-handlers.service.js';
import type { DeadlineJobData } from '../deadlines/deadline-scheduler.service.js';
import { IdempotencyService, type IdempotentResult } from '../platform/idempotency/idempotency.service.js';
import { assertReferences, fieldError } from '../interventions/references.js';
import { hydrate } from '../workflow/hydrate.js';
import { json, refused, WorkflowStore } from '../workflow/workflow-store.js';
import { ProjectAdapter } from './project.adapter.js';
import { ProjectTransition } from './project-transition.entity.js';
import { today } from '../platform/common/local-day.js';
import { toProjectDto, toTransitionDto } from './project-view.js';
import { Project } from './project.entity.js';
import type {
  ProjectActionsDto,
  ProjectDto,
  ProjectEventDto,
  ProjectEventResultDto,
  ProposeProjectDto,
} from './project.dto.js';

/** Who causes a transition: a signed-in user, or the deadline job. */
interface Caller {
  actor: Actor;
  /** null for the deadline job. */
  actorId: string | null;
  actorName: string;
}

const SCHEDULE: Caller = {
  actor: { id: 'deadline-job', roles: [], administrationId: null },
  actorId: null,
  actorName: 'Byløft (frist)',
};

/**
 * Moves projects through their way (proposed → … → terminated | adopted).
 * Every change goes through the domain machine (decideProjectEvent), under a
 * row lock and an expected version, and leaves one append-only transition
 * row; a submitted evaluation and an adoption's budget line are stored
 * immutably with it. Deadlines (through the outbox), agenda items and
 * notifications are written in the same transaction.
 */
@Injectable()
export class ProjectWorkflowService implements OnModuleInit {
  private readonly logger = new Logger(ProjectWorkflowService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly adapter: ProjectAdapter,
    private readonly store: WorkflowStore,
    private readonly deadlineHandlers: DeadlineHandlers,
    private readonly idempotency: IdempotencyService,
  ) {}

  onModuleInit(): void {
    this.deadlineHandlers.register('project', (data) => this.handleDeadline(data));
  }

  /** Proposes a project: staff of the owning administration; the mayors' forum approves or rejects it. */
  async propose(actor: AuthUser, dto: ProposeProjectDto): Promise<ProjectDto> {
    const refusal = projectProposalRefusal(actor, dto.owningAdministrationId);
    if (refusal) throw new AppError('FORBIDDEN', refusal.messageEn, { violations: [refusal] });
    const period = {
      periodStart: dto.periodStart,
      periodEnd: dto.periodEnd,
      evaluationDate: dto.evaluationDate ?? null,
    };
    const periodViolations = projectPeriodViolations(period);
    if (periodViolations.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `The project's dates do not hold: ${periodViolations.map((v) => v.messageEn).join(' ')}`,
        {
          errors: periodViolations.map((v) => ({
            field: v.code === 'PERIOD_END_BEFORE_START' ? 'periodEnd' : 'evaluationDate',
            messages: [v.messageEn],
          })),
          violations: periodViolations,
        },
      );
    }
    return this.dataSource.transaction(async (m) => {
      await assertReferences(m, [
        { field: 'owningAdministrationId', table: 'administration', ids: [dto.owningAdministrationId] },
        { field: 'areaIds', table: 'area', ids: dto.areaIds },
        { field: 'goalIds', table: 'goal', ids: dto.goalIds },
        { field: 'planIds', table: 'plan', ids: dto.planIds ?? [] },
        { field: 'indicatorIds', table: 'indicator', ids: dto.indicatorIds ?? [] },
        { field: 'interventionId', table: 'intervention', ids: dto.interventionId ? [dto.interventionId] : [] },
      ]);
      const [leader] = (await m.query(
        `SELECT id FROM app_user WHERE id = $1 AND active AND 'project_leader' = ANY(roles)`,
        [dto.projectLeaderId],
      )) as { id: string }[];
      if (!leader) throw fieldError('projectLeaderId', 'must name an active user with the role project_leader');

      const { persisted, state } = startProject({
        owningAdministrationId: dto.owningAdministrationId,
        projectLeaderId: dto.projectLeaderId,
        proposedBy: actor.id,
        ...period,
        areaIds: dto.areaIds,
      });
      const dueOn = evaluationDueOn(state.context);
      const repo = m.getRepository(Project);
      const project = await repo.save(
        repo.create({
          title: dto.title.trim(),
          problem: dto.problem.trim(),
          proposedSolution: dto.proposedSolution.trim(),
          owningAdministrationId: dto.owningAdministrationId,
          projectLeaderId: dto.projectLeaderId,
          proposedBy: actor.id,
          fundingSource: dto.fundingSource,
          budgetDkk: dto.budgetDkk,
          ...period,
          areaIds: state.context.areaIds,
          goalIds: dto.goalIds,
          planIds: dto.planIds ?? [],
          indicatorIds: dto.indicatorIds ?? [],
          interventionId: dto.interventionId ?? null,
          state: persisted as object,
          machineVersion: PROJECT_MACHINE_VERSION,
          stateValue: state.state,
          evaluationDueOn: dueOn,
          evaluationDeadline: evaluationDeadline(dueOn, this.adapter.deadlinePolicy),
          deadlineSeq: null,
          decidedAt: null,
          version: 1,
        }),
      );
      const transitions = m.getRepository(ProjectTransition);
      await transitions.save(
        transitions.create({
          projectId: project.id,
          seq: 1,
          event: 'PROPOSE',
          fromState: null,
          toState: state.state,
          actorId: actor.id,
          actorName: actor.displayName,
          comment: null,
          payload: {
            budgetDkk: dto.budgetDkk,
            fundingSource: dto.fundingSource,
            ...period,
            areaIds: state.context.areaIds,
            goalIds: dto.goalIds,
          },
        }),
      );
      await this.store.runEffects(
        m,
        this.adapter,
        {
          id: project.id,
          version: 1,
          stateValue: state.state,
          project,
          administrationName: null,
          meetings: { agenda: null, today: null },
        },
        projectProposalEffects(project, actor.displayName),
        1,
      );
      return toProjectDto(await repo.findOneByOrFail({ id: project.id }));
    });
  }

  /** Applies a workflow event; with an Idempotency-Key a retry returns the first answer. */
  applyEvent(
    actor: AuthUser,
    projectId: string,
    dto: ProjectEventDto,
    idempotencyKey?: string,
  ): Promise<IdempotentResult<ProjectEventResultDto>> {
    return this.idempotency.run(actor.id, idempotencyKey, `project-event:${projectId}`, dto, async (m) => {
      const caller = { actor, actorId: actor.id, actorName: actor.displayName };
      const outcome = await this.transition(m, projectId, dto.expectedVersion, caller, dto, (project) =>
        this.buildEvent(m, project, actor, dto),
      );
      return { project: toProjectDto(hydrate(m, Project, outcome.after)), transition: toTransitionDto(outcome.record) };
    });
  }

  /** What the calling user may do now, and for what they may not, why not. */
  async actions(actor: AuthUser, projectId: string): Promise<ProjectActionsDto> {
    const m = this.dataSource.manager;
    const project = await m.getRepository(Project).findOne({ where: { id: projectId } });
    if (!project) throw notFound('Project', projectId);
    const facts = await this.adapter.facts(m, project);
    return {
      projectId,
      version: project.version,
      state: project.stateValue,
      actions: projectActions(project.state, actor, facts, project.machineVersion).map((a) => ({
        ...a,
        label: PROJECT_EVENT_LABELS[a.type].da,
      })),
      missing: owesEvaluation(project.stateValue) ? evaluationCompleteness(facts) : [],
    };
  }

  /**
   * The deadline jobs of a project's evaluation: `due` calls for the
   * evaluation (EVALUATION_DUE) at the evaluation or end date; `reminder`
   * reminds the project leader before the deadline; `escalation` tells the
   * owning administration and puts the project on the mayors' forum's
   * agenda once the deadline has passed. A job for a deadline that moved
   * (another deadline_seq or date) or a state that was left does nothing;
   * a job run twice notifies and escalates once.
   */
  async handleDeadline(data: DeadlineJobData): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const locked = await this.adapter.lock(m, data.subjectId).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
        throw err;
      });
      const project = locked?.project;
      if (!locked || !project || project.deadlineSeq !== data.entrySeq || project.evaluationDeadline !== data.dueDate) {
        this.logger.log({ msg: 'Project deadline job no longer current; nothing to do', ...data });
        return;
      }
      if (data.kind === 'due') {
        if (!(PROJECT_RUNNING_STATES as readonly string[]).includes(project.stateValue)) return;
        const event: ProjectEvent = {
          type: 'EVALUATION_DUE',
          actor: SCHEDULE.actor,
          at: new Date().toISOString(),
          bySchedule: true,
        };
        // The lock is held: the store locks again (a no-op for this transaction) and checks nothing more.
        await this.transition(m, project.id, null, SCHEDULE, { comment: null }, () => event);
        return;
      }
      if (!owesEvaluation(project.stateValue)) return;
      await this.store.runEffects(m, this.adapter, locked, projectDeadlineJobEffects(project, data), project.version);
    });
  }

  /** Decides `event` with the machine and, when allowed, writes it through the one persistence path. */
  private transition(
    m: EntityManager,
    projectId: string,
    expectedVersion: number | null,
    caller: Caller,
    dto: { comment?: string | null; reason?: string | null },
    buildEvent: (project: Project) => Promise<ProjectEvent> | ProjectEvent,
  ) {
    return this.store.run(
      m,
      this.adapter,
      projectId,
      expectedVersion === null ? null : { expected: expectedVersion },
      async ({ project, administrationName, meetings }, seq) => {
        const event = await buildEvent(project);
        const decision = decideProjectEvent(project.state, event, project.machineVersion);
        if (!decision.ok) throw refused(PROJECT_EVENT_LABELS[event.type].en, decision.violations);
        const comment = (dto.reason ?? dto.comment)?.trim() || null;
        const { columns, payload, effects } = projectOutcome({
          project: project,
          decision,
          event,
          seq,
          comment,
          actorName: caller.actorName,
          today: today(),
          policy: this.adapter.deadlinePolicy,
        });
        return {
          set: {
            state: json(decision.persisted),
            machine_version: PROJECT_MACHINE_VERSION,
            state_value: decision.to.state,
            period_end: columns.periodEnd,
            evaluation_date: columns.evaluationDate,
            area_ids: columns.areaIds,
            evaluation_due_on: columns.evaluationDueOn,
            evaluation_deadline: columns.evaluationDeadline,
            deadline_seq: columns.deadlineSeq,
            decided_at: columns.decidedAt,
          },
          record: {
            event: event.type,
            fromState: decision.from.state,
            toState: decision.to.state,
            actorId: caller.actorId,
            actorName: caller.actorName,
            comment,
            payload,
          },
          effects,
          ...(isProjectForumDecision(event.type, decision.from.state)
            ? {
                decision: {
                  subjectTitle: project.title,
                  subjectDetail: administrationName,
                  conditions: [],
                  credit: creditDecision(today(), [meetings.agenda, meetings.today]),
                },
              }
            : {}),
        };
      },
    );
  }

  private async buildEvent(
    m: EntityManager,
    project: Project,
    actor: AuthUser,
    dto: ProjectEventDto,
  ): Promise<ProjectEvent> {
    const base = { actor, at: new Date().toISOString() };
    switch (dto.type) {
      case 'APPROVE':
        return { ...base, type: 'APPROVE', comment: dto.comment };
      case 'REJECT':
      case 'TERMINATE':
        return { ...base, type: dto.type, reason: dto.reason ?? '' };
      case 'START':
        return { ...base, type: 'START' };
      case 'EXTEND':
        return {
          ...base,
          type: 'EXTEND',
          reason: dto.reason ?? '',
          newEndDate: dto.newEndDate ?? '',
          evaluationDate: dto.evaluationDate ?? null,
        };
      case 'SCALE':
        await assertReferences(m, [{ field: 'addAreaIds', table: 'area', ids: dto.addAreaIds ?? [] }]);
        return {
          ...base,
          type: 'SCALE',
          addAreaIds: dto.addAreaIds ?? [],
          newEndDate: dto.newEndDate ?? '',
          evaluationDate: dto.evaluationDate ?? null,
          reason: dto.reason ?? '',
        };
      case 'EVALUATION_DUE':
        return { ...base, type: 'EVALUATION_DUE', bySchedule: false };
      case 'SUBMIT_EVALUATION':
        return { ...base, type: 'SUBMIT_EVALUATION', facts: await this.adapter.facts(m, project) };
      case 'RETURN_EVALUATION':
        return { ...base, type: 'RETURN_EVALUATION', comment: dto.comment ?? '' };
      case 'ASSESS':
        return { ...base, type: 'ASSESS', comment: dto.comment };
      case 'ADOPT': {
        const line = dto.budgetLine;
        if (line?.administrationId)
          await assertReferences(m, [
            { field: 'budgetLine.administrationId', table: 'administration', ids: [line.administrationId] },
          ]);
        return { ...base, type: 'ADOPT', budgetLine: line ? { ...line } : null, comment: dto.comment };
      }
    }
  }
}
