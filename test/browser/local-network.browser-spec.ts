import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axe, newPage, screenshot, settled, signIn, startHarness, type BrowserHarness } from './browser-support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SLOW = 120_000;

/**
 * Issue 18 in the browser: a local network's page. Staff of its coordinating administration (TMF) add a local
 * head and remove her again, each with a reason, and hand the coordinator role to BIF; the members, their record
 * and the coordinator history show it. A plan started in an area without a network offers to start the network
 * with the network starter (TMF) prefilled, then starts the plan. axe finds no violation on the pages.
 */
describe("A local network's page in the browser", () => {
  let h: BrowserHarness;
  const token: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${token[who]}` });
  const pageErrors: string[] = [];
  const noViolations = async (page: Page, name: string) => {
    await settled(page);
    const violations = (await axe(h, page, name)).map((v) => `${v.id} (${v.impact})`);
    await screenshot(page, name);
    expect({ name, violations }).toEqual({ name, violations: [] });
  };

  beforeAll(async () => {
    h = await startHarness('local-network');
    for (const who of ['tmf', 'bif', 'admin']) token[who] = await h.t.tokenFor(who);
    const areas = (await h.t.http.get('/api/areas').set(as('tmf'))).body as Json[];
    const valby = areas.find((a) => a.code === 'valby-vigerslev')!;
    const networks = (await h.t.http.get('/api/local-networks').set(as('tmf'))).body as Json[];
    ids.network = networks.find((n) => n.areaId === valby.id)!.id;
    ids.area = valby.id;
    const admins = (await h.t.http.get('/api/administrations').set(as('tmf'))).body as Json[];
    ids.TMF = admins.find((a) => a.code === 'TMF')!.id;
  }, SLOW);

  afterAll(async () => {
    await h?.close();
    expect(pageErrors).toEqual([]);
  });

  it(
    'shows members, their record and the coordinators; TMF adds and removes a member and hands the role to BIF',
    async () => {
      const { page, context, errors } = await newPage(h);
      await signIn(page, 'tmf');
      await page.goto(`/areas/${ids.area}`);
      await page.getByRole('link', { name: 'Det lokale netværk for Valby/Vigerslev' }).click();
      await page.getByRole('heading', { level: 1, name: 'Det lokale netværk for Valby/Vigerslev' }).waitFor();
      await page.getByText('Netværket har ingen medlemmer endnu.').waitFor();
      await page.getByRole('heading', { level: 2, name: 'Det, netværket koordinerer' }).waitFor();
      await noViolations(page, 'network-page');

      await page
        .locator('#add-member-userId')
        .selectOption({ label: 'Birgitte BIF – Lokal leder: Beskæftigelses- og Integrationsforvaltningen' });
      await page.locator('#add-member-reason').fill('Lokal leder for jobcentret i Valby');
      await page.getByRole('button', { name: 'Tilføj medlemmet' }).click();
      await page.getByText('Birgitte BIF er tilføjet netværket.').waitFor();
      await page.locator('tr[data-member="Birgitte BIF"]').waitFor();

      await page.getByRole('button', { name: 'Fjern Birgitte BIF fra netværket' }).click();
      await page.locator('#remove-member-reason').fill('Har skiftet stilling');
      await page.getByRole('button', { name: 'Fjern medlemmet' }).click();
      await page.getByText('Birgitte BIF er fjernet fra netværket.').waitFor();
      await page.getByText('Netværket har ingen medlemmer endnu.').waitFor();
      await page.getByRole('cell', { name: 'Har skiftet stilling' }).waitFor();

      await page
        .locator('#handover-toAdministrationId')
        .selectOption({ label: 'Beskæftigelses- og Integrationsforvaltningen (BIF)' });
      await page.locator('#handover-reason').fill('BIF har de fleste indsatser i Valby');
      await page.getByRole('button', { name: 'Giv rollen videre' }).click();
      await page.getByText('Beskæftigelses- og Integrationsforvaltningen er nu tovholder for netværket.').waitFor();
      await page.getByRole('cell', { name: 'BIF har de fleste indsatser i Valby' }).waitFor();
      // TMF no longer coordinates it: the forms are gone.
      expect(await page.locator('#add-member').count()).toBe(0);
      expect(await page.locator('#handover').count()).toBe(0);
      await noViolations(page, 'network-page-after');

      const record = (await h.t.http.get(`/api/local-networks/${ids.network}/membership`).set(as('bif')))
        .body as Json[];
      expect(record.map((e) => [e.change, e.userName, e.reason])).toEqual([
        ['added', 'Birgitte BIF', 'Lokal leder for jobcentret i Valby'],
        ['removed', 'Birgitte BIF', 'Har skiftet stilling'],
      ]);
      const handovers = (await h.t.http.get(`/api/local-networks/${ids.network}/handovers`).set(as('bif')))
        .body as Json[];
      expect(handovers.map((e) => [e.fromAdministrationName, e.toAdministrationName])).toEqual([
        [null, 'Teknik- og Miljøforvaltningen'], // the start
        ['Teknik- og Miljøforvaltningen', 'Beskæftigelses- og Integrationsforvaltningen'],
      ]);
      pageErrors.push(...errors);
      await context.close();
    },
    SLOW,
  );

  it(
    'starting a plan in an area without a network offers to start it with TMF as first coordinator, then the plan',
    async () => {
      const area = (
        await h.t.http
          .post('/api/areas')
          .set(as('admin'))
          .send({ code: 'nordhavn-syd', name: 'Nordhavn Syd' })
          .expect(201)
      ).body as Json;
      const { page, context, errors } = await newPage(h);
      await signIn(page, 'tmf');
      await page.goto(`/areas/${area.id}`);
      await page.getByRole('heading', { level: 1, name: 'Nordhavn Syd' }).waitFor();
      await page.getByText('Byområdet har intet lokalt netværk endnu.').waitFor();
      await page.getByRole('button', { name: 'Start en udviklingsplan' }).click();
      await page.getByLabel('Budgetår (runde)').fill('2016');
      await page.getByRole('button', { name: 'Start udviklingsplanen' }).click();
      await page.getByText('Byområdet har intet lokalt netværk', { exact: true }).waitFor();
      await page.getByText('Nordhavn Syd har intet lokalt netværk endnu').waitFor();
      const first = page.locator('#start-plan-firstCoordinator');
      expect(await first.locator('option:checked').textContent()).toBe('Teknik- og Miljøforvaltningen (TMF)');
      await noViolations(page, 'start-plan-without-network');
      await page.getByRole('button', { name: 'Start netværket og udviklingsplanen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Udviklingsplan for Nordhavn Syd (budget 2016)' }).waitFor();
      const networks = (await h.t.http.get('/api/local-networks').set(as('tmf'))).body as Json[];
      expect(networks.find((n) => n.areaId === area.id)).toMatchObject({ coordinatingAdministrationId: ids.TMF });
      pageErrors.push(...errors);
      await context.close();
    },
    SLOW,
  );
});
