/**
 * The project machine, generated from PROJECT_TRANSITIONS by the workflow
 * kit's one generator. Nothing here decides a rule: the single guard,
 * `rules`, evaluates the named rules a row lists.
 */
import { assign, setup } from 'xstate';
import { blankContext, machineFromTable } from '../workflow/machine-from-table.js';
import { evaluateProjectRules } from './project-rules.js';
import type { ProjectRuleName } from './project-rules.js';
import { PROJECT_MACHINE_ID, PROJECT_TABLE } from './project-transitions.js';
import type { ProjectContext, ProjectEvent, ProjectInput, ProjectState } from './project-types.js';

/**
 * Bump when states or context change shape, so persisted projects can be migrated.
 * 2: the scaled period's own states (scaling → scaled evaluation → terminate or adopt).
 */
export const PROJECT_MACHINE_VERSION = 2;

/**
 * Migrations of persisted projects, keyed by the version migrated from. 1 → 2: every state and the context of
 * version 1 exist unchanged in version 2, so a snapshot is taken as it is (a project version 1 scaled after its
 * assessment is `running` again and goes on through the first round's states, as it did).
 */
export const PROJECT_MACHINE_MIGRATIONS: Record<number, (persisted: unknown) => unknown> = {
  1: (persisted) => persisted,
};
export { PROJECT_MACHINE_ID };

export interface ProjectRulesGuardParams {
  from: string;
  rules: readonly ProjectRuleName[];
}

const generated = machineFromTable(PROJECT_TABLE);
type Leaf = Pick<(typeof generated.states)[string], 'type' | 'on'>;

function newPeriodOf(event: ProjectEvent): { periodEnd: string; evaluationDate: string | null } | null {
  if (event.type !== 'EXTEND' && event.type !== 'SCALE') return null;
  // Without a new evaluation date, the evaluation follows the new end date.
  return { periodEnd: event.newEndDate, evaluationDate: event.evaluationDate ?? null };
}

export const projectMachine = setup({
  types: {} as { context: ProjectContext; events: ProjectEvent; input: ProjectInput },
  guards: {
    rules: ({ context, event }, params: ProjectRulesGuardParams) =>
      evaluateProjectRules(params.rules, { context, event }).length === 0,
  },
  actions: {
    setPeriod: assign(({ event }) => newPeriodOf(event) ?? {}),
    addAreas: assign(({ context, event }) =>
      event.type === 'SCALE' ? { areaIds: [...new Set([...context.areaIds, ...event.addAreaIds])] } : {},
    ),
    countExtension: assign(({ context }) => ({ extensions: context.extensions + 1 })),
    countScaling: assign(({ context }) => ({ scalings: context.scalings + 1 })),
    recordEvaluationSubmission: assign(({ context, event }) => ({
      evaluationSubmittedBy: event.actor.id,
      evaluationSubmittedAt: event.at,
      evaluationSubmissions: context.evaluationSubmissions + 1,
    })),
    clearEvaluationSubmission: assign({ evaluationSubmittedBy: null, evaluationSubmittedAt: null }),
    recordReview: assign(({ event }) => ({ reviewedBy: event.actor.id, reviewedAt: event.at })),
    clearReview: assign({ reviewedBy: null, reviewedAt: null }),
    recordApproval: assign(({ event }) => ({ approvedBy: event.actor.id, approvedAt: event.at })),
    recordDecision: assign(({ event }) => ({ decidedBy: event.actor.id, decidedAt: event.at })),
    recordBudgetLine: assign(({ event }) => {
      if (event.type !== 'ADOPT' || !event.budgetLine) return {};
      const { administrationId, yearlyAmountDkk, firstBudgetYear } = event.budgetLine;
      if (administrationId === undefined || yearlyAmountDkk === undefined || firstBudgetYear === undefined) return {};
      return { budgetLine: { administrationId, yearlyAmountDkk, firstBudgetYear } };
    }),
  },
}).createMachine({
  id: PROJECT_MACHINE_ID,
  version: String(PROJECT_MACHINE_VERSION),
  context: ({ input }) =>
    (input as ProjectInput | undefined) === undefined
      ? blankContext<ProjectContext>()
      : {
          owningAdministrationId: input.owningAdministrationId,
          projectLeaderId: input.projectLeaderId,
          proposedBy: input.proposedBy,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          evaluationDate: input.evaluationDate,
          areaIds: [...new Set(input.areaIds)],
          evaluationSubmittedBy: null,
          evaluationSubmittedAt: null,
          evaluationSubmissions: 0,
          reviewedBy: null,
          reviewedAt: null,
          approvedBy: null,
          approvedAt: null,
          extensions: 0,
          scalings: 0,
          budgetLine: null,
          decidedBy: null,
          decidedAt: null,
        },
  initial: 'proposed',
  // Typed as a record over the states so that the machine's state value type names them.
  states: generated.states as Record<ProjectState, Leaf>,
});

export type ProjectMachine = typeof projectMachine;
