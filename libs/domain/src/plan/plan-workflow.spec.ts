import { describe, expect, it } from '@jest/globals';
import { getShortestPaths } from '@xstate/graph';
import type { Actor } from '../actor.js';
import { PLAN_MACHINE_VERSION, planMachine } from './plan-machine.js';
import { PLAN_TRANSITIONS } from './plan-transitions.js';
import { ACTIVE_PLAN_STAGES } from './plan-types.js';
import type { ActivePlanStage, PlanContext, PlanEvent, PlanEventType, PlanFacts, PlanInput } from './plan-types.js';
import { decidePlanEvent, planActions, startPlan, viewPlanState } from './plan-workflow.js';
import type { PersistedPlanState, PlanDecision } from './plan-workflow.js';

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

function event(type: PlanEventType, actor: Actor, extra: Partial<{ facts: PlanFacts; comment: string; conditions: string[] }> = {}): PlanEvent {
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

// ---------------------------------------------------------------- tests

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

describe('every transition of the table, with valid actors and facts', () => {
  // Hand-written expectations: [event, from, to]. Not derived from PLAN_TRANSITIONS on purpose.
  const expected: [PlanEventType, string, string][] = [
    ...ACTIVE_PLAN_STAGES.flatMap((s): [PlanEventType, string, string][] => [
      ['SUBMIT', `${s}.drafting`, `${s}.submitted`],
      ['WITHDRAW', `${s}.submitted`, `${s}.drafting`],
      ['RETURN', `${s}.submitted`, `${s}.drafting`],
    ]),
    ['APPROVE', 'mapping.submitted', 'analysis.drafting'],
    ['APPROVE', 'analysis.submitted', 'planning.drafting'],
    ['APPROVE', 'planning.submitted', 'implementation.drafting'],
    ['APPROVE', 'implementation.submitted', 'followUp.drafting'],
    ['APPROVE', 'followUp.submitted', 'followUp.drafting'],
    ['APPROVE_WITH_CONDITIONS', 'mapping.submitted', 'analysis.drafting'],
    ['APPROVE_WITH_CONDITIONS', 'analysis.submitted', 'planning.drafting'],
    ['APPROVE_WITH_CONDITIONS', 'planning.submitted', 'implementation.drafting'],
    ['APPROVE_WITH_CONDITIONS', 'implementation.submitted', 'followUp.drafting'],
    ['SIGN_COMMITMENT', 'planning.drafting', 'planning.drafting'],
    ['SEND_BACK_TO_PLANNING', 'followUp.submitted', 'planning.drafting'],
    ['CLOSE', 'followUp.submitted', 'closed'],
  ];

  it('covers exactly the rows of PLAN_TRANSITIONS', () => {
    const fromTable = PLAN_TRANSITIONS.flatMap((row) => row.stages.map((s) => `${row.event}@${s}.${row.from}`)).sort();
    expect(expected.map(([type, from]) => `${type}@${from}`).sort()).toEqual(fromTable);
  });

  it.each(expected)('%s from %s leads to %s', (type, from, to) => {
    const [stage, status] = from.split('.') as [ActivePlanStage, 'drafting' | 'submitted'];
    let persisted = reach(stage, status);
    if (type === 'SUBMIT' && stage === 'planning') persisted = signAll(persisted);
    const actor = type === 'SUBMIT' || type === 'WITHDRAW' ? COORDINATOR : type === 'SIGN_COMMITMENT' ? staff(OKF) : FORUM;
    const decision = ok(decidePlanEvent(persisted, event(type, actor)));
    expect(decision.from.value).toBe(from);
    expect(decision.to.value).toBe(to);
    expect(decision.stageChanged).toBe(from.split('.')[0] !== to.split('.')[0]);
    expect(viewPlanState(decision.persisted).value).toBe(to);
  });
});

describe('submission', () => {
  it('records and clears the submitter', () => {
    const submitted = ok(decidePlanEvent(reach('mapping'), event('SUBMIT', COORDINATOR)));
    expect(submitted.to.context.submittedBy).toBe(COORDINATOR.id);
    expect(submitted.to.context.submittedAt).toBe(AT);
    for (const [type, actor] of [['WITHDRAW', COORDINATOR], ['APPROVE', FORUM], ['RETURN', FORUM]] as const) {
      const after = ok(decidePlanEvent(submitted.persisted, event(type, actor)));
      expect([type, after.to.context.submittedBy, after.to.context.submittedAt]).toEqual([type, null, null]);
    }
  });

  it('allows any staff member of the coordinating administration', () => {
    expect(ok(decidePlanEvent(reach('mapping'), event('SUBMIT', COORDINATOR_COLLEAGUE))).to.value).toBe('mapping.submitted');
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
      decidePlanEvent(reach('analysis'), event('SUBMIT', COORDINATOR, { facts: { ...COMPLETE, openConditions: ['Inddrag lokaludvalget', 'Afklar finansiering'] } })),
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
    const violations = refusal(decidePlanEvent(reach('planning'), event('SUBMIT', COORDINATOR, { facts: { ...COMPLETE, goals: [] } })));
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
    expect(codes(decidePlanEvent(reach('followUp'), event('SUBMIT', COORDINATOR, { facts })))).toEqual(['FOLLOWUP_REPORT_MISSING']);
  });

  it('judges only the current stage', () => {
    // Analysis facts are missing, but mapping is complete.
    const facts = { ...COMPLETE, problemCount: 0, budgetDecisionRecorded: false, progressReportReady: false, goals: [] };
    expect(ok(decidePlanEvent(reach('mapping'), event('SUBMIT', COORDINATOR, { facts }))).to.value).toBe('mapping.submitted');
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
    expect(codes(decidePlanEvent(reach('mapping', 'submitted'), event(type, COORDINATOR_COLLEAGUE)))).toEqual(['NOT_FORUM_MEMBER']);
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
    expect(codes(decidePlanEvent(submitted, event('APPROVE_WITH_CONDITIONS', FORUM, { conditions })))).toEqual(['CONDITIONS_REQUIRED']);
  });

  it('APPROVE_WITH_CONDITIONS moves on like APPROVE', () => {
    const decision = ok(decidePlanEvent(reach('planning', 'submitted'), event('APPROVE_WITH_CONDITIONS', FORUM, { conditions: ['', 'Afklar drift'] })));
    expect(decision.to.value).toBe('implementation.drafting');
    expect(decision.stageChanged).toBe(true);
  });

  it.each(['', '   '])('RETURN needs a comment (%j)', (comment) => {
    expect(codes(decidePlanEvent(reach('analysis', 'submitted'), event('RETURN', FORUM, { comment })))).toEqual(['COMMENT_REQUIRED']);
  });

  it('APPROVE needs no comment', () => {
    expect(ok(decidePlanEvent(reach('analysis', 'submitted'), event('APPROVE', FORUM))).to.value).toBe('planning.drafting');
  });
});

describe('commitment sign-off', () => {
  it('records signatures in any order', () => {
    let persisted = reach('planning');
    for (const id of [BUF, TMF, OKF]) persisted = accept(persisted, { ...event('SIGN_COMMITMENT', staff(id)), at: `2026-05-0${id.length}T10:00:00.000Z` });
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
    expect(violations[0]?.message).toContain('2026-03-02');
  });

  it('is refused for non-staff and non-participating administrations', () => {
    const persisted = reach('planning');
    expect(codes(decidePlanEvent(persisted, event('SIGN_COMMITMENT', { ...FORUM, administrationId: OKF })))).toEqual(['NOT_STAFF']);
    expect(codes(decidePlanEvent(persisted, event('SIGN_COMMITMENT', staff(SOF))))).toEqual(['ADMINISTRATION_NOT_PARTICIPATING']);
    expect(codes(decidePlanEvent(persisted, event('SIGN_COMMITMENT', FORUM)))).toEqual(['NOT_STAFF', 'ADMINISTRATION_NOT_PARTICIPATING']);
  });

  it('is not fooled by inherited property names', () => {
    const persisted = reach('planning');
    expect(codes(decidePlanEvent(persisted, event('SIGN_COMMITMENT', staff('constructor'))))).toEqual(['ADMINISTRATION_NOT_PARTICIPATING']);
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
    expect(first.to.context.progressReportsAccepted).toBe(1);
    const second = ok(decidePlanEvent(accept(first.persisted, event('SUBMIT', COORDINATOR)), event('APPROVE', FORUM)));
    expect(second.to.context.progressReportsAccepted).toBe(2);
  });

  it('offers no approval with conditions', () => {
    const violations = refusal(decidePlanEvent(reach('followUp', 'submitted'), event('APPROVE_WITH_CONDITIONS', FORUM)));
    expect(violations.map((v) => v.code)).toEqual(['EVENT_NOT_AVAILABLE']);
    expect(violations[0]?.message).toContain('Opfølgning');
  });

  it('sending back to planning clears the signatures, which must be given again', () => {
    const sentBack = ok(decidePlanEvent(reach('followUp', 'submitted'), event('SEND_BACK_TO_PLANNING', FORUM, { comment: 'Målene rammer ikke' })));
    expect(sentBack.to.value).toBe('planning.drafting');
    expect(sentBack.stageChanged).toBe(true);
    expect(sentBack.to.context.signatures).toEqual({});
    expect(codes(decidePlanEvent(sentBack.persisted, event('SUBMIT', COORDINATOR)))).toEqual([
      'PLAN_COMMITMENT_MISSING',
      'PLAN_COMMITMENT_MISSING',
      'PLAN_COMMITMENT_MISSING',
    ]);
    expect(ok(decidePlanEvent(signAll(sentBack.persisted), event('SUBMIT', COORDINATOR))).to.value).toBe('planning.submitted');
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
    const closed = ok(decidePlanEvent(reach('followUp', 'submitted'), event('CLOSE', FORUM, { comment: 'Slutevaluering: målene er nået' })));
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
    expect(ok(decidePlanEvent(JSON.parse(JSON.stringify(next)) as unknown, event('SUBMIT', COORDINATOR))).to.value).toBe('planning.submitted');
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
    expect(planActions(reach('mapping'), COORDINATOR, COMPLETE)).toEqual([{ type: 'SUBMIT', allowed: true, violations: [] }]);
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
    expect(planActions(reach('mapping', 'submitted'), FORUM, COMPLETE).map((a) => [a.type, a.allowed, a.violations.map((v) => v.code)])).toEqual([
      ['WITHDRAW', false, ['NOT_COORDINATOR_STAFF']],
      ['APPROVE', true, []],
      ['APPROVE_WITH_CONDITIONS', true, []],
      ['RETURN', true, []],
    ]);
  });

  it('mapping.submitted: the submitter may withdraw but not decide', () => {
    expect(planActions(reach('mapping', 'submitted'), COORDINATOR, COMPLETE).map((a) => [a.type, a.violations.map((v) => v.code)])).toEqual([
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

describe('paths derived from the machine (@xstate/graph)', () => {
  const ALL_STATES = [...ACTIVE_PLAN_STAGES.flatMap((s) => [`${s}.drafting`, `${s}.submitted`]), 'closed'];

  /** Valid events for any state; the machine decides which apply. */
  const candidates = (): PlanEvent[] => [
    event('SUBMIT', COORDINATOR),
    event('WITHDRAW', COORDINATOR),
    event('APPROVE', FORUM),
    event('APPROVE_WITH_CONDITIONS', FORUM),
    event('RETURN', FORUM),
    ...[TMF, OKF, BUF].map((id) => event('SIGN_COMMITMENT', staff(id))),
    event('SEND_BACK_TO_PLANNING', FORUM),
    event('CLOSE', FORUM),
  ];

  const paths = getShortestPaths(planMachine, {
    input: INPUT,
    events: candidates,
    // The accepted-report counter grows without bound; leave it out so the graph is finite.
    serializeState: (snapshot) =>
      JSON.stringify({ value: snapshot.value, signed: Object.keys(snapshot.context.signatures).sort(), by: snapshot.context.submittedBy }),
  });

  const valueOf = (value: unknown): string =>
    typeof value === 'string' ? value : Object.entries(value as Record<string, string>).map(([k, v]) => `${k}.${v}`).join();

  it('reaches every stage × status and closed', () => {
    expect([...new Set(paths.map((path) => valueOf(path.state.value)))].sort()).toEqual([...ALL_STATES].sort());
  });

  it('reaches closed only through the whole plan', () => {
    const shortest = paths.filter((path) => path.state.value === 'closed').map((path) => path.steps.length);
    // init, 5 × submit, 4 × approve, 3 signatures, close
    expect(Math.min(...shortest)).toBe(1 + 5 + 4 + 3 + 1);
  });

  it('every derived path can be followed with decidePlanEvent', () => {
    expect(paths.length).toBeGreaterThan(ALL_STATES.length);
    for (const path of paths) {
      let persisted = startPlan(INPUT).persisted;
      for (const step of path.steps.slice(1)) persisted = accept(persisted, step.event);
      const state = viewPlanState(persisted);
      expect(state.value).toBe(valueOf(path.state.value));
      expect(state.context).toEqual(path.state.context);
    }
  });

  it('APPROVE from every submitted stage leads to the next stage (or back to follow-up drafting)', () => {
    for (const stage of ACTIVE_PLAN_STAGES) {
      const decision = ok(decidePlanEvent(reach(stage, 'submitted'), event('APPROVE', FORUM)));
      expect(decision.to.value).toBe(stage === 'followUp' ? 'followUp.drafting' : `${NEXT[stage]}.drafting`);
    }
  });
});
