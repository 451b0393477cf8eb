/**
 * What each plan event causes besides its new state, as data (the effect
 * vocabulary of workflow/effects.ts): agenda items, notifications, deadline
 * jobs, gate snapshots, condition tasks. The persistence path executes them.
 */
import { agendaText, message, notifyText } from '../messages.js';
import type { Effect, OutcomeBase, OutcomeInput } from '../workflow/effects.js';
import { planStageDueDate } from './plan-deadlines.js';
import type { PlanDeadlinePolicy } from './plan-deadlines.js';
import type { PlanDecision } from './plan-workflow.js';
import { PLAN_STAGE_LABELS } from './plan-types.js';
import type { PlanEvent, PlanEventType } from './plan-types.js';

/** Decisions of the mayors' forum: each keeps the plan's whole content as it was, and records its meeting. */
export const PLAN_GATE_DECISIONS = [
  'APPROVE',
  'APPROVE_WITH_CONDITIONS',
  'RETURN',
  'SEND_BACK_TO_PLANNING',
  'CLOSE',
] as const satisfies readonly PlanEventType[];

export function isGateDecision(type: string): boolean {
  return (PLAN_GATE_DECISIONS as readonly string[]).includes(type);
}

/** The conditions as the forum wrote them, without blanks. */
export function cleanConditions(conditions: readonly string[] | undefined): string[] {
  return (conditions ?? []).map((c) => c.trim()).filter((c) => c.length > 0);
}

/** The plan as it is before the event: what the effects need to know of it. */
/** A notification's title and body: the Danish text (stored, e-mailed) and the keys with parameters. */
export interface PlanInHand {
  id: string;
  title: string;
  budgetYear: number;
  coordinatingAdministrationId: string;
  stageDueDate: string | null;
  stageEntrySeq: number;
}

export interface PlanOutcome extends OutcomeBase {
  /** A new period began: it was entered at this version, with this due date. null: the deadline stays. */
  renewed: { stageEntrySeq: number; stageDueDate: string | null } | null;
}

export interface PlanOutcomeInput extends OutcomeInput<Extract<PlanDecision, { ok: true }>, PlanEvent> {
  plan: PlanInHand;
  policy: PlanDeadlinePolicy;
}

/** The record's payload, the deadline and the effects of an allowed plan event. */
export function planOutcome(input: PlanOutcomeInput): PlanOutcome {
  const { plan, decision, event, seq, comment, today } = input;
  const { from, to, periodRenewed } = decision;
  const dueDate = periodRenewed ? planStageDueDate(to.stage, today, input.policy) : plan.stageDueDate;
  const conditions = event.type === 'APPROVE_WITH_CONDITIONS' ? cleanConditions(event.conditions) : [];
  const payload: Record<string, unknown> = {
    ...(event.type === 'APPROVE_WITH_CONDITIONS' ? { conditions } : {}),
    ...(event.type === 'SIGN_COMMITMENT' ? { administrationId: event.actor.administrationId } : {}),
    ...(periodRenewed ? { stageDueDate: dueDate } : {}),
  };
  const link = `/plans/${plan.id}`;
  const effects: Effect[] = [];
  const handBack = () => {
    if (from.stage === 'followUp') effects.push({ kind: 'progressReports.reopen' });
    // The forum held the stage when its deadline passed: it escalates now, unless its escalation is still on the
    // agenda.
    if (plan.stageDueDate && plan.stageDueDate < today)
      effects.push({
        kind: 'deadline.escalateNow',
        entrySeq: plan.stageEntrySeq,
        dueDate: plan.stageDueDate,
        scheduledSeq: seq,
      });
  };

  switch (event.type) {
    case 'SUBMIT':
      if (from.stage === 'followUp') effects.push({ kind: 'progressReports.stamp' });
      effects.push(
        {
          kind: 'agenda.add',
          itemKind: 'submission',
          ...agendaText(message('agenda.plan.submitted', { plan: plan.title, stage: from.stage })),
          dedupKey: `plan:${plan.id}:submission:${seq}`,
        },
        {
          kind: 'notify',
          to: { role: 'forum_member' },
          notification: 'plan.submitted',
          link,
          dedupKey: `plan:${plan.id}:submitted:${seq}`,
          ...notifyText(
            message('plan.submitted.title', { plan: plan.title, stage: from.stage }),
            message('plan.submitted.body', { actor: input.actorName, stage: from.stage }),
          ),
        },
      );
      break;
    case 'WITHDRAW':
      effects.push({ kind: 'agenda.resolve', resolution: 'withdrawn', itemKinds: ['submission'] });
      handBack();
      break;
    case 'SIGN_COMMITMENT':
      break;
    default: {
      // A decision of the forum, on the content as the forum saw it.
      effects.push({
        kind: 'gate.snapshot',
        stage: from.stage,
        decision: event.type,
        plan: {
          title: plan.title,
          budgetYear: plan.budgetYear,
          stage: from.stage,
          coordinatingAdministrationId: plan.coordinatingAdministrationId,
          participatingAdministrationIds: from.context.participatingAdministrationIds,
          signatures: from.context.signatures,
          stageDueDate: plan.stageDueDate,
        },
      });
      // An escalation stays on the agenda until the stage (or follow-up period) it was about is over.
      effects.push({
        kind: 'agenda.resolve',
        resolution: event.type.toLowerCase(),
        itemKinds: periodRenewed ? ['submission', 'escalation'] : ['submission'],
      });
      if (event.type === 'RETURN') handBack();
      if (event.type === 'APPROVE_WITH_CONDITIONS')
        effects.push({ kind: 'conditions.add', stage: from.stage, texts: conditions });
      effects.push({
        kind: 'notify',
        to: {
          administrationId: plan.coordinatingAdministrationId,
          userIds: from.context.submittedBy ? [from.context.submittedBy] : [],
        },
        notification: `plan.${event.type.toLowerCase()}`,
        link,
        dedupKey: `plan:${plan.id}:decision:${seq}`,
        ...notifyText(
          message('plan.decided.title', { plan: plan.title, decision: event.type, stage: from.stage }),
          message('plan.decided.body', {
            decision: event.type,
            comment: comment ?? null,
            conditions: conditions.join('\n') || null,
          }),
        ),
      });
    }
  }
  if (periodRenewed && dueDate && to.stage !== 'closed')
    effects.push({ kind: 'deadline.schedule', entrySeq: seq, dueDate });
  if (to.stage === 'closed')
    effects.push({ kind: 'agenda.resolve', resolution: 'closed', itemKinds: ['submission', 'escalation'] });
  return { renewed: periodRenewed ? { stageEntrySeq: seq, stageDueDate: dueDate } : null, payload, effects };
}

/** Moving the stage deadline: the old escalation is resolved, and the new date gets jobs of its own. */
export function planDeadlineMoveEffects(plan: PlanInHand, dueDate: string, seq: number): Effect[] {
  return [
    { kind: 'agenda.resolve', resolution: 'deadline_moved', itemKinds: ['escalation'] },
    { kind: 'deadline.schedule', entrySeq: plan.stageEntrySeq, dueDate, scheduledSeq: seq },
  ];
}

export interface PlanDeadlineJob {
  kind: 'reminder' | 'escalation' | 'due';
  entrySeq: number;
  dueDate: string;
  scheduledSeq?: number;
}

/**
 * A reminder or escalation job of the stage deadline, for a plan whose
 * deadline runs (planDeadlineRuns) and whose job is current. Escalation: one
 * open at a time (`escalationOpen`).
 */
export function planDeadlineJobEffects(
  plan: PlanInHand & { stage: keyof typeof PLAN_STAGE_LABELS },
  job: PlanDeadlineJob,
  escalationOpen: boolean,
): Effect[] {
  const key = `${job.entrySeq}:${job.dueDate}${job.scheduledSeq ? `:${job.scheduledSeq}` : ''}`;
  const link = `/plans/${plan.id}`;
  if (job.kind === 'due') return []; // plans have no separate 'due' moment
  if (job.kind === 'reminder')
    return [
      {
        kind: 'notify',
        to: { administrationId: plan.coordinatingAdministrationId },
        notification: 'plan.deadline.reminder',
        link,
        dedupKey: `plan:${plan.id}:reminder:${key}`,
        ...notifyText(
          message('plan.deadline.reminder.title', { plan: plan.title, stage: plan.stage, dueDate: job.dueDate }),
          message('plan.deadline.reminder.body', { stage: plan.stage, dueDate: job.dueDate }),
        ),
      },
    ];
  // A stage handed back early on the day after its deadline escalates at once; its ordinary job then finds it done.
  if (escalationOpen) return [];
  return [
    {
      kind: 'agenda.add',
      itemKind: 'escalation',
      ...agendaText(message('agenda.plan.overdue', { plan: plan.title, stage: plan.stage, dueDate: job.dueDate })),
      dedupKey: `plan:${plan.id}:escalation:${key}`,
    },
    {
      kind: 'notify',
      to: { administrationId: plan.coordinatingAdministrationId, role: 'forum_member' },
      notification: 'plan.deadline.escalation',
      link,
      dedupKey: `plan:${plan.id}:escalation:${key}`,
      ...notifyText(
        message('plan.deadline.escalation.title', { plan: plan.title, stage: plan.stage }),
        message('plan.deadline.escalation.body', { stage: plan.stage, dueDate: job.dueDate }),
      ),
    },
  ];
}
