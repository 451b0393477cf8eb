/**
 * The public face of the project workflow: pure functions from a persisted
 * state (JSON from the database) and an event to a decision. The machine
 * decides; when it refuses, the same rules explain why.
 */
import { initialTransition, transition } from 'xstate';
import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../actor.js';
import type { RuleViolation } from '../rule-violation.js';
import { projectMachine } from './project-machine.js';
import { evaluateProjectRules, projectPeriodViolations } from './project-rules.js';
import { PROJECT_TRANSITIONS, findProjectTransition } from './project-transitions.js';
import { FINAL_PROJECT_STATES, PROJECT_EVENT_LABELS, PROJECT_STATES, PROJECT_STATE_LABELS } from './project-types.js';
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

type ProjectSnapshot = SnapshotFrom<typeof projectMachine>;

function persist(snapshot: ProjectSnapshot): PersistedProjectState {
  // A JSON round trip guarantees that what we hand out is plain data.
  const json: unknown = JSON.parse(JSON.stringify(projectMachine.getPersistedSnapshot(snapshot)));
  return json;
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

function isProjectState(value: unknown): value is ProjectState {
  return typeof value === 'string' && (PROJECT_STATES as readonly string[]).includes(value);
}

function restore(persisted: PersistedProjectState): ProjectSnapshot {
  if (!isRecord(persisted) || !isProjectState(persisted.value) || !isProjectContext(persisted.context)) {
    throw new Error('Not a persisted project state');
  }
  return projectMachine.resolveState({ value: persisted.value, context: persisted.context });
}

function stateOf(snapshot: ProjectSnapshot): ProjectState {
  const value = snapshot.value;
  if (!isProjectState(value)) throw new Error(`Unknown project state ${JSON.stringify(value)}`);
  return value;
}

function view(snapshot: ProjectSnapshot): ProjectStateView {
  const state = stateOf(snapshot);
  return { state, final: (FINAL_PROJECT_STATES as readonly ProjectState[]).includes(state), context: snapshot.context };
}

/** Explains why an event does not apply at all in the project's current state. */
function notAvailable(type: ProjectEventType, state: ProjectState): RuleViolation {
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
    message: `"${action.da}" er ikke muligt, når projektet er ${here.da.toLowerCase()}. Det er kun muligt, når projektet er: ${where.map((w) => w.da.toLowerCase()).join(', ')}.`,
    messageEn: `"${action.en}" is not possible while the project is ${here.en.toLowerCase()}. It is only possible while it is: ${where.map((w) => w.en.toLowerCase()).join(', ')}.`,
  };
}

/** Starts a new project as proposed. Throws on a proposal whose dates do not hold (check with projectPeriodViolations first). */
export function startProject(input: ProjectInput): { persisted: PersistedProjectState; state: ProjectStateView } {
  if (input.owningAdministrationId.trim() === '') throw new Error('A project needs an owning administration');
  if (input.projectLeaderId.trim() === '') throw new Error('A project needs a project leader');
  const violations = projectPeriodViolations(input);
  if (violations.length > 0) throw new Error(`Invalid project period: ${violations.map((v) => v.code).join(', ')}`);
  const [snapshot] = initialTransition(projectMachine, input);
  return { persisted: persist(snapshot), state: view(snapshot) };
}

export function viewProjectState(persisted: PersistedProjectState): ProjectStateView {
  return view(restore(persisted));
}

/** The day the evaluation becomes due: the evaluation date when one is set, otherwise the end date. */
export function evaluationDueOn(context: Pick<ProjectContext, 'periodEnd' | 'evaluationDate'>): string {
  return context.evaluationDate ?? context.periodEnd;
}

/** Decides an event: the new persisted state, or every unmet rule. */
export function decideProjectEvent(persisted: PersistedProjectState, event: ProjectEvent): ProjectDecision {
  const snapshot = restore(persisted);
  const from = view(snapshot);
  if (snapshot.can(event)) {
    const [next] = transition(projectMachine, snapshot, event);
    const to = view(next);
    return { ok: true, persisted: persist(next), from, to, stateChanged: from.state !== to.state };
  }
  const row = findProjectTransition(event.type, from.state);
  if (!row) return { ok: false, violations: [notAvailable(event.type, from.state)] };
  const violations = evaluateProjectRules(row.rules, { context: snapshot.context, event });
  if (violations.length === 0)
    throw new Error(`Project machine refused ${event.type} in ${from.state} but no rule explains why`);
  return { ok: false, violations };
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

/** Every event that applies in the project's current state, whether `actor` may cause it now, and if not, why not. */
export function projectActions(persisted: PersistedProjectState, actor: Actor, facts: ProjectFacts): ProjectAction[] {
  const snapshot = restore(persisted);
  const state = stateOf(snapshot);
  return PROJECT_TRANSITIONS.filter((row) => row.from === state).map((row) => {
    const event = probeEvent(row.event, actor, facts);
    const violations = evaluateProjectRules(row.rules, { context: snapshot.context, event });
    const allowed = snapshot.can(event);
    if (allowed !== (violations.length === 0))
      throw new Error(`Project machine and rules disagree on ${row.event} in ${state}`);
    return { type: row.event, allowed, violations };
  });
}
