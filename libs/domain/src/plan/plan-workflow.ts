/**
 * The public face of the plan workflow: pure functions from a persisted state
 * (JSON from the database) and an event to a decision. The machine decides;
 * when it refuses, the same rules explain why.
 */
import { initialTransition, transition } from 'xstate';
import type { SnapshotFrom, StateValue } from 'xstate';
import type { Actor } from '../actor.js';
import type { RuleViolation } from '../rule-violation.js';
import { planMachine } from './plan-machine.js';
import { evaluatePlanRules } from './plan-rules.js';
import { PLAN_TRANSITIONS, findPlanTransition } from './plan-transitions.js';
import { ACTIVE_PLAN_STAGES, PLAN_EVENT_LABELS, PLAN_STAGE_LABELS, PLAN_STATUSES } from './plan-types.js';
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

type PlanSnapshot = SnapshotFrom<typeof planMachine>;

function persist(snapshot: PlanSnapshot): PersistedPlanState {
  // A JSON round trip guarantees that what we hand out is plain data.
  const json: unknown = JSON.parse(JSON.stringify(planMachine.getPersistedSnapshot(snapshot)));
  return json;
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

function isStateValue(value: unknown): value is StateValue {
  return (
    typeof value === 'string' ||
    (isRecord(value) && Object.values(value).every((v) => v === undefined || isStateValue(v)))
  );
}

function restore(persisted: PersistedPlanState): PlanSnapshot {
  if (!isRecord(persisted) || !isStateValue(persisted.value) || !isPlanContext(persisted.context)) {
    throw new Error('Not a persisted plan state');
  }
  // resolveState throws if the value names no state of this machine.
  return planMachine.resolveState({ value: persisted.value, context: persisted.context });
}

/** Where an open plan stands; null once it is closed. */
type Position = { stage: ActivePlanStage; status: PlanStatus } | null;

function positionOf(snapshot: PlanSnapshot): Position {
  if (snapshot.matches('closed')) return null;
  for (const stage of ACTIVE_PLAN_STAGES) {
    for (const status of PLAN_STATUSES) {
      if (snapshot.matches({ [stage]: status })) return { stage, status };
    }
  }
  throw new Error(`Unknown plan state ${JSON.stringify(snapshot.value)}`);
}

function view(snapshot: PlanSnapshot): PlanStateView {
  const position = positionOf(snapshot);
  const context = snapshot.context;
  if (position === null) return { stage: 'closed', status: null, value: 'closed', context };
  return { ...position, value: `${position.stage}.${position.status}`, context };
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
function notAvailable(type: PlanEventType, position: Position): RuleViolation {
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
    message: `"${action.da}" er ikke muligt, når planen er i ${here.da}. Det er kun muligt i: ${where.map((w) => w.da).join(', ')}.`,
    messageEn: `"${action.en}" is not possible while the plan is in ${here.en}. It is only possible in: ${where.map((w) => w.en).join(', ')}.`,
  };
}

/** Starts a new plan in mapping (drafting). The coordinating administration always participates. */
export function startPlan(input: PlanInput): { persisted: PersistedPlanState; state: PlanStateView } {
  if (input.coordinatingAdministrationId.trim() === '') throw new Error('A plan needs a coordinating administration');
  const [snapshot] = initialTransition(planMachine, input);
  return { persisted: persist(snapshot), state: view(snapshot) };
}

export function viewPlanState(persisted: PersistedPlanState): PlanStateView {
  return view(restore(persisted));
}

/** Decides an event: the new persisted state, or every unmet rule. */
export function decidePlanEvent(persisted: PersistedPlanState, event: PlanEvent): PlanDecision {
  const snapshot = restore(persisted);
  const from = view(snapshot);
  if (snapshot.can(event)) {
    const [next] = transition(planMachine, snapshot, event);
    const to = view(next);
    const stageChanged = from.stage !== to.stage;
    const reportAccepted = to.context.progressReportsAccepted > from.context.progressReportsAccepted;
    return {
      ok: true,
      persisted: persist(next),
      from,
      to,
      stageChanged,
      periodRenewed: stageChanged || reportAccepted,
    };
  }
  const position = positionOf(snapshot);
  const row = position && findPlanTransition(event.type, position.stage, position.status);
  if (!row) return { ok: false, violations: [notAvailable(event.type, position)] };
  const violations = evaluatePlanRules(row.rules, { context: snapshot.context, event, stage: position.stage });
  if (violations.length === 0)
    throw new Error(`Plan machine refused ${event.type} in ${from.value} but no rule explains why`);
  return { ok: false, violations };
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

/** Every event that applies in the plan's current state, whether `actor` may cause it now, and if not, why not. */
export function planActions(persisted: PersistedPlanState, actor: Actor, facts: PlanFacts): PlanAction[] {
  const snapshot = restore(persisted);
  const position = positionOf(snapshot);
  if (position === null) return [];
  const { stage, status } = position;
  return PLAN_TRANSITIONS.filter((row) => row.from === status && row.stages.includes(stage)).map((row) => {
    const event = probeEvent(row.event, actor, facts);
    const violations = evaluatePlanRules(row.rules, { context: snapshot.context, event, stage });
    const allowed = snapshot.can(event);
    if (allowed !== (violations.length === 0))
      throw new Error(`Plan machine and rules disagree on ${row.event} in ${stage}.${status}`);
    return { type: row.event, allowed, violations };
  });
}
