/**
 * The public face of the plan workflow: pure functions from a persisted state
 * (JSON from the database) and an event to a decision. The machine decides;
 * when it refuses, the same rules explain why.
 */
import type { Actor } from '../actor.js';
import type { RuleViolation } from '../rule-violation.js';
import { decideViewed, defineWorkflow } from '../workflow/workflow.js';
import type { StateAndContext } from '../workflow/workflow.js';
import { PLAN_MACHINE_VERSION, planMachine, stageOfPath } from './plan-machine.js';
import { evaluatePlanRules } from './plan-rules.js';
import { PLAN_TABLE, PLAN_TRANSITIONS } from './plan-transitions.js';
import { PLAN_EVENT_LABELS, PLAN_STAGE_LABELS } from './plan-types.js';
import type { PlanRuleName } from './plan-rules.js';
import type {
  ActivePlanStage,
  PlanContext,
  PlanEvent,
  PlanEventType,
  PlanFacts,
  PlanInput,
  PlanStage,
  PlanStatus,
} from './plan-types.js';

/** A JSON-serialisable persisted XState snapshot of the plan machine. */
export type PersistedPlanState = unknown;

export interface PlanStateView {
  stage: PlanStage;
  /** null once the plan is closed. */
  status: PlanStatus | null;
  /** e.g. 'mapping.submitted' or 'closed'. */
  value: string;
  context: PlanContext;
}

export type PlanDecision =
  | {
      ok: true;
      persisted: PersistedPlanState;
      from: PlanStateView;
      to: PlanStateView;
      stageChanged: boolean;
      /**
       * A new period with a deadline of its own begins: a new stage, or the
       * next follow-up period once a progress report is accepted.
       */
      periodRenewed: boolean;
    }
  | { ok: false; violations: RuleViolation[] };

export interface PlanAction {
  type: PlanEventType;
  allowed: boolean;
  violations: RuleViolation[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlanContext(value: unknown): value is PlanContext {
  return (
    isRecord(value) &&
    typeof value.coordinatingAdministrationId === 'string' &&
    Array.isArray(value.participatingAdministrationIds) &&
    value.participatingAdministrationIds.every((id) => typeof id === 'string') &&
    (value.submittedBy === null || typeof value.submittedBy === 'string') &&
    (value.submittedAt === null || typeof value.submittedAt === 'string') &&
    isRecord(value.signatures) &&
    typeof value.progressReportsAccepted === 'number'
  );
}

/** Where an open plan stands; null once it is closed. */
type Position = { stage: ActivePlanStage; status: PlanStatus } | null;

function positionOfPath(path: string): Position {
  if (path === 'closed') return null;
  const [stage, status] = path.split('.') as [ActivePlanStage, PlanStatus];
  return { stage, status };
}

function view(state: StateAndContext<PlanContext>): PlanStateView {
  const position = positionOfPath(state.state);
  const context = state.context;
  if (position === null) return { stage: 'closed', status: null, value: 'closed', context };
  return { ...position, value: state.state, context };
}

const STATUS_LABELS: Record<PlanStatus, { da: string; en: string }> = {
  drafting: { da: 'under udarbejdelse', en: 'being drafted' },
  submitted: { da: 'indsendt til borgmesterforum', en: "submitted to the mayors' forum" },
};

function describeState(stage: ActivePlanStage, status: PlanStatus): { da: string; en: string } {
  return {
    da: `${PLAN_STAGE_LABELS[stage].da} (${STATUS_LABELS[status].da})`,
    en: `${PLAN_STAGE_LABELS[stage].en} (${STATUS_LABELS[status].en})`,
  };
}

/** Explains why an event does not apply at all in the plan's current state. */
function notAvailable(type: PlanEventType, from: string): RuleViolation {
  const position = positionOfPath(from);
  const code = 'EVENT_NOT_AVAILABLE';
  const action = PLAN_EVENT_LABELS[type];
  if (position === null) {
    return {
      code,
      message: `Planen er afsluttet. "${action.da}" er ikke længere muligt.`,
      messageEn: `The plan is closed. "${action.en}" is no longer possible.`,
    };
  }
  const { stage, status } = position;
  const stageLabel = PLAN_STAGE_LABELS[stage];
  const rows = PLAN_TRANSITIONS.filter((row) => row.event === type);
  const appliesHereWhen = (wanted: PlanStatus) => rows.some((row) => row.from === wanted && row.stages.includes(stage));
  if (status === 'drafting' && appliesHereWhen('submitted')) {
    return {
      code,
      message: `Planen er ikke indsendt til borgmesterforum. Fasen ${stageLabel.da} er under udarbejdelse.`,
      messageEn: `The plan has not been submitted to the mayors' forum. The ${stageLabel.en} stage is being drafted.`,
    };
  }
  if (status === 'submitted' && appliesHereWhen('drafting')) {
    return {
      code,
      message: `Fasen ${stageLabel.da} er indsendt til borgmesterforum og afventer behandling.`,
      messageEn: `The ${stageLabel.en} stage has been submitted to the mayors' forum and awaits its decision.`,
    };
  }
  const where = rows.flatMap((row) => row.stages.map((s) => describeState(s, row.from)));
  const here = describeState(stage, status);
  return {
    code,
    message:
      `"${action.da}" er ikke muligt, når planen er i ${here.da}. Det er kun muligt i: ` +
      `${where.map((w) => w.da).join(', ')}.`,
    messageEn:
      `"${action.en}" is not possible while the plan is in ${here.en}. It is only possible in: ` +
      `${where.map((w) => w.en).join(', ')}.`,
  };
}

/** Placeholder payload: comments and conditions are the decider's input, never a "why not". */
const PLACEHOLDER = '(placeholder)';
const PLACEHOLDER_AT = '1970-01-01T00:00:00.000Z';

function probeEvent(type: PlanEventType, actor: Actor, facts: PlanFacts): PlanEvent {
  const base = { actor, at: PLACEHOLDER_AT };
  switch (type) {
    case 'SUBMIT':
      return { ...base, type, facts };
    case 'APPROVE_WITH_CONDITIONS':
      return { ...base, type, conditions: [PLACEHOLDER] };
    case 'RETURN':
    case 'SEND_BACK_TO_PLANNING':
    case 'CLOSE':
      return { ...base, type, comment: PLACEHOLDER };
    case 'WITHDRAW':
    case 'APPROVE':
    case 'SIGN_COMMITMENT':
      return { ...base, type };
  }
}

/** The plan workflow: the kit's helpers over the plan machine and its rules. */
export const PLAN_WORKFLOW = defineWorkflow<
  typeof planMachine,
  PlanContext,
  PlanEvent,
  PlanEventType,
  PlanRuleName,
  PlanInput,
  PlanFacts
>({
  name: 'plan',
  machine: planMachine,
  version: PLAN_MACHINE_VERSION,
  table: PLAN_TABLE,
  isContext: isPlanContext,
  evaluate: (rules, { context, event, from }) => evaluatePlanRules(rules, { context, event, stage: stageOfPath(from) }),
  notAvailable,
  probeEvent,
});

/** Starts a new plan in mapping (drafting). The coordinating administration always participates. */
export function startPlan(input: PlanInput): { persisted: PersistedPlanState; state: PlanStateView } {
  if (input.coordinatingAdministrationId.trim() === '') throw new Error('A plan needs a coordinating administration');
  const { persisted, state } = PLAN_WORKFLOW.start(input);
  return { persisted, state: view(state) };
}

/** Decides an event: the new persisted state, or every unmet rule. */
export function decidePlanEvent(
  persisted: PersistedPlanState,
  event: PlanEvent,
  machineVersion?: number,
): PlanDecision {
  const decision = decideViewed(PLAN_WORKFLOW, view, persisted, event, machineVersion);
  if (!decision.ok) return decision;
  const { from, to } = decision;
  const stageChanged = from.stage !== to.stage;
  const reportAccepted = to.context.progressReportsAccepted > from.context.progressReportsAccepted;
  return { ...decision, stageChanged, periodRenewed: stageChanged || reportAccepted };
}

/** Where a plan stands, from its stored state (and the machine version stored beside it). */
export function viewPlanState(persisted: PersistedPlanState, machineVersion?: number): PlanStateView {
  return view(PLAN_WORKFLOW.view(persisted, machineVersion));
}

/** Every event that applies in the plan's current state, whether `actor` may cause it now, and if not, why not. */
export function planActions(
  persisted: PersistedPlanState,
  actor: Actor,
  facts: PlanFacts,
  machineVersion?: number,
): PlanAction[] {
  return PLAN_WORKFLOW.actions(persisted, actor, facts, machineVersion);
}
