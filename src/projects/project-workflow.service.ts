import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  EVALUATION_OWED_STATES,
  PROJECT_EVENT_LABELS,
  PROJECT_MACHINE_VERSION,
  decideProjectEvent,
  evaluationCompleteness,
  evaluationDueOn,
  projectActions,
  projectPeriodViolations,
  startProject,
  type Actor,
  type ProjectEvent,
  type ProjectEventType,
  type ProjectState,
  type ProjectStateView,
} from '#domain';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound, versionConflict } from '../platform/common/app-error.js';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { DeadlineHandlers } from '../deadlines/deadline-handlers.service.js';
import { DeadlineScheduler, type DeadlineJobData } from '../deadlines/deadline-scheduler.service.js';
import { IdempotencyService, type IdempotentResult } from '../platform/idempotency/idempotency.service.js';
import { assertReferences, fieldError } from '../interventions/references.js';
import { AgendaService } from '../meetings/agenda.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ProjectAdoption } from './project-adoption.entity.js';
import { ProjectEvaluationService } from './project-evaluation.service.js';
import { lockProject } from './project-lock.js';
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

/** Transitions after which the evaluation-due moment, the reminder and the escalation are (re)scheduled. */
const SCHEDULES_EVALUATION = new Set<ProjectEventType>(['START', 'EXTEND', 'SCALE']);
const FINAL_DECISIONS = new Set<ProjectEventType>(['REJECT', 'TERMINATE', 'ADOPT']);

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
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly evaluations: ProjectEvaluationService,
    private readonly deadlines: DeadlineScheduler,
    private readonly deadlineHandlers: DeadlineHandlers,
    private readonly agenda: AgendaService,
    private readonly notifications: NotificationsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  onModuleInit(): void {
    this.deadlineHandlers.register('project', (data) => this.handleDeadline(data));
  }

  /** Proposes a project: staff of the owning administration; the mayors' forum approves or rejects it. */
  async propose(actor: AuthUser, dto: ProposeProjectDto): Promise<ProjectDto> {
    if (!actor.roles.includes('staff') || actor.administrationId !== dto.owningAdministrationId) {
      throw new AppError('FORBIDDEN', 'Only staff of the owning administration can propose a project for it.', {
        violations: [
          {
            code: 'NOT_OWNER_STAFF',
            message: 'Kun medarbejdere i den forvaltning, der skal eje projektet, kan foreslå det.',
            messageEn: 'Only staff of the administration that is to own the project can propose it.',
          },
        ],
      });
    }
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
          evaluationDeadline: this.evaluationDeadline(dueOn),
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
      await this.agenda.add(m, {
        subjectType: 'project',
        subjectId: project.id,
        kind: 'submission',
        title: `Projektforslag: ${project.title}`,
        dedupKey: `project:${project.id}:proposal`,
      });
      await this.notifications.notify(m, {
        recipients: { role: 'forum_member' },
        kind: 'project.proposed',
        link: `/projects/${project.id}`,
        dedupKey: `project:${project.id}:proposed`,
        title: `Projektforslag: ${project.title}`,
        body: `${actor.displayName} har foreslået projektet "${project.title}" (${dto.periodStart} – ${dto.periodEnd}). Borgmesterforum skal godkende eller afvise det.`,
      });
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
      const project = await lockProject(m, projectId, 'pessimistic_write');
      if (project.version !== dto.expectedVersion)
        throw versionConflict('The project', dto.expectedVersion, project.version);
      const event = await this.buildEvent(m, project, actor, dto);
      const { project: updated, transition } = await this.transition(
        m,
        project,
        { actor, actorId: actor.id, actorName: actor.displayName },
        event,
        dto,
      );
      return { project: toProjectDto(updated), transition: toTransitionDto(transition) };
    });
  }

  /** What the calling user may do now, and for what they may not, why not. */
  async actions(actor: AuthUser, projectId: string): Promise<ProjectActionsDto> {
    const m = this.dataSource.manager;
    const project = await m.getRepository(Project).findOne({ where: { id: projectId } });
    if (!project) throw notFound('Project', projectId);
    const facts = await this.evaluations.facts(m, project);
    const owed = (EVALUATION_OWED_STATES as readonly ProjectState[]).includes(project.stateValue);
    return {
      projectId,
      version: project.version,
      state: project.stateValue,
      actions: projectActions(project.state, actor, facts).map((a) => ({
        ...a,
        label: PROJECT_EVENT_LABELS[a.type].da,
      })),
      missing: owed ? evaluationCompleteness(facts) : [],
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
      const project = await m
        .getRepository(Project)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :id', { id: data.subjectId })
        .getOne();
      if (!project || project.deadlineSeq !== data.entrySeq || project.evaluationDeadline !== data.dueDate) {
        this.logger.log({ msg: 'Project deadline job no longer current; nothing to do', ...data });
        return;
      }
      const link = `/projects/${project.id}`;
      switch (data.kind) {
        case 'due': {
          if (project.stateValue !== 'running') return;
          const event: ProjectEvent = {
            type: 'EVALUATION_DUE',
            actor: SCHEDULE.actor,
            at: new Date().toISOString(),
            bySchedule: true,
          };
          await this.transition(m, project, SCHEDULE, event, { comment: null });
          return;
        }
        case 'reminder':
          if (!(EVALUATION_OWED_STATES as readonly ProjectState[]).includes(project.stateValue)) return;
          await this.notifications.notify(m, {
            recipients: { userIds: [project.projectLeaderId] },
            kind: 'project.evaluation.reminder',
            link,
            dedupKey: `project:${project.id}:reminder:${data.entrySeq}:${data.dueDate}`,
            title: `${project.title}: evalueringen skal afleveres senest ${data.dueDate}`,
            body: `Husk at aflevere evalueringen af "${project.title}" senest ${data.dueDate}.`,
          });
          return;
        case 'escalation':
          if (!(EVALUATION_OWED_STATES as readonly ProjectState[]).includes(project.stateValue)) return;
          await this.agenda.add(m, {
            subjectType: 'project',
            subjectId: project.id,
            kind: 'escalation',
            title: `${project.title}: evalueringen er over fristen (${data.dueDate})`,
            dedupKey: `project:${project.id}:escalation:${data.entrySeq}:${data.dueDate}`,
          });
          await this.notifications.notify(m, {
            recipients: { administrationId: project.owningAdministrationId, userIds: [project.projectLeaderId] },
            kind: 'project.evaluation.escalation',
            link,
            dedupKey: `project:${project.id}:escalation:${data.entrySeq}:${data.dueDate}`,
            title: `${project.title}: evalueringen er over fristen`,
            body: `Fristen ${data.dueDate} for evalueringen af "${project.title}" er overskredet. Projektet er sat på borgmesterforums dagsorden.`,
          });
          return;
      }
    });
  }

  /**
   * Decides `event` with the machine and, when allowed, writes the new
   * state, the record, the deadlines and the side effects. The project must
   * be locked for update by the caller.
   */
  private async transition(
    m: EntityManager,
    project: Project,
    caller: Caller,
    event: ProjectEvent,
    dto: { comment?: string | null; reason?: string | null },
  ): Promise<{ project: Project; transition: ProjectTransition }> {
    const decision = decideProjectEvent(project.state, event);
    if (!decision.ok) {
      throw new AppError(
        'WORKFLOW_REFUSED',
        `${PROJECT_EVENT_LABELS[event.type].en} was refused: ${decision.violations.map((v) => v.messageEn).join(' ')}`,
        {
          violations: decision.violations,
        },
      );
    }
    const { from, to } = decision;
    const seq = project.version + 1;
    const context = to.context;
    const dueOn = evaluationDueOn(context);
    let deadline = dueOn === project.evaluationDueOn ? project.evaluationDeadline : this.evaluationDeadline(dueOn);
    let deadlineSeq = project.deadlineSeq;
    let scheduleDue = false;
    if (SCHEDULES_EVALUATION.has(event.type)) {
      deadlineSeq = seq;
      scheduleDue = true;
    } else if (event.type === 'RETURN_EVALUATION') {
      // A returned evaluation gets a fresh deadline, but never an earlier one than it had.
      const fresh = this.evaluationDeadline(today());
      deadline = fresh > deadline ? fresh : deadline;
      deadlineSeq = seq;
    }
    const decidedAt = FINAL_DECISIONS.has(event.type) ? new Date(event.at) : project.decidedAt;

    const result = await m
      .createQueryBuilder()
      .update(Project)
      .set({
        state: () => ':state::jsonb',
        machineVersion: PROJECT_MACHINE_VERSION,
        stateValue: to.state,
        periodEnd: context.periodEnd,
        evaluationDate: context.evaluationDate,
        areaIds: context.areaIds,
        evaluationDueOn: dueOn,
        evaluationDeadline: deadline,
        deadlineSeq,
        decidedAt,
        version: seq,
      })
      .setParameter('state', JSON.stringify(decision.persisted))
      .where('id = :id AND version = :version', { id: project.id, version: project.version })
      .execute();
    if (!result.affected) throw versionConflict('The project', project.version, project.version + 1);

    const transitions = m.getRepository(ProjectTransition);
    const comment = (dto.reason ?? dto.comment)?.trim() || null;
    const transition = await transitions.save(
      transitions.create({
        projectId: project.id,
        seq,
        event: event.type,
        fromState: from.state,
        toState: to.state,
        actorId: caller.actorId,
        actorName: caller.actorName,
        comment,
        payload: this.payload(event, project, to, { dueOn, deadline, scheduled: deadlineSeq === seq }),
      }),
    );

    if (event.type === 'SUBMIT_EVALUATION') {
      await this.evaluations.recordSubmission(m, project, seq, context.evaluationSubmissions, caller.actor.id);
    }
    if (event.type === 'ADOPT' && context.budgetLine) {
      await m.getRepository(ProjectAdoption).insert({
        projectId: project.id,
        administrationId: context.budgetLine.administrationId,
        yearlyAmountDkk: context.budgetLine.yearlyAmountDkk,
        firstBudgetYear: context.budgetLine.firstBudgetYear,
        decidedBy: caller.actor.id,
        decisionSeq: seq,
        decidedAt: new Date(event.at),
      });
    }
    if (deadlineSeq === seq) {
      await this.deadlines.schedule(m, 'project', project.id, seq, deadline, seq, scheduleDue ? dueOn : undefined);
    }
    const updated = await m.getRepository(Project).findOneByOrFail({ id: project.id });
    await this.effects(m, updated, caller, event, comment, seq, from.state);
    return { project: updated, transition };
  }

  private payload(
    event: ProjectEvent,
    before: Project,
    to: ProjectStateView,
    deadline: { dueOn: string; deadline: string; scheduled: boolean },
  ): Record<string, unknown> {
    const schedule = deadline.scheduled
      ? { evaluationDueOn: deadline.dueOn, evaluationDeadline: deadline.deadline }
      : {};
    switch (event.type) {
      case 'EXTEND':
        return {
          fromEndDate: before.periodEnd,
          newEndDate: to.context.periodEnd,
          evaluationDate: to.context.evaluationDate,
          ...schedule,
        };
      case 'SCALE':
        return {
          addedAreaIds: to.context.areaIds.filter((id) => !before.areaIds.includes(id)),
          fromEndDate: before.periodEnd,
          newEndDate: to.context.periodEnd,
          evaluationDate: to.context.evaluationDate,
          ...schedule,
        };
      case 'EVALUATION_DUE':
        return { bySchedule: event.bySchedule === true, evaluationDeadline: before.evaluationDeadline };
      case 'SUBMIT_EVALUATION':
        return { round: to.context.evaluationSubmissions };
      case 'ASSESS':
        return { reviewedBy: to.context.reviewedBy };
      case 'ADOPT':
        return { budgetLine: to.context.budgetLine };
      default:
        return schedule;
    }
  }

  private async effects(
    m: EntityManager,
    project: Project,
    caller: Caller,
    event: ProjectEvent,
    comment: string | null,
    seq: number,
    fromState: ProjectState,
  ): Promise<void> {
    const link = `/projects/${project.id}`;
    const label = PROJECT_EVENT_LABELS[event.type].da;
    const key = `project:${project.id}:${event.type.toLowerCase()}:${seq}`;
    const toLeader = (title: string, body: string) =>
      this.notifications.notify(m, {
        recipients: { userIds: [project.projectLeaderId] },
        kind: `project.${event.type.toLowerCase()}`,
        link,
        dedupKey: key,
        title,
        body,
      });
    const toOwnerAndLeader = (title: string, body: string) =>
      this.notifications.notify(m, {
        recipients: {
          administrationId: project.owningAdministrationId,
          userIds: [project.projectLeaderId, project.proposedBy],
        },
        kind: `project.${event.type.toLowerCase()}`,
        link,
        dedupKey: key,
        title,
        body,
      });
    const why = comment ? `\n${comment}` : '';
    switch (event.type) {
      case 'APPROVE':
      case 'REJECT':
        await this.agenda.resolve(m, 'project', project.id, event.type.toLowerCase(), ['submission']);
        await toOwnerAndLeader(`${project.title}: ${label.toLowerCase()}`, `Borgmesterforum: ${label}.${why}`);
        return;
      case 'START':
      case 'EXTEND':
      case 'SCALE':
        // Scaling after the assessment is the forum's decision on the agenda item.
        if (fromState === 'assessed') await this.agenda.resolve(m, 'project', project.id, 'scale', ['submission']);
        await toLeader(
          `${project.title}: ${label.toLowerCase()}`,
          `Projektet løber til ${project.periodEnd}. Evalueringen kaldes ind ${project.evaluationDueOn} og skal afleveres senest ${project.evaluationDeadline}.${why}`,
        );
        return;
      case 'EVALUATION_DUE':
        await toLeader(
          `${project.title}: evalueringen skal afleveres`,
          `Aflever evalueringen af "${project.title}" senest ${project.evaluationDeadline}.`,
        );
        return;
      case 'SUBMIT_EVALUATION':
        await this.agenda.resolve(m, 'project', project.id, 'evaluation_submitted', ['escalation']);
        await this.notifications.notify(m, {
          recipients: { administrationId: project.owningAdministrationId },
          kind: 'project.evaluation.submitted',
          link,
          dedupKey: key,
          title: `${project.title}: evalueringen er afleveret`,
          body: `${caller.actorName} har afleveret evalueringen. Den skal vurderes.`,
        });
        return;
      case 'RETURN_EVALUATION':
        await toLeader(
          `${project.title}: evalueringen er sendt retur`,
          `Ret evalueringen og aflever den igen senest ${project.evaluationDeadline}.${why}`,
        );
        return;
      case 'ASSESS':
        await this.agenda.add(m, {
          subjectType: 'project',
          subjectId: project.id,
          kind: 'submission',
          title: `${project.title}: evalueringen er vurderet – afslut, skalér eller forankr i drift`,
          dedupKey: `project:${project.id}:decision:${seq}`,
        });
        await this.notifications.notify(m, {
          recipients: { role: 'forum_member' },
          kind: 'project.assessed',
          link,
          dedupKey: key,
          title: `${project.title}: klar til beslutning`,
          body: `Evalueringen er vurderet af ${caller.actorName}. Borgmesterforum skal afslutte, skalere eller forankre projektet i drift.`,
        });
        return;
      case 'TERMINATE':
      case 'ADOPT':
        await this.agenda.resolve(m, 'project', project.id, event.type.toLowerCase());
        await toOwnerAndLeader(`${project.title}: ${label.toLowerCase()}`, `Borgmesterforum: ${label}.${why}`);
        return;
    }
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
        return { ...base, type: 'SUBMIT_EVALUATION', facts: await this.evaluations.facts(m, project) };
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

  /** The evaluation deadline: PROJECT_EVALUATION_WORKING_DAYS Danish working days after the day it is called for. */
  private evaluationDeadline(dueOn: string): string {
    return this.deadlines.dueDate(dueOn, this.config.env.PROJECT_EVALUATION_WORKING_DAYS);
  }
}
