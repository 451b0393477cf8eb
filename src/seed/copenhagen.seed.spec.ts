import { describe, expect, it } from '@jest/globals';
import { HOUSING_LISTS } from '#domain';
import { COPENHAGEN } from './copenhagen.seed.js';

/**
 * Issue 17: every concrete 2020 goal of the policy (shared/seed, "Måles ved/via") is seeded with an indicator
 * of its own source, unit and direction, and the target the policy states.
 */
describe("Copenhagen's seed: every concrete goal measured from its named source", () => {
  const indicators = new Map(COPENHAGEN.indicators.map((i) => [i.code, i]));
  const concrete = COPENHAGEN.goals.filter((g) => g.level === 'concrete');

  it('ties each of the eleven concrete goals to a seeded indicator with a unit, a direction and a source', () => {
    expect(concrete).toHaveLength(11);
    for (const g of concrete) {
      const ind = indicators.get(g.indicator ?? '');
      expect({ goal: g.code, indicator: ind?.code ?? null }).toEqual({ goal: g.code, indicator: g.indicator });
      expect({ goal: g.code, unit: ind!.unit.length > 0, source: ind!.source.length > 0 }).toEqual({
        goal: g.code,
        unit: true,
        source: true,
      });
      // The goal's direction is its indicator's (a lower-is-better indicator is never judged the other way).
      expect({ goal: g.code, direction: g.direction ?? 'higher_is_better' }).toEqual({
        goal: g.code,
        direction: ind!.direction,
      });
      expect(g.dataSource?.length).toBeGreaterThan(0);
    }
  });

  it('states the targets the policy names', () => {
    const target = Object.fromEntries(
      concrete.map((g) => [g.code, [g.targetKind ?? 'absolute', g.targetValue ?? null, g.indicator]]),
    );
    expect(target).toEqual({
      'schools-first-choice': ['city_level', null, 'local-school-daycare-use'],
      'health-city-level': ['city_level', null, 'health-index'],
      'cleaning-city-level': ['city_level', null, 'cleaning-maintenance'],
      'safety-city-level': ['city_level', null, 'safety-index'],
      'deprived-housing-halved': ['relative', -50, 'listed-housing-areas'],
      'balanced-resident-mix': ['absolute', 100, 'resident-mix'],
      'youth-education-95': ['absolute', 95, 'youth-education'],
      'employment-city-level': ['city_level', null, 'outside-labour-market'],
      'urban-life-80': ['absolute', 80, 'urban-life-satisfaction'],
      'culture-sports-satisfaction': ['city_level', null, 'culture-sports-satisfied'],
      'social-housing-20': ['absolute', 20, 'social-housing-share'],
    });
  });

  it("measures 'halve the list' from the government's lists, and names only lists there are", () => {
    const counted = COPENHAGEN.indicators.filter((i) => i.countsHousingLists?.length);
    expect(counted.map((i) => [i.code, i.countsHousingLists])).toEqual([
      ['listed-housing-areas', ['especially_deprived', 'parallel_society']],
    ]);
    for (const l of counted.flatMap((i) => i.countsHousingLists!)) expect(HOUSING_LISTS).toContain(l);
    expect(indicators.get('listed-housing-areas')!.source).toMatch(/Ministeriets liste/);
  });
});
