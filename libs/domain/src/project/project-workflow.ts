/**
 * The public face of the project workflow: pure functions from a persisted
 * state (JSON from the database) and an event to a decision. The machine
 * decides; when it refuses, the same rules explain why.
 */
import type { Actor } from '../actor.js';
import type { RuleViolation } from '../rule-violation.js';
import { decideViewed, defineWorkflow } from '../workflow/workflow.js';
import type { StateAndContext } from '../workflow/workflow.js';
import { PROJECT_MACHINE_MIGRATIONS, PROJECT_MACHINE_VERSION, projectMachine } from './project-machine.js';
import { evaluateProjectRules, projectPeriodViolations } from './project-rules.js';
import type { ProjectRuleName } from './project-rules.js';
import { PROJECT_TABLE, PROJECT_TRANSITIONS } from './project-transitions.js';
import { FINAL_PROJECT_STATES, PROJECT_EVENT_LABELS, PROJECT_STATE_LABELS } from './project-types.js';
import type {
  ProjectContext,
  ProjectEvent,
  ProjectEventType,
  ProjectFacts,
  ProjectInput,
  ProjectState,
} from './project-types.js';

/** A JSON-serialisable persisted XState snapshot of the project machine. */
export type PersistedProjectState = unknown;

export interface ProjectStateView {
  state: ProjectState;
  final: boolean;
  context: ProjectContext;
}

export type ProjectDecision =
  | { ok: true; persisted: PersistedProjectState; from: ProjectStateView; to: ProjectStateView; stateChanged: boolean }
  | { ok: false; violations: RuleViolation[] };

export interface ProjectAction {
  type: ProjectEventType;
  allowed: boolean;
  violations: RuleViolation[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';

function isProjectContext(value: unknown): value is ProjectContext {
  return (
    isRecord(value) &&
    typeof value.owningAdministrationId === 'string' &&
    typeof value.projectLeaderId === 'string' &&
    typeof value.proposedBy === 'string' &&
    typeof value.periodStart === 'string' &&
    typeof value.periodEnd === 'string' &&
    isStringOrNull(value.evaluationDate) &&
    Array.isArray(value.areaIds) &&
    value.areaIds.every((id) => typeof id === 'string') &&
    isStringOrNull(value.evaluationSubmittedBy) &&
    isStringOrNull(value.reviewedBy) &&
    isStringOrNull(value.decidedBy) &&
    typeof value.evaluationSubmissions === 'number' &&
    typeof value.extensions === 'number' &&
    typeof value.scalings === 'number' &&
    (value.budgetLine === null || isRecord(value.budgetLine))
  );
}

function view(state: StateAndContext<ProjectContext>): ProjectStateView {
  return { state: state.state as ProjectState, final: state.final, context: state.context };
}

/** Explains why an event does not apply at all in the project's current state. */
function notAvailable(type: ProjectEventType, from: string): RuleViolation {
  const state = from as ProjectState;
  const code = 'EVENT_NOT_AVAILABLE';
  const action = PROJECT_EVENT_LABELS[type];
  const here = PROJECT_STATE_LABELS[state];
  if ((FINAL_PROJECT_STATES as readonly ProjectState[]).includes(state)) {
    return {
      code,
      message: `Projektet er endeligt ${here.da.toLowerCase()}. "${action.da}" er ikke længere muligt.`,
      messageEn: `The project is finally ${here.en.toLowerCase()}. "${action.en}" is no longer possible.`,
    };
  }
  const where = PROJECT_TRANSITIONS.filter((row) => row.event === type).map((row) => PROJECT_STATE_LABELS[row.from]);
  return {
    code,
    message:
      `"${action.da}" er ikke muligt, når projektet er ${here.da.toLowerCase()}. Det er kun muligt, når ` +
      `projektet er: ${where.map((w) => w.da.toLowerCase()).join(', ')}.`,
    messageEn:
      `"${action.en}" is not possible while the project is ${here.en.toLowerCase()}. It is only possible ` +
      `while it is: ${where.map((w) => w.en.toLowerCase()).join(', ')}.`,
  };
}

/**
 * Starts a new project as proposed. Throws on a proposal whose dates do not hold (check with projectPeriodViolations
 * first).
 */
export function startProject(input: ProjectInput): { persisted: PersistedProjectState; state: ProjectStateView } {
  if (input.owningAdministrationId.trim() === '') throw new Error('A project needs an owning administration');
  if (input.projectLeaderId.trim() === '') throw new Error('A project needs a project leader');
  const violations = projectPeriodViolations(input);
  if (violations.length > 0) throw new Error(`Invalid project period: ${violations.map((v) => v.code).join(', ')}`);
  const { persisted, state } = PROJECT_WORKFLOW.start(input);
  return { persisted, state: view(state) };
}

export function viewProjectState(persisted: PersistedProjectState, machineVersion?: number): ProjectStateView {
  return view(PROJECT_WORKFLOW.view(persisted, machineVersion));
}

export { evaluationDueOn } from './project-deadlines.js';

/** Decides an event: the new persisted state, or every unmet rule. */
export function decideProjectEvent(
  persisted: PersistedProjectState,
  event: ProjectEvent,
  machineVersion?: number,
): ProjectDecision {
  const decision = decideViewed(PROJECT_WORKFLOW, view, persisted, event, machineVersion);
  return decision.ok ? { ...decision, stateChanged: decision.from.state !== decision.to.state } : decision;
}

/** Placeholder payload: reasons, comments, dates, areas and budget lines are the decider's input, never a "why not". */
const PLACEHOLDER = '(placeholder)';
const PLACEHOLDER_AT = '1970-01-01T00:00:00.000Z';
const PLACEHOLDER_END = '9999-12-31';

function probeEvent(type: ProjectEventType, actor: Actor, facts: ProjectFacts): ProjectEvent {
  const base = { actor, at: PLACEHOLDER_AT };
  switch (type) {
    case 'SUBMIT_EVALUATION':
      return { ...base, type, facts };
    case 'REJECT':
    case 'TERMINATE':
      return { ...base, type, reason: PLACEHOLDER };
    case 'EXTEND':
      return { ...base, type, reason: PLACEHOLDER, newEndDate: PLACEHOLDER_END };
    case 'SCALE':
      return { ...base, type, reason: PLACEHOLDER, addAreaIds: [PLACEHOLDER], newEndDate: PLACEHOLDER_END };
    case 'RETURN_EVALUATION':
      return { ...base, type, comment: PLACEHOLDER };
    case 'ADOPT':
      return {
        ...base,
        type,
        budgetLine: { administrationId: PLACEHOLDER, yearlyAmountDkk: 1, firstBudgetYear: 2000 },
      };
    case 'APPROVE':
    case 'START':
    case 'EVALUATION_DUE':
    case 'ASSESS':
      return { ...base, type };
  }
}

/** The project workflow: the kit's helpers over the project machine and its rules. */
export const PROJECT_WORKFLOW = defineWorkflow<
  typeof projectMachine,
  ProjectContext,
  ProjectEvent,
  ProjectEventType,
  ProjectRuleName,
  ProjectInput,
  ProjectFacts
>({
  name: 'project',
  machine: projectMachine,
  version: PROJECT_MACHINE_VERSION,
  migrations: PROJECT_MACHINE_MIGRATIONS,
  table: PROJECT_TABLE,
  isContext: isProjectContext,
  evaluate: (rules, { context, event }) => evaluateProjectRules(rules, { context, event }),
  notAvailable,
  probeEvent,
});

/** Every event that applies in the project's current state, whether `actor` may cause it now, and if not, why not. */
export function projectActions(
  persisted: PersistedProjectState,
  actor: Actor,
  facts: ProjectFacts,
  machineVersion?: number,
): ProjectAction[] {
  return PROJECT_WORKFLOW.actions(persisted, actor, facts, machineVersion);
}
