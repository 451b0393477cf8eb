import { describe, expect, it } from '@jest/globals';
import type { PlanItemView } from './plan-content.js';
import { interventionMix, interventionMixViolations } from './plan-mix.js';

const goal = (id: string, title: string): PlanItemView => ({
  id,
  section: 'goal',
  administrationId: 'a',
  data: { title, targetValue: 1 },
});
const chosen = (
  id: string,
  kind: string,
  goalItemIds: string[],
  extra: Record<string, unknown> = {},
): PlanItemView => ({
  id,
  section: 'intervention',
  administrationId: 'a',
  data: { name: id, kind, goalItemIds, ...extra },
});

describe('the mix of interventions in a plan', () => {
  const items = [
    goal('g1', 'Uddannelse'),
    goal('g2', 'Beskæftigelse'),
    chosen('i1', 'core_operations', ['g1'], { fundingSource: 'base_budget', yearlyAmountDkk: 1_000_000 }),
    chosen('i2', 'individual', ['g1', 'g2'], { fundingSource: 'state_pool', yearlyAmountDkk: 250_000 }),
    chosen('i3', 'individual', ['g2']),
    chosen('i4', 'individual', [], { yearlyAmountDkk: 50_000 }),
    { id: 'm1', section: 'mapping', administrationId: 'a', data: { name: 'm', kind: 'area_based' } },
  ] satisfies PlanItemView[];

  it('counts and sums the chosen interventions per kind, with the funding by source', () => {
    const mix = interventionMix(items);
    expect(mix.kinds.core_operations).toEqual({
      count: 1,
      yearlyAmountDkk: 1_000_000,
      withoutAmount: 0,
      bySource: { base_budget: 1_000_000 },
    });
    expect(mix.kinds.individual).toEqual({
      count: 3,
      yearlyAmountDkk: 300_000,
      withoutAmount: 1,
      bySource: { state_pool: 250_000, unstated: 50_000 },
    });
    expect(mix.kinds.area_based.count).toBe(0); // the mapping's existing interventions are not the plan's choice
    expect(mix.total).toMatchObject({ count: 4, yearlyAmountDkk: 1_300_000, withoutAmount: 1 });
    expect(mix.missingKinds).toEqual(['area_based']);
    expect(mix.withoutGoal).toBe(1);
  });

  it('shows the same per goal, an intervention serving two goals counted under each', () => {
    const [g1, g2] = interventionMix(items).goals;
    expect(g1).toMatchObject({ goalItemId: 'g1', title: 'Uddannelse' });
    expect(g1.kinds.core_operations.count).toBe(1);
    expect(g1.kinds.individual).toMatchObject({ count: 1, yearlyAmountDkk: 250_000 });
    expect(g2.kinds.core_operations.count).toBe(0);
    expect(g2.kinds.individual).toMatchObject({ count: 2, yearlyAmountDkk: 250_000, withoutAmount: 1 });
    expect(g2.total.count).toBe(2);
  });

  it('as a completeness rule names each missing kind, in Danish and English, only when required', () => {
    expect(interventionMixViolations(['area_based'], false)).toEqual([]);
    const [v, ...rest] = interventionMixViolations(['area_based'], true);
    expect(rest).toEqual([]);
    expect(v.code).toBe('PLAN_INTERVENTION_KIND_MISSING');
    expect(v.message).toContain('områdebaseret');
    expect(v.messageEn).toContain('area-based');
    expect(interventionMixViolations(['core_operations', 'individual', 'area_based'], true)).toHaveLength(3);
  });
});
