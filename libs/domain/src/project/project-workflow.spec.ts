import { describe, expect, it } from '@jest/globals';
import { getShortestPaths } from '@xstate/graph';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../actor.js';
import { REFUSALS } from '../permissions.js';
import type { RuleViolation } from '../rule-violation.js';
import type { Reason } from '../workflow/rules.js';
import {
  finalStates,
  machineEdges,
  machineEventTypes,
  machineStates,
  unavailablePairs,
  type MachineEdge,
} from '../testing/machine-edges.js';
import { decisionLeadTime, leadTimeStats, leadTimeStatsOfCounts } from './project-figures.js';
import { PROJECT_MACHINE_VERSION, projectMachine } from './project-machine.js';
import { PROJECT_RULES, evaluationCompleteness, isCalendarDate, projectPeriodViolations } from './project-rules.js';
import type { ProjectRuleName } from './project-rules.js';
import { PROJECT_TRANSITIONS } from './project-transitions.js';
import {
  EVIDENCE_STRENGTHS,
  EVIDENCE_STRENGTH_SCALE,
  FINAL_PROJECT_STATES,
  PROJECT_EVENT_LABELS,
  PROJECT_EVENT_TYPES,
  PROJECT_STATES,
  SCALED_PROJECT_STATES,
} from './project-types.js';
import type {
  BudgetLine,
  ProjectContext,
  ProjectEvaluation,
  ProjectEvent,
  ProjectEventType,
  ProjectFacts,
  ProjectInput,
  ProjectState,
} from './project-types.js';
import {
  decideProjectEvent,
  evaluationDueOn,
  projectActions,
  startProject,
  viewProjectState,
} from './project-workflow.js';
import type { PersistedProjectState, ProjectDecision, ProjectStateView } from './project-workflow.js';

// ---------------------------------------------------------------- fixtures

const TMF = 'tmf';
const BIF = 'bif';

const staff = (administrationId: string, id = `staff-${administrationId}`): Actor => ({
  id,
  roles: ['staff'],
  administrationId,
});
const PROPOSER = staff(TMF, 'proposer');
const OWNER_STAFF = staff(TMF, 'staff-tmf');
const REVIEWER = staff(TMF, 'reviewer');
const OTHER_STAFF = staff(BIF);
const LEADER: Actor = { id: 'leader-1', roles: ['project_leader'], administrationId: null };
const OTHER_LEADER: Actor = { id: 'leader-2', roles: ['project_leader'], administrationId: null };
const FORUM: Actor = { id: 'forum-1', roles: ['forum_member'], administrationId: null };
/** Staff of the owning administration who also sits in the forum. */
const STAFF_AND_FORUM: Actor = { id: 'both-1', roles: ['staff', 'forum_member'], administrationId: TMF };
/** A project leader who is also staff of the owning administration. */
const LEADER_AND_STAFF: Actor = { id: 'leader-staff', roles: ['project_leader', 'staff'], administrationId: TMF };
const SYSTEM: Actor = { id: 'system', roles: [], administrationId: null };

const INPUT: ProjectInput = {
  owningAdministrationId: TMF,
  projectLeaderId: LEADER.id,
  proposedBy: PROPOSER.id,
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  evaluationDate: null,
  areaIds: ['norrebro'],
};

const COMPLETE_EVALUATION: ProjectEvaluation = {
  goalResults: [{ goalId: 'g-employment', description: '40 deltagere i job', value: 40 }],
  indicatorResults: [{ indicatorId: 'i-outside', value: 12.5 }],
  evidenceStrength: 'before_after',
  costsDkk: 1_200_000,
  whatWorked: 'Opsøgende arbejde',
  whatDidNotWork: 'Holdundervisning',
  recommendation: 'adopt',
};

const COMPLETE: ProjectFacts = {
  goals: [{ id: 'g-employment', title: 'Beskæftigelse på byens niveau' }],
  indicators: [{ id: 'i-outside', name: 'Uden for arbejdsmarkedet' }],
  evaluation: COMPLETE_EVALUATION,
};

const LINE: BudgetLine = { administrationId: TMF, yearlyAmountDkk: 850_000, firstBudgetYear: 2027 };
const AT = '2026-03-02T09:00:00.000Z';

interface Extra {
  reason: string;
  comment: string;
  newEndDate: string;
  evaluationDate: string | null;
  addAreaIds: string[];
  facts: ProjectFacts;
  budgetLine: Partial<BudgetLine> | null;
  bySchedule: boolean;
}

function event(type: ProjectEventType, actor: Actor, extra: Partial<Extra> = {}): ProjectEvent {
  const base = { actor, at: AT };
  switch (type) {
    case 'APPROVE':
      return { ...base, type, comment: extra.comment };
    case 'REJECT':
    case 'TERMINATE':
      return { ...base, type, reason: extra.reason ?? 'Begrundelse' };
    case 'START':
    case 'ASSESS':
      return { ...base, type };
    case 'EXTEND':
      return {
        ...base,
        type,
        reason: extra.reason ?? 'Flere deltagere end ventet',
        newEndDate: extra.newEndDate ?? '2027-06-30',
        evaluationDate: extra.evaluationDate,
      };
    case 'SCALE':
      return {
        ...base,
        type,
        reason: extra.reason ?? 'Virker i Valby; prøves også på Nørrebro',
        addAreaIds: extra.addAreaIds ?? ['valby'],
        newEndDate: extra.newEndDate ?? '2027-12-31',
        evaluationDate: extra.evaluationDate,
      };
    case 'EVALUATION_DUE':
      return { ...base, type, bySchedule: extra.bySchedule };
    case 'SUBMIT_EVALUATION':
      return { ...base, type, facts: extra.facts ?? COMPLETE };
    case 'RETURN_EVALUATION':
      return { ...base, type, comment: extra.comment ?? 'Tilføj tal for indikatoren' };
    case 'ADOPT':
      return { ...base, type, budgetLine: extra.budgetLine === undefined ? LINE : extra.budgetLine };
  }
}

function accept(persisted: PersistedProjectState, ev: ProjectEvent): PersistedProjectState {
  const decision = decideProjectEvent(persisted, ev);
  if (!decision.ok) throw new Error(`${ev.type} refused: ${decision.violations.map((v) => v.code).join(', ')}`);
  return decision.persisted;
}

/** The first round of the cycle, up to the assessment. */
const FIRST_ROUND: [ProjectEventType, Actor][] = [
  ['APPROVE', FORUM],
  ['START', OWNER_STAFF],
  ['EVALUATION_DUE', OWNER_STAFF],
  ['SUBMIT_EVALUATION', LEADER],
  ['ASSESS', REVIEWER],
];

/** The valid way into each state, by the usual actors. */
const PATH_TO: Record<ProjectState, [ProjectEventType, Actor][]> = {
  proposed: [],
  approved: [['APPROVE', FORUM]],
  rejected: [['REJECT', FORUM]],
  running: [
    ['APPROVE', FORUM],
    ['START', OWNER_STAFF],
  ],
  evaluationDue: [
    ['APPROVE', FORUM],
    ['START', OWNER_STAFF],
    ['EVALUATION_DUE', OWNER_STAFF],
  ],
  evaluationSubmitted: [
    ['APPROVE', FORUM],
    ['START', OWNER_STAFF],
    ['EVALUATION_DUE', OWNER_STAFF],
    ['SUBMIT_EVALUATION', LEADER],
  ],
  assessed: [
    ['APPROVE', FORUM],
    ['START', OWNER_STAFF],
    ['EVALUATION_DUE', OWNER_STAFF],
    ['SUBMIT_EVALUATION', LEADER],
    ['ASSESS', REVIEWER],
  ],
  scaling: [...FIRST_ROUND, ['SCALE', FORUM]],
  scaledEvaluationDue: [...FIRST_ROUND, ['SCALE', FORUM], ['EVALUATION_DUE', OWNER_STAFF]],
  scaledEvaluationSubmitted: [
    ...FIRST_ROUND,
    ['SCALE', FORUM],
    ['EVALUATION_DUE', OWNER_STAFF],
    ['SUBMIT_EVALUATION', LEADER],
  ],
  scaledAssessed: [
    ...FIRST_ROUND,
    ['SCALE', FORUM],
    ['EVALUATION_DUE', OWNER_STAFF],
    ['SUBMIT_EVALUATION', LEADER],
    ['ASSESS', REVIEWER],
  ],
  terminated: [
    ['APPROVE', FORUM],
    ['START', OWNER_STAFF],
    ['EVALUATION_DUE', OWNER_STAFF],
    ['SUBMIT_EVALUATION', LEADER],
    ['ASSESS', REVIEWER],
    ['TERMINATE', FORUM],
  ],
  adoptedIntoOperations: [
    ['APPROVE', FORUM],
    ['START', OWNER_STAFF],
    ['EVALUATION_DUE', OWNER_STAFF],
    ['SUBMIT_EVALUATION', LEADER],
    ['ASSESS', REVIEWER],
    ['ADOPT', FORUM],
  ],
};

function reach(
  state: ProjectState,
  input: ProjectInput = INPUT,
  by: Partial<Record<ProjectEventType, Actor>> = {},
): PersistedProjectState {
  return PATH_TO[state].reduce(
    (p, [type, actor]) => accept(p, event(type, by[type] ?? actor)),
    startProject(input).persisted,
  );
}

function codes(decision: ProjectDecision): string[] {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.to.state}`);
  return decision.violations.map((v) => v.code);
}

function ok(decision: ProjectDecision) {
  if (!decision.ok) throw new Error(`expected success, got ${decision.violations.map((v) => v.code).join(', ')}`);
  return decision;
}

// ---------------------------------------------------------------- the machine's own definition

type ProjectStatePath = ReturnType<typeof getShortestPaths<typeof projectMachine>>[number];
type Edge = MachineEdge<ProjectState, ProjectEventType, ProjectRuleName>;

/** Every atomic or final state of the machine. */
const STATES = machineStates<ProjectState>(projectMachine);
/** Every event type: the domain's list and whatever else the machine's definition names. */
const EVENT_TYPES = machineEventTypes<ProjectEventType>(projectMachine, PROJECT_EVENT_TYPES);
/** Every (state, event) transition the machine defines, read from its state nodes. */
const EDGES: Edge[] = machineEdges<ProjectState, ProjectEventType, ProjectRuleName>(projectMachine);
/** Every (state, event) pair the machine does not accept. */
const UNAVAILABLE = unavailablePairs(STATES, EVENT_TYPES, EDGES);

// ---------------------------------------------------------------- paths derived from the machine

const yearLater = (date: string): string => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;

/** Valid events of `type` for a project in `context` (the machine decides whether they apply where it is). */
function validEvents(type: ProjectEventType, context: ProjectContext): ProjectEvent[] {
  const owner = staff(context.owningAdministrationId, OWNER_STAFF.id);
  const leader: Actor = { id: context.projectLeaderId, roles: ['project_leader'], administrationId: null };
  const newEndDate = yearLater(context.periodEnd);
  switch (type) {
    case 'APPROVE':
    case 'REJECT':
    case 'TERMINATE':
    case 'ADOPT':
      return [event(type, FORUM)];
    case 'START':
    case 'EVALUATION_DUE':
    case 'RETURN_EVALUATION':
      return [event(type, owner)];
    case 'EXTEND':
      return [event(type, owner, { newEndDate })];
    case 'SCALE': {
      // Owner staff scale a running project; the forum scales an assessed one.
      const extra = { addAreaIds: [`area-${context.areaIds.length}`], newEndDate };
      return [event(type, owner, extra), event(type, FORUM, extra)];
    }
    case 'SUBMIT_EVALUATION':
      return [event(type, leader)];
    case 'ASSESS':
      return [event(type, staff(context.owningAdministrationId, REVIEWER.id))];
  }
}

const PATHS: ProjectStatePath[] = getShortestPaths(projectMachine, {
  input: INPUT,
  events: (snapshot) => EVENT_TYPES.flatMap((type) => validEvents(type, snapshot.context)),
  // Counters, dates and areas grow with every extension, scaling and resubmission; keep only who did what, so the graph
  // is finite.
  serializeState: (snapshot) => {
    const c = snapshot.context;
    return JSON.stringify({
      value: snapshot.value,
      who: [c.approvedBy, c.evaluationSubmittedBy, c.reviewedBy, c.decidedBy],
      budgetLine: c.budgetLine,
      extended: c.extensions > 0,
      scaled: c.scalings > 0,
    });
  },
}).sort((a, b) => a.steps.length - b.steps.length);

const persistedAlong = new Map<ProjectStatePath, PersistedProjectState>();

/** Follows a derived path with the workflow API (every step must be accepted there, too). */
function follow(path: ProjectStatePath): PersistedProjectState {
  let persisted = persistedAlong.get(path);
  if (persisted === undefined) {
    persisted = path.steps
      .filter((step) => String(step.event.type) !== 'xstate.init')
      .reduce((p, step) => accept(p, step.event), startProject(INPUT).persisted);
    expect(viewProjectState(persisted).state).toBe(path.state.value);
    persistedAlong.set(path, persisted);
  }
  return persisted;
}

interface Ready {
  persisted: PersistedProjectState;
  context: ProjectContext;
  /** A valid event of the edge's type (accepted here, unless asked otherwise). */
  valid: ProjectEvent;
  decision: ProjectDecision;
}

/**
 * The shortest derived path into `source` after which a valid `type` event is
 * accepted and `pick` finds what it needs; both are returned.
 */
function readyFor<T>(
  source: ProjectState,
  type: ProjectEventType,
  pick: (ready: Ready) => T | null,
): { ready: Ready; picked: T } {
  for (const path of PATHS.filter((p) => p.state.value === source)) {
    const persisted = follow(path);
    const { context } = viewProjectState(persisted);
    for (const valid of validEvents(type, context)) {
      const ready = { persisted, context, valid, decision: decideProjectEvent(persisted, valid) };
      const picked = ready.decision.ok ? pick(ready) : null;
      if (picked !== null) return { ready, picked };
    }
  }
  throw new Error(`No derived path reaches ${source} so that ${type} can be taken there`);
}

function anyPathTo(source: ProjectState): PersistedProjectState {
  const path = PATHS.find((p) => p.state.value === source);
  if (!path) throw new Error(`No derived path reaches ${source}`);
  return follow(path);
}

/**
 * What each event means for the business: where the project goes, whether that is final, and what the context records.
 */
function meaning(
  from: ProjectStateView,
  ev: ProjectEvent,
): { state: ProjectState; final: boolean; context: ProjectContext } {
  const context = from.context;
  const by = { actor: ev.actor.id, at: ev.at };
  const decided = { ...context, decidedBy: by.actor, decidedAt: by.at };
  // The second round of the cycle: the scaled period's own evaluation.
  const scaledRound = (SCALED_PROJECT_STATES as readonly string[]).includes(from.state);
  switch (ev.type) {
    case 'APPROVE':
      return { state: 'approved', final: false, context: { ...context, approvedBy: by.actor, approvedAt: by.at } };
    case 'REJECT':
      return { state: 'rejected', final: true, context: decided };
    case 'START':
      return { state: 'running', final: false, context };
    case 'EXTEND':
      return {
        state: from.state,
        final: false,
        context: {
          ...context,
          periodEnd: ev.newEndDate,
          evaluationDate: ev.evaluationDate ?? null,
          extensions: context.extensions + 1,
        },
      };
    case 'SCALE': {
      const scaled = {
        ...context,
        areaIds: [...new Set([...context.areaIds, ...ev.addAreaIds])],
        periodEnd: ev.newEndDate,
        evaluationDate: ev.evaluationDate ?? null,
        scalings: context.scalings + 1,
      };
      // After the assessment, scaling starts the scaled period, which is evaluated again; while running (in
      // either round) it only widens the areas and the period.
      if (from.state !== 'assessed') return { state: from.state, final: false, context: scaled };
      const newRound = { reviewedBy: null, reviewedAt: null, evaluationSubmittedBy: null, evaluationSubmittedAt: null };
      return { state: 'scaling', final: false, context: { ...scaled, ...newRound } };
    }
    case 'EVALUATION_DUE':
      return { state: scaledRound ? 'scaledEvaluationDue' : 'evaluationDue', final: false, context };
    case 'SUBMIT_EVALUATION':
      return {
        state: scaledRound ? 'scaledEvaluationSubmitted' : 'evaluationSubmitted',
        final: false,
        context: {
          ...context,
          evaluationSubmittedBy: by.actor,
          evaluationSubmittedAt: by.at,
          evaluationSubmissions: context.evaluationSubmissions + 1,
        },
      };
    case 'RETURN_EVALUATION':
      return {
        state: scaledRound ? 'scaledEvaluationDue' : 'evaluationDue',
        final: false,
        context: { ...context, evaluationSubmittedBy: null, evaluationSubmittedAt: null },
      };
    case 'ASSESS':
      return {
        state: scaledRound ? 'scaledAssessed' : 'assessed',
        final: false,
        context: { ...context, reviewedBy: by.actor, reviewedAt: by.at },
      };
    case 'TERMINATE':
      return { state: 'terminated', final: true, context: decided };
    case 'ADOPT':
      return {
        state: 'adoptedIntoOperations',
        final: true,
        context: { ...decided, budgetLine: ev.budgetLine as BudgetLine },
      };
  }
}

// ---------------------------------------------------------------- refusals: one rule at a time

const patch = (ev: ProjectEvent, fields: Partial<Extra> & { actor?: Actor; at?: string }): ProjectEvent => ({
  ...ev,
  ...fields,
});
const factsWith = (evaluation: Partial<ProjectEvaluation>): Partial<Extra> => ({
  facts: { ...COMPLETE, evaluation: { ...COMPLETE_EVALUATION, ...evaluation } },
});
const newEndOf = (ev: ProjectEvent): string => (ev.type === 'EXTEND' || ev.type === 'SCALE' ? ev.newEndDate : '');

interface Violation {
  /** The valid event changed so that this rule, and only this rule, is broken; null where that cannot be done here. */
  violate: (valid: ProjectEvent, context: ProjectContext) => ProjectEvent | null;
  /** The codes it gives in a state where everything else is in order. */
  codes: string[];
}

/** How to break each rule of PROJECT_RULES (typed over every rule name; checked at run time too). */
const BREAK: Record<ProjectRuleName, Violation> = {
  ownerStaff: { violate: (ev) => patch(ev, { actor: OTHER_STAFF }), codes: ['NOT_OWNER_STAFF'] },
  ownerStaffOrSchedule: {
    violate: (ev) => patch(ev, { actor: LEADER, bySchedule: false }),
    codes: ['NOT_OWNER_STAFF'],
  },
  forumMember: { violate: (ev) => patch(ev, { actor: OWNER_STAFF }), codes: ['NOT_FORUM_MEMBER'] },
  notProposer: {
    violate: (ev, c) => patch(ev, { actor: { id: c.proposedBy, roles: ['forum_member'], administrationId: null } }),
    codes: ['FOUR_EYES_PROPOSER'],
  },
  notReviewer: {
    violate: (ev, c) =>
      c.reviewedBy === null
        ? null
        : patch(ev, { actor: { id: c.reviewedBy, roles: ['forum_member'], administrationId: null } }),
    codes: ['FOUR_EYES_REVIEWER'],
  },
  notEvaluationSubmitter: {
    violate: (ev, c) =>
      c.evaluationSubmittedBy === null
        ? null
        : patch(ev, {
            actor: { id: c.evaluationSubmittedBy, roles: ['staff'], administrationId: c.owningAdministrationId },
          }),
    codes: ['FOUR_EYES_SUBMITTER'],
  },
  projectLeader: { violate: (ev) => patch(ev, { actor: OTHER_LEADER }), codes: ['NOT_PROJECT_LEADER'] },
  reasonRequired: { violate: (ev) => patch(ev, { reason: ' ' }), codes: ['REASON_REQUIRED'] },
  commentRequired: { violate: (ev) => patch(ev, { comment: '' }), codes: ['COMMENT_REQUIRED'] },
  newPeriodValid: { violate: (ev, c) => patch(ev, { newEndDate: c.periodEnd }), codes: ['NEW_END_DATE_NOT_LATER'] },
  areasAdded: { violate: (ev, c) => patch(ev, { addAreaIds: [...c.areaIds] }), codes: ['SCALE_AREAS_REQUIRED'] },
  evaluationComplete: {
    violate: (ev) => patch(ev, { facts: { ...COMPLETE, evaluation: null } }),
    codes: ['EVALUATION_MISSING'],
  },
  budgetLineComplete: { violate: (ev) => patch(ev, { budgetLine: null }), codes: ['BUDGET_LINE_MISSING'] },
};

/** Further ways to break a rule, each giving one particular code; applied on every edge whose rules list the rule. */
const BREAK_FURTHER: Partial<Record<ProjectRuleName, ({ label: string } & Violation)[]>> = {
  newPeriodValid: [
    { label: 'no new end date', violate: (ev) => patch(ev, { newEndDate: '' }), codes: ['NEW_END_DATE_REQUIRED'] },
    {
      label: 'a new end date that is no date',
      violate: (ev) => patch(ev, { newEndDate: '2027-02-30' }),
      codes: ['DATE_INVALID'],
    },
    {
      label: 'a new end date in the past',
      violate: (ev) => patch(ev, { at: `${yearLater(newEndOf(ev))}T09:00:00.000Z` }),
      codes: ['NEW_END_DATE_IN_PAST'],
    },
    {
      label: 'an evaluation date after the new end',
      violate: (ev) => patch(ev, { evaluationDate: yearLater(newEndOf(ev)) }),
      codes: ['EVALUATION_DATE_AFTER_END'],
    },
    {
      label: 'an evaluation date in the past',
      violate: (ev) => patch(ev, { evaluationDate: '2026-01-15' }),
      codes: ['EVALUATION_DATE_IN_PAST'],
    },
    {
      label: 'an evaluation date that is no date',
      violate: (ev) => patch(ev, { evaluationDate: 'next year' }),
      codes: ['DATE_INVALID'],
    },
  ],
  evaluationComplete: [
    {
      label: 'no goal result',
      violate: (ev) => patch(ev, factsWith({ goalResults: [] })),
      codes: ['EVALUATION_GOAL_RESULT_MISSING'],
    },
    {
      label: 'no indicator result',
      violate: (ev) => patch(ev, factsWith({ indicatorResults: [] })),
      codes: ['EVALUATION_INDICATOR_RESULT_MISSING'],
    },
    {
      label: 'no evidence strength',
      violate: (ev) => patch(ev, factsWith({ evidenceStrength: null })),
      codes: ['EVALUATION_EVIDENCE_MISSING'],
    },
    {
      label: 'no costs',
      violate: (ev) => patch(ev, factsWith({ costsDkk: null })),
      codes: ['EVALUATION_COSTS_MISSING'],
    },
    {
      label: 'nothing on what worked',
      violate: (ev) => patch(ev, factsWith({ whatWorked: ' ' })),
      codes: ['EVALUATION_WHAT_WORKED_MISSING'],
    },
    {
      label: 'nothing on what did not work',
      violate: (ev) => patch(ev, factsWith({ whatDidNotWork: null })),
      codes: ['EVALUATION_WHAT_DID_NOT_WORK_MISSING'],
    },
    {
      label: 'no recommendation',
      violate: (ev) => patch(ev, factsWith({ recommendation: null })),
      codes: ['EVALUATION_RECOMMENDATION_MISSING'],
    },
  ],
  budgetLineComplete: [
    {
      label: 'no administration',
      violate: (ev) => patch(ev, { budgetLine: { ...LINE, administrationId: ' ' } }),
      codes: ['BUDGET_LINE_ADMINISTRATION_MISSING'],
    },
    {
      label: 'no amount',
      violate: (ev) => patch(ev, { budgetLine: { ...LINE, yearlyAmountDkk: 0 } }),
      codes: ['BUDGET_LINE_AMOUNT_INVALID'],
    },
    {
      label: 'no first budget year',
      violate: (ev) => patch(ev, { budgetLine: { ...LINE, firstBudgetYear: 27 } }),
      codes: ['BUDGET_LINE_YEAR_INVALID'],
    },
  ],
};

interface RefusalCase {
  label: string;
  source: ProjectState;
  type: ProjectEventType;
  /** The rule that alone refuses; null for "not available in this state". */
  rule: ProjectRuleName | null;
  codes: string[];
  violate: (valid: ProjectEvent, context: ProjectContext) => ProjectEvent | null;
}

/** Every rule of every edge, broken alone (in every way listed). */
const RULE_CASES: RefusalCase[] = EDGES.flatMap((edge) =>
  edge.rules.flatMap((rule) =>
    [
      { label: rule, ...BREAK[rule] },
      ...(BREAK_FURTHER[rule] ?? []).map((v) => ({ ...v, label: `${rule}, ${v.label}` })),
    ].map((v) => ({
      label: `${edge.type} in ${edge.source}: ${v.label}`,
      source: edge.source,
      type: edge.type,
      rule,
      codes: v.codes,
      violate: v.violate,
    })),
  ),
);

const UNAVAILABLE_CASES: RefusalCase[] = UNAVAILABLE.map(({ source, type }) => ({
  label: `${type} in ${source}`,
  source,
  type,
  rule: null,
  codes: ['EVENT_NOT_AVAILABLE'],
  violate: (ev) => ev,
}));

/** The dates of a proposal, judged before a project exists. */
const PROPOSAL_CASES: {
  label: string;
  period: Pick<ProjectInput, 'periodStart' | 'periodEnd' | 'evaluationDate'>;
  codes: string[];
}[] = [
  {
    label: 'an end before the start',
    period: { periodStart: '2026-06-01', periodEnd: '2026-01-01', evaluationDate: null },
    codes: ['PERIOD_END_BEFORE_START'],
  },
  {
    label: 'an evaluation after the end',
    period: { periodStart: '2026-01-01', periodEnd: '2026-06-01', evaluationDate: '2026-07-01' },
    codes: ['EVALUATION_DATE_AFTER_END'],
  },
  {
    label: 'an evaluation before the start',
    period: { periodStart: '2026-06-01', periodEnd: '2026-12-01', evaluationDate: '2026-05-01' },
    codes: ['EVALUATION_DATE_BEFORE_START'],
  },
  {
    label: 'a start that is no date',
    period: { periodStart: '2026-02-30', periodEnd: '2026-12-01', evaluationDate: null },
    codes: ['DATE_INVALID'],
  },
];

/**
 * Every code the workflow's source can give: each `violation('CODE', …)` and `code = 'CODE'` in project-rules.ts and
 * project-workflow.ts.
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

/**
 * Rules about the decider's own input (reasons, comments, dates, areas, budget lines): never a "why not" beforehand.
 */
const INPUT_RULES: readonly (ProjectRuleName | null)[] = [
  'reasonRequired',
  'commentRequired',
  'newPeriodValid',
  'areasAdded',
  'budgetLineComplete',
];

// ---------------------------------------------------------------- tests

describe('the machine definition', () => {
  it('has the states and events of the domain, and the rows of PROJECT_TRANSITIONS as its edges', () => {
    expect(STATES).toEqual([...PROJECT_STATES]);
    expect([...projectMachine.root.events].sort()).toEqual([...PROJECT_EVENT_TYPES].sort());
    const fromTable = PROJECT_TRANSITIONS.map(
      (row) => `${row.event}@${row.from}→${row.to === 'self' ? row.from : row.to}:${row.rules.join('+')}`,
    );
    expect(EDGES.map((edge) => `${edge.type}@${edge.source}→${edge.target}:${edge.rules.join('+')}`).sort()).toEqual(
      fromTable.sort(),
    );
  });

  it('has at most one transition per state and event, and none out of a final state', () => {
    const keys = EDGES.map((edge) => `${edge.type}@${edge.source}`);
    expect(new Set(keys).size).toBe(keys.length);
    const finals = finalStates<ProjectState>(projectMachine);
    expect(finals).toEqual([...FINAL_PROJECT_STATES]);
    expect(EDGES.filter((edge) => finals.includes(edge.source))).toEqual([]);
  });

  it('reaches every state on a derived path, adoption only through the whole cycle', () => {
    expect([...new Set(PATHS.map((path) => String(path.state.value)))].sort()).toEqual([...STATES].sort());
    const adopted = PATHS.find((path) => path.state.value === 'adoptedIntoOperations');
    expect(adopted?.steps.slice(1).map((step) => step.event.type)).toEqual([
      'APPROVE',
      'START',
      'EVALUATION_DUE',
      'SUBMIT_EVALUATION',
      'ASSESS',
      'ADOPT',
    ]);
  });
});

describe('every edge of the machine, taken at the end of a derived path', () => {
  it.each(EDGES.map((edge) => [`${edge.type}: ${edge.source} → ${edge.target}`, edge] as const))(
    '%s',
    (_label, edge) => {
      const { ready, picked: decision } = readyFor(edge.source, edge.type, ({ decision: d }) => (d.ok ? d : null));
      expect(decision.from.state).toBe(edge.source);
      expect(decision.to.state).toBe(edge.target);
      expect(decision.to.final).toBe(edge.targetIsFinal);
      expect(viewProjectState(decision.persisted).state).toBe(edge.target);
      const expected = meaning(decision.from, ready.valid);
      expect({ state: decision.to.state, final: decision.to.final, context: decision.to.context }).toEqual(expected);
      expect(decision.stateChanged).toBe(edge.source !== expected.state);
    },
  );
});

describe('every state × event the machine does not accept', () => {
  it.each(UNAVAILABLE_CASES.map((c) => [c.label, c] as const))('%s: EVENT_NOT_AVAILABLE', (_label, c) => {
    const persisted = anyPathTo(c.source);
    const { context } = viewProjectState(persisted);
    for (const ev of validEvents(c.type, context)) {
      const decision = decideProjectEvent(persisted, ev);
      expect(codes(decision)).toEqual(c.codes);
      const [violation] = (decision as { violations: { message: string; messageEn: string }[] }).violations;
      expect(violation?.message).toContain(PROJECT_EVENT_LABELS[c.type].da);
      expect(violation?.messageEn).toContain(PROJECT_EVENT_LABELS[c.type].en);
    }
    for (const actor of [OWNER_STAFF, FORUM, LEADER])
      expect(projectActions(persisted, actor, COMPLETE).map((a) => a.type)).not.toContain(c.type);
  });
});

describe('every rule of every edge, broken alone', () => {
  it.each(RULE_CASES.map((c) => [c.label, c] as const))('%s', (_label, c) => {
    const { ready, picked: ev } = readyFor(c.source, c.type, ({ valid, context }) => c.violate(valid, context));
    expect(codes(decideProjectEvent(ready.persisted, ev))).toEqual(c.codes);
    // That rule, and only that rule, of the edge refuses.
    const edge = EDGES.find((e) => e.source === c.source && e.type === c.type);
    expect(edge?.rules.filter((rule) => PROJECT_RULES[rule]({ context: ready.context, event: ev }).length > 0)).toEqual(
      [c.rule],
    );
    // The "why not" offered beforehand agrees, except for the decider's own input.
    const offered = projectActions(
      ready.persisted,
      ev.actor,
      ev.type === 'SUBMIT_EVALUATION' ? ev.facts : COMPLETE,
    ).find((a) => a.type === c.type);
    expect(offered?.violations.map((v) => v.code)).toEqual(INPUT_RULES.includes(c.rule) ? [] : c.codes);
  });

  it.each(PROPOSAL_CASES.map((c) => [c.label, c] as const))('a proposal with %s', (_label, c) => {
    expect(projectPeriodViolations(c.period).map((v) => v.code)).toEqual(c.codes);
    expect(() => startProject({ ...INPUT, ...c.period })).toThrow(c.codes[0]);
  });

  it('guards every edge with at least the rules its event stands for', () => {
    // The business side: who may cause each event, and what it needs (further rules may be added; none may go missing).
    const needs = (type: ProjectEventType, source: ProjectState): ProjectRuleName[] => {
      switch (type) {
        case 'APPROVE':
          return ['forumMember', 'notProposer'];
        case 'REJECT':
          return ['forumMember', 'notProposer', 'reasonRequired'];
        case 'START':
          return ['ownerStaff'];
        case 'EXTEND':
          return ['ownerStaff', 'reasonRequired', 'newPeriodValid'];
        case 'SCALE':
          // Owner staff scale a running project; after the assessment it is the forum's decision.
          return [
            ...(source === 'assessed' ? (['forumMember', 'notReviewer'] as const) : (['ownerStaff'] as const)),
            'reasonRequired',
            'areasAdded',
            'newPeriodValid',
          ];
        case 'EVALUATION_DUE':
          return ['ownerStaffOrSchedule'];
        case 'SUBMIT_EVALUATION':
          return ['projectLeader', 'evaluationComplete'];
        case 'RETURN_EVALUATION':
          return ['ownerStaff', 'commentRequired'];
        case 'ASSESS':
          return ['ownerStaff', 'notEvaluationSubmitter'];
        case 'TERMINATE':
          return ['forumMember', 'notReviewer', 'reasonRequired'];
        case 'ADOPT':
          return ['forumMember', 'notReviewer', 'budgetLineComplete'];
      }
    };
    for (const edge of EDGES) {
      const missing = needs(edge.type, edge.source).filter((rule) => !edge.rules.includes(rule));
      expect([edge.type, edge.source, missing]).toEqual([edge.type, edge.source, []]);
    }
  });

  it('covers every rule and every code the workflow can give', () => {
    expect(Object.keys(BREAK).sort()).toEqual(Object.keys(PROJECT_RULES).sort());
    // Every rule is used by some edge, so each is broken alone at least once above.
    expect([...new Set(RULE_CASES.map((c) => c.rule))].sort()).toEqual(Object.keys(PROJECT_RULES).sort());
    const covered = new Set([...RULE_CASES, ...UNAVAILABLE_CASES, ...PROPOSAL_CASES].flatMap((c) => c.codes));
    const inSource = new Set([...codesInSource('./project-rules.ts'), ...codesInSource('./project-workflow.ts')]);
    expect([...covered].sort()).toEqual([...inSource].sort());
  });
});

describe('startProject', () => {
  it('starts as proposed with the proposal in the context', () => {
    const { state } = startProject({ ...INPUT, areaIds: ['norrebro', 'norrebro', 'valby'] });
    expect(state).toEqual({
      state: 'proposed',
      final: false,
      context: {
        owningAdministrationId: TMF,
        projectLeaderId: LEADER.id,
        proposedBy: PROPOSER.id,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        evaluationDate: null,
        areaIds: ['norrebro', 'valby'],
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
    });
  });

  it('is a versioned machine', () => {
    expect(PROJECT_MACHINE_VERSION).toBe(2);
    expect(projectMachine.version).toBe('2');
  });

  it('restores projects stored by machine version 1, in every state that version had, and they go on', () => {
    const version1States: ProjectState[] = [
      'proposed',
      'approved',
      'rejected',
      'running',
      'evaluationDue',
      'evaluationSubmitted',
      'assessed',
      'terminated',
      'adoptedIntoOperations',
    ];
    for (const state of version1States) {
      const stored = JSON.parse(JSON.stringify(reach(state))) as PersistedProjectState;
      expect([state, viewProjectState(stored, 1).state]).toEqual([state, state]);
      const offered = projectActions(stored, FORUM, COMPLETE, 1).map((a) => a.type);
      expect([state, offered]).toEqual([state, projectActions(stored, FORUM, COMPLETE).map((a) => a.type)]);
    }
    // A version-1 project that was scaled after its assessment runs again in the first round's states, and is
    // decided after its next assessment as before (version 1 had no scaled states).
    const scaledInVersion1 = { ...(reach('running') as Record<string, unknown>) };
    const assessedAgain = [
      event('EVALUATION_DUE', OWNER_STAFF),
      event('SUBMIT_EVALUATION', LEADER),
      event('ASSESS', REVIEWER),
    ].reduce(
      (p, ev, i) => ok(decideProjectEvent(p, ev, i === 0 ? 1 : undefined)).persisted,
      scaledInVersion1 as unknown,
    );
    expect(viewProjectState(assessedAgain).state).toBe('assessed');
    expect(ok(decideProjectEvent(reach('assessed'), event('SCALE', FORUM), 1)).to.state).toBe('scaling');
    expect(() => viewProjectState(reach('running'), 3)).toThrow('newer than this machine');
  });

  it('evaluates a scaled project again before its decision, which is then terminate or adopt', () => {
    const scaledAssessed = reach('scaledAssessed');
    expect(viewProjectState(scaledAssessed).context).toMatchObject({ scalings: 1, evaluationSubmissions: 2 });
    const offered = projectActions(scaledAssessed, FORUM, COMPLETE).map((a) => a.type);
    expect(offered.sort()).toEqual(['ADOPT', 'TERMINATE']);
    expect(codes(decideProjectEvent(scaledAssessed, event('SCALE', FORUM)))).toEqual(['EVENT_NOT_AVAILABLE']);
    // Adoption straight after the scaling, without the scaled period's evaluation, is not possible.
    expect(codes(decideProjectEvent(reach('scaling'), event('ADOPT', FORUM)))).toEqual(['EVENT_NOT_AVAILABLE']);
    expect(ok(decideProjectEvent(scaledAssessed, event('ADOPT', FORUM))).to.state).toBe('adoptedIntoOperations');
  });

  it('refuses a proposal without owner or leader, or with dates that do not hold', () => {
    expect(() => startProject({ ...INPUT, owningAdministrationId: ' ' })).toThrow('owning administration');
    expect(() => startProject({ ...INPUT, projectLeaderId: '' })).toThrow('project leader');
    expect(() => startProject({ ...INPUT, periodEnd: '2025-12-31' })).toThrow('PERIOD_END_BEFORE_START');
  });
});

describe('projectPeriodViolations', () => {
  it('accepts an evaluation date inside the period and none at all', () => {
    expect(
      projectPeriodViolations({ periodStart: '2026-01-01', periodEnd: '2026-12-31', evaluationDate: '2026-10-01' }),
    ).toEqual([]);
    expect(
      projectPeriodViolations({ periodStart: '2026-01-01', periodEnd: '2026-01-01', evaluationDate: null }),
    ).toEqual([]);
  });

  it('names each problem with the dates', () => {
    expect(
      projectPeriodViolations({ periodStart: '2026-06-01', periodEnd: '2026-01-01', evaluationDate: '2026-07-01' }).map(
        (v) => v.code,
      ),
    ).toEqual(['PERIOD_END_BEFORE_START', 'EVALUATION_DATE_AFTER_END']);
    expect(
      projectPeriodViolations({ periodStart: '2026-06-01', periodEnd: '2026-12-01', evaluationDate: '2026-05-01' }).map(
        (v) => v.code,
      ),
    ).toEqual(['EVALUATION_DATE_BEFORE_START']);
    expect(
      projectPeriodViolations({ periodStart: '2026-02-30', periodEnd: 'soon', evaluationDate: '2026/01/01' }).map(
        (v) => v.code,
      ),
    ).toEqual(['DATE_INVALID', 'DATE_INVALID', 'DATE_INVALID']);
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-1-01')).toBe(false);
    expect(isCalendarDate(20270101)).toBe(false);
  });
});

describe('what each transition records', () => {
  it('approval and rejection record who decided', () => {
    expect(ok(decideProjectEvent(reach('proposed'), event('APPROVE', FORUM))).to.context).toMatchObject({
      approvedBy: FORUM.id,
      approvedAt: AT,
      decidedBy: null,
    });
    expect(ok(decideProjectEvent(reach('proposed'), event('REJECT', FORUM))).to.context).toMatchObject({
      decidedBy: FORUM.id,
      decidedAt: AT,
    });
  });

  it('EXTEND moves the end date, counts the extension, and lets the evaluation follow the end unless a date is given', () => {
    const early = reach('running', { ...INPUT, evaluationDate: '2026-10-01' });
    const extended = ok(decideProjectEvent(early, event('EXTEND', OWNER_STAFF, { newEndDate: '2027-06-30' })));
    expect(extended.to.context).toMatchObject({ periodEnd: '2027-06-30', evaluationDate: null, extensions: 1 });
    expect(evaluationDueOn(extended.to.context)).toBe('2027-06-30');
    const withDate = ok(
      decideProjectEvent(
        early,
        event('EXTEND', OWNER_STAFF, { newEndDate: '2027-06-30', evaluationDate: '2027-03-01' }),
      ),
    );
    expect(withDate.to.context).toMatchObject({ periodEnd: '2027-06-30', evaluationDate: '2027-03-01' });
    expect(evaluationDueOn(withDate.to.context)).toBe('2027-03-01');
  });

  it('SCALE adds areas (once each) and a new end date', () => {
    const scaled = ok(
      decideProjectEvent(reach('running'), event('SCALE', OWNER_STAFF, { addAreaIds: ['valby', 'norrebro', 'valby'] })),
    );
    expect(scaled.to.context).toMatchObject({ areaIds: ['norrebro', 'valby'], periodEnd: '2027-12-31', scalings: 1 });
  });

  it('submission, return, review and decision are recorded; SCALE after the assessment starts a new round', () => {
    const submitted = ok(decideProjectEvent(reach('evaluationDue'), event('SUBMIT_EVALUATION', LEADER)));
    expect(submitted.to.context).toMatchObject({
      evaluationSubmittedBy: LEADER.id,
      evaluationSubmittedAt: AT,
      evaluationSubmissions: 1,
    });
    const returned = ok(decideProjectEvent(submitted.persisted, event('RETURN_EVALUATION', OWNER_STAFF)));
    expect(returned.to.context).toMatchObject({ evaluationSubmittedBy: null, evaluationSubmissions: 1 });
    const resubmitted = ok(decideProjectEvent(returned.persisted, event('SUBMIT_EVALUATION', LEADER)));
    expect(resubmitted.to.context.evaluationSubmissions).toBe(2);
    const assessed = ok(decideProjectEvent(resubmitted.persisted, event('ASSESS', REVIEWER)));
    expect(assessed.to.context).toMatchObject({ reviewedBy: REVIEWER.id, reviewedAt: AT });
    const scaled = ok(decideProjectEvent(assessed.persisted, event('SCALE', FORUM)));
    expect(scaled.to).toMatchObject({
      state: 'scaling',
      context: { reviewedBy: null, evaluationSubmittedBy: null, scalings: 1, areaIds: ['norrebro', 'valby'] },
    });
    const adopted = ok(decideProjectEvent(assessed.persisted, event('ADOPT', FORUM)));
    expect(adopted.to.context).toMatchObject({ budgetLine: LINE, decidedBy: FORUM.id, decidedAt: AT });
  });
});

describe('refusals: several rules at once, and particular actors', () => {
  const proposedByDual = reach('proposed', { ...INPUT, proposedBy: STAFF_AND_FORUM.id });
  const assessedByDual = () => reach('assessed', INPUT, { ASSESS: STAFF_AND_FORUM });
  const ledByDual = () =>
    reach(
      'evaluationSubmitted',
      { ...INPUT, projectLeaderId: LEADER_AND_STAFF.id },
      { SUBMIT_EVALUATION: LEADER_AND_STAFF },
    );

  const cases: [string, () => PersistedProjectState, ProjectEvent, string[]][] = [
    [
      'REJECT by the proposer, without a reason',
      () => proposedByDual,
      event('REJECT', STAFF_AND_FORUM, { reason: ' ' }),
      ['FOUR_EYES_PROPOSER', 'REASON_REQUIRED'],
    ],
    ['START by the forum', () => reach('approved'), event('START', FORUM), ['NOT_OWNER_STAFF']],
    [
      'EXTEND without reason to an earlier date',
      () => reach('running'),
      event('EXTEND', OWNER_STAFF, { reason: '', newEndDate: '2026-06-30' }),
      ['REASON_REQUIRED', 'NEW_END_DATE_NOT_LATER'],
    ],
    [
      'EXTEND to a date in the past',
      () => reach('running', { ...INPUT, periodEnd: '2026-01-31' }),
      event('EXTEND', OWNER_STAFF, { newEndDate: '2026-02-27' }),
      ['NEW_END_DATE_IN_PAST'],
    ],
    ['EXTEND by the project leader', () => reach('running'), event('EXTEND', LEADER), ['NOT_OWNER_STAFF']],
    [
      'EXTEND with an evaluation date before a start still to come',
      () => reach('running', { ...INPUT, periodStart: '2027-09-01', periodEnd: '2027-12-31' }),
      event('EXTEND', OWNER_STAFF, { newEndDate: '2028-06-30', evaluationDate: '2027-08-02' }),
      ['EVALUATION_DATE_BEFORE_START'],
    ],
    [
      'SCALE to no areas',
      () => reach('running'),
      event('SCALE', OWNER_STAFF, { addAreaIds: [] }),
      ['SCALE_AREAS_REQUIRED'],
    ],
    [
      'EVALUATION_DUE by a system actor that is not the schedule',
      () => reach('running'),
      event('EVALUATION_DUE', SYSTEM),
      ['NOT_OWNER_STAFF'],
    ],
    [
      'SUBMIT_EVALUATION by owner staff',
      () => reach('evaluationDue'),
      event('SUBMIT_EVALUATION', OWNER_STAFF),
      ['NOT_PROJECT_LEADER'],
    ],
    [
      'SUBMIT_EVALUATION of an empty draft by another leader',
      () => reach('evaluationDue'),
      event('SUBMIT_EVALUATION', OTHER_LEADER, {
        facts: {
          ...COMPLETE,
          evaluation: {
            goalResults: [],
            indicatorResults: [{ indicatorId: 'i-outside', value: null, description: ' ' }],
            evidenceStrength: null,
            costsDkk: null,
            whatWorked: null,
            whatDidNotWork: '',
            recommendation: null,
          },
        },
      }),
      [
        'NOT_PROJECT_LEADER',
        'EVALUATION_GOAL_RESULT_MISSING',
        'EVALUATION_INDICATOR_RESULT_MISSING',
        'EVALUATION_EVIDENCE_MISSING',
        'EVALUATION_COSTS_MISSING',
        'EVALUATION_WHAT_WORKED_MISSING',
        'EVALUATION_WHAT_DID_NOT_WORK_MISSING',
        'EVALUATION_RECOMMENDATION_MISSING',
      ],
    ],
    [
      'ASSESS by the leader who submitted (and is staff)',
      ledByDual,
      event('ASSESS', LEADER_AND_STAFF),
      ['FOUR_EYES_SUBMITTER'],
    ],
    [
      'TERMINATE by the reviewer who sits in the forum, without reason',
      assessedByDual,
      event('TERMINATE', STAFF_AND_FORUM, { reason: '' }),
      ['FOUR_EYES_REVIEWER', 'REASON_REQUIRED'],
    ],
    [
      'ADOPT with an empty budget line',
      () => reach('assessed'),
      event('ADOPT', FORUM, { budgetLine: { administrationId: '', yearlyAmountDkk: 0, firstBudgetYear: 27 } }),
      ['BUDGET_LINE_ADMINISTRATION_MISSING', 'BUDGET_LINE_AMOUNT_INVALID', 'BUDGET_LINE_YEAR_INVALID'],
    ],
    [
      'ADOPT with a negative amount and no year',
      () => reach('assessed'),
      event('ADOPT', FORUM, { budgetLine: { administrationId: TMF, yearlyAmountDkk: -5 } }),
      ['BUDGET_LINE_AMOUNT_INVALID', 'BUDGET_LINE_YEAR_INVALID'],
    ],
    [
      'SCALE after assessment by the reviewer, to no new area',
      assessedByDual,
      event('SCALE', STAFF_AND_FORUM, { addAreaIds: ['norrebro'] }),
      ['FOUR_EYES_REVIEWER', 'SCALE_AREAS_REQUIRED'],
    ],
  ];

  it.each(cases)('%s', (_label, from, ev, expectedCodes) => {
    expect(codes(decideProjectEvent(from(), ev))).toEqual(expectedCodes);
  });

  it('gives every violation in Danish and English', () => {
    const decision = decideProjectEvent(reach('assessed'), event('ADOPT', OWNER_STAFF, { budgetLine: null }));
    if (decision.ok) throw new Error('expected a refusal');
    for (const v of decision.violations) {
      expect(v.message.length).toBeGreaterThan(10);
      expect(v.messageEn.length).toBeGreaterThan(10);
      expect(v.message).not.toBe(v.messageEn);
    }
    expect(decision.violations.map((v) => v.code)).toEqual(['NOT_FORUM_MEMBER', 'BUDGET_LINE_MISSING']);
  });

  it('names the goal and the indicator that lack results', () => {
    const violations = evaluationCompleteness({
      ...COMPLETE,
      evaluation: { ...COMPLETE_EVALUATION, goalResults: [], indicatorResults: [] },
    });
    expect(violations.map((v) => v.message)).toEqual([
      'Beskriv resultatet for målet "Beskæftigelse på byens niveau".',
      'Angiv en værdi eller en beskrivelse for indikatoren "Uden for arbejdsmarkedet".',
    ]);
  });

  it('words the evidence scale, never its codes', () => {
    const [violation] = evaluationCompleteness({
      ...COMPLETE,
      evaluation: { ...COMPLETE_EVALUATION, evidenceStrength: null },
    });
    expect(violation.code).toBe('EVALUATION_EVIDENCE_MISSING');
    expect(violation.message).toMatch(
      /^Angiv evidensens styrke på skalaen fra »Enkeltfortællinger og indtryk« \(1\) til/,
    );
    expect(violation.messageEn).toMatch(/from “Anecdotes and impressions” \(1\) to/);
    for (const text of [violation.message, violation.messageEn]) expect(text).not.toMatch(/anecdotal|before_after|_/);
  });

  it('accepts an indicator result given as a description only', () => {
    expect(
      evaluationCompleteness({
        ...COMPLETE,
        evaluation: {
          ...COMPLETE_EVALUATION,
          indicatorResults: [{ indicatorId: 'i-outside', description: 'Faldet markant' }],
        },
      }),
    ).toEqual([]);
  });

  it('the deadline job may call for the evaluation', () => {
    expect(
      ok(decideProjectEvent(reach('running'), event('EVALUATION_DUE', SYSTEM, { bySchedule: true }))).to.state,
    ).toBe('evaluationDue');
  });

  it('says where an event is possible, and that a final project is final', () => {
    const [wrongState] = (
      decideProjectEvent(reach('running'), event('ADOPT', FORUM)) as {
        violations: { message: string; messageEn: string }[];
      }
    ).violations;
    expect(wrongState?.message).toContain('vurderet, afventer beslutning');
    expect(wrongState?.messageEn).toContain('assessed, awaiting decision');
    const [final] = (
      decideProjectEvent(reach('adoptedIntoOperations'), event('SCALE', FORUM)) as { violations: { message: string }[] }
    ).violations;
    expect(final?.message).toContain('endeligt forankret i drift');
  });
});

describe('projectActions', () => {
  const summary = (persisted: PersistedProjectState, actor: Actor, facts = COMPLETE) =>
    projectActions(persisted, actor, facts).map((a) => [a.type, a.allowed, a.violations.map((v) => v.code)]);

  it('proposed: a forum member may approve or reject; the proposer may not', () => {
    expect(summary(reach('proposed'), FORUM)).toEqual([
      ['APPROVE', true, []],
      ['REJECT', true, []],
    ]);
    expect(summary(reach('proposed'), PROPOSER)).toEqual([
      ['APPROVE', false, ['NOT_FORUM_MEMBER', 'FOUR_EYES_PROPOSER']],
      ['REJECT', false, ['NOT_FORUM_MEMBER', 'FOUR_EYES_PROPOSER']],
    ]);
  });

  it('running: owner staff may extend, scale and call for the evaluation; reasons and dates are not "why not"', () => {
    expect(summary(reach('running'), OWNER_STAFF)).toEqual([
      ['EXTEND', true, []],
      ['SCALE', true, []],
      ['EVALUATION_DUE', true, []],
    ]);
    expect(summary(reach('running'), LEADER).map(([t, a]) => [t, a])).toEqual([
      ['EXTEND', false],
      ['SCALE', false],
      ['EVALUATION_DUE', false],
    ]);
  });

  it('evaluationDue: the leader sees what the evaluation still lacks', () => {
    const facts = { ...COMPLETE, evaluation: { ...COMPLETE_EVALUATION, whatWorked: '' } };
    expect(summary(reach('evaluationDue'), LEADER, facts)).toEqual([
      ['SUBMIT_EVALUATION', false, ['EVALUATION_WHAT_WORKED_MISSING']],
    ]);
    expect(summary(reach('evaluationDue'), LEADER)).toEqual([['SUBMIT_EVALUATION', true, []]]);
  });

  it('assessed: the reviewer may not decide; another forum member may', () => {
    const persisted = reach('assessed', INPUT, { ASSESS: STAFF_AND_FORUM });
    expect(summary(persisted, STAFF_AND_FORUM)).toEqual([
      ['TERMINATE', false, ['FOUR_EYES_REVIEWER']],
      ['ADOPT', false, ['FOUR_EYES_REVIEWER']],
      ['SCALE', false, ['FOUR_EYES_REVIEWER']],
    ]);
    expect(summary(persisted, FORUM).map(([t, a]) => [t, a])).toEqual([
      ['TERMINATE', true],
      ['ADOPT', true],
      ['SCALE', true],
    ]);
  });

  it('final states offer nothing', () => {
    for (const state of ['rejected', 'terminated', 'adoptedIntoOperations'] as const)
      expect(projectActions(reach(state), FORUM, COMPLETE)).toEqual([]);
  });
});

describe('persistence', () => {
  it('round-trips through JSON and keeps working', () => {
    const persisted = reach('evaluationSubmitted');
    const restored: unknown = JSON.parse(JSON.stringify(persisted));
    expect(restored).toEqual(persisted);
    expect(viewProjectState(restored)).toEqual(viewProjectState(persisted));
    expect(ok(decideProjectEvent(restored, event('ASSESS', REVIEWER))).to.state).toBe('assessed');
  });

  it('does not change the given persisted state', () => {
    const persisted = reach('running');
    const copy: unknown = JSON.parse(JSON.stringify(persisted));
    accept(persisted, event('SCALE', OWNER_STAFF));
    expect(persisted).toEqual(copy);
  });

  it('rejects what is not a persisted project', () => {
    expect(() => viewProjectState(null)).toThrow('Not a persisted project state');
    expect(() => viewProjectState({ value: 'running' })).toThrow('Not a persisted project state');
    const { context } = startProject(INPUT).persisted as { context: unknown };
    expect(() => viewProjectState({ value: 'nowhere', context })).toThrow('Not a persisted project state');
  });
});

describe('portfolio figures', () => {
  it('counts the decision lead time in Danish working days from the end date', () => {
    expect(decisionLeadTime('2026-03-31', '2026-04-07')).toBe(2); // 1 April, (Easter), 7 April
    expect(decisionLeadTime('2026-03-06', '2026-03-06')).toBe(0);
    expect(decisionLeadTime('2026-03-06', '2026-03-02')).toBe(-4);
  });

  it('gives median and 90th percentile (nearest rank)', () => {
    expect(leadTimeStats([])).toEqual({ decisions: 0, medianWorkingDays: null, p90WorkingDays: null });
    expect(leadTimeStats([7])).toEqual({ decisions: 1, medianWorkingDays: 7, p90WorkingDays: 7 });
    expect(leadTimeStats([30, 10, 20])).toEqual({ decisions: 3, medianWorkingDays: 20, p90WorkingDays: 30 });
    expect(leadTimeStats([4, 1, 3, 2])).toEqual({ decisions: 4, medianWorkingDays: 2.5, p90WorkingDays: 4 });
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(leadTimeStats(hundred)).toEqual({ decisions: 100, medianWorkingDays: 50.5, p90WorkingDays: 90 });
  });

  it('gives the same figures from a tally of lead times as from the list of them', () => {
    expect(leadTimeStatsOfCounts([])).toEqual(leadTimeStats([]));
    expect(leadTimeStatsOfCounts([[3, 0]])).toEqual(leadTimeStats([]));
    expect(
      leadTimeStatsOfCounts([
        [4, 1],
        [2, 2],
        [4, 1],
      ]),
    ).toEqual(leadTimeStats([2, 2, 4, 4]));
    let seed = 3;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 300; i++) {
      const list = Array.from({ length: 1 + (next() % 60) }, () => (next() % 90) - 20);
      const tally = new Map<number, number>();
      for (const d of list) tally.set(d, (tally.get(d) ?? 0) + 1);
      // In any order, and a value's count split over several pairs (as groups counted apart would give it).
      const pairs = [...tally].flatMap(([d, n]): [number, number][] =>
        n > 1
          ? [
              [d, 1],
              [d, n - 1],
            ]
          : [[d, n]],
      );
      expect(leadTimeStatsOfCounts(pairs.reverse())).toEqual(leadTimeStats(list));
    }
  });
});

describe('the evidence scale', () => {
  it('is ranked from anecdote to controlled comparison', () => {
    expect(EVIDENCE_STRENGTHS.map((s) => EVIDENCE_STRENGTH_SCALE[s].rank)).toEqual([1, 2, 3, 4, 5]);
    expect(EVIDENCE_STRENGTHS[0]).toBe('anecdotal');
    expect(EVIDENCE_STRENGTHS[4]).toBe('controlled');
  });
});
