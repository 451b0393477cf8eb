import { describe, expect, it } from '@jest/globals';
import { planGoalTarget } from '../indicators/on-track.js';
import { stageCompleteness } from './plan-rules.js';
import { planFactsFrom, type PlanContentRead } from './plan-content.js';
import type { PlanContext } from './plan-types.js';

const CONTEXT: PlanContext = {
  coordinatingAdministrationId: 'a',
  participatingAdministrationIds: [],
  submittedBy: null,
  submittedAt: null,
  signatures: {},
  progressReportsAccepted: 0,
};

const read = (goalData: Record<string, unknown>, cityGoals: PlanContentRead['cityGoals']): PlanContentRead => ({
  items: [
    { id: 'g1', section: 'goal', administrationId: 'a', data: { title: 'Beskæftigelse', ...goalData } },
    { id: 'i1', section: 'intervention', administrationId: 'a', data: { name: 'Job', goalItemIds: ['g1'] } },
  ],
  administrations: [],
  openConditions: [],
  indicatorNames: {},
  cityGoals,
});

describe("a plan goal's target: one rule for the status and for completeness", () => {
  it('is city-level when it refines a city-level goal and sets no value of its own', () => {
    expect(planGoalTarget(null, { targetKind: 'city_level', targetValue: null })).toEqual({
      kind: 'city_level',
      value: null,
    });
    expect(planGoalTarget(75, { targetKind: 'city_level', targetValue: null })).toEqual({
      kind: 'absolute',
      value: 75,
    });
    expect(planGoalTarget(null, { targetKind: 'absolute', targetValue: 95 })).toEqual({ kind: 'absolute', value: 95 });
    expect(planGoalTarget(null, { targetKind: 'absolute', targetValue: null })).toBeNull();
    expect(planGoalTarget(null, null)).toBeNull();
  });

  it('lets the plan stage count a goal tied to a city-level goal as having its target', () => {
    const cityLevel = planFactsFrom(
      read({ cityGoalId: 'c1' }, { c1: { targetKind: 'city_level', targetValue: null } }),
    );
    expect(cityLevel.goals[0].hasTargetValue).toBe(true);
    const rules = (facts: ReturnType<typeof planFactsFrom>) =>
      stageCompleteness('planning', CONTEXT, facts).map((v) => v.code);
    expect(rules(cityLevel)).not.toContain('PLAN_TARGET_MISSING');
    const none = planFactsFrom(read({}, {}));
    expect(none.goals[0].hasTargetValue).toBe(false);
    expect(rules(none)).toContain('PLAN_TARGET_MISSING');
  });
});
