/**
 * The plan machine, generated from PLAN_TRANSITIONS by the workflow kit's one
 * generator. Nothing here decides a rule: the single guard, `rules`,
 * evaluates the named rules a row lists.
 */
import { assign, setup } from 'xstate';
import { blankContext, machineFromTable } from '../workflow/machine-from-table.js';
import { evaluatePlanRules } from './plan-rules.js';
import type { PlanRuleName } from './plan-rules.js';
import { PLAN_MACHINE_ID, PLAN_TABLE } from './plan-transitions.js';
import type { ActivePlanStage, PlanContext, PlanEvent, PlanInput, PlanStatus } from './plan-types.js';

/** Bump when states or context change shape, so persisted plans can be migrated. */
export const PLAN_MACHINE_VERSION = 1;
export { PLAN_MACHINE_ID };

export interface PlanRulesGuardParams {
  /** The atomic state the transition leaves, e.g. 'mapping.submitted'. */
  from: string;
  rules: readonly PlanRuleName[];
}

/** The stage of an atomic state path ('mapping.submitted' → 'mapping'). */
export const stageOfPath = (path: string) => path.split('.')[0] as ActivePlanStage;

const generated = machineFromTable(PLAN_TABLE);
type Leaf = Pick<(typeof generated.states)[string], 'on'>;

export const planMachine = setup({
  types: {} as { context: PlanContext; events: PlanEvent; input: PlanInput },
  guards: {
    rules: ({ context, event }, params: PlanRulesGuardParams) =>
      evaluatePlanRules(params.rules, { context, event, stage: stageOfPath(params.from) }).length === 0,
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
  context: ({ input }) =>
    (input as PlanInput | undefined) === undefined
      ? blankContext<PlanContext>()
      : {
          coordinatingAdministrationId: input.coordinatingAdministrationId,
          // The coordinator always participates.
          participatingAdministrationIds: [
            ...new Set([input.coordinatingAdministrationId, ...input.participatingAdministrationIds]),
          ],
          submittedBy: null,
          submittedAt: null,
          signatures: {},
          progressReportsAccepted: 0,
        },
  initial: 'mapping',
  // Typed as a record over the stages so that the machine's state value type names them.
  states: generated.states as Record<ActivePlanStage, { initial: 'drafting'; states: Record<PlanStatus, Leaf> }> & {
    closed: { type: 'final' };
  },
});

export type PlanMachine = typeof planMachine;
