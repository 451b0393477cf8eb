import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  cleanConditions,
  conditionCloseRefusal,
  creditDecision,
  deadlineDayViolation,
  decidePlanEvent,
  editableSections,
  isGateDecision,
  PLAN_EVENT_LABELS,
  PLAN_MACHINE_VERSION,
  planActions,
  planDeadlineJobEffects,
  planDeadlineMoveEffects,
  planDeadlineRuns,
  planOutcome,
  planStageDueDate,
  planStartRefusal,
  planWithoutNetworkRefusal,
  stageCompleteness,
  startPlan,
  viewPlanState,
  type PlanEvent,
  withinRoles,
} from '#domain';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound } from '../platform/common/app-error.js';
import { databaseConflict } from '../platform/common/database-conflicts.js';
import { fieldError } from '../interventions/references.js';
import { DeadlineHandlers } from '../deadlines/deadline-handlers.service.js';
import { DeadlineScheduler, type DeadlineJobData } from '../deadlines/deadline-scheduler.service.js';
import { IdempotencyService, type IdempotentResult } from '../platform/idempotency/idempotency.service.js';
import { Area } from '../master-data/area.entity.js';
import { LocalNetwork } from '../master-data/local-network.entity.js';
import { networkStarter } from '../master-data/local-network.js';
import { Administration } from '../master-data/administration.entity.js';
import { AgendaService } from '../meetings/agenda.service.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { hydrate } from '../workflow/hydrate.js';
import { json, refused, WorkflowStore, type Outcome } from '../workflow/workflow-store.js';
import { PlanAdapter, type LockedPlan } from './plan.adapter.js';
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
    private readonly adapter: PlanAdapter,
    private readonly store: WorkflowStore,
    private readonly deadlines: DeadlineScheduler,
    private readonly deadlineHandlers: DeadlineHandlers,
    private readonly agenda: AgendaService,
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
      if (!network) {
        // A plan is started in an area with a local network: the refusal names the network starter (TMF in
        // Copenhagen), so the client can offer to start the network with it as the first coordinator.
        const starter = await networkStarter(m);
        const violation = planWithoutNetworkRefusal(area.name, starter?.name ?? null);
        throw new AppError('WORKFLOW_REFUSED', violation.messageEn, {
          violations: [violation],
          network: { areaId: area.id, starterAdministrationId: starter?.id ?? null },
        });
      }
      const coordinator = dto.coordinatingAdministrationId ?? network.coordinatingAdministrationId;
      const participants = [...new Set([coordinator, ...dto.participatingAdministrationIds])];
      const known = await m.getRepository(Administration).count({ where: { id: In(participants) } });
      if (known !== participants.length)
        throw fieldError('participatingAdministrationIds', 'each entry must name an existing administration');
      const refusal = planStartRefusal(actor, coordinator);
      if (refusal) throw new AppError('FORBIDDEN', refusal.messageEn, { violations: [refusal] });
      const { persisted, state } = startPlan({
        coordinatingAdministrationId: coordinator,
        participatingAdministrationIds: participants,
      });
      const dueDate = planStageDueDate(state.stage, today(), this.adapter.deadlinePolicy);
      const repo = m.getRepository(Plan);
      const plan = await repo
        .save(
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
        )
        .catch((err: unknown) => {
          throw databaseConflict(err, { area: area.name, budget_year: dto.budgetYear }) ?? err;
        });
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
    const gate = isGateDecision(dto.type);
    const named =
      gate && dto.meetingId ? await m.getRepository(Meeting).findOne({ where: { id: dto.meetingId } }) : null;
    if (gate && dto.meetingId && !named) throw fieldError('meetingId', 'must name an existing meeting');
    let conditionsAdded = 0;
    const outcome = await this.store.run(
      m,
      this.adapter,
      planId,
      {
        expected: dto.expectedVersion,
        // Parallel sign-offs: a signature on a version that only other signatures have stepped since is no conflict.
        tolerated: (tx, locked) =>
          dto.type === 'SIGN_COMMITMENT' ? this.onlySignedSince(tx, locked.plan, dto.expectedVersion) : false,
      },
      async ({ plan, areaName, meetings }, seq) => {
        const at = new Date().toISOString();
        const event = await this.buildEvent(m, plan, actor, dto, at);
        const decision = decidePlanEvent(plan.state, event, plan.machineVersion);
        if (!decision.ok) throw refused(PLAN_EVENT_LABELS[dto.type].en, decision.violations);
        const comment = dto.comment?.trim() || null;
        const { renewed, payload, effects } = planOutcome({
          plan: plan,
          decision,
          event,
          seq,
          comment,
          actorName: actor.displayName,
          today: today(),
          policy: this.adapter.deadlinePolicy,
        });
        if (event.type === 'APPROVE_WITH_CONDITIONS') conditionsAdded = event.conditions.length;
        const { from, to } = decision;
        // A decision on a meeting's day is that meeting's; on any other day it is a written procedure.
        const credit = gate ? creditDecision(today(), [named, meetings.agenda, meetings.today]) : null;
        return {
          set: {
            state: json(decision.persisted),
            machine_version: PLAN_MACHINE_VERSION,
            stage: to.stage,
            status: to.status,
            state_value: to.value,
            ...(renewed ? { stage_entry_seq: renewed.stageEntrySeq, stage_due_date: renewed.stageDueDate } : {}),
          },
          record: {
            event: dto.type,
            fromState: from.value,
            toState: to.value,
            actorId: actor.id,
            actorName: actor.displayName,
            comment,
            payload,
            ...(credit ? { meeting: { id: credit.meetingId } } : {}),
          },
          effects,
          ...(credit
            ? {
                decision: {
                  subjectTitle: plan.title,
                  subjectDetail: areaName,
                  conditions: event.type === 'APPROVE_WITH_CONDITIONS' ? event.conditions : [],
                  credit,
                },
              }
            : {}),
        };
      },
    );
    return { plan: this.answer(m, outcome, conditionsAdded), transition: toTransitionDto(outcome.record) };
  }

  /** The plan as the update returned it (the open conditions counted beside it, plus what the effects added). */
  private answer(m: EntityManager, outcome: Outcome<LockedPlan>, openConditionsDelta = 0): PlanDto {
    const plan = hydrate(m, Plan, outcome.after);
    return toPlanDto(plan, outcome.before.areaName, Number(outcome.after.open_conditions) + openConditionsDelta);
  }

  /** What the calling user may do now, and for what they may not, why not. */
  async actions(actor: AuthUser, planId: string): Promise<PlanActionsDto> {
    const m = this.dataSource.manager;
    const plan = await m.getRepository(Plan).findOne({ where: { id: planId } });
    if (!plan) throw notFound('Plan', planId);
    const state = viewPlanState(plan.state, plan.machineVersion);
    const facts = await this.adapter.facts(m, plan, state.context.participatingAdministrationIds);
    return {
      planId,
      version: plan.version,
      stateValue: plan.stateValue,
      actions: planActions(plan.state, actor, facts, plan.machineVersion).map((a) => ({
        ...a,
        label: PLAN_EVENT_LABELS[a.type].da,
        withinRoles: withinRoles(actor, a.violations),
      })),
      missing: state.stage === 'closed' ? [] : stageCompleteness(state.stage, state.context, facts),
      editableSections: editableSections(actor, {
        stage: plan.stage,
        status: plan.status,
        participatingAdministrationIds: state.context.participatingAdministrationIds,
      }),
    };
  }

  /** Closes a condition task: an aside on the record, through the same path as every change. */
  async closeCondition(actor: AuthUser, planId: string, conditionId: string, dto: CloseConditionDto): Promise<PlanDto> {
    return this.dataSource.transaction(async (m) => {
      const outcome = await this.store.run(
        m,
        this.adapter,
        planId,
        { expected: dto.expectedVersion },
        async ({ plan }) => {
          const refusal = conditionCloseRefusal(actor, plan.coordinatingAdministrationId);
          if (refusal) throw new AppError('FORBIDDEN', refusal.messageEn, { violations: [refusal] });
          const [condition] = (await m.query(
            `SELECT "text", "status" FROM "plan_condition" WHERE "id" = $1 AND "plan_id" = $2`,
            [conditionId, planId],
          )) as { text: string; status: string }[];
          if (!condition) throw notFound('Condition', conditionId);
          if (condition.status === 'closed') throw new AppError('CONFLICT', 'The condition is already closed.');
          return {
            set: {},
            record: this.aside(plan, actor, 'CLOSE_CONDITION', dto.note, { conditionId, text: condition.text }),
            effects: [{ kind: 'conditions.close', conditionId, actorId: actor.id, note: dto.note }],
          };
        },
      );
      return this.answer(m, outcome, -1);
    });
  }

  /** Moves the current stage's deadline; the old reminder and escalation become no-ops. */
  async moveDeadline(actor: AuthUser, planId: string, dto: MoveDeadlineDto): Promise<PlanDto> {
    const notWorking = deadlineDayViolation(dto.dueDate, this.adapter.deadlinePolicy.calendar);
    if (notWorking) {
      const { suggestedDate, ...violation } = notWorking;
      throw new AppError('WORKFLOW_REFUSED', violation.messageEn, {
        violations: [violation],
        suggestedDueDate: suggestedDate,
      });
    }
    return this.dataSource.transaction(async (m) => {
      const outcome = await this.store.run(
        m,
        this.adapter,
        planId,
        { expected: dto.expectedVersion },
        ({ plan }, seq) => {
          if (plan.stage === 'closed')
            throw new AppError('WORKFLOW_REFUSED', 'A closed plan has no deadline.', { violations: [] });
          return {
            set: { stage_due_date: dto.dueDate },
            record: this.aside(plan, actor, 'MOVE_DEADLINE', dto.reason, { from: plan.stageDueDate, to: dto.dueDate }),
            // The escalation was about the old deadline; the new one escalates on its own if it too is missed.
            effects: planDeadlineMoveEffects(plan, dto.dueDate, seq),
          };
        },
      );
      return this.answer(m, outcome);
    });
  }

  /** Reminder and escalation of a stage deadline. A job for a stage left or a deadline moved does nothing. */
  async handleDeadline(data: DeadlineJobData): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      // Locked like every change of the plan, so a deadline moved at the same moment is either seen or resolves what
      // this adds.
      const locked = await this.adapter.lock(m, data.subjectId).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
        throw err;
      });
      const plan = locked?.plan;
      if (
        !locked ||
        !plan ||
        plan.stage === 'closed' ||
        plan.stageEntrySeq !== data.entrySeq ||
        plan.stageDueDate !== data.dueDate ||
        (await this.movedSince(m, plan.id, data))
      ) {
        this.logger.log({ msg: 'Deadline job no longer current; nothing to do', ...data });
        return;
      }
      // A stage awaiting the forum is not late on the administration's side.
      if (!planDeadlineRuns(plan)) return;
      const escalationOpen =
        data.kind === 'escalation' && (await this.agenda.hasOpen(m, 'plan', plan.id, 'escalation'));
      const effects = planDeadlineJobEffects(plan, data, escalationOpen);
      await this.store.runEffects(m, this.adapter, locked, effects, plan.version);
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
      `SELECT count(*) FILTER (WHERE event <> 'SIGN_COMMITMENT') AS other FROM plan_transition WHERE plan_id = $1
        AND seq > $2`,
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

  /** An aside's record entry: the state stays, the version steps. */
  private aside(plan: Plan, actor: AuthUser, event: string, comment: string, payload: Record<string, unknown>) {
    return {
      event,
      fromState: plan.stateValue,
      toState: plan.stateValue,
      actorId: actor.id,
      actorName: actor.displayName,
      comment,
      payload,
    };
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
      case 'SUBMIT': {
        const { context } = viewPlanState(plan.state, plan.machineVersion);
        return {
          ...base,
          type: 'SUBMIT',
          facts: await this.adapter.facts(m, plan, context.participatingAdministrationIds),
        };
      }
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
}
