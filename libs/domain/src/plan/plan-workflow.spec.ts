import { describe, expect, it } from '@jest/globals';
import { getShortestPaths } from '@xstate/graph';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../actor.js';
import { REFUSALS } from '../permissions.js';
import type { RuleViolation } from '../rule-violation.js';
import type { Reason } from '../workflow/rules.js';
import {
  machineEdges,
  machineEventTypes,
  machineStates,
  unavailablePairs,
  type MachineEdge,
} from '../testing/machine-edges.js';
import { PLAN_MACHINE_VERSION, planMachine } from './plan-machine.js';
import { PLAN_RULES } from './plan-rules.js';
import type { PlanRuleName } from './plan-rules.js';
import { PLAN_TRANSITIONS } from './plan-transitions.js';
import { ACTIVE_PLAN_STAGES, PLAN_EVENT_TYPES, PLAN_STATUSES } from './plan-types.js';
import type {
  ActivePlanStage,
  PlanContext,
  PlanEvent,
  PlanEventType,
  PlanFacts,
  PlanInput,
  PlanStage,
} from './plan-types.js';
import { decidePlanEvent, planActions, startPlan, viewPlanState } from './plan-workflow.js';
import type { PersistedPlanState, PlanDecision, PlanStateView } from './plan-workflow.js';

// ---------------------------------------------------------------- fixtures

const TMF = 'tmf';
const OKF = 'okf';
const BUF = 'buf';
const SOF = 'sof'; // not participating

const INPUT: PlanInput = { coordinatingAdministrationId: TMF, participatingAdministrationIds: [OKF, BUF] };

const ADMINISTRATIONS = [
  { id: TMF, name: 'Teknik- og Miljøforvaltningen' },
  { id: OKF, name: 'Økonomiforvaltningen' },
  { id: BUF, name: 'Børne- og Ungdomsforvaltningen' },
  { id: SOF, name: 'Socialforvaltningen' },
];

const staff = (administrationId: string, id = `staff-${administrationId}`): Actor => ({
  id,
  roles: ['staff'],
  administrationId,
});
const COORDINATOR = staff(TMF);
const COORDINATOR_COLLEAGUE = staff(TMF, 'staff-tmf-2');
const FORUM: Actor = { id: 'forum-1', roles: ['forum_member'], administrationId: null };
/** Coordinating staff who also sits in the forum: may submit, but never approve their own submission. */
const STAFF_AND_FORUM: Actor = { id: 'both-1', roles: ['staff', 'forum_member'], administrationId: TMF };
const OBSERVER: Actor = { id: 'observer-1', roles: ['observer'], administrationId: null };

const COMPLETE: PlanFacts = {
  administrations: ADMINISTRATIONS,
  administrationsWithMappedInterventions: [TMF, OKF, BUF],
  problemCount: 2,
  potentialCount: 1,
  indicatorsWithoutBaseline: [],
  indicatorCount: 3,
  goals: [{ title: 'Beskæftigelse på byens niveau', hasTargetValue: true, interventionCount: 2 }],
  budgetDecisionRecorded: true,
  openConditions: [],
  progressReportReady: true,
};

const AT = '2026-03-02T09:00:00.000Z';

function event(
  type: PlanEventType,
  actor: Actor,
  extra: Partial<{ facts: PlanFacts; comment: string; conditions: string[] }> = {},
): PlanEvent {
  const base = { actor, at: AT };
  switch (type) {
    case 'SUBMIT':
      return { ...base, type, facts: extra.facts ?? COMPLETE };
    case 'APPROVE':
      return { ...base, type, comment: extra.comment };
    case 'APPROVE_WITH_CONDITIONS':
      return { ...base, type, conditions: extra.conditions ?? ['Inddrag lokaludvalget'], comment: extra.comment };
    case 'RETURN':
    case 'SEND_BACK_TO_PLANNING':
    case 'CLOSE':
      return { ...base, type, comment: extra.comment ?? 'Begrundelse' };
    case 'WITHDRAW':
    case 'SIGN_COMMITMENT':
      return { ...base, type };
  }
}

function accept(persisted: PersistedPlanState, ev: PlanEvent): PersistedPlanState {
  const decision = decidePlanEvent(persisted, ev);
  if (!decision.ok) throw new Error(`${ev.type} refused: ${decision.violations.map((v) => v.code).join(', ')}`);
  return decision.persisted;
}

function signAll(persisted: PersistedPlanState): PersistedPlanState {
  return [TMF, OKF, BUF].reduce((p, id) => accept(p, event('SIGN_COMMITMENT', staff(id))), persisted);
}

/** Drives a new plan to `<stage>.<status>` with valid events (commitments unsigned in planning.drafting). */
function reach(stage: ActivePlanStage | 'closed', status: 'drafting' | 'submitted' = 'drafting'): PersistedPlanState {
  let persisted = startPlan(INPUT).persisted;
  for (const current of ACTIVE_PLAN_STAGES) {
    if (current === stage && status === 'drafting') return persisted;
    if (current === 'planning') persisted = signAll(persisted);
    persisted = accept(persisted, event('SUBMIT', COORDINATOR));
    if (current === stage) return persisted;
    if (current === 'followUp') return accept(persisted, event('CLOSE', FORUM, { comment: 'Slutevaluering' }));
    persisted = accept(persisted, event('APPROVE', FORUM));
  }
  throw new Error('unreachable');
}

function codes(decision: PlanDecision): string[] {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.to.value}`);
  return decision.violations.map((v) => v.code);
}

function refusal(decision: PlanDecision) {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.to.value}`);
  return decision.violations;
}

function ok(decision: PlanDecision) {
  if (!decision.ok) throw new Error(`expected success, got ${decision.violations.map((v) => v.code).join(', ')}`);
  return decision;
}

const NEXT: Record<string, string> = {
  mapping: 'analysis',
  analysis: 'planning',
  planning: 'implementation',
  implementation: 'followUp',
};

// ---------------------------------------------------------------- the machine's own definition

type PlanStatePath = ReturnType<typeof getShortestPaths<typeof planMachine>>[number];
type Edge = MachineEdge<string, PlanEventType, PlanRuleName>;

/** Every atomic or final state of the machine. */
const STATES = machineStates<string>(planMachine);
/** Every event type: the domain's list and whatever else the machine's definition names. */
const EVENT_TYPES = machineEventTypes<PlanEventType>(planMachine, PLAN_EVENT_TYPES);
/** Every (state, event) transition the machine defines, read from its state nodes. */
const EDGES: Edge[] = machineEdges<string, PlanEventType, PlanRuleName>(planMachine);
/** Every (state, event) pair the machine does not accept. */
const UNAVAILABLE = unavailablePairs(STATES, EVENT_TYPES, EDGES);

const stageOf = (value: string): PlanStage => value.split('.')[0] as PlanStage;

// ---------------------------------------------------------------- paths derived from the machine

/** Valid events of `type` for a plan in `context` (the machine decides whether they apply where it is). */
function validEvents(type: PlanEventType, context: PlanContext): PlanEvent[] {
  if (type !== 'SIGN_COMMITMENT')
    return [
      event(type, type === 'SUBMIT' || type === 'WITHDRAW' ? staff(context.coordinatingAdministrationId) : FORUM),
    ];
  const unsigned = context.participatingAdministrationIds.filter((id) => !Object.hasOwn(context.signatures, id));
  return (unsigned.length > 0 ? unsigned : context.participatingAdministrationIds.slice(0, 1)).map((id) =>
    event(type, staff(id)),
  );
}

const valueOf = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : Object.entries(value as Record<string, string>)
        .map(([k, v]) => `${k}.${v}`)
        .join();

const PATHS: PlanStatePath[] = getShortestPaths(planMachine, {
  input: INPUT,
  events: (snapshot) => EVENT_TYPES.flatMap((type) => validEvents(type, snapshot.context)),
  // The accepted-report counter grows without bound; leave it out so the graph is finite.
  serializeState: (snapshot) =>
    JSON.stringify({
      value: snapshot.value,
      signed: Object.keys(snapshot.context.signatures).sort(),
      by: snapshot.context.submittedBy,
    }),
}).sort((a, b) => a.steps.length - b.steps.length);

const persistedAlong = new Map<PlanStatePath, PersistedPlanState>();

/** Follows a derived path with the workflow API (every step must be accepted there, too). */
function follow(path: PlanStatePath): PersistedPlanState {
  let persisted = persistedAlong.get(path);
  if (persisted === undefined) {
    persisted = path.steps
      .filter((step) => String(step.event.type) !== 'xstate.init')
      .reduce((p, step) => accept(p, step.event), startPlan(INPUT).persisted);
    expect(viewPlanState(persisted).value).toBe(valueOf(path.state.value));
    persistedAlong.set(path, persisted);
  }
  return persisted;
}

interface Ready {
  persisted: PersistedPlanState;
  context: PlanContext;
  /** A valid event of the edge's type (accepted here, unless asked otherwise). */
  valid: PlanEvent;
  decision: PlanDecision;
}

/**
 * The shortest derived path into `source` after which a valid `type` event is
 * accepted (`mustAccept`) and `pick` finds what it needs; both are returned.
 */
function readyFor<T>(
  source: string,
  type: PlanEventType,
  pick: (ready: Ready) => T | null,
  mustAccept = true,
): { ready: Ready; picked: T } {
  for (const path of PATHS.filter((p) => valueOf(p.state.value) === source)) {
    const persisted = follow(path);
    const { context } = viewPlanState(persisted);
    for (const valid of validEvents(type, context)) {
      const ready = { persisted, context, valid, decision: decidePlanEvent(persisted, valid) };
      const picked = ready.decision.ok || !mustAccept ? pick(ready) : null;
      if (picked !== null) return { ready, picked };
    }
  }
  throw new Error(`No derived path reaches ${source} so that ${type} can be taken there`);
}

/** The shortest derived path into `source`. */
function anyPathTo(source: string): PersistedPlanState {
  const path = PATHS.find((p) => valueOf(p.state.value) === source);
  if (!path) throw new Error(`No derived path reaches ${source}`);
  return follow(path);
}

/** What each event means for the business: where the plan goes and what the context records. */
function meaning(type: PlanEventType, from: PlanStateView, ev: PlanEvent): { value: string; context: PlanContext } {
  const context = from.context;
  const stage = from.stage;
  const cleared = { ...context, submittedBy: null, submittedAt: null };
  switch (type) {
    case 'SUBMIT':
      return { value: `${stage}.submitted`, context: { ...context, submittedBy: ev.actor.id, submittedAt: ev.at } };
    case 'WITHDRAW':
    case 'RETURN':
      return { value: `${stage}.drafting`, context: cleared };
    case 'APPROVE':
      return stage === 'followUp'
        ? {
            value: 'followUp.drafting',
            context: { ...cleared, progressReportsAccepted: context.progressReportsAccepted + 1 },
          }
        : { value: `${NEXT[stage]}.drafting`, context: cleared };
    case 'APPROVE_WITH_CONDITIONS':
      return { value: `${NEXT[stage]}.drafting`, context: cleared };
    case 'SIGN_COMMITMENT':
      return {
        value: from.value,
        context: {
          ...context,
          signatures: { ...context.signatures, [String(ev.actor.administrationId)]: { by: ev.actor.id, at: ev.at } },
        },
      };
    case 'SEND_BACK_TO_PLANNING':
      return { value: 'planning.drafting', context: { ...cleared, signatures: {} } };
    case 'CLOSE':
      return { value: 'closed', context: cleared };
  }
}

// ---------------------------------------------------------------- refusals: one rule at a time

/** Facts with nothing done in any stage: every stage is incomplete, and nothing else is wrong. */
const NOTHING_DONE: PlanFacts = {
  ...COMPLETE,
  administrationsWithMappedInterventions: [],
  problemCount: 0,
  potentialCount: 0,
  indicatorCount: 0,
  goals: [],
  budgetDecisionRecorded: false,
  progressReportReady: false,
};

const withActor = (ev: PlanEvent, actor: Actor): PlanEvent => ({ ...ev, actor });
const withFacts = (ev: PlanEvent, facts: PlanFacts): PlanEvent | null =>
  ev.type === 'SUBMIT' ? { ...ev, facts } : null;

interface Violation {
  /** The valid event changed so that this rule, and only this rule, is broken; null where that cannot be done here. */
  violate: (valid: PlanEvent, context: PlanContext) => PlanEvent | null;
  /** The codes it gives in a state where everything else is in order. */
  codes: (stage: ActivePlanStage) => string[];
}

/** How to break each rule of PLAN_RULES (typed over every rule name; checked at run time too). */
const BREAK: Record<PlanRuleName, Violation> = {
  coordinatorStaff: { violate: (ev) => withActor(ev, staff(OKF)), codes: () => ['NOT_COORDINATOR_STAFF'] },
  forumMember: { violate: (ev) => withActor(ev, COORDINATOR_COLLEAGUE), codes: () => ['NOT_FORUM_MEMBER'] },
  fourEyes: {
    violate: (ev, context) =>
      context.submittedBy === null
        ? null
        : withActor(ev, { id: context.submittedBy, roles: ['forum_member'], administrationId: null }),
    codes: () => ['FOUR_EYES'],
  },
  commentRequired: { violate: (ev) => ({ ...ev, comment: ' ' }) as PlanEvent, codes: () => ['COMMENT_REQUIRED'] },
  conditionsRequired: {
    violate: (ev) => (ev.type === 'APPROVE_WITH_CONDITIONS' ? { ...ev, conditions: ['', ' '] } : null),
    codes: () => ['CONDITIONS_REQUIRED'],
  },
  noOpenConditions: {
    violate: (ev) => withFacts(ev, { ...COMPLETE, openConditions: ['Inddrag lokaludvalget'] }),
    codes: () => ['OPEN_CONDITIONS'],
  },
  stageComplete: {
    violate: (ev) => withFacts(ev, NOTHING_DONE),
    codes: (stage) =>
      ({
        mapping: ['MAPPING_INTERVENTIONS_MISSING', 'MAPPING_INTERVENTIONS_MISSING', 'MAPPING_INTERVENTIONS_MISSING'],
        analysis: ['ANALYSIS_PROBLEMS_MISSING', 'ANALYSIS_POTENTIALS_MISSING', 'ANALYSIS_INDICATORS_MISSING'],
        planning: ['PLAN_GOALS_MISSING'],
        implementation: ['IMPLEMENTATION_BUDGET_DECISION_MISSING'],
        followUp: ['FOLLOWUP_REPORT_MISSING'],
      })[stage],
  },
  staff: {
    violate: (ev) => withActor(ev, { ...ev.actor, id: 'observer-in-administration', roles: ['observer'] }),
    codes: () => ['NOT_STAFF'],
  },
  administrationParticipates: {
    violate: (ev) => withActor(ev, staff(SOF)),
    codes: () => ['ADMINISTRATION_NOT_PARTICIPATING'],
  },
  notYetSigned: {
    violate: (ev, context) => {
      const signed = Object.keys(context.signatures)[0];
      return signed === undefined ? null : withActor(ev, staff(signed, `another-${signed}`));
    },
    codes: () => ['ALREADY_SIGNED'],
  },
};

interface RefusalCase {
  label: string;
  source: string;
  type: PlanEventType;
  /** The rule that alone refuses; null for "not available in this state". */
  rule: PlanRuleName | null;
  codes: string[];
  /** Turns a valid event in a ready state into the refused one (null: not possible there, try another derived path). */
  violate: (valid: PlanEvent, context: PlanContext) => PlanEvent | null;
  /** false: the valid event need not be accepted in the state (the case breaks the rule by the state itself). */
  mustAccept?: false;
}

/** Every rule of every edge, broken alone. */
const RULE_CASES: RefusalCase[] = EDGES.flatMap((edge) =>
  edge.rules.map((rule) => ({
    label: `${edge.type} in ${edge.source}: ${rule}`,
    source: edge.source,
    type: edge.type,
    rule,
    codes: BREAK[rule].codes(stageOf(edge.source) as ActivePlanStage),
    violate: BREAK[rule].violate,
  })),
);

/** Completeness items that need particular facts (each still the one broken rule). */
const submitWith = (facts: Partial<PlanFacts>) => (ev: PlanEvent) => withFacts(ev, { ...COMPLETE, ...facts });
const ITEM_CASES: RefusalCase[] = [
  {
    label: 'SUBMIT in analysis.drafting: an indicator without baseline',
    source: 'analysis.drafting',
    type: 'SUBMIT',
    rule: 'stageComplete',
    codes: ['ANALYSIS_BASELINE_MISSING'],
    violate: submitWith({ indicatorsWithoutBaseline: ['Tryghedsindeks'] }),
  },
  {
    label: 'SUBMIT in planning.drafting: a goal without target value',
    source: 'planning.drafting',
    type: 'SUBMIT',
    rule: 'stageComplete',
    codes: ['PLAN_TARGET_MISSING'],
    violate: submitWith({ goals: [{ title: 'Tryghed', hasTargetValue: false, interventionCount: 1 }] }),
  },
  {
    label: 'SUBMIT in planning.drafting: a goal without intervention',
    source: 'planning.drafting',
    type: 'SUBMIT',
    rule: 'stageComplete',
    codes: ['PLAN_GOAL_WITHOUT_INTERVENTION'],
    violate: submitWith({ goals: [{ title: 'Tryghed', hasTargetValue: true, interventionCount: 0 }] }),
  },
  {
    label: 'SUBMIT in planning.drafting: one commitment missing',
    source: 'planning.drafting',
    type: 'SUBMIT',
    rule: 'stageComplete',
    codes: ['PLAN_COMMITMENT_MISSING'],
    violate: (ev, context) =>
      Object.keys(context.signatures).length === context.participatingAdministrationIds.length - 1 ? ev : null,
    mustAccept: false,
  },
];

const UNAVAILABLE_CASES: RefusalCase[] = UNAVAILABLE.map(({ source, type }) => ({
  label: `${type} in ${source}`,
  source,
  type,
  rule: null,
  codes: ['EVENT_NOT_AVAILABLE'],
  violate: (ev) => ev,
}));

/**
 * Every code the workflow's source can give: each `violation('CODE', …)` and `code = 'CODE'` in plan-rules.ts and
 * plan-workflow.ts.
 */
function codesInSource(file: string): string[] {
  const text = readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8');
  const calls = (text.match(/\bviolation\(/g) ?? []).length - (text.match(/function violation\(/g) ?? []).length;
  const literal = [...text.matchAll(/\bviolation\(\s*'([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]);
  // A code the scan cannot read (a variable, a template) must fail here rather than escape the coverage check.
  if (literal.length !== calls)
    throw new Error(`${file}: ${calls - literal.length} violation(…) calls without a literal code`);
  // The role refusals are defined once, in permissions.ts: a rule that uses one gives its code.
  const refusals = [...text.matchAll(/\bREFUSALS\.(\w+)\(/g)].map(
    (m) => (REFUSALS as unknown as Record<string, (action: Reason) => RuleViolation>)[m[1]]({ da: '', en: '' }).code,
  );
  return [...literal, ...refusals, ...[...text.matchAll(/\bcode\s*[=:]\s*'([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1])];
}

// ---------------------------------------------------------------- tests

describe('the machine definition', () => {
  it('has the states and events of the domain, and the rows of PLAN_TRANSITIONS as its edges', () => {
    expect(STATES).toEqual([
      ...ACTIVE_PLAN_STAGES.flatMap((stage) => PLAN_STATUSES.map((status) => `${stage}.${status}`)),
      'closed',
    ]);
    expect([...planMachine.root.events].sort()).toEqual([...PLAN_EVENT_TYPES].sort());
    const fromTable = PLAN_TRANSITIONS.flatMap((row) =>
      row.stages.map((stage) => `${row.event}@${stage}.${row.from}:${row.rules.join('+')}`),
    );
    expect(EDGES.map((edge) => `${edge.type}@${edge.source}:${edge.rules.join('+')}`).sort()).toEqual(fromTable.sort());
  });

  it('has at most one transition per state and event, and none out of closed', () => {
    const keys = EDGES.map((edge) => `${edge.type}@${edge.source}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(EDGES.filter((edge) => edge.source === 'closed')).toEqual([]);
  });

  it('reaches every state on a derived path, and closed only through the whole plan', () => {
    expect([...new Set(PATHS.map((path) => valueOf(path.state.value)))].sort()).toEqual([...STATES].sort());
    const closed = PATHS.filter((path) => path.state.value === 'closed').map((path) => path.steps.length);
    // init, 5 × submit, 4 × approve, 3 signatures, close
    expect(Math.min(...closed)).toBe(1 + 5 + 4 + 3 + 1);
  });
});

describe('every edge of the machine, taken at the end of a derived path', () => {
  it.each(EDGES.map((edge) => [`${edge.type}: ${edge.source} → ${edge.target}`, edge] as const))(
    '%s',
    (_label, edge) => {
      const { ready, picked: decision } = readyFor(edge.source, edge.type, ({ decision: d }) => (d.ok ? d : null));
      const valid = ready.valid;
      expect(decision.from.value).toBe(edge.source);
      expect(decision.to.value).toBe(edge.target);
      expect(viewPlanState(decision.persisted).value).toBe(edge.target);
      const expected = meaning(edge.type, decision.from, valid);
      expect({ value: decision.to.value, context: decision.to.context }).toEqual(expected);
      expect(decision.stageChanged).toBe(decision.from.stage !== stageOf(expected.value));
      expect(decision.periodRenewed).toBe(
        decision.stageChanged ||
          expected.context.progressReportsAccepted > decision.from.context.progressReportsAccepted,
      );
    },
  );
});

describe('every state × event the machine does not accept', () => {
  it.each(UNAVAILABLE_CASES.map((c) => [c.label, c] as const))('%s: EVENT_NOT_AVAILABLE', (_label, c) => {
    const persisted = anyPathTo(c.source);
    const { context } = viewPlanState(persisted);
    for (const ev of validEvents(c.type, context)) {
      const violations = refusal(decidePlanEvent(persisted, ev));
      expect(violations.map((v) => v.code)).toEqual(c.codes);
      expect(violations[0]?.message).not.toBe('');
      expect(violations[0]?.messageEn).not.toBe('');
    }
    for (const actor of [COORDINATOR, FORUM])
      expect(planActions(persisted, actor, COMPLETE).map((a) => a.type)).not.toContain(c.type);
  });
});

describe('every rule of every edge, broken alone', () => {
  it.each([...RULE_CASES, ...ITEM_CASES].map((c) => [c.label, c] as const))('%s', (_label, c) => {
    const { ready, picked: ev } = readyFor(
      c.source,
      c.type,
      ({ valid, context }) => c.violate(valid, context),
      c.mustAccept,
    );
    expect(codes(decidePlanEvent(ready.persisted, ev))).toEqual(c.codes);
    // That rule, and only that rule, of the edge refuses.
    const edge = EDGES.find((e) => e.source === c.source && e.type === c.type);
    const input = { context: ready.context, event: ev, stage: stageOf(c.source) as ActivePlanStage };
    expect(edge?.rules.filter((rule) => PLAN_RULES[rule](input).length > 0)).toEqual([c.rule]);
    // The "why not" offered beforehand agrees; comments and conditions are the decider's input, never a reason.
    const offered = planActions(ready.persisted, ev.actor, ev.type === 'SUBMIT' ? ev.facts : COMPLETE).find(
      (a) => a.type === c.type,
    );
    const isInput = c.rule === 'commentRequired' || c.rule === 'conditionsRequired';
    expect(offered?.violations.map((v) => v.code)).toEqual(isInput ? [] : c.codes);
  });

  it('guards every edge with at least the rules its event stands for', () => {
    // The business side: who may cause each event, and what it needs (further rules may be added; none may go missing).
    const needs: Record<PlanEventType, PlanRuleName[]> = {
      SUBMIT: ['coordinatorStaff', 'noOpenConditions', 'stageComplete'],
      WITHDRAW: ['coordinatorStaff'],
      APPROVE: ['forumMember', 'fourEyes'],
      APPROVE_WITH_CONDITIONS: ['forumMember', 'fourEyes', 'conditionsRequired'],
      RETURN: ['forumMember', 'fourEyes', 'commentRequired'],
      SIGN_COMMITMENT: ['staff', 'administrationParticipates', 'notYetSigned'],
      SEND_BACK_TO_PLANNING: ['forumMember', 'fourEyes', 'commentRequired'],
      CLOSE: ['forumMember', 'fourEyes', 'commentRequired'],
    };
    for (const edge of EDGES)
      expect([edge.type, edge.source, needs[edge.type].filter((rule) => !edge.rules.includes(rule))]).toEqual([
        edge.type,
        edge.source,
        [],
      ]);
  });

  it('covers every rule and every code the workflow can give', () => {
    const cases = [...RULE_CASES, ...ITEM_CASES, ...UNAVAILABLE_CASES];
    expect(Object.keys(BREAK).sort()).toEqual(Object.keys(PLAN_RULES).sort());
    // Every rule is used by some edge, so each is broken alone at least once above.
    expect([...new Set(RULE_CASES.map((c) => c.rule))].sort()).toEqual(Object.keys(PLAN_RULES).sort());
    const inSource = new Set([...codesInSource('./plan-rules.ts'), ...codesInSource('./plan-workflow.ts')]);
    expect([...new Set(cases.flatMap((c) => c.codes))].sort()).toEqual([...inSource].sort());
  });
});

describe('startPlan', () => {
  it('starts in mapping.drafting with the coordinator among the participants exactly once', () => {
    const { state } = startPlan({ coordinatingAdministrationId: TMF, participatingAdministrationIds: [OKF, TMF, BUF] });
    expect(state).toEqual({
      stage: 'mapping',
      status: 'drafting',
      value: 'mapping.drafting',
      context: {
        coordinatingAdministrationId: TMF,
        participatingAdministrationIds: [TMF, OKF, BUF],
        submittedBy: null,
        submittedAt: null,
        signatures: {},
        progressReportsAccepted: 0,
      },
    });
  });

  it('adds the coordinator when the input leaves it out', () => {
    const { state } = startPlan({ coordinatingAdministrationId: TMF, participatingAdministrationIds: [] });
    expect(state.context.participatingAdministrationIds).toEqual([TMF]);
  });

  it('refuses a plan without a coordinating administration', () => {
    expect(() => startPlan({ coordinatingAdministrationId: ' ', participatingAdministrationIds: [OKF] })).toThrow();
  });

  it('is a versioned machine', () => {
    expect(PLAN_MACHINE_VERSION).toBe(1);
    expect(planMachine.version).toBe('1');
  });
});

describe('submission', () => {
  it('records and clears the submitter', () => {
    const submitted = ok(decidePlanEvent(reach('mapping'), event('SUBMIT', COORDINATOR)));
    expect(submitted.to.context.submittedBy).toBe(COORDINATOR.id);
    expect(submitted.to.context.submittedAt).toBe(AT);
    for (const [type, actor] of [
      ['WITHDRAW', COORDINATOR],
      ['APPROVE', FORUM],
      ['RETURN', FORUM],
    ] as const) {
      const after = ok(decidePlanEvent(submitted.persisted, event(type, actor)));
      expect([type, after.to.context.submittedBy, after.to.context.submittedAt]).toEqual([type, null, null]);
    }
  });

  it('allows any staff member of the coordinating administration', () => {
    expect(ok(decidePlanEvent(reach('mapping'), event('SUBMIT', COORDINATOR_COLLEAGUE))).to.value).toBe(
      'mapping.submitted',
    );
  });

  it.each([
    ['a forum member', FORUM],
    ['staff of another participating administration', staff(OKF)],
    ['an observer', OBSERVER],
    ['a coordinating-administration user without the staff role', { ...OBSERVER, administrationId: TMF }],
  ])('is refused for %s', (_label, actor) => {
    expect(codes(decidePlanEvent(reach('mapping'), event('SUBMIT', actor)))).toEqual(['NOT_COORDINATOR_STAFF']);
  });

  it('is refused while conditions are open, naming each', () => {
    const violations = refusal(
      decidePlanEvent(
        reach('analysis'),
        event('SUBMIT', COORDINATOR, {
          facts: { ...COMPLETE, openConditions: ['Inddrag lokaludvalget', 'Afklar finansiering'] },
        }),
      ),
    );
    expect(violations.map((v) => v.code)).toEqual(['OPEN_CONDITIONS', 'OPEN_CONDITIONS']);
    expect(violations[0]?.message).toContain('Inddrag lokaludvalget');
    expect(violations[1]?.message).toContain('Afklar finansiering');
  });

  it('lists every unmet rule at once, not just the first', () => {
    const facts: PlanFacts = { ...COMPLETE, openConditions: ['X'], administrationsWithMappedInterventions: [TMF] };
    expect(codes(decidePlanEvent(reach('mapping'), event('SUBMIT', FORUM, { facts })))).toEqual([
      'NOT_COORDINATOR_STAFF',
      'OPEN_CONDITIONS',
      'MAPPING_INTERVENTIONS_MISSING',
      'MAPPING_INTERVENTIONS_MISSING',
    ]);
  });
});

describe('stage completeness', () => {
  it('mapping: one violation per administration without mapped interventions, naming it', () => {
    const facts = { ...COMPLETE, administrationsWithMappedInterventions: [TMF, SOF] };
    const violations = refusal(decidePlanEvent(reach('mapping'), event('SUBMIT', COORDINATOR, { facts })));
    expect(violations.map((v) => v.code)).toEqual(['MAPPING_INTERVENTIONS_MISSING', 'MAPPING_INTERVENTIONS_MISSING']);
    expect(violations[0]?.message).toContain('Økonomiforvaltningen');
    expect(violations[1]?.message).toContain('Børne- og Ungdomsforvaltningen');
    expect(violations[0]?.messageEn).toContain('Økonomiforvaltningen');
  });

  it('mapping: falls back to the id when no name is known', () => {
    const facts = { ...COMPLETE, administrations: [], administrationsWithMappedInterventions: [TMF, BUF] };
    const [violation] = refusal(decidePlanEvent(reach('mapping'), event('SUBMIT', COORDINATOR, { facts })));
    expect(violation?.message).toContain(OKF);
  });

  it('analysis: problems, potentials and indicators', () => {
    const facts = { ...COMPLETE, problemCount: 0, potentialCount: 0, indicatorCount: 0 };
    expect(codes(decidePlanEvent(reach('analysis'), event('SUBMIT', COORDINATOR, { facts })))).toEqual([
      'ANALYSIS_PROBLEMS_MISSING',
      'ANALYSIS_POTENTIALS_MISSING',
      'ANALYSIS_INDICATORS_MISSING',
    ]);
  });

  it('analysis: one violation per indicator without baseline, naming it', () => {
    const facts = { ...COMPLETE, indicatorsWithoutBaseline: ['Beskæftigelsesfrekvens', 'Tryghedsindeks'] };
    const violations = refusal(decidePlanEvent(reach('analysis'), event('SUBMIT', COORDINATOR, { facts })));
    expect(violations.map((v) => v.code)).toEqual(['ANALYSIS_BASELINE_MISSING', 'ANALYSIS_BASELINE_MISSING']);
    expect(violations[0]?.message).toContain('Beskæftigelsesfrekvens');
    expect(violations[1]?.message).toContain('Tryghedsindeks');
  });

  it('planning: goals are required, and every administration must have signed', () => {
    const violations = refusal(
      decidePlanEvent(reach('planning'), event('SUBMIT', COORDINATOR, { facts: { ...COMPLETE, goals: [] } })),
    );
    expect(violations.map((v) => v.code)).toEqual([
      'PLAN_GOALS_MISSING',
      'PLAN_COMMITMENT_MISSING',
      'PLAN_COMMITMENT_MISSING',
      'PLAN_COMMITMENT_MISSING',
    ]);
    expect(violations.slice(1).map((v) => v.message)).toEqual([
      'Teknik- og Miljøforvaltningen har ikke underskrevet forpligtelsen.',
      'Økonomiforvaltningen har ikke underskrevet forpligtelsen.',
      'Børne- og Ungdomsforvaltningen har ikke underskrevet forpligtelsen.',
    ]);
  });

  it('planning: names each goal without target value or intervention, and each administration still to sign', () => {
    let persisted = reach('planning');
    persisted = accept(persisted, event('SIGN_COMMITMENT', staff(BUF)));
    persisted = accept(persisted, event('SIGN_COMMITMENT', staff(TMF)));
    const facts: PlanFacts = {
      ...COMPLETE,
      goals: [
        { title: 'Uddannelse', hasTargetValue: false, interventionCount: 1 },
        { title: 'Tryghed', hasTargetValue: true, interventionCount: 0 },
        { title: 'Sundhed', hasTargetValue: false, interventionCount: 0 },
      ],
    };
    const violations = refusal(decidePlanEvent(persisted, event('SUBMIT', COORDINATOR, { facts })));
    expect(violations.map((v) => [v.code, v.message])).toEqual([
      ['PLAN_TARGET_MISSING', 'Målet "Uddannelse" mangler en målværdi.'],
      ['PLAN_TARGET_MISSING', 'Målet "Sundhed" mangler en målværdi.'],
      ['PLAN_GOAL_WITHOUT_INTERVENTION', 'Målet "Tryghed" har ingen indsats. Knyt mindst én indsats til målet.'],
      ['PLAN_GOAL_WITHOUT_INTERVENTION', 'Målet "Sundhed" har ingen indsats. Knyt mindst én indsats til målet.'],
      ['PLAN_COMMITMENT_MISSING', 'Økonomiforvaltningen har ikke underskrevet forpligtelsen.'],
    ]);
  });

  it('implementation: the budget decision', () => {
    const facts = { ...COMPLETE, budgetDecisionRecorded: false };
    expect(codes(decidePlanEvent(reach('implementation'), event('SUBMIT', COORDINATOR, { facts })))).toEqual([
      'IMPLEMENTATION_BUDGET_DECISION_MISSING',
    ]);
  });

  it('follow-up: a progress report', () => {
    const facts = { ...COMPLETE, progressReportReady: false };
    expect(codes(decidePlanEvent(reach('followUp'), event('SUBMIT', COORDINATOR, { facts })))).toEqual([
      'FOLLOWUP_REPORT_MISSING',
    ]);
  });

  it('judges only the current stage', () => {
    // Analysis facts are missing, but mapping is complete.
    const facts = {
      ...COMPLETE,
      problemCount: 0,
      budgetDecisionRecorded: false,
      progressReportReady: false,
      goals: [],
    };
    expect(ok(decidePlanEvent(reach('mapping'), event('SUBMIT', COORDINATOR, { facts }))).to.value).toBe(
      'mapping.submitted',
    );
  });
});

describe('withdrawal', () => {
  it('is refused for anyone but coordinating staff', () => {
    const submitted = reach('analysis', 'submitted');
    expect(codes(decidePlanEvent(submitted, event('WITHDRAW', FORUM)))).toEqual(['NOT_COORDINATOR_STAFF']);
    expect(codes(decidePlanEvent(submitted, event('WITHDRAW', staff(OKF))))).toEqual(['NOT_COORDINATOR_STAFF']);
    expect(ok(decidePlanEvent(submitted, event('WITHDRAW', COORDINATOR_COLLEAGUE))).to.value).toBe('analysis.drafting');
  });
});

describe("the mayors' forum decisions", () => {
  const decisions = ['APPROVE', 'APPROVE_WITH_CONDITIONS', 'RETURN'] as const;

  it.each(decisions)('%s is refused for a non-member', (type) => {
    expect(codes(decidePlanEvent(reach('mapping', 'submitted'), event(type, COORDINATOR_COLLEAGUE)))).toEqual([
      'NOT_FORUM_MEMBER',
    ]);
  });

  it.each(decisions)('%s is refused for the submitter (four eyes)', (type) => {
    const submitted = accept(reach('mapping'), event('SUBMIT', STAFF_AND_FORUM));
    expect(codes(decidePlanEvent(submitted, event(type, STAFF_AND_FORUM)))).toEqual(['FOUR_EYES']);
  });

  it('reports both role and four eyes when the submitter is no forum member', () => {
    const submitted = reach('mapping', 'submitted');
    expect(codes(decidePlanEvent(submitted, event('APPROVE', COORDINATOR)))).toEqual(['NOT_FORUM_MEMBER', 'FOUR_EYES']);
  });

  it.each([[[]], [['  ']], [['', '\t']]])('APPROVE_WITH_CONDITIONS needs a non-blank condition (%j)', (conditions) => {
    const submitted = reach('planning', 'submitted');
    expect(codes(decidePlanEvent(submitted, event('APPROVE_WITH_CONDITIONS', FORUM, { conditions })))).toEqual([
      'CONDITIONS_REQUIRED',
    ]);
  });

  it('APPROVE_WITH_CONDITIONS moves on like APPROVE', () => {
    const decision = ok(
      decidePlanEvent(
        reach('planning', 'submitted'),
        event('APPROVE_WITH_CONDITIONS', FORUM, { conditions: ['', 'Afklar drift'] }),
      ),
    );
    expect(decision.to.value).toBe('implementation.drafting');
    expect(decision.stageChanged).toBe(true);
  });

  it.each(['', '   '])('RETURN needs a comment (%j)', (comment) => {
    expect(codes(decidePlanEvent(reach('analysis', 'submitted'), event('RETURN', FORUM, { comment })))).toEqual([
      'COMMENT_REQUIRED',
    ]);
  });

  it('APPROVE needs no comment', () => {
    expect(ok(decidePlanEvent(reach('analysis', 'submitted'), event('APPROVE', FORUM))).to.value).toBe(
      'planning.drafting',
    );
  });
});

describe('commitment sign-off', () => {
  it('records signatures in any order', () => {
    let persisted = reach('planning');
    for (const id of [BUF, TMF, OKF])
      persisted = accept(persisted, {
        ...event('SIGN_COMMITMENT', staff(id)),
        at: `2026-05-0${id.length}T10:00:00.000Z`,
      });
    expect(viewPlanState(persisted).context.signatures).toEqual({
      [BUF]: { by: 'staff-buf', at: '2026-05-03T10:00:00.000Z' },
      [TMF]: { by: 'staff-tmf', at: '2026-05-03T10:00:00.000Z' },
      [OKF]: { by: 'staff-okf', at: '2026-05-03T10:00:00.000Z' },
    });
    expect(viewPlanState(persisted).value).toBe('planning.drafting');
  });

  it('is refused for a second signature from the same administration', () => {
    const signed = accept(reach('planning'), event('SIGN_COMMITMENT', staff(OKF)));
    const violations = refusal(decidePlanEvent(signed, event('SIGN_COMMITMENT', staff(OKF, 'another-okf'))));
    expect(violations.map((v) => v.code)).toEqual(['ALREADY_SIGNED']);
    // The date as a person reads it, never ISO.
    expect(violations[0]?.message).toContain('(2. marts 2026)');
    expect(violations[0]?.messageEn).toContain('(2 March 2026)');
  });

  it('is refused for non-staff and non-participating administrations', () => {
    const persisted = reach('planning');
    expect(codes(decidePlanEvent(persisted, event('SIGN_COMMITMENT', { ...FORUM, administrationId: OKF })))).toEqual([
      'NOT_STAFF',
    ]);
    expect(codes(decidePlanEvent(persisted, event('SIGN_COMMITMENT', staff(SOF))))).toEqual([
      'ADMINISTRATION_NOT_PARTICIPATING',
    ]);
    expect(codes(decidePlanEvent(persisted, event('SIGN_COMMITMENT', FORUM)))).toEqual([
      'NOT_STAFF',
      'ADMINISTRATION_NOT_PARTICIPATING',
    ]);
  });

  it('is not fooled by inherited property names', () => {
    const persisted = reach('planning');
    expect(codes(decidePlanEvent(persisted, event('SIGN_COMMITMENT', staff('constructor'))))).toEqual([
      'ADMINISTRATION_NOT_PARTICIPATING',
    ]);
  });

  it('is only available while the plan is drafted', () => {
    for (const persisted of [reach('mapping'), reach('planning', 'submitted'), reach('implementation')]) {
      expect(codes(decidePlanEvent(persisted, event('SIGN_COMMITMENT', staff(OKF))))).toEqual(['EVENT_NOT_AVAILABLE']);
    }
  });
});

describe('follow-up', () => {
  it('accepting a progress report returns to drafting and counts it', () => {
    const first = ok(decidePlanEvent(reach('followUp', 'submitted'), event('APPROVE', FORUM)));
    expect(first.to.value).toBe('followUp.drafting');
    expect(first.stageChanged).toBe(false);
    expect(first.periodRenewed).toBe(true); // the next follow-up period, with a deadline of its own
    expect(first.to.context.progressReportsAccepted).toBe(1);
    const second = ok(decidePlanEvent(accept(first.persisted, event('SUBMIT', COORDINATOR)), event('APPROVE', FORUM)));
    expect(second.to.context.progressReportsAccepted).toBe(2);
  });

  it('offers no approval with conditions', () => {
    const violations = refusal(
      decidePlanEvent(reach('followUp', 'submitted'), event('APPROVE_WITH_CONDITIONS', FORUM)),
    );
    expect(violations.map((v) => v.code)).toEqual(['EVENT_NOT_AVAILABLE']);
    expect(violations[0]?.message).toContain('Opfølgning');
  });

  it('sending back to planning clears the signatures, which must be given again', () => {
    const sentBack = ok(
      decidePlanEvent(
        reach('followUp', 'submitted'),
        event('SEND_BACK_TO_PLANNING', FORUM, { comment: 'Målene rammer ikke' }),
      ),
    );
    expect(sentBack.to.value).toBe('planning.drafting');
    expect(sentBack.stageChanged).toBe(true);
    expect(sentBack.to.context.signatures).toEqual({});
    expect(codes(decidePlanEvent(sentBack.persisted, event('SUBMIT', COORDINATOR)))).toEqual([
      'PLAN_COMMITMENT_MISSING',
      'PLAN_COMMITMENT_MISSING',
      'PLAN_COMMITMENT_MISSING',
    ]);
    expect(ok(decidePlanEvent(signAll(sentBack.persisted), event('SUBMIT', COORDINATOR))).to.value).toBe(
      'planning.submitted',
    );
  });

  it.each(['SEND_BACK_TO_PLANNING', 'CLOSE'] as const)('%s needs a forum member, four eyes and a comment', (type) => {
    const submitted = reach('followUp', 'submitted');
    expect(codes(decidePlanEvent(submitted, event(type, COORDINATOR, { comment: ' ' })))).toEqual([
      'NOT_FORUM_MEMBER',
      'FOUR_EYES',
      'COMMENT_REQUIRED',
    ]);
    expect(codes(decidePlanEvent(submitted, event(type, FORUM, { comment: '' })))).toEqual(['COMMENT_REQUIRED']);
  });

  it('closing ends the plan for good', () => {
    const closed = ok(
      decidePlanEvent(
        reach('followUp', 'submitted'),
        event('CLOSE', FORUM, { comment: 'Slutevaluering: målene er nået' }),
      ),
    );
    expect(closed.to).toMatchObject({ stage: 'closed', status: null, value: 'closed' });
    expect(closed.stageChanged).toBe(true);
    const violations = refusal(decidePlanEvent(closed.persisted, event('SUBMIT', COORDINATOR)));
    expect(violations.map((v) => v.code)).toEqual(['EVENT_NOT_AVAILABLE']);
    expect(violations[0]?.message).toContain('afsluttet');
    expect(planActions(closed.persisted, COORDINATOR, COMPLETE)).toEqual([]);
  });
});

describe('events that do not apply', () => {
  it('says the plan is not submitted when a decision arrives during drafting', () => {
    const [violation, ...rest] = refusal(decidePlanEvent(reach('mapping'), event('APPROVE', FORUM)));
    expect(rest).toEqual([]);
    expect(violation?.code).toBe('EVENT_NOT_AVAILABLE');
    expect(violation?.message).toContain('Planen er ikke indsendt til borgmesterforum');
    expect(violation?.message).toContain('Kortlægning');
  });

  it('says the stage awaits the forum when submitted twice', () => {
    const [violation] = refusal(decidePlanEvent(reach('mapping', 'submitted'), event('SUBMIT', COORDINATOR)));
    expect(violation?.code).toBe('EVENT_NOT_AVAILABLE');
    expect(violation?.message).toContain('afventer');
  });

  it('names where an event is possible', () => {
    const [violation] = refusal(decidePlanEvent(reach('analysis', 'submitted'), event('CLOSE', FORUM)));
    expect(violation?.code).toBe('EVENT_NOT_AVAILABLE');
    expect(violation?.message).toContain('Opfølgning (indsendt til borgmesterforum)');
  });
});

describe('persistence', () => {
  it('round-trips through JSON, signatures included', () => {
    let persisted = reach('planning');
    persisted = accept(persisted, event('SIGN_COMMITMENT', staff(OKF)));
    const restored: unknown = JSON.parse(JSON.stringify(persisted));
    expect(restored).toEqual(persisted);
    expect(viewPlanState(restored)).toEqual(viewPlanState(persisted));
    expect(viewPlanState(restored).context.signatures).toEqual({ [OKF]: { by: 'staff-okf', at: AT } });
    // and the restored state keeps working
    expect(codes(decidePlanEvent(restored, event('SIGN_COMMITMENT', staff(OKF))))).toEqual(['ALREADY_SIGNED']);
    const next = accept(accept(restored, event('SIGN_COMMITMENT', staff(TMF))), event('SIGN_COMMITMENT', staff(BUF)));
    expect(
      ok(decidePlanEvent(JSON.parse(JSON.stringify(next)) as unknown, event('SUBMIT', COORDINATOR))).to.value,
    ).toBe('planning.submitted');
  });

  it('persists plain JSON data holding the state value and context', () => {
    const persisted = reach('analysis', 'submitted');
    expect(persisted).toMatchObject({ value: { analysis: 'submitted' }, status: 'active' });
    expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);
    expect(viewPlanState(reach('closed'))).toMatchObject({ value: 'closed', stage: 'closed', status: null });
  });

  it('does not change the given persisted state', () => {
    const persisted = reach('mapping');
    const copy: unknown = JSON.parse(JSON.stringify(persisted));
    accept(persisted, event('SUBMIT', COORDINATOR));
    expect(persisted).toEqual(copy);
  });

  it('rejects what is not a persisted plan', () => {
    expect(() => viewPlanState(null)).toThrow('Not a persisted plan state');
    expect(() => viewPlanState({ value: 'mapping' })).toThrow('Not a persisted plan state');
    const { persisted } = startPlan(INPUT);
    const context = (persisted as { context: PlanContext }).context;
    expect(() => viewPlanState({ value: { nowhere: 'drafting' }, context })).toThrow();
  });
});

describe('planActions', () => {
  it('mapping.drafting: the coordinator may submit a complete mapping', () => {
    expect(planActions(reach('mapping'), COORDINATOR, COMPLETE)).toEqual([
      { type: 'SUBMIT', allowed: true, violations: [] },
    ]);
  });

  it('mapping.drafting: explains why a forum member may not submit an incomplete mapping', () => {
    const facts = { ...COMPLETE, administrationsWithMappedInterventions: [TMF, OKF] };
    const [action, ...rest] = planActions(reach('mapping'), FORUM, facts);
    expect(rest).toEqual([]);
    expect(action?.type).toBe('SUBMIT');
    expect(action?.allowed).toBe(false);
    expect(action?.violations.map((v) => v.code)).toEqual(['NOT_COORDINATOR_STAFF', 'MAPPING_INTERVENTIONS_MISSING']);
  });

  it('mapping.submitted: a forum member may decide; comments and conditions are not reasons', () => {
    expect(
      planActions(reach('mapping', 'submitted'), FORUM, COMPLETE).map((a) => [
        a.type,
        a.allowed,
        a.violations.map((v) => v.code),
      ]),
    ).toEqual([
      ['WITHDRAW', false, ['NOT_COORDINATOR_STAFF']],
      ['APPROVE', true, []],
      ['APPROVE_WITH_CONDITIONS', true, []],
      ['RETURN', true, []],
    ]);
  });

  it('mapping.submitted: the submitter may withdraw but not decide', () => {
    expect(
      planActions(reach('mapping', 'submitted'), COORDINATOR, COMPLETE).map((a) => [
        a.type,
        a.violations.map((v) => v.code),
      ]),
    ).toEqual([
      ['WITHDRAW', []],
      ['APPROVE', ['NOT_FORUM_MEMBER', 'FOUR_EYES']],
      ['APPROVE_WITH_CONDITIONS', ['NOT_FORUM_MEMBER', 'FOUR_EYES']],
      ['RETURN', ['NOT_FORUM_MEMBER', 'FOUR_EYES']],
    ]);
  });

  it('planning.drafting: sign-off and submission, with the missing signatures as reasons', () => {
    const persisted = accept(reach('planning'), event('SIGN_COMMITMENT', staff(OKF)));
    expect(planActions(persisted, staff(OKF), COMPLETE).map((a) => [a.type, a.violations.map((v) => v.code)])).toEqual([
      ['SUBMIT', ['NOT_COORDINATOR_STAFF', 'PLAN_COMMITMENT_MISSING', 'PLAN_COMMITMENT_MISSING']],
      ['SIGN_COMMITMENT', ['ALREADY_SIGNED']],
    ]);
    expect(planActions(persisted, COORDINATOR, COMPLETE).map((a) => [a.type, a.allowed])).toEqual([
      ['SUBMIT', false],
      ['SIGN_COMMITMENT', true],
    ]);
  });

  it('followUp.submitted: no approval with conditions, but send back and close', () => {
    expect(planActions(reach('followUp', 'submitted'), FORUM, COMPLETE).map((a) => [a.type, a.allowed])).toEqual([
      ['WITHDRAW', false],
      ['APPROVE', true],
      ['RETURN', true],
      ['SEND_BACK_TO_PLANNING', true],
      ['CLOSE', true],
    ]);
  });
});

describe('stages in order', () => {
  it('APPROVE from every submitted stage leads to the next stage (or back to follow-up drafting)', () => {
    for (const stage of ACTIVE_PLAN_STAGES) {
      const decision = ok(decidePlanEvent(reach(stage, 'submitted'), event('APPROVE', FORUM)));
      expect(decision.to.value).toBe(stage === 'followUp' ? 'followUp.drafting' : `${NEXT[stage]}.drafting`);
    }
  });
});
