import { describe, expect, it } from '@jest/globals';
import { findOverlaps, PLAN_SECTIONS, type MappedIntervention } from './plan-content.js';

const item = (
  id: string,
  administrationId: string,
  goalIds: string[],
  periodStart: string | null,
  periodEnd: string | null,
): MappedIntervention => ({
  id,
  administrationId,
  goalIds,
  periodStart,
  periodEnd,
});

describe('findOverlaps', () => {
  it('flags a common goal in overlapping periods across administrations, both ways', () => {
    const result = findOverlaps([
      item('a', 'TMF', ['g1'], '2013-01-01', '2014-12-31'),
      item('b', 'BIF', ['g1', 'g2'], '2014-06-01', '2015-12-31'),
      item('c', 'BIF', ['g3'], '2013-01-01', null),
    ]);
    expect(result).toEqual({ a: ['b'], b: ['a'] });
  });

  it('ignores the same administration, disjoint periods and different goals', () => {
    expect(
      findOverlaps([
        item('a', 'TMF', ['g1'], '2013-01-01', '2013-12-31'),
        item('b', 'TMF', ['g1'], '2013-01-01', '2013-12-31'),
        item('c', 'BIF', ['g1'], '2014-01-01', '2014-12-31'),
        item('d', 'SOF', ['g2'], '2013-01-01', '2013-12-31'),
      ]),
    ).toEqual({});
  });

  it('treats a missing end as open-ended', () => {
    expect(
      findOverlaps([item('a', 'TMF', ['g'], '2013-01-01', null), item('b', 'BIF', ['g'], '2030-01-01', '2030-02-01')]),
    ).toEqual({ a: ['b'], b: ['a'] });
  });
});

describe('PLAN_SECTIONS', () => {
  it('places every section in a stage that is worked on', () => {
    expect(new Set(Object.values(PLAN_SECTIONS))).toEqual(
      new Set(['mapping', 'analysis', 'planning', 'implementation', 'followUp']),
    );
  });
});
