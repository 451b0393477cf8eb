import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  decidePlanEvent,
  PLAN_EVENT_LABELS,
  PLAN_MACHINE_VERSION,
  PLAN_STAGE_LABELS,
  planActions,
  stageCompleteness,
  startPlan,
  viewPlanState,
  type PlanEvent,
  type PlanStateView,
} from '#domain';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound, versionConflict } from '../platform/common/app-error.js';
import { RUNTIME_CONFIG, stageWorkingDays, type RuntimeConfig } from '../platform/config/app-config.js';
import { DeadlineHandlers } from '../deadlines/deadline-handlers.service.js';
import { DeadlineScheduler, type DeadlineJobData } from '../deadlines/deadline-scheduler.service.js';
import { IdempotencyService, type IdempotentResult } from '../platform/idempotency/idempotency.service.js';
import { Area } from '../master-data/area.entity.js';
import { LocalNetwork } from '../master-data/local-network.entity.js';
import { Administration } from '../master-data/administration.entity.js';
import { AgendaService } from '../meetings/agenda.service.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { PlanContentService } from './plan-content.service.js';
import { PlanCondition } from './plan-condition.entity.js';
import { PlanGateVersion } from './plan-gate-version.entity.js';
import { PlanTransition } from './plan-transition.entity.js';
import { Plan } from './plan.entity.js';
import type {
  CloseConditionDto,
  CreatePlanDto,
  MoveDeadlineDto,
  PlanActionsDto,
  PlanDto,
  PlanEventDto,
  PlanEventResultDto,
} from './plan.dto.js';
import { today } from '../platform/common/local-day.js';
import { toPlanDto, toTransitionDto } from './plan-view.js';

/** Decisions of the mayors' forum: each stores the plan's whole content as it was. */
const GATE_DECISIONS = new Set(['APPROVE', 'APPROVE_WITH_CONDITIONS', 'RETURN', 'SEND_BACK_TO_PLANNING', 'CLOSE']);

/**
 * Moves plans through their stages. Every change goes through the domain
 * machine (decidePlanEvent), under a row lock and an expected version, and
 * leaves one append-only transition row; gate decisions also store the
 * content as it was. Deadlines, agenda items and notifications are written
 * in the same transaction (deadline jobs through the outbox).
 */
@Injectable()
export class PlanWorkflowService implements OnModuleInit {
  private readonly logger = new Logger(PlanWorkflowService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly content: PlanContentService,
    private readonly deadlines: DeadlineScheduler,
    private readonly deadlineHandlers: DeadlineHandlers,
    private readonly agenda: AgendaService,
    private readonly notifications: NotificationsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  onModuleInit(): void {
    this.deadlineHandlers.register('plan', (data) => this.handleDeadline(data));
  }

  async create(actor: AuthUser, dto: CreatePlanDto): Promise<PlanDto> {
    return this.dataSource.transaction(async (m) => {
      const area = await m.getRepository(Area).findOne({ where: { id: dto.areaId } });
      if (!area) throw fieldError('areaId', 'must name an existing area');
      const network = await m.getRepository(LocalNetwork).findOne({ where: { areaId: area.id } });
      const coordinator = dto.coordinatingAdministrationId ?? network?.coordinatingAdministrationId;
      if (!coordinator)
        throw fieldError(
          'coordinatingAdministrationId',
          'is required: the area has no local network with a coordinator',
        );
      const participants = [...new Set([coordinator, ...dto.participatingAdministrationIds])];
      const known = await m.getRepository(Administration).count({ where: { id: In(participants) } });
      if (known !== participants.length)
        throw fieldError('participatingAdministrationIds', 'each entry must name an existing administration');
      if (!actor.roles.includes('administrator') && actor.administrationId !== coordinator) {
        throw new AppError(
          'FORBIDDEN',
          'Only administrators or staff of the coordinating administration can start a plan.',
        );
      }
      const { persisted, state } = startPlan({
        coordinatingAdministrationId: coordinator,
        participatingAdministrationIds: participants,
      });
      const dueDate = this.stageDueDate(state);
      const repo = m.getRepository(Plan);
      const plan = await repo.save(
        repo.create({
          areaId: area.id,
          budgetYear: dto.budgetYear,
          title: dto.title ?? `Udviklingsplan for ${area.name} (budget ${dto.budgetYear})`,
          coordinatingAdministrationId: coordinator,
          state: persisted as object,
          machineVersion: PLAN_MACHINE_VERSION,
          stage: state.stage,
          status: state.status,
          stateValue: state.value,
          stageEntrySeq: 1,
          stageDueDate: dueDate,
          version: 1,
          createdBy: actor.id,
        }),
      );
      const transitions = m.getRepository(PlanTransition);
      await transitions.save(
        transitions.create({
          planId: plan.id,
          seq: 1,
          event: 'CREATE',
          fromState: null,
          toState: state.value,
          actorId: actor.id,
          actorName: actor.displayName,
          comment: null,
          payload: { participatingAdministrationIds: participants, stageDueDate: dueDate },
          meetingId: null,
        }),
      );
      if (dueDate) await this.deadlines.schedule(m, 'plan', plan.id, 1, dueDate);
      return toPlanDto(plan, area.name, 0);
    });
  }

  /** Applies a workflow event; with an Idempotency-Key a retry returns the first answer. */
  applyEvent(
    actor: AuthUser,
    planId: string,
    dto: PlanEventDto,
    idempotencyKey?: string,
  ): Promise<IdempotentResult<PlanEventResultDto>> {
    return this.idempotency.run(actor.id, idempotencyKey, `plan-event:${planId}`, dto, (m) =>
      this.apply(m, actor, planId, dto),
    );
  }

  private async apply(
    m: EntityManager,
    actor: AuthUser,
    planId: string,
    dto: PlanEventDto,
  ): Promise<PlanEventResultDto> {
    const plan = await this.content.lockPlan(m, planId, 'pessimistic_write');
    if (
      plan.version !== dto.expectedVersion &&
      !(dto.type === 'SIGN_COMMITMENT' && (await this.onlySignedSince(m, plan, dto.expectedVersion)))
    ) {
      throw versionConflict('The plan', dto.expectedVersion, plan.version);
    }
    const at = new Date().toISOString();
    const event = await this.buildEvent(m, plan, actor, dto, at);
    const decision = decidePlanEvent(plan.state, event);
    if (!decision.ok) {
      throw new AppError(
        'WORKFLOW_REFUSED',
        `${PLAN_EVENT_LABELS[dto.type].en} was refused: ${decision.violations.map((v) => v.messageEn).join(' ')}`,
        {
          violations: decision.violations,
        },
      );
    }
    const { from, to, periodRenewed: renewed } = decision;
    const seq = plan.version + 1;

    // Gate decisions keep the content as the forum saw it.
    if (GATE_DECISIONS.has(dto.type)) {
      const gates = m.getRepository(PlanGateVersion);
      await gates.save(
        gates.create({
          planId,
          seq,
          stage: from.stage,
          decision: dto.type,
          content: await this.content.snapshot(m, plan),
        }),
      );
    }
    const meetingId = await this.decisionMeeting(m, plan, dto);

    const dueDate = renewed ? this.stageDueDate(to) : plan.stageDueDate;
    const result = await m
      .createQueryBuilder()
      .update(Plan)
      .set({
        state: decision.persisted as object,
        machineVersion: PLAN_MACHINE_VERSION,
        stage: to.stage,
        status: to.status,
        stateValue: to.value,
        version: seq,
        ...(renewed ? { stageEntrySeq: seq, stageDueDate: dueDate } : {}),
      })
      .where('id = :id AND version = :version', { id: planId, version: plan.version })
      .execute();
    if (!result.affected) throw versionConflict('The plan', dto.expectedVersion, plan.version + 1);

    const transition = m.getRepository(PlanTransition).create({
      planId,
      seq,
      event: dto.type,
      fromState: from.value,
      toState: to.value,
      actorId: actor.id,
      actorName: actor.displayName,
      comment: dto.comment?.trim() || null,
      payload: {
        ...(dto.type === 'APPROVE_WITH_CONDITIONS' ? { conditions: cleanConditions(dto.conditions) } : {}),
        ...(dto.type === 'SIGN_COMMITMENT' ? { administrationId: actor.administrationId } : {}),
        ...(renewed ? { stageDueDate: dueDate } : {}),
      },
      meetingId,
    });
    await m.getRepository(PlanTransition).save(transition);

    await this.effects(m, plan, actor, dto, from, to, seq, renewed, renewed ? dueDate : null);
    const updated = await m.getRepository(Plan).findOneByOrFail({ id: planId });
    return { plan: await this.dto(m, updated), transition: toTransitionDto(transition) };
  }

  private async effects(
    m: EntityManager,
    plan: Plan,
    actor: AuthUser,
    dto: PlanEventDto,
    from: PlanStateView,
    to: PlanStateView,
    seq: number,
    renewed: boolean,
    newDueDate: string | null,
  ) {
    const stageName = PLAN_STAGE_LABELS[from.stage].da;
    const link = `/plans/${plan.id}`;
    switch (dto.type) {
      case 'SUBMIT':
        if (from.stage === 'followUp') await this.content.stampProgressReports(m, plan.id, seq);
        await this.agenda.add(m, {
          subjectType: 'plan',
          subjectId: plan.id,
          kind: 'submission',
          title: `${plan.title}: ${stageName} indsendt`,
          dedupKey: `plan:${plan.id}:submission:${seq}`,
        });
        await this.notifications.notify(m, {
          recipients: { role: 'forum_member' },
          kind: 'plan.submitted',
          link,
          dedupKey: `plan:${plan.id}:submitted:${seq}`,
          title: `${plan.title}: ${stageName} er indsendt til borgmesterforum`,
          body: `${actor.displayName} har indsendt fasen ${stageName} til godkendelse.`,
        });
        break;
      case 'WITHDRAW':
        await this.agenda.resolve(m, 'plan', plan.id, 'withdrawn', ['submission']);
        await this.handBack(m, plan, from, seq);
        break;
      case 'SIGN_COMMITMENT':
        break;
      default: {
        // A decision of the forum. An escalation stays on the agenda until the stage (or follow-up period) it was about is over.
        await this.agenda.resolve(
          m,
          'plan',
          plan.id,
          dto.type.toLowerCase(),
          renewed ? ['submission', 'escalation'] : ['submission'],
        );
        if (dto.type === 'RETURN') await this.handBack(m, plan, from, seq);
        if (dto.type === 'APPROVE_WITH_CONDITIONS') {
          const repo = m.getRepository(PlanCondition);
          await repo.insert(
            cleanConditions(dto.conditions).map((text) =>
              repo.create({ planId: plan.id, stage: from.stage, text, imposedSeq: seq }),
            ),
          );
        }
        await this.notifications.notify(m, {
          recipients: {
            administrationId: plan.coordinatingAdministrationId,
            userIds: from.context.submittedBy ? [from.context.submittedBy] : [],
          },
          kind: `plan.${dto.type.toLowerCase()}`,
          link,
          dedupKey: `plan:${plan.id}:decision:${seq}`,
          title: `${plan.title}: ${PLAN_EVENT_LABELS[dto.type].da} (${stageName})`,
          body: [
            `Borgmesterforum: ${PLAN_EVENT_LABELS[dto.type].da}.`,
            dto.comment?.trim(),
            ...(dto.type === 'APPROVE_WITH_CONDITIONS'
              ? cleanConditions(dto.conditions).map((c) => `Betingelse: ${c}`)
              : []),
          ]
            .filter(Boolean)
            .join('\n'),
        });
      }
    }
    if (newDueDate && to.stage !== 'closed') await this.deadlines.schedule(m, 'plan', plan.id, seq, newDueDate);
    if (to.stage === 'closed') await this.agenda.resolve(m, 'plan', plan.id, 'closed');
  }

  /**
   * A submission handed back to the administration (returned or withdrawn):
   * a returned progress report can be worked on again, and a stage whose
   * deadline passed while the forum held it escalates now (unless its
   * escalation is still on the agenda).
   */
  private async handBack(m: EntityManager, plan: Plan, from: PlanStateView, seq: number): Promise<void> {
    if (from.stage === 'followUp') await this.content.reopenProgressReports(m, plan.id);
    if (
      plan.stageDueDate &&
      plan.stageDueDate < today() &&
      !(await this.agenda.hasOpen(m, 'plan', plan.id, 'escalation'))
    ) {
      await this.deadlines.escalateNow(m, 'plan', plan.id, plan.stageEntrySeq, plan.stageDueDate, seq);
    }
  }

  /** What the calling user may do now, and for what they may not, why not. */
  async actions(actor: AuthUser, planId: string): Promise<PlanActionsDto> {
    const m = this.dataSource.manager;
    const plan = await m.getRepository(Plan).findOne({ where: { id: planId } });
    if (!plan) throw notFound('Plan', planId);
    const facts = await this.content.facts(m, plan);
    const state = viewPlanState(plan.state);
    return {
      planId,
      version: plan.version,
      stateValue: plan.stateValue,
      actions: planActions(plan.state, actor, facts).map((a) => ({ ...a, label: PLAN_EVENT_LABELS[a.type].da })),
      missing: state.stage === 'closed' ? [] : stageCompleteness(state.stage, state.context, facts),
      editableSections: this.content.editableSections(actor, plan),
    };
  }

  /** Closes a condition task; it is on the record like every workflow change. */
  async closeCondition(actor: AuthUser, planId: string, conditionId: string, dto: CloseConditionDto): Promise<PlanDto> {
    return this.dataSource.transaction(async (m) => {
      const plan = await this.content.lockPlan(m, planId, 'pessimistic_write');
      if (plan.version !== dto.expectedVersion) throw versionConflict('The plan', dto.expectedVersion, plan.version);
      if (!actor.roles.includes('staff') || actor.administrationId !== plan.coordinatingAdministrationId) {
        throw new AppError('FORBIDDEN', 'Only staff of the coordinating administration can close a condition.');
      }
      const condition = await m.getRepository(PlanCondition).findOne({ where: { id: conditionId, planId } });
      if (!condition) throw notFound('Condition', conditionId);
      if (condition.status === 'closed') throw new AppError('CONFLICT', 'The condition is already closed.');
      await m
        .getRepository(PlanCondition)
        .update(conditionId, { status: 'closed', closedBy: actor.id, closedAt: new Date(), closingNote: dto.note });
      await this.recordAside(m, plan, actor, 'CLOSE_CONDITION', dto.note, { conditionId, text: condition.text });
      return this.dto(m, await m.getRepository(Plan).findOneByOrFail({ id: planId }));
    });
  }

  /** Moves the current stage's deadline; the old reminder and escalation become no-ops. */
  async moveDeadline(actor: AuthUser, planId: string, dto: MoveDeadlineDto): Promise<PlanDto> {
    return this.dataSource.transaction(async (m) => {
      const plan = await this.content.lockPlan(m, planId, 'pessimistic_write');
      if (plan.version !== dto.expectedVersion) throw versionConflict('The plan', dto.expectedVersion, plan.version);
      if (plan.stage === 'closed')
        throw new AppError('WORKFLOW_REFUSED', 'A closed plan has no deadline.', { violations: [] });
      await m.getRepository(Plan).update(planId, { stageDueDate: dto.dueDate });
      const seq = await this.recordAside(m, plan, actor, 'MOVE_DEADLINE', dto.reason, {
        from: plan.stageDueDate,
        to: dto.dueDate,
      });
      // The escalation was about the old deadline; the new one escalates on its own if it too is missed.
      await this.agenda.resolve(m, 'plan', planId, 'deadline_moved', ['escalation']);
      await this.deadlines.schedule(m, 'plan', planId, plan.stageEntrySeq, dto.dueDate, seq);
      return this.dto(m, await m.getRepository(Plan).findOneByOrFail({ id: planId }));
    });
  }

  /** Reminder and escalation of a stage deadline. A job for a stage left or a deadline moved does nothing. */
  async handleDeadline(data: DeadlineJobData): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      // Locked like every change of the plan, so a deadline moved at the same moment is either seen or resolves what this adds.
      const plan = await m
        .getRepository(Plan)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :id', { id: data.subjectId })
        .getOne();
      if (
        !plan ||
        plan.stage === 'closed' ||
        plan.stageEntrySeq !== data.entrySeq ||
        plan.stageDueDate !== data.dueDate ||
        (await this.movedSince(m, plan.id, data))
      ) {
        this.logger.log({ msg: 'Deadline job no longer current; nothing to do', ...data });
        return;
      }
      const key = `${data.entrySeq}:${data.dueDate}${data.scheduledSeq ? `:${data.scheduledSeq}` : ''}`;
      // A stage awaiting the forum is not late on the administration's side.
      if (plan.status === 'submitted') return;
      const stageName = PLAN_STAGE_LABELS[plan.stage].da;
      const link = `/plans/${plan.id}`;
      if (data.kind === 'due') return; // plans have no separate 'due' moment
      if (data.kind === 'reminder') {
        await this.notifications.notify(m, {
          recipients: { administrationId: plan.coordinatingAdministrationId },
          kind: 'plan.deadline.reminder',
          link,
          dedupKey: `plan:${plan.id}:reminder:${key}`,
          title: `${plan.title}: fristen for ${stageName} er ${data.dueDate}`,
          body: `Fasen ${stageName} skal indsendes til borgmesterforum senest ${data.dueDate}.`,
        });
        return;
      }
      // One open escalation at a time: a stage handed back early on the day after its deadline escalates at once, and its ordinary job then finds it done.
      if (await this.agenda.hasOpen(m, 'plan', plan.id, 'escalation')) return;
      await this.agenda.add(m, {
        subjectType: 'plan',
        subjectId: plan.id,
        kind: 'escalation',
        title: `${plan.title}: ${stageName} er over fristen (${data.dueDate})`,
        dedupKey: `plan:${plan.id}:escalation:${key}`,
      });
      await this.notifications.notify(m, {
        recipients: { administrationId: plan.coordinatingAdministrationId, role: 'forum_member' },
        kind: 'plan.deadline.escalation',
        link,
        dedupKey: `plan:${plan.id}:escalation:${key}`,
        title: `${plan.title}: ${stageName} er over fristen`,
        body: `Fristen ${data.dueDate} for fasen ${stageName} er overskredet. Planen er sat på borgmesterforums dagsorden.`,
      });
    });
  }

  /**
   * The administrations sign their commitments in parallel: a signature made
   * on a version that others' signatures have since stepped is still a
   * signature on the plan that administration saw, so it is not a conflict.
   * Anything else in between (a decision, a moved deadline) is.
   */
  private async onlySignedSince(m: EntityManager, plan: Plan, expectedVersion: number): Promise<boolean> {
    if (expectedVersion > plan.version || expectedVersion < 1) return false;
    const rows: { other: string }[] = await m.query(
      `SELECT count(*) FILTER (WHERE event <> 'SIGN_COMMITMENT') AS other FROM plan_transition WHERE plan_id = $1 AND seq > $2`,
      [plan.id, expectedVersion],
    );
    return Number(rows[0]?.other ?? 1) === 0;
  }

  /** Whether the deadline was moved after this job was scheduled (the move scheduled jobs of its own). */
  private async movedSince(m: EntityManager, planId: string, data: DeadlineJobData): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM plan_transition WHERE plan_id = $1 AND event = 'MOVE_DEADLINE' AND seq > $2 LIMIT 1`,
      [planId, data.scheduledSeq ?? data.entrySeq],
    );
    return rows.length > 0;
  }

  async dto(m: EntityManager, plan: Plan): Promise<PlanDto> {
    const area = await m.getRepository(Area).findOneByOrFail({ id: plan.areaId });
    const open = await m.getRepository(PlanCondition).count({ where: { planId: plan.id, status: 'open' } });
    return toPlanDto(plan, area.name, open);
  }

  private async buildEvent(
    m: EntityManager,
    plan: Plan,
    actor: AuthUser,
    dto: PlanEventDto,
    at: string,
  ): Promise<PlanEvent> {
    const base = { actor, at };
    switch (dto.type) {
      case 'SUBMIT':
        return { ...base, type: 'SUBMIT', facts: await this.content.facts(m, plan) };
      case 'APPROVE':
        return { ...base, type: 'APPROVE', comment: dto.comment };
      case 'APPROVE_WITH_CONDITIONS':
        return {
          ...base,
          type: 'APPROVE_WITH_CONDITIONS',
          conditions: cleanConditions(dto.conditions),
          comment: dto.comment,
        };
      case 'RETURN':
      case 'SEND_BACK_TO_PLANNING':
      case 'CLOSE':
        return { ...base, type: dto.type, comment: dto.comment ?? '' };
      case 'WITHDRAW':
      case 'SIGN_COMMITMENT':
        return { ...base, type: dto.type };
    }
  }

  private async decisionMeeting(m: EntityManager, plan: Plan, dto: PlanEventDto): Promise<string | null> {
    if (!GATE_DECISIONS.has(dto.type)) return null;
    if (dto.meetingId) {
      if (!(await m.getRepository(Meeting).exists({ where: { id: dto.meetingId } })))
        throw fieldError('meetingId', 'must name an existing meeting');
      return dto.meetingId;
    }
    return this.agenda.meetingOfOpenSubmission(m, 'plan', plan.id);
  }

  /** A change on the record that is not a state transition (state stays, version steps). */
  private async recordAside(
    m: EntityManager,
    plan: Plan,
    actor: AuthUser,
    event: string,
    comment: string,
    payload: Record<string, unknown>,
  ): Promise<number> {
    const seq = plan.version + 1;
    await m
      .createQueryBuilder()
      .update(Plan)
      .set({ version: seq })
      .where('id = :id AND version = :v', { id: plan.id, v: plan.version })
      .execute();
    const transitions = m.getRepository(PlanTransition);
    await transitions.save(
      transitions.create({
        planId: plan.id,
        seq,
        event,
        fromState: plan.stateValue,
        toState: plan.stateValue,
        actorId: actor.id,
        actorName: actor.displayName,
        comment,
        payload,
        meetingId: null,
      }),
    );
    return seq;
  }

  private stageDueDate(state: PlanStateView): string | null {
    if (state.stage === 'closed') return null;
    const days = stageWorkingDays(this.config.env)[state.stage];
    return days ? this.deadlines.dueDate(today(), days) : null;
  }
}

function cleanConditions(conditions: string[] | undefined): string[] {
  return (conditions ?? []).map((c) => c.trim()).filter((c) => c.length > 0);
}

function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field} ${message}`, {
    errors: [{ field, messages: [`${field} ${message}`] }],
  });
}
