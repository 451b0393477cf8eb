import { describe, expect, it } from '@jest/globals';
import { getShortestPaths } from '@xstate/graph';
import type { Actor } from '../actor.js';
import { decisionLeadTime, leadTimeStats } from './project-figures.js';
import { PROJECT_MACHINE_VERSION, projectMachine } from './project-machine.js';
import { evaluationCompleteness, isCalendarDate, projectPeriodViolations } from './project-rules.js';
import { PROJECT_TRANSITIONS } from './project-transitions.js';
import { EVIDENCE_STRENGTHS, EVIDENCE_STRENGTH_SCALE, PROJECT_STATES } from './project-types.js';
import type { BudgetLine, ProjectEvaluation, ProjectEvent, ProjectEventType, ProjectFacts, ProjectInput, ProjectState } from './project-types.js';
import { decideProjectEvent, evaluationDueOn, projectActions, startProject, viewProjectState } from './project-workflow.js';
import type { PersistedProjectState, ProjectDecision } from './project-workflow.js';

// ---------------------------------------------------------------- fixtures

const TMF = 'tmf';
const BIF = 'bif';

const staff = (administrationId: string, id = `staff-${administrationId}`): Actor => ({ id, roles: ['staff'], administrationId });
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
const OBSERVER: Actor = { id: 'observer-1', roles: ['observer'], administrationId: null };

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
      return { ...base, type, reason: extra.reason ?? 'Flere deltagere end ventet', newEndDate: extra.newEndDate ?? '2027-06-30', evaluationDate: extra.evaluationDate };
    case 'SCALE':
      return { ...base, type, addAreaIds: extra.addAreaIds ?? ['valby'], newEndDate: extra.newEndDate ?? '2027-12-31', evaluationDate: extra.evaluationDate };
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

/** The valid way into each state, by the usual actors. */
const PATH_TO: Record<ProjectState, [ProjectEventType, Actor][]> = {
  proposed: [],
  approved: [['APPROVE', FORUM]],
  rejected: [['REJECT', FORUM]],
  running: [['APPROVE', FORUM], ['START', OWNER_STAFF]],
  evaluationDue: [['APPROVE', FORUM], ['START', OWNER_STAFF], ['EVALUATION_DUE', OWNER_STAFF]],
  evaluationSubmitted: [['APPROVE', FORUM], ['START', OWNER_STAFF], ['EVALUATION_DUE', OWNER_STAFF], ['SUBMIT_EVALUATION', LEADER]],
  assessed: [['APPROVE', FORUM], ['START', OWNER_STAFF], ['EVALUATION_DUE', OWNER_STAFF], ['SUBMIT_EVALUATION', LEADER], ['ASSESS', REVIEWER]],
  terminated: [['APPROVE', FORUM], ['START', OWNER_STAFF], ['EVALUATION_DUE', OWNER_STAFF], ['SUBMIT_EVALUATION', LEADER], ['ASSESS', REVIEWER], ['TERMINATE', FORUM]],
  adoptedIntoOperations: [['APPROVE', FORUM], ['START', OWNER_STAFF], ['EVALUATION_DUE', OWNER_STAFF], ['SUBMIT_EVALUATION', LEADER], ['ASSESS', REVIEWER], ['ADOPT', FORUM]],
};

function reach(state: ProjectState, input: ProjectInput = INPUT, by: Partial<Record<ProjectEventType, Actor>> = {}): PersistedProjectState {
  return PATH_TO[state].reduce((p, [type, actor]) => accept(p, event(type, by[type] ?? actor)), startProject(input).persisted);
}

function codes(decision: ProjectDecision): string[] {
  if (decision.ok) throw new Error(`expected a refusal, got ${decision.to.state}`);
  return decision.violations.map((v) => v.code);
}

function ok(decision: ProjectDecision) {
  if (!decision.ok) throw new Error(`expected success, got ${decision.violations.map((v) => v.code).join(', ')}`);
  return decision;
}

// ---------------------------------------------------------------- tests

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
    expect(PROJECT_MACHINE_VERSION).toBe(1);
    expect(projectMachine.version).toBe('1');
  });

  it('refuses a proposal without owner or leader, or with dates that do not hold', () => {
    expect(() => startProject({ ...INPUT, owningAdministrationId: ' ' })).toThrow('owning administration');
    expect(() => startProject({ ...INPUT, projectLeaderId: '' })).toThrow('project leader');
    expect(() => startProject({ ...INPUT, periodEnd: '2025-12-31' })).toThrow('PERIOD_END_BEFORE_START');
  });
});

describe('projectPeriodViolations', () => {
  it('accepts an evaluation date inside the period and none at all', () => {
    expect(projectPeriodViolations({ periodStart: '2026-01-01', periodEnd: '2026-12-31', evaluationDate: '2026-10-01' })).toEqual([]);
    expect(projectPeriodViolations({ periodStart: '2026-01-01', periodEnd: '2026-01-01', evaluationDate: null })).toEqual([]);
  });

  it('names each problem with the dates', () => {
    expect(projectPeriodViolations({ periodStart: '2026-06-01', periodEnd: '2026-01-01', evaluationDate: '2026-07-01' }).map((v) => v.code)).toEqual([
      'PERIOD_END_BEFORE_START',
      'EVALUATION_DATE_AFTER_END',
    ]);
    expect(projectPeriodViolations({ periodStart: '2026-06-01', periodEnd: '2026-12-01', evaluationDate: '2026-05-01' }).map((v) => v.code)).toEqual([
      'EVALUATION_DATE_BEFORE_START',
    ]);
    expect(projectPeriodViolations({ periodStart: '2026-02-30', periodEnd: 'soon', evaluationDate: '2026/01/01' }).map((v) => v.code)).toEqual([
      'DATE_INVALID',
      'DATE_INVALID',
      'DATE_INVALID',
    ]);
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-1-01')).toBe(false);
    expect(isCalendarDate(20270101)).toBe(false);
  });
});

describe('every transition of the table, with valid actors and payloads', () => {
  // Hand-written expectations: [event, from, to, actor]. Not derived from PROJECT_TRANSITIONS on purpose.
  const expected: [ProjectEventType, ProjectState, ProjectState, Actor][] = [
    ['APPROVE', 'proposed', 'approved', FORUM],
    ['REJECT', 'proposed', 'rejected', FORUM],
    ['START', 'approved', 'running', OWNER_STAFF],
    ['EXTEND', 'running', 'running', OWNER_STAFF],
    ['SCALE', 'running', 'running', OWNER_STAFF],
    ['EVALUATION_DUE', 'running', 'evaluationDue', OWNER_STAFF],
    ['SUBMIT_EVALUATION', 'evaluationDue', 'evaluationSubmitted', LEADER],
    ['RETURN_EVALUATION', 'evaluationSubmitted', 'evaluationDue', OWNER_STAFF],
    ['ASSESS', 'evaluationSubmitted', 'assessed', REVIEWER],
    ['TERMINATE', 'assessed', 'terminated', FORUM],
    ['ADOPT', 'assessed', 'adoptedIntoOperations', FORUM],
    ['SCALE', 'assessed', 'running', FORUM],
  ];

  it('covers exactly the rows of PROJECT_TRANSITIONS', () => {
    const fromTable = PROJECT_TRANSITIONS.map((row) => `${row.event}@${row.from}→${row.to === 'self' ? row.from : row.to}`).sort();
    expect(expected.map(([type, from, to]) => `${type}@${from}→${to}`).sort()).toEqual(fromTable);
  });

  it.each(expected)('%s from %s leads to %s', (type, from, to, actor) => {
    const decision = ok(decideProjectEvent(reach(from), event(type, actor)));
    expect(decision.from.state).toBe(from);
    expect(decision.to.state).toBe(to);
    expect(decision.stateChanged).toBe(from !== to);
    expect(viewProjectState(decision.persisted).state).toBe(to);
  });

  it('marks exactly rejected, terminated and adopted as final', () => {
    const finals = PROJECT_STATES.filter((s) => viewProjectState(reach(s)).final);
    expect(finals).toEqual(['rejected', 'terminated', 'adoptedIntoOperations']);
  });
});

describe('what each transition records', () => {
  it('approval and rejection record who decided', () => {
    expect(ok(decideProjectEvent(reach('proposed'), event('APPROVE', FORUM))).to.context).toMatchObject({ approvedBy: FORUM.id, approvedAt: AT, decidedBy: null });
    expect(ok(decideProjectEvent(reach('proposed'), event('REJECT', FORUM))).to.context).toMatchObject({ decidedBy: FORUM.id, decidedAt: AT });
  });

  it('EXTEND moves the end date, counts the extension, and lets the evaluation follow the end unless a date is given', () => {
    const early = reach('running', { ...INPUT, evaluationDate: '2026-10-01' });
    const extended = ok(decideProjectEvent(early, event('EXTEND', OWNER_STAFF, { newEndDate: '2027-06-30' })));
    expect(extended.to.context).toMatchObject({ periodEnd: '2027-06-30', evaluationDate: null, extensions: 1 });
    expect(evaluationDueOn(extended.to.context)).toBe('2027-06-30');
    const withDate = ok(decideProjectEvent(early, event('EXTEND', OWNER_STAFF, { newEndDate: '2027-06-30', evaluationDate: '2027-03-01' })));
    expect(withDate.to.context).toMatchObject({ periodEnd: '2027-06-30', evaluationDate: '2027-03-01' });
    expect(evaluationDueOn(withDate.to.context)).toBe('2027-03-01');
  });

  it('SCALE adds areas (once each) and a new end date', () => {
    const scaled = ok(decideProjectEvent(reach('running'), event('SCALE', OWNER_STAFF, { addAreaIds: ['valby', 'norrebro', 'valby'] })));
    expect(scaled.to.context).toMatchObject({ areaIds: ['norrebro', 'valby'], periodEnd: '2027-12-31', scalings: 1 });
  });

  it('submission, return, review and decision are recorded; SCALE after the assessment starts a new round', () => {
    const submitted = ok(decideProjectEvent(reach('evaluationDue'), event('SUBMIT_EVALUATION', LEADER)));
    expect(submitted.to.context).toMatchObject({ evaluationSubmittedBy: LEADER.id, evaluationSubmittedAt: AT, evaluationSubmissions: 1 });
    const returned = ok(decideProjectEvent(submitted.persisted, event('RETURN_EVALUATION', OWNER_STAFF)));
    expect(returned.to.context).toMatchObject({ evaluationSubmittedBy: null, evaluationSubmissions: 1 });
    const resubmitted = ok(decideProjectEvent(returned.persisted, event('SUBMIT_EVALUATION', LEADER)));
    expect(resubmitted.to.context.evaluationSubmissions).toBe(2);
    const assessed = ok(decideProjectEvent(resubmitted.persisted, event('ASSESS', REVIEWER)));
    expect(assessed.to.context).toMatchObject({ reviewedBy: REVIEWER.id, reviewedAt: AT });
    const scaled = ok(decideProjectEvent(assessed.persisted, event('SCALE', FORUM)));
    expect(scaled.to).toMatchObject({ state: 'running', context: { reviewedBy: null, evaluationSubmittedBy: null, scalings: 1, areaIds: ['norrebro', 'valby'] } });
    const adopted = ok(decideProjectEvent(assessed.persisted, event('ADOPT', FORUM)));
    expect(adopted.to.context).toMatchObject({ budgetLine: LINE, decidedBy: FORUM.id, decidedAt: AT });
  });
});

describe('refusals: every rule, with its code', () => {
  const proposedByDual = reach('proposed', { ...INPUT, proposedBy: STAFF_AND_FORUM.id });
  const assessedByDual = () => reach('assessed', INPUT, { ASSESS: STAFF_AND_FORUM });
  const ledByDual = () => reach('evaluationSubmitted', { ...INPUT, projectLeaderId: LEADER_AND_STAFF.id }, { SUBMIT_EVALUATION: LEADER_AND_STAFF });

  const cases: [string, () => PersistedProjectState, ProjectEvent, string[]][] = [
    ['APPROVE by staff', () => reach('proposed'), event('APPROVE', OWNER_STAFF), ['NOT_FORUM_MEMBER']],
    ['APPROVE by the proposer who sits in the forum', () => proposedByDual, event('APPROVE', STAFF_AND_FORUM), ['FOUR_EYES_PROPOSER']],
    ['REJECT by the proposer, without a reason', () => proposedByDual, event('REJECT', STAFF_AND_FORUM, { reason: ' ' }), ['FOUR_EYES_PROPOSER', 'REASON_REQUIRED']],
    ['REJECT by an observer', () => reach('proposed'), event('REJECT', OBSERVER), ['NOT_FORUM_MEMBER']],
    ['START by another administration', () => reach('approved'), event('START', OTHER_STAFF), ['NOT_OWNER_STAFF']],
    ['START by the forum', () => reach('approved'), event('START', FORUM), ['NOT_OWNER_STAFF']],
    ['EXTEND without reason to an earlier date', () => reach('running'), event('EXTEND', OWNER_STAFF, { reason: '', newEndDate: '2026-06-30' }), ['REASON_REQUIRED', 'NEW_END_DATE_NOT_LATER']],
    ['EXTEND to a date in the past', () => reach('running', { ...INPUT, periodEnd: '2026-01-31' }), event('EXTEND', OWNER_STAFF, { newEndDate: '2026-02-27' }), ['NEW_END_DATE_IN_PAST']],
    ['EXTEND without a date', () => reach('running'), event('EXTEND', OWNER_STAFF, { newEndDate: '' }), ['NEW_END_DATE_REQUIRED']],
    ['EXTEND to no date at all', () => reach('running'), event('EXTEND', OWNER_STAFF, { newEndDate: '2027-02-30' }), ['DATE_INVALID']],
    ['EXTEND with an evaluation after the end', () => reach('running'), event('EXTEND', OWNER_STAFF, { evaluationDate: '2027-07-01' }), ['EVALUATION_DATE_AFTER_END']],
    ['EXTEND with an evaluation in the past', () => reach('running'), event('EXTEND', OWNER_STAFF, { evaluationDate: '2026-01-15' }), ['EVALUATION_DATE_IN_PAST']],
    ['EXTEND with a malformed evaluation date', () => reach('running'), event('EXTEND', OWNER_STAFF, { evaluationDate: 'next year' }), ['DATE_INVALID']],
    ['EXTEND by the project leader', () => reach('running'), event('EXTEND', LEADER), ['NOT_OWNER_STAFF']],
    ['SCALE to areas already covered', () => reach('running'), event('SCALE', OWNER_STAFF, { addAreaIds: ['norrebro'] }), ['SCALE_AREAS_REQUIRED']],
    ['SCALE to no areas', () => reach('running'), event('SCALE', OWNER_STAFF, { addAreaIds: [] }), ['SCALE_AREAS_REQUIRED']],
    ['EVALUATION_DUE by the leader', () => reach('running'), event('EVALUATION_DUE', LEADER), ['NOT_OWNER_STAFF']],
    ['EVALUATION_DUE by a system actor that is not the schedule', () => reach('running'), event('EVALUATION_DUE', SYSTEM), ['NOT_OWNER_STAFF']],
    ['SUBMIT_EVALUATION by another leader', () => reach('evaluationDue'), event('SUBMIT_EVALUATION', OTHER_LEADER), ['NOT_PROJECT_LEADER']],
    ['SUBMIT_EVALUATION by owner staff', () => reach('evaluationDue'), event('SUBMIT_EVALUATION', OWNER_STAFF), ['NOT_PROJECT_LEADER']],
    ['SUBMIT_EVALUATION without a draft', () => reach('evaluationDue'), event('SUBMIT_EVALUATION', LEADER, { facts: { ...COMPLETE, evaluation: null } }), ['EVALUATION_MISSING']],
    [
      'SUBMIT_EVALUATION of an empty draft by another leader',
      () => reach('evaluationDue'),
      event('SUBMIT_EVALUATION', OTHER_LEADER, {
        facts: {
          ...COMPLETE,
          evaluation: { goalResults: [], indicatorResults: [{ indicatorId: 'i-outside', value: null, description: ' ' }], evidenceStrength: null, costsDkk: null, whatWorked: null, whatDidNotWork: '', recommendation: null },
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
    ['RETURN_EVALUATION without a comment', () => reach('evaluationSubmitted'), event('RETURN_EVALUATION', OWNER_STAFF, { comment: '' }), ['COMMENT_REQUIRED']],
    ['RETURN_EVALUATION by the forum', () => reach('evaluationSubmitted'), event('RETURN_EVALUATION', FORUM), ['NOT_OWNER_STAFF']],
    ['ASSESS by the leader who submitted (and is staff)', ledByDual, event('ASSESS', LEADER_AND_STAFF), ['FOUR_EYES_SUBMITTER']],
    ['ASSESS by another administration', () => reach('evaluationSubmitted'), event('ASSESS', OTHER_STAFF), ['NOT_OWNER_STAFF']],
    ['TERMINATE by the reviewer who sits in the forum, without reason', assessedByDual, event('TERMINATE', STAFF_AND_FORUM, { reason: '' }), ['FOUR_EYES_REVIEWER', 'REASON_REQUIRED']],
    ['TERMINATE by staff', () => reach('assessed'), event('TERMINATE', OWNER_STAFF), ['NOT_FORUM_MEMBER']],
    ['ADOPT by the reviewer', assessedByDual, event('ADOPT', STAFF_AND_FORUM), ['FOUR_EYES_REVIEWER']],
    ['ADOPT without a budget line', () => reach('assessed'), event('ADOPT', FORUM, { budgetLine: null }), ['BUDGET_LINE_MISSING']],
    [
      'ADOPT with an empty budget line',
      () => reach('assessed'),
      event('ADOPT', FORUM, { budgetLine: { administrationId: '', yearlyAmountDkk: 0, firstBudgetYear: 27 } }),
      ['BUDGET_LINE_ADMINISTRATION_MISSING', 'BUDGET_LINE_AMOUNT_INVALID', 'BUDGET_LINE_YEAR_INVALID'],
    ],
    ['ADOPT with a negative amount and no year', () => reach('assessed'), event('ADOPT', FORUM, { budgetLine: { administrationId: TMF, yearlyAmountDkk: -5 } }), ['BUDGET_LINE_AMOUNT_INVALID', 'BUDGET_LINE_YEAR_INVALID']],
    ['SCALE after assessment by the reviewer, to no new area', assessedByDual, event('SCALE', STAFF_AND_FORUM, { addAreaIds: ['norrebro'] }), ['FOUR_EYES_REVIEWER', 'SCALE_AREAS_REQUIRED']],
    ['SCALE after assessment by staff', () => reach('assessed'), event('SCALE', OWNER_STAFF), ['NOT_FORUM_MEMBER']],
    ['START while proposed', () => reach('proposed'), event('START', OWNER_STAFF), ['EVENT_NOT_AVAILABLE']],
    ['ADOPT after termination', () => reach('terminated'), event('ADOPT', FORUM), ['EVENT_NOT_AVAILABLE']],
  ];

  it.each(cases)('%s', (_label, from, ev, expectedCodes) => {
    expect(codes(decideProjectEvent(from(), ev))).toEqual(expectedCodes);
  });

  it('covers every refusal code the workflow can give', () => {
    const covered = new Set(cases.flatMap(([, , , c]) => c));
    expect([...covered].sort()).toEqual(
      [
        'BUDGET_LINE_ADMINISTRATION_MISSING', 'BUDGET_LINE_AMOUNT_INVALID', 'BUDGET_LINE_MISSING', 'BUDGET_LINE_YEAR_INVALID', 'COMMENT_REQUIRED',
        'DATE_INVALID', 'EVALUATION_COSTS_MISSING', 'EVALUATION_DATE_AFTER_END', 'EVALUATION_DATE_IN_PAST', 'EVALUATION_EVIDENCE_MISSING',
        'EVALUATION_GOAL_RESULT_MISSING', 'EVALUATION_INDICATOR_RESULT_MISSING', 'EVALUATION_MISSING', 'EVALUATION_RECOMMENDATION_MISSING',
        'EVALUATION_WHAT_DID_NOT_WORK_MISSING', 'EVALUATION_WHAT_WORKED_MISSING', 'EVENT_NOT_AVAILABLE', 'FOUR_EYES_PROPOSER', 'FOUR_EYES_REVIEWER',
        'FOUR_EYES_SUBMITTER', 'NEW_END_DATE_IN_PAST', 'NEW_END_DATE_NOT_LATER', 'NEW_END_DATE_REQUIRED', 'NOT_FORUM_MEMBER', 'NOT_OWNER_STAFF',
        'NOT_PROJECT_LEADER', 'REASON_REQUIRED', 'SCALE_AREAS_REQUIRED',
      ].sort(),
    );
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
    const violations = evaluationCompleteness({ ...COMPLETE, evaluation: { ...COMPLETE_EVALUATION, goalResults: [], indicatorResults: [] } });
    expect(violations.map((v) => v.message)).toEqual([
      'Beskriv resultatet for målet "Beskæftigelse på byens niveau".',
      'Angiv en værdi eller en beskrivelse for indikatoren "Uden for arbejdsmarkedet".',
    ]);
  });

  it('accepts an indicator result given as a description only', () => {
    expect(evaluationCompleteness({ ...COMPLETE, evaluation: { ...COMPLETE_EVALUATION, indicatorResults: [{ indicatorId: 'i-outside', description: 'Faldet markant' }] } })).toEqual([]);
  });

  it('the deadline job may call for the evaluation', () => {
    expect(ok(decideProjectEvent(reach('running'), event('EVALUATION_DUE', SYSTEM, { bySchedule: true }))).to.state).toBe('evaluationDue');
  });

  it('says where an event is possible, and that a final project is final', () => {
    const [wrongState] = (decideProjectEvent(reach('running'), event('ADOPT', FORUM)) as { violations: { message: string; messageEn: string }[] }).violations;
    expect(wrongState?.message).toContain('vurderet, afventer beslutning');
    expect(wrongState?.messageEn).toContain('assessed, awaiting decision');
    const [final] = (decideProjectEvent(reach('adoptedIntoOperations'), event('SCALE', FORUM)) as { violations: { message: string }[] }).violations;
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
    expect(summary(reach('evaluationDue'), LEADER, facts)).toEqual([['SUBMIT_EVALUATION', false, ['EVALUATION_WHAT_WORKED_MISSING']]]);
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
    for (const state of ['rejected', 'terminated', 'adoptedIntoOperations'] as const) expect(projectActions(reach(state), FORUM, COMPLETE)).toEqual([]);
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

describe('paths derived from the machine (@xstate/graph)', () => {
  /** Valid events for any state; the machine decides which apply. */
  const candidates = (): ProjectEvent[] => [
    event('APPROVE', FORUM),
    event('REJECT', FORUM),
    event('START', OWNER_STAFF),
    event('EXTEND', OWNER_STAFF),
    event('SCALE', OWNER_STAFF),
    event('SCALE', FORUM, { addAreaIds: ['amager'] }),
    event('EVALUATION_DUE', SYSTEM, { bySchedule: true }),
    event('SUBMIT_EVALUATION', LEADER),
    event('RETURN_EVALUATION', OWNER_STAFF),
    event('ASSESS', REVIEWER),
    event('TERMINATE', FORUM),
    event('ADOPT', FORUM),
  ];

  const paths = getShortestPaths(projectMachine, {
    input: INPUT,
    events: candidates,
    // The submission counter grows with every return and resubmission; leave it out so the graph is finite.
    serializeState: (snapshot) => {
      const { evaluationSubmissions: _counter, evaluationSubmittedAt: _at, ...context } = snapshot.context;
      return JSON.stringify({ value: snapshot.value, context });
    },
  });

  it('reaches every state', () => {
    expect([...new Set(paths.map((path) => String(path.state.value)))].sort()).toEqual([...PROJECT_STATES].sort());
  });

  it('reaches a running project that was scaled after its assessment', () => {
    expect(paths.some((path) => path.state.value === 'running' && path.steps.some((step) => step.event.type === 'ASSESS'))).toBe(true);
  });

  it('reaches adoption only through approval, start, due evaluation, submission and assessment', () => {
    const adopted = paths.filter((path) => path.state.value === 'adoptedIntoOperations').sort((a, b) => a.steps.length - b.steps.length)[0];
    expect(adopted!.steps.slice(1).map((step) => step.event.type)).toEqual(['APPROVE', 'START', 'EVALUATION_DUE', 'SUBMIT_EVALUATION', 'ASSESS', 'ADOPT']);
  });

  it('every derived path can be followed with decideProjectEvent', () => {
    expect(paths.length).toBeGreaterThan(PROJECT_STATES.length);
    for (const path of paths) {
      let persisted = startProject(INPUT).persisted;
      for (const step of path.steps.slice(1)) persisted = accept(persisted, step.event);
      const state = viewProjectState(persisted);
      expect(state.state).toBe(path.state.value);
      const { evaluationSubmissions: _a, evaluationSubmittedAt: _b, ...context } = state.context;
      const { evaluationSubmissions: _c, evaluationSubmittedAt: _d, ...expected } = path.state.context;
      expect(context).toEqual(expected);
    }
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
});

describe('the evidence scale', () => {
  it('is ranked from anecdote to controlled comparison', () => {
    expect(EVIDENCE_STRENGTHS.map((s) => EVIDENCE_STRENGTH_SCALE[s].rank)).toEqual([1, 2, 3, 4, 5]);
    expect(EVIDENCE_STRENGTHS[0]).toBe('anecdotal');
    expect(EVIDENCE_STRENGTHS[4]).toBe('controlled');
  });
});
