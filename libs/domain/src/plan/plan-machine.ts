/**
 * Generates the XState machine from PLAN_TRANSITIONS. Nothing here decides a
 * rule: the single guard, `rules`, evaluates the named rules a row lists.
 */
import { assign, setup } from 'xstate';
import { evaluatePlanRules } from './plan-rules.js';
import type { PlanRuleName } from './plan-rules.js';
import { PLAN_TRANSITIONS } from './plan-transitions.js';
import type { PlanEffect, PlanTransition } from './plan-transitions.js';
import { ACTIVE_PLAN_STAGES } from './plan-types.js';
import type { ActivePlanStage, PlanContext, PlanEvent, PlanInput, PlanStatus } from './plan-types.js';

/** Bump when states or context change shape, so persisted plans can be migrated. */
export const PLAN_MACHINE_VERSION = 1;
export const PLAN_MACHINE_ID = 'plan';

export interface PlanRulesGuardParams {
  stage: ActivePlanStage;
  rules: readonly PlanRuleName[];
}

interface GeneratedTransition {
  target?: string;
  guard: { type: 'rules'; params: PlanRulesGuardParams };
  actions: { type: PlanEffect }[];
}

function targetOf(row: PlanTransition, stage: ActivePlanStage): string | undefined {
  const to = row.to;
  if (to === 'self') return undefined;
  if (to === 'closed') return `#${PLAN_MACHINE_ID}.closed`;
  if (to === 'nextStage') {
    const next = ACTIVE_PLAN_STAGES[ACTIVE_PLAN_STAGES.indexOf(stage) + 1];
    if (!next) throw new Error(`${row.event}: stage ${stage} has no next stage`);
    return `#${PLAN_MACHINE_ID}.${next}.drafting`;
  }
  if (typeof to === 'object') return `#${PLAN_MACHINE_ID}.${to.stage}.drafting`;
  return `#${PLAN_MACHINE_ID}.${stage}.${to}`;
}

function transitionsFor(stage: ActivePlanStage, status: PlanStatus): Record<string, GeneratedTransition> {
  const on: Record<string, GeneratedTransition> = {};
  for (const row of PLAN_TRANSITIONS) {
    if (row.from !== status || !row.stages.includes(stage)) continue;
    if (on[row.event]) throw new Error(`PLAN_TRANSITIONS: two rows for ${row.event} in ${stage}.${status}`);
    on[row.event] = {
      target: targetOf(row, stage),
      guard: { type: 'rules', params: { stage, rules: row.rules } },
      actions: row.effects.map((type) => ({ type })),
    };
  }
  return on;
}

interface GeneratedStageState {
  initial: 'drafting';
  states: Record<PlanStatus, { on: Record<string, GeneratedTransition> }>;
}

/** Typed as a record over the stages so that the machine's state value type names them. */
const stageStates = Object.fromEntries(
  ACTIVE_PLAN_STAGES.map((stage): [ActivePlanStage, GeneratedStageState] => [
    stage,
    {
      initial: 'drafting',
      states: {
        drafting: { on: transitionsFor(stage, 'drafting') },
        submitted: { on: transitionsFor(stage, 'submitted') },
      },
    },
  ]),
) as Record<ActivePlanStage, GeneratedStageState>;

export const planMachine = setup({
  types: {} as { context: PlanContext; events: PlanEvent; input: PlanInput },
  guards: {
    rules: ({ context, event }, params: PlanRulesGuardParams) =>
      evaluatePlanRules(params.rules, { context, event, stage: params.stage }).length === 0,
  },
  actions: {
    recordSubmission: assign(({ event }) => ({ submittedBy: event.actor.id, submittedAt: event.at })),
    clearSubmission: assign({ submittedBy: null, submittedAt: null }),
    recordSignature: assign(({ context, event }) => {
      const id = event.actor.administrationId;
      if (id === null) return {};
      return { signatures: { ...context.signatures, [id]: { by: event.actor.id, at: event.at } } };
    }),
    clearSignatures: assign({ signatures: {} }),
    countProgressReport: assign(({ context }) => ({ progressReportsAccepted: context.progressReportsAccepted + 1 })),
  },
}).createMachine({
  id: PLAN_MACHINE_ID,
  version: String(PLAN_MACHINE_VERSION),
  context: ({ input }) => ({
    coordinatingAdministrationId: input.coordinatingAdministrationId,
    // The coordinator always participates.
    participatingAdministrationIds: [
      ...new Set([input.coordinatingAdministrationId, ...input.participatingAdministrationIds]),
    ],
    submittedBy: null,
    submittedAt: null,
    signatures: {},
    progressReportsAccepted: 0,
  }),
  initial: 'mapping',
  states: {
    ...stageStates,
    closed: { type: 'final' },
  },
});

export type PlanMachine = typeof planMachine;
