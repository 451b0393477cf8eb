import { describe, expect, it } from '@jest/globals';
import { decisionGrantProblem, negotiationMaterial, roundCoverage, type RoundItem } from './budget-round.js';

const plans = [
  { id: 'p1', title: 'Udviklingsplan Nørrebro', areaId: 'nb', areaName: 'Nørrebro' },
  { id: 'p2', title: 'Udviklingsplan Bispebjerg', areaId: 'bb', areaName: 'Bispebjerg/Nordvest' },
];
const administrations = [
  { id: 'tmf', code: 'TMF', name: 'Teknik- og Miljøforvaltningen' },
  { id: 'bif', code: 'BIF', name: 'Beskæftigelses- og Integrationsforvaltningen' },
];
let n = 0;
const item = (planId: string, section: RoundItem['section'], admin: string | null, data: Record<string, unknown>) =>
  ({ id: `${section}-${++n}`, planId, section, administrationId: admin, data }) as RoundItem;

describe('the material for the budget negotiations', () => {
  const g1 = item('p1', 'goal', 'tmf', { title: 'Flere i job' });
  const g2 = item('p1', 'goal', 'tmf', { title: 'Tryghed' });
  const pr1 = item('p1', 'budget_proposal', 'bif', {
    amount: 1_000_000.1,
    budgetYear: 2013,
    description: 'Jobcenter',
    goalItemIds: [g1.id],
  });
  const pr2 = item('p1', 'budget_proposal', 'tmf', {
    amount: 500_000.2,
    budgetYear: 2014,
    description: 'Byrum',
    goalItemIds: [g1.id, g2.id],
  });
  const pr3 = item('p2', 'budget_proposal', 'bif', { amount: 300_000, budgetYear: 2013, description: 'Opsøgende' });
  const d1 = item('p1', 'budget_decision', 'tmf', {
    decidedOn: '2012-10-04',
    amount: 900_000,
    reference: 'Budget 2013',
    proposalItemId: pr1.id,
    amountGranted: 600_000,
  });
  const d2 = item('p1', 'budget_decision', 'tmf', {
    decidedOn: '2013-03-01',
    amount: 100_000.1,
    reference: 'Tillæg',
    proposalItemId: pr1.id,
    amountGranted: 100_000.1,
  });
  // Names a proposal of another plan: not a grant for it.
  const d3 = item('p2', 'budget_decision', 'bif', {
    decidedOn: '2012-10-04',
    amount: 5,
    reference: 'Fejl',
    proposalItemId: pr2.id,
    amountGranted: 5,
  });
  const d4 = item('p2', 'budget_decision', 'bif', { decidedOn: '2012-10-04', amount: 250_000, reference: 'Gammel' });
  const ideas = [
    item('p1', 'idea', 'tmf', { title: 'Nyt bibliotek', investmentType: 'public', estimatedAmount: 20_000_000 }),
    item('p2', 'idea', 'bif', { title: 'Butikscenter', investmentType: 'private' }),
    item('p2', 'idea', 'tmf', { title: 'Aktivitetshus', investmentType: 'public', estimatedAmount: 2_500_000.5 }),
  ];
  const outside = item('p9', 'budget_proposal', 'tmf', { amount: 1, budgetYear: 2013, description: 'Ikke i runden' });
  const m = negotiationMaterial({
    budgetYear: 2013,
    plans,
    administrations,
    investmentTypes: ['public', 'private'],
    items: [g1, g2, pr1, pr2, pr3, d1, d2, d3, d4, ...ideas, outside],
  });

  it('groups the proposals by administration, then area, alphabetically', () => {
    expect(m.administrations.map((a) => a.administrationCode)).toEqual(['BIF', 'TMF']);
    expect(m.administrations[0].areas.map((a) => [a.areaName, a.proposals.map((p) => p.id)])).toEqual([
      ['Bispebjerg/Nordvest', [pr3.id]],
      ['Nørrebro', [pr1.id]],
    ]);
    expect(m.administrations[1].areas[0].proposals[0]).toMatchObject({
      id: pr2.id,
      planTitle: 'Udviklingsplan Nørrebro',
      goals: ['Flere i job', 'Tryghed'],
      budgetYear: 2014,
      granted: null,
    });
  });

  it('sums what each decision granted per proposal, exactly, and ignores a grant for another plan', () => {
    const line = m.administrations[0].areas[1].proposals[0];
    expect(line.granted).toBe(700_000.1);
    expect(line.decisions.map((d) => d.reference)).toEqual(['Budget 2013', 'Tillæg']);
    expect(m.administrations[0].totals).toMatchObject({ asked: 1_300_000.1, granted: 700_000.1, decided: 1 });
    expect(m.totals).toEqual({
      asked: 1_800_000.3,
      granted: 700_000.1,
      proposals: 3,
      decided: 1,
      byYear: [
        { year: 2013, asked: 1_300_000.1, granted: 700_000.1 },
        { year: 2014, asked: 500_000.2, granted: 0 },
      ],
    });
    expect(m.years).toEqual([2013, 2014]);
  });

  it('lists decisions that name no proposal of their plan', () => {
    expect(m.unlinkedDecisions.map((d) => [d.reference, d.amount])).toEqual([
      ['Fejl', 5],
      ['Gammel', 250_000],
    ]);
  });

  it('gathers the idea catalogue by type of investment across plans', () => {
    expect(
      m.ideas.map((g) => [g.investmentType, g.ideas.map((i) => i.title), g.estimatedTotal, g.withoutEstimate]),
    ).toEqual([
      ['public', ['Aktivitetshus', 'Nyt bibliotek'], 22_500_000.5, 0],
      ['private', ['Butikscenter'], 0, 1],
    ]);
    expect(m.ideas[0].ideas[0]).toMatchObject({ areaName: 'Bispebjerg/Nordvest', administrationCode: 'TMF' });
  });

  it('is empty for a round without content', () => {
    const empty = negotiationMaterial({
      budgetYear: 2014,
      plans,
      administrations,
      investmentTypes: ['public'],
      items: [],
    });
    expect(empty).toMatchObject({ administrations: [], years: [], totals: { asked: 0, granted: 0, proposals: 0 } });
    expect(empty.ideas).toEqual([{ investmentType: 'public', ideas: [], estimatedTotal: 0, withoutEstimate: 0 }]);
  });
});

describe("a round's coverage", () => {
  it("names the round's areas without a plan and the plans outside its areas", () => {
    expect(
      roundCoverage(
        ['a', 'b', 'c'],
        [
          { id: 'p1', areaId: 'a' },
          { id: 'p2', areaId: 'x' },
        ],
      ),
    ).toEqual({ areasWithoutPlan: ['b', 'c'], plansOutsideAreas: ['p2'] });
  });
});

describe("a budget decision's link to a proposal", () => {
  it('holds for no link, and for a proposal of the plan with an amount granted (0 too)', () => {
    expect(decisionGrantProblem({ amount: 1 }, ['p'])).toBeNull();
    expect(decisionGrantProblem({ proposalItemId: 'p', amountGranted: 0 }, ['p'])).toBeNull();
  });

  it('names the field that is wrong', () => {
    expect(decisionGrantProblem({ proposalItemId: 'q', amountGranted: 1 }, ['p'])?.field).toBe('data.proposalItemId');
    expect(decisionGrantProblem({ proposalItemId: 'p' }, ['p'])?.field).toBe('data.amountGranted');
    expect(decisionGrantProblem({ amountGranted: 1 }, ['p'])?.field).toBe('data.proposalItemId');
  });
});
