import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  axe,
  horizontalOverflow,
  newPage,
  screenshot,
  settled,
  signIn,
  startHarness,
  type BrowserHarness,
} from './browser-support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A budget round's page in the browser: from the list of rounds (the seeded waves) to budget 2013, where the
 * plan of the wave shows its stage and deadline, and the negotiation material its budget proposal with the goal
 * it serves and the downloads. Both pages axe-clean.
 */
describe("A budget round's page in the browser", () => {
  let h: BrowserHarness;
  const token: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${token[who]}` });
  const planTitle = 'Udviklingsplan for Nørrebro, første bølge';

  const check = async (page: Page, name: string) => {
    await settled(page);
    const serious = await axe(h, page, name);
    await screenshot(page, name);
    expect({ page: name, serious, overflow: await horizontalOverflow(page) }).toEqual({
      page: name,
      serious: [],
      overflow: 0,
    });
  };

  beforeAll(async () => {
    h = await startHarness('budget-round');
    for (const who of ['tmf', 'forum']) token[who] = await h.t.tokenFor(who);
    const areas = (await h.t.http.get('/api/areas').set(as('tmf'))).body as Json[];
    const indicators = (await h.t.http.get('/api/indicators').set(as('tmf'))).body as Json[];
    const plan = (
      await h.t.http
        .post('/api/plans')
        .set(as('tmf'))
        .send({
          areaId: areas.find((a) => a.code === 'norrebro')!.id,
          budgetYear: 2013,
          participatingAdministrationIds: [],
          title: planTitle,
        })
        .expect(201)
    ).body as Json;
    const add = async (section: string, data: Json) =>
      (await h.t.http.post(`/api/plans/${plan.id}/items`).set(as('tmf')).send({ section, data }).expect(201))
        .body as Json;
    const step = async (who: string, type: string) => {
      const { version } = (await h.t.http.get(`/api/plans/${plan.id}`).set(as('tmf')).expect(200)).body as Json;
      await h.t.http
        .post(`/api/plans/${plan.id}/events`)
        .set(as(who))
        .send({ expectedVersion: version, type })
        .expect(200);
    };
    await add('mapping', { name: 'Områdefornyelse Nørrebro', kind: 'area_based' });
    await step('tmf', 'SUBMIT');
    await step('forum', 'APPROVE');
    await add('problem', { theme: 'Tryghed', text: 'Utryghed om aftenen' });
    await add('potential', { theme: 'Byrum', text: 'Superkilen' });
    await add('indicator', { indicatorId: indicators[0].id, baselineValue: 110, baselineYear: 2012 });
    await step('tmf', 'SUBMIT');
    await step('forum', 'APPROVE');
    const goal = await add('goal', { title: 'Tryghed som i resten af byen', targetValue: 100, targetYear: 2020 });
    await add('budget_proposal', {
      amount: 750_000,
      budgetYear: 2013,
      description: 'Tryg belysning på Nørrebroruten',
      goalItemIds: [goal.id],
    });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it("lists the waves, and shows a round's plans with stage and deadline and its negotiation material", async () => {
    const { context, page, errors } = await newPage(h);
    try {
      await signIn(page, 'admin');
      await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Budgetrunder' }).click();
      await page.getByRole('heading', { level: 1, name: 'Budgetrunder' }).waitFor();
      const rounds = page.locator('table[data-budget-rounds] tbody tr');
      // The table comes after the heading, once the rounds are read: wait for it, then count.
      await rounds.first().waitFor();
      await expect(rounds.count()).resolves.toBe(2);
      await expect(rounds.first().textContent()).resolves.toContain('Bispebjerg/Nordvest, Nørrebro, Tingbjerg/Husum');
      await check(page, 'budget-rounds');

      await page.getByRole('link', { name: 'Budget 2013' }).click();
      await page.getByRole('heading', { level: 1, name: 'Budgetrunde: budget 2013' }).waitFor();
      await settled(page);
      const planRow = page.locator('table[data-round-plans] tbody tr');
      await planRow.first().waitFor();
      await expect(planRow.count()).resolves.toBe(1);
      const planText = (await planRow.first().textContent()) ?? '';
      expect(planText).toContain(planTitle);
      expect(planText).toContain('Udviklingsplan'); // the plan stage
      expect(planText).toMatch(/\d{4}/); // its deadline
      const proposalRow = page.locator('table[data-proposals] tbody tr[data-proposal]').first();
      await proposalRow.waitFor();
      const proposal = (await proposalRow.textContent()) ?? '';
      expect(proposal).toContain('Tryg belysning på Nørrebroruten');
      expect(proposal).toContain('Tryghed som i resten af byen');
      expect(proposal).toContain('Ikke besluttet');
      await expect(page.getByRole('link', { name: 'PDF' }).getAttribute('href')).resolves.toBe(
        '/api/budget-rounds/2013/proposals?format=pdf',
      );
      await check(page, 'budget-round-2013');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
