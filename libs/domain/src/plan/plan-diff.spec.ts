import { describe, expect, it } from '@jest/globals';
import type { PlanContentSnapshot } from './plan-content.js';
import { diffPlanContent, referencedIds, type DiffNames } from './plan-diff.js';

const TMF = '11111111-1111-4111-8111-111111111111';
const BIF = '22222222-2222-4222-8222-222222222222';
const INDICATOR = '33333333-3333-4333-8333-333333333333';
const CITY_GOAL = '44444444-4444-4444-8444-444444444444';
const names: DiffNames = {
  administrations: { [TMF]: 'TMF', [BIF]: 'BIF' },
  indicators: { [INDICATOR]: 'Beskæftigelse' },
  goals: { [CITY_GOAL]: 'Flere i uddannelse og job' },
};

const plan = (extra: Record<string, unknown> = {}) => ({
  title: 'Plan',
  budgetYear: 2013,
  stage: 'mapping',
  coordinatingAdministrationId: TMF,
  participatingAdministrationIds: [TMF],
  signatures: {},
  stageDueDate: '2026-12-01',
  ...extra,
});

const before: PlanContentSnapshot = {
  plan: plan(),
  items: [
    { id: 'g1', section: 'goal', administrationId: TMF, data: { title: 'Flere i job', targetValue: 70 } },
    {
      id: 'p1',
      section: 'problem',
      administrationId: BIF,
      data: { theme: 'Beskæftigelse', text: 'Lav beskæftigelse' },
    },
  ],
  conditions: [{ id: 'c1', text: 'Tilføj tryghedsmål', status: 'open' }],
};

/** What must never reach a reader: internal names, ids, JSON, ISO dates, a line ending at its colon. */
function assertReadable(lines: string[]) {
  for (const line of lines) {
    expect(line).not.toMatch(/\b(stage|stageDueDate|signatures|targetValue|budgetYear|indicatorId|goalItemIds)\b/);
    expect(line).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(line).not.toMatch(/[{}[\]]/);
    expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(line).not.toMatch(/:\s*$/);
  }
}

describe('diffPlanContent', () => {
  it('words additions, removals and field changes: section, item, field label, old and new value', () => {
    const after: PlanContentSnapshot = {
      plan: plan({ title: 'Plan for Tingbjerg' }),
      items: [
        { id: 'g1', section: 'goal', administrationId: TMF, data: { title: 'Flere i job', targetValue: 75.5 } },
        {
          id: 'i1',
          section: 'idea',
          administrationId: TMF,
          data: { title: 'Nyt medborgerhus', investmentType: 'public' },
        },
      ],
      conditions: [{ id: 'c1', text: 'Tilføj tryghedsmål', status: 'closed' }],
    };
    const changes = diffPlanContent(before, after, names);
    expect(changes.map((c) => [c.kind, c.section, c.id, c.field ?? null])).toEqual([
      ['changed', 'plan', 'plan', 'title'],
      ['changed', 'goal', 'g1', 'targetValue'],
      ['added', 'idea', 'i1', null],
      ['removed', 'problem', 'p1', null],
      ['changed', 'conditions', 'c1', 'status'],
    ]);
    expect(changes.map((c) => c.summary)).toEqual([
      'Planens titel ændret fra »Plan« til »Plan for Tingbjerg«',
      'Mål »Flere i job«: målværdi ændret fra 70 til 75,5',
      'Idé tilføjet: »Nyt medborgerhus«',
      'Problem fjernet: »Beskæftigelse«',
      'Betingelsen »Tilføj tryghedsmål« er lukket',
    ]);
    expect(changes[1].summaryEn).toBe('Goal “Flere i job”: Target value changed from 70 to 75.5');
    assertReadable(changes.flatMap((c) => [c.summary, c.summaryEn]));
  });

  it('writes signatures as who signed and when, in a Danish date, and leaves the stage and its deadline out', () => {
    const after: PlanContentSnapshot = {
      ...before,
      plan: plan({
        stage: 'planning',
        stageDueDate: '2027-02-01',
        participatingAdministrationIds: [TMF, BIF],
        signatures: { [BIF]: { by: 'someone', at: '2026-12-01T19:51:00.000Z' } },
      }),
    };
    const changes = diffPlanContent(before, after, names);
    expect(changes.map((c) => c.summary)).toEqual([
      'BIF deltager nu i planen',
      'BIF har underskrevet forpligtelsen (1. december 2026)',
    ]);
    expect(changes[1].summaryEn).toBe('BIF signed the commitment (1 December 2026)');
    const lapsed = diffPlanContent(after, before, names).map((c) => c.summary);
    expect(lapsed).toEqual([
      'BIF deltager ikke længere i planen',
      'Underskriften på forpligtelsen fra BIF er bortfaldet',
    ]);
  });

  it('never ends at a colon: a budget proposal reads by its year and amount, an indicator by its name', () => {
    const after: PlanContentSnapshot = {
      ...before,
      items: [
        ...before.items,
        {
          id: 'b1',
          section: 'budget_proposal',
          administrationId: TMF,
          data: { amount: 1200000, budgetYear: 2014, description: 'Drift af huset' },
        },
        {
          id: 'x1',
          section: 'indicator',
          administrationId: TMF,
          data: { indicatorId: INDICATOR, baselineValue: 61.2 },
        },
        { id: 'x2', section: 'indicator', administrationId: TMF, data: { indicatorId: 'gone' } },
      ],
    };
    const lines = diffPlanContent(before, after, names).map((c) => c.summary);
    expect(lines).toEqual([
      'Budgetforslag tilføjet: budget 2014, 1.200.000 kr.',
      'Indikator og baseline tilføjet: Beskæftigelse',
      'Indikator og baseline tilføjet: (ukendt)',
    ]);
    assertReadable(lines);
  });

  it('names ids by their names and dates and amounts in the reader’s formats, set and removed in words', () => {
    const mapping = (data: Record<string, unknown>): PlanContentSnapshot => ({
      ...before,
      items: [
        {
          id: 'm1',
          section: 'mapping',
          administrationId: TMF,
          data: { name: 'Lektiecafé', kind: 'individual', ...data },
        },
      ],
    });
    const lines = diffPlanContent(
      mapping({ periodStart: '2013-01-01', goalIds: [] }),
      mapping({ kind: 'area_based', periodStart: '2014-03-01', periodEnd: '2015-12-31', goalIds: [CITY_GOAL] }),
      names,
    );
    expect(lines.map((c) => c.summary)).toEqual([
      'Eksisterende indsats »Lektiecafé«: type ændret fra Individrettet til Områdebaseret',
      'Eksisterende indsats »Lektiecafé«: byens mål, indsatsen understøtter sat til »Flere i uddannelse og job«',
      'Eksisterende indsats »Lektiecafé«: periode fra ændret fra 1. januar 2013 til 1. marts 2014',
      'Eksisterende indsats »Lektiecafé«: periode til sat til 31. december 2015',
    ]);
    const idea = (amount: number | null): PlanContentSnapshot => ({
      ...before,
      items: [{ id: 'i1', section: 'idea', administrationId: TMF, data: { title: 'Hus', estimatedAmount: amount } }],
    });
    const money = diffPlanContent(idea(1200000), idea(null), names)[0];
    expect(money.summary).toBe('Idé »Hus«: anslået beløb fjernet (var 1.200.000 kr.)');
    expect(money.summaryEn).toBe('Idea “Hus”: Estimated amount removed (was DKK 1,200,000)');
  });

  it('ignores bookkeeping fields an item carries that a person did not fill in', () => {
    const report = (data: Record<string, unknown>): PlanContentSnapshot => ({
      ...before,
      items: [
        {
          id: 'r1',
          section: 'progress_report',
          administrationId: TMF,
          data: { period: '2014', summary: 'Godt', ...data },
        },
      ],
    });
    expect(diffPlanContent(report({}), report({ submittedSeq: 7 }), names)).toEqual([]);
  });

  it('finds nothing between equal snapshots', () => {
    expect(diffPlanContent(before, structuredClone(before), names)).toEqual([]);
  });
});

describe('referencedIds', () => {
  it('collects the ids to look up, by kind', () => {
    const ids = referencedIds({
      ...before,
      plan: plan({ signatures: { [BIF]: { by: 'x', at: '2026-12-01T10:00:00Z' } } }),
      items: [
        { id: 'x1', section: 'indicator', administrationId: TMF, data: { indicatorId: INDICATOR } },
        { id: 'm1', section: 'mapping', administrationId: BIF, data: { goalIds: [CITY_GOAL], interventionId: 'r1' } },
      ],
    });
    expect(ids.administrations.sort()).toEqual([TMF, BIF].sort());
    expect(ids.indicators).toEqual([INDICATOR]);
    expect(ids.goals).toEqual([CITY_GOAL]);
    expect(ids.interventions).toEqual(['r1']);
  });
});
