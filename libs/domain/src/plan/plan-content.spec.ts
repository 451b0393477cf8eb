import { describe, expect, it } from '@jest/globals';
import {
  diffPlanContent,
  findOverlaps,
  PLAN_SECTIONS,
  type MappedIntervention,
  type PlanContentSnapshot,
} from './plan-content.js';

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

describe('diffPlanContent', () => {
  const before: PlanContentSnapshot = {
    plan: { title: 'Plan', budgetYear: 2013 },
    items: [
      { id: '1', section: 'goal', administrationId: 'TMF', data: { title: 'Flere i job', targetValue: 70 } },
      {
        id: '2',
        section: 'problem',
        administrationId: 'BIF',
        data: { theme: 'Beskæftigelse', text: 'Lav beskæftigelse' },
      },
    ],
    conditions: [{ id: 'c1', text: 'Tilføj tryghedsmål', status: 'open' }],
  };

  it('lists additions, removals and field changes in words', () => {
    const after: PlanContentSnapshot = {
      plan: { title: 'Plan for Tingbjerg', budgetYear: 2013 },
      items: [
        { id: '1', section: 'goal', administrationId: 'TMF', data: { title: 'Flere i job', targetValue: 75 } },
        { id: '3', section: 'idea', administrationId: 'TMF', data: { title: 'Nyt medborgerhus' } },
      ],
      conditions: [{ id: 'c1', text: 'Tilføj tryghedsmål', status: 'closed' }],
    };
    const changes = diffPlanContent(before, after);
    expect(changes.map((c) => [c.kind, c.section, c.id, c.field ?? null])).toEqual([
      ['changed', 'plan', 'plan', 'title'],
      ['changed', 'goal', '1', 'targetValue'],
      ['added', 'idea', '3', null],
      ['removed', 'problem', '2', null],
      ['changed', 'conditions', 'c1', 'status'],
    ]);
    expect(changes[1].summary).toBe('Mål »Flere i job«: targetValue ændret fra 70 til 75');
    expect(changes[3].summary).toBe('Problem fjernet: Lav beskæftigelse');
  });

  it('finds nothing between equal snapshots', () => {
    expect(diffPlanContent(before, structuredClone(before))).toEqual([]);
  });
});

describe('PLAN_SECTIONS', () => {
  it('places every section in a stage that is worked on', () => {
    expect(new Set(Object.values(PLAN_SECTIONS))).toEqual(
      new Set(['mapping', 'analysis', 'planning', 'implementation', 'followUp']),
    );
  });
});
