import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { OutboxRelay } from '../../src/platform/outbox/outbox.relay.js';
import { SampleDataLoader } from '../../src/sample-data/sample-data.loader.js';
import {
  axe,
  horizontalOverflow,
  isoDate,
  newPage,
  screenshot,
  settled,
  signIn,
  startHarness,
  type BrowserHarness,
  type PageGlobals,
} from './browser-support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SLOW = 180_000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const da = (value: number, digits: number) =>
  new Intl.NumberFormat('da-DK', { maximumFractionDigits: digits }).format(value);
/** A table column's figure: always `digits` decimals (100 as "100,0"). */
const daFixed = (value: number, digits: number) =>
  new Intl.NumberFormat('da-DK', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

/**
 * Issue 15 in the browser: where things stand at a glance. The plan page's overview and in-page menu, the
 * deadlines, the identification and the areas against the city, each opened as the roles that use it, its
 * figures checked against the API's, at desktop and phone width, with axe (no violation of any impact), no
 * sideways scrolling, and a screenshot of each (test-artifacts/screenshots/glance-*).
 */
describe('Where things stand, at a glance', () => {
  let h: BrowserHarness;
  const token: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${token[who]}` });
  const get = async (path: string, who = 'admin') => (await h.t.http.get(path).set(as(who)).expect(200)).body as Json;
  const pageErrors: string[] = [];
  const planTitle = `Udviklingsplan Nørrebro ${Date.now().toString(36)}`;

  /** axe (no violation at all) and no sideways scrolling, at desktop and at phone width, with a screenshot of each. */
  const check = async (page: Page, name: string) => {
    for (const [label, size] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(size);
      await settled(page);
      await axe(h, page, `glance-${name}-${label}`);
      // From the top, so the in-page menu (which stays at the top of the window) sits where it belongs.
      await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      const violations = h.axeResults[h.axeResults.length - 1].violations.map((v) => `${v.id} (${v.impact})`);
      await screenshot(page, `glance-${name}-${label}`);
      expect({ page: name, label, violations, overflow: await horizontalOverflow(page) }).toEqual({
        page: name,
        label,
        violations: [],
        overflow: 0,
      });
    }
    await page.setViewportSize(DESKTOP);
  };
  const session = async (who: string) => {
    const s = await newPage(h);
    await signIn(s.page, who);
    return s;
  };
  const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();
  const clean = (list: string[]) => list.map((s) => s.replace(/\s+/g, ' ').trim());

  beforeAll(async () => {
    h = await startHarness('at-a-glance');
    for (const who of ['admin', 'tmf', 'forum', 'observer']) token[who] = await h.t.tokenFor(who);
    // The illustrative figures (every indicator, the city and the six areas, 2010–2024), through the import.
    const accepted = (await h.t.app.get(SampleDataLoader).load())!;
    const relay = h.t.app.get(OutboxRelay);
    const until = Date.now() + 90_000;
    let done: Json = {};
    while (Date.now() < until) {
      await relay.relayOnce();
      done = await get(`/api/indicators/imports/${accepted.id}`);
      if (done.status === 'succeeded' || done.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(done.status).toBe('succeeded');
    const admins = (await get('/api/administrations')) as Json[];
    ids.TMF = admins.find((a) => a.code === 'TMF')!.id;
    const areas = (await get('/api/areas')) as Json[];
    ids.norrebro = areas.find((a) => a.code === 'norrebro')!.id;
    // A plan whose mapping deadline the forum moved into the past: overdue, with a stage still to complete.
    const plan = (
      await h.t.http
        .post('/api/plans')
        .set(as('tmf'))
        .send({
          areaId: ids.norrebro,
          budgetYear: 2013,
          title: planTitle,
          coordinatingAdministrationId: ids.TMF,
          participatingAdministrationIds: [],
        })
        .expect(201)
    ).body as Json;
    ids.plan = plan.id;
    await h.t.http
      .post(`/api/plans/${plan.id}/deadline`)
      .set(as('forum'))
      .send({ dueDate: isoDate(-9), reason: 'Aftalt på mødet', expectedVersion: plan.version })
      .expect(200);
    // A running project serving Nørrebro: in the portfolio, and its evaluation among the deadlines.
    const leader = ((await get('/api/users/project-leaders', 'tmf')) as Json[])[0];
    const goal = ((await get('/api/goals')) as Json[]).find((g) => g.level === 'concrete')!;
    const project = (
      await h.t.http
        .post('/api/projects')
        .set(as('tmf'))
        .send({
          title: `Jobbro ${planTitle.slice(-6)}`,
          problem: 'Mange unge står uden for arbejdsmarkedet',
          proposedSolution: 'Opsøgende jobkonsulenter',
          owningAdministrationId: ids.TMF,
          projectLeaderId: leader.id,
          fundingSource: 'state_pool',
          budgetDkk: 1_000_000,
          periodStart: isoDate(-200),
          periodEnd: isoDate(100),
          areaIds: [ids.norrebro],
          goalIds: [goal.id],
        })
        .expect(201)
    ).body as Json;
    const approved = await h.t.http
      .post(`/api/projects/${project.id}/events`)
      .set(as('forum'))
      .send({ type: 'APPROVE', expectedVersion: project.version })
      .expect(200);
    await h.t.http
      .post(`/api/projects/${project.id}/events`)
      .set(as('tmf'))
      .send({ type: 'START', expectedVersion: approved.body.project.version })
      .expect(200);
  }, SLOW);

  afterAll(async () => {
    await h?.close();
    expect(pageErrors).toEqual([]);
  });

  it(
    "the plan page: an overview on top, a menu to jump to each part, and only the actions the user's roles could take",
    async () => {
      const tmf = await session('tmf');
      await tmf.page.goto(`/plans/${ids.plan}`);
      await tmf.page.getByRole('heading', { level: 1, name: planTitle }).waitFor();
      await settled(tmf.page);
      const deadline = (await get(`/api/deadlines?planId=${ids.plan}`, 'tmf')).items[0] as Json;
      const actions = await get(`/api/plans/${ids.plan}/actions`, 'tmf');
      const glance = tmf.page.getByRole('region', { name: 'Planen lige nu' });
      expect(await glance.locator('[data-working-days]').getAttribute('data-working-days')).toBe(
        String(deadline.workingDaysLeft),
      );
      expect(deadline.overdue).toBe(true);
      expect(await glance.locator('.glance-days').textContent()).toBe(
        `${Math.abs(deadline.workingDaysLeft)} arbejdsdage over fristen`,
      );
      expect(await glance.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('Etape 1 af 5: Kortlægning');
      expect(await glance.textContent()).toContain(
        actions.missing.length === 1 ? '1 punkt mangler' : `${actions.missing.length} punkter mangler`,
      );
      // Staff see the refused submission with why; no forum decision is offered to them at all.
      const shown = (await tmf.page
        .locator('[data-refused]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-refused')))) as string[];
      const expected = (actions.actions as Json[]).filter((a) => !a.allowed && a.withinRoles).map((a) => a.type);
      expect(shown).toEqual(expected);
      expect(shown).toContain('SUBMIT');
      expect(shown).not.toContain('APPROVE');
      // The menu jumps to the history, and focus goes with it.
      const menu = tmf.page.getByRole('navigation', { name: 'Planens dele' });
      expect(clean(await menu.locator('a').allTextContents())).toEqual([
        'Handlinger',
        'Indhold',
        'Historik',
        'Versioner',
        'Fremdriftsrapport',
      ]);
      await menu.getByRole('link', { name: 'Historik' }).click();
      await tmf.page.waitForFunction(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement
            ?.id === 'history-heading',
      );
      await check(tmf.page, 'plan-staff');
      pageErrors.push(...tmf.errors);
      await tmf.context.close();

      // An observer reads: no action at all, and says so.
      const observer = await session('observer');
      await observer.page.goto(`/plans/${ids.plan}`);
      await observer.page.getByRole('heading', { level: 1, name: planTitle }).waitFor();
      await settled(observer.page);
      expect(await observer.page.locator('[data-refused]').count()).toBe(0);
      await observer.page.getByText('Dine roller giver ingen handlinger på planen; du kan læse den.').waitFor();
      await check(observer.page, 'plan-observer');
      pageErrors.push(...observer.errors);
      await observer.context.close();
    },
    SLOW,
  );

  it(
    'the deadlines: every one overdue first, with working days and progress, filtered by kind, as the forum sees them',
    async () => {
      const forum = await session('forum');
      await forum.page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Frister' }).click();
      await forum.page.getByRole('heading', { level: 1, name: 'Frister' }).waitFor();
      await settled(forum.page);
      const api = await get('/api/deadlines?limit=50', 'forum');
      const rows = forum.page.locator('table[data-deadlines] tbody tr');
      expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(
        (api.items as Json[]).map((d) => d.id),
      );
      expect(
        await forum.page
          .locator('table[data-deadlines] td[data-working-days]')
          .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-working-days')))),
      ).toEqual((api.items as Json[]).map((d) => d.workingDaysLeft));
      expect(await forum.page.locator('.deadline-summary').textContent()).toBe(
        `${api.total} frister, heraf ${api.overdueCount} overskredne.`,
      );
      const ours = rows.filter({ hasText: planTitle });
      expect(await ours.locator('.tag.overdue').textContent()).toMatch(/arbejdsdage over fristen/);
      expect(await ours.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');
      await check(forum.page, 'deadlines');

      await forum.page.locator('#deadline-kind').selectOption('plan_stage');
      await forum.page.waitForURL(/kind=plan_stage/);
      // The address changes before the filtered list arrives, and until it has the page shows the old rows (as
      // loading): wait for the rows of the filter, not for the address.
      await forum.page.waitForFunction(() => {
        const doc = (globalThis as unknown as PageGlobals).document;
        const kinds = [...doc.querySelectorAll('table[data-deadlines] tbody tr')].map((r) =>
          r.getAttribute('data-kind'),
        );
        return !doc.querySelector('.loading') && kinds.length > 0 && kinds.every((k) => k === 'plan_stage');
      });
      const plans = await get('/api/deadlines?kind=plan_stage', 'forum');
      const shown = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      // The harness's database is this file's own: the page shows exactly the API's plan deadlines, in its order.
      expect(shown).toEqual((plans.items as Json[]).map((d) => d.id as string));
      expect(plans.items.length).toBeGreaterThan(0);
      expect((plans.items as Json[]).every((d) => d.kind === 'plan_stage')).toBe(true);
      expect(await rows.filter({ hasText: planTitle }).count()).toBe(1);
      pageErrors.push(...forum.errors);
      await forum.context.close();
    },
    SLOW,
  );

  it(
    'the identification: the areas ranked by the sum of the six indices against the threshold, for the year chosen',
    async () => {
      const observer = await session('observer');
      await observer.page.goto('/identification');
      await observer.page.getByRole('heading', { level: 1, name: 'Udpegning af udsatte byområder' }).waitFor();
      await settled(observer.page);
      const api = await get('/api/identification', 'observer');
      const table = observer.page.locator('table[data-identification]');
      expect(await table.locator('tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-area')))).toEqual(
        (api.areas as Json[]).map((a) => a.areaId),
      );
      expect(clean(await texts(observer.page, 'table[data-identification] td[data-sum]'))).toEqual(
        (api.areas as Json[]).map((a) => (a.total === null ? '–' : daFixed(a.total, 1))),
      );
      expect(await observer.page.locator('[data-identification-summary]').textContent()).toContain(
        `${api.deprivedCount} af ${api.total} byområder ligger over tærsklen`,
      );
      await check(observer.page, 'identification');

      // Another year: the figures follow the API's for that year.
      const year = String(Number(api.period) - 5);
      await observer.page.locator('#identification-period').selectOption(year);
      await observer.page.waitForURL(new RegExp(`period=${year}`));
      await observer.page.locator('[data-identification-summary]', { hasText: `${year}:` }).waitFor();
      const older = await get(`/api/identification?period=${year}`, 'observer');
      expect(clean(await texts(observer.page, 'table[data-identification] td[data-sum]'))).toEqual(
        (older.areas as Json[]).map((a) => (a.total === null ? '–' : daFixed(a.total, 1))),
      );
      pageErrors.push(...observer.errors);
      await observer.context.close();
    },
    SLOW,
  );

  it(
    "areas against the city: an indicator's index per area, the six side by side, and the goals' status grid",
    async () => {
      const tmf = await session('tmf');
      await tmf.page
        .getByRole('navigation', { name: 'Hovedmenu' })
        .getByRole('link', { name: 'Byområder mod byen' })
        .click();
      await tmf.page.getByRole('heading', { level: 1, name: 'Byområderne mod byen' }).waitFor();
      await settled(tmf.page);
      // The period and indicator are chosen once the page has read which periods have figures: wait for that,
      // not for the network to be quiet (an empty period asked the API for no period at all).
      await tmf.page.locator('#compare-period option').first().waitFor({ state: 'attached' });
      const period = await tmf.page.locator('#compare-period').inputValue();
      const indicatorId = await tmf.page.locator('#compare-indicator').inputValue();
      const overview = await get(`/api/overview?period=${period}&limit=20`, 'tmf');
      expect(clean(await texts(tmf.page, 'table[data-compare-index] td[data-index]'))).toEqual(
        (overview.areas as Json[]).map((a) => {
          const cell = (a.indicators as Json[]).find((c) => c.indicatorId === indicatorId);
          return cell?.index === null || !cell ? '–' : da(cell.index, 0);
        }),
      );
      // The goal grid: each cell the status the API gives that goal in that area.
      const grid = tmf.page.locator('table[data-goal-grid]');
      await grid.waitFor();
      const first = (overview.areas as Json[])[0];
      const toc = await get(`/api/theory-of-change?areaId=${first.areaId}`, 'tmf');
      const goals = [...(toc.overallGoals as Json[]).flatMap((o) => o.goals as Json[]), ...(toc.otherGoals as Json[])];
      expect(
        await grid
          .locator('tbody tr td:nth-child(2)')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))),
      ).toEqual(goals.map((g) => g.progress?.status ?? 'no_data'));
      await check(tmf.page, 'compare');

      // The indicator chart of a goal at the city's level: the areas' index against the city's 100 (the API's SVG).
      const cityGoals = (await get('/api/goals', 'tmf')) as Json[];
      const safety = cityGoals.find((g) => g.code === 'safety-city-level')!;
      const chart = await h.t.http
        .get(`/api/indicators/${safety.indicatorId}/charts/series.svg?areaIds=${first.areaId}&goalId=${safety.id}`)
        .set(as('tmf'))
        .buffer(true)
        .parse((res, done) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString('utf8')));
          res.on('end', () => done(null, body));
        })
        .expect(200);
      expect(chart.body as string).toContain('Indeks · De udsatte byområder er lige så trygge');
      expect(chart.body as string).toContain('København = 100');

      // The goal status as CSV in the reader's format (Danish: a byte-order mark, `;`), the grid's own figures,
      // from the API's export of the page's areas in the page's order; beside it the coloured XLSX.
      await tmf.page.setViewportSize(DESKTOP);
      const goalSection = tmf.page.locator('section[aria-labelledby="compare-goals-heading"]');
      const areaIds = (overview.areas as Json[]).map((a) => a.areaId).join(',');
      expect(await goalSection.getByRole('link', { name: 'Excel (XLSX)' }).getAttribute('href')).toBe(
        `/api/theory-of-change/goal-status/export?areaIds=${encodeURIComponent(areaIds)}&format=xlsx`,
      );
      const [download] = await Promise.all([
        tmf.page.waitForEvent('download'),
        goalSection.getByRole('link', { name: 'CSV' }).click(),
      ]);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const csvLines = csv.slice(1).trim().split(/\r?\n/);
      expect(csvLines[0].split(';')).toEqual(['Konkret mål', ...(overview.areas as Json[]).map((a) => a.areaName)]);
      expect(csvLines).toHaveLength(goals.length + 1);
      expect(csvLines[1].split(';')[1]).toMatch(
        new RegExp(
          `^${{ on_track: 'På sporet', at_risk: 'I risiko', off_track: 'Ikke på sporet', no_data: 'Ingen data' }[goals[0].progress?.status as string] ?? 'Ingen data'}`,
        ),
      );
      pageErrors.push(...tmf.errors);
      await tmf.context.close();
    },
    SLOW,
  );

  it(
    "a plan's long record a page at a time: the newest 50 first, the older ones on the next page, and back",
    async () => {
      const title = `Lang historik ${Date.now().toString(36)}`;
      const plan = (
        await h.t.http
          .post('/api/plans')
          .set(as('tmf'))
          .send({ areaId: ids.norrebro, budgetYear: 2017, title, participatingAdministrationIds: [] })
          .expect(201)
      ).body as Json;
      await h.t.http
        .post(`/api/plans/${plan.id}/items`)
        .set(as('tmf'))
        .send({ section: 'mapping', data: { name: 'Lektiecafé', kind: 'area_based' } })
        .expect(201);
      let version = (await get(`/api/plans/${plan.id}`, 'tmf')).version as number;
      for (let i = 0; i < 26; i++) {
        for (const type of ['SUBMIT', 'WITHDRAW']) {
          const res = await h.t.http
            .post(`/api/plans/${plan.id}/events`)
            .set(as('tmf'))
            .send({ type, expectedVersion: version })
            .expect(200);
          version = res.body.plan.version as number;
        }
      }
      const record = await get(`/api/plans/${plan.id}/history?limit=1`, 'tmf');
      expect(record.total).toBeGreaterThan(50);
      const older = record.total - 50;

      const tmf = await session('tmf');
      await tmf.page.goto(`/plans/${plan.id}`);
      await tmf.page.getByRole('heading', { level: 1, name: title }).waitFor();
      const pager = tmf.page.getByRole('navigation', { name: 'Historik' });
      const rows = tmf.page.locator('#history-heading ~ * tbody tr');
      await pager.getByText(`Side 1 af 2 (${record.total} i alt)`).waitFor();
      expect(await rows.count()).toBe(50);
      await pager.getByRole('button', { name: 'Næste' }).click();
      await pager.getByText(`Side 2 af 2 (${record.total} i alt)`).waitFor();
      await tmf.page.waitForFunction((n) => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } })
          .document;
        return doc.querySelectorAll('#history-heading ~ * tbody tr').length === n;
      }, older);
      expect(clean(await rows.allTextContents()).some((r) => r.includes('Oprettet'))).toBe(true);
      await pager.getByRole('button', { name: 'Forrige' }).click();
      await pager.getByText(`Side 1 af 2 (${record.total} i alt)`).waitFor();
      expect(await rows.count()).toBe(50);
      pageErrors.push(...tmf.errors);
      await tmf.context.close();
    },
    SLOW,
  );

  it(
    'the portfolio: projects by state, adopted amounts per budget year and lead times as charts beside their tables',
    async () => {
      const forum = await session('forum');
      await forum.page.goto('/portfolio');
      await forum.page.getByRole('heading', { level: 1, name: 'Projektportefølje' }).waitFor();
      await settled(forum.page);
      const figures = await get('/api/projects/portfolio', 'forum');
      const bars = forum.page.locator('figure.html-bars', { hasText: 'Projekter efter tilstand pr. forvaltning' });
      expect((figures.byAdministration as Json[]).some((g) => g.projects > 0)).toBe(true);
      expect(clean(await bars.locator('.bar-value').allTextContents())).toEqual(
        (figures.byAdministration as Json[]).map((g) => String(g.projects)),
      );
      const link = forum.page.getByRole('link', { name: 'Excel (XLSX)' });
      expect(await link.getAttribute('href')).toBe('/api/projects/portfolio/export?format=xlsx');
      await check(forum.page, 'portfolio');
      pageErrors.push(...forum.errors);
      await forum.context.close();
    },
    SLOW,
  );

  it(
    'the phone: the menu folds behind one button, and wide tables scroll in their box with the first column in view',
    async () => {
      const forum = await newPage(h, PHONE);
      await signIn(forum.page, 'forum');
      const nav = forum.page.getByRole('navigation', { name: 'Hovedmenu' });
      expect(await nav.isVisible()).toBe(false);
      const toggle = forum.page.getByRole('button', { name: 'Menu' });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      // The header is one line: the brand and the button.
      const header = await forum.page.locator('.site-header').boundingBox();
      expect(header!.height).toBeLessThan(90);
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await nav.getByRole('link', { name: 'Frister' }).click();
      await forum.page.getByRole('heading', { level: 1, name: 'Frister' }).waitFor();
      expect(await nav.isVisible()).toBe(false); // folded again on the new page
      await settled(forum.page);
      const sticky = await forum.page.evaluate(() => {
        const doc = (globalThis as unknown as PageGlobals).document;
        const cell = doc.querySelector('table[data-deadlines] tbody th') as unknown as object;
        const style = (globalThis as unknown as { getComputedStyle(e: object): { position: string } }).getComputedStyle(
          cell,
        );
        return style.position;
      });
      expect(sticky).toBe('sticky');
      await screenshot(forum.page, 'glance-phone-menu-folded');
      await toggle.click();
      await screenshot(forum.page, 'glance-phone-menu-open');
      pageErrors.push(...forum.errors);
      await forum.context.close();
    },
    SLOW,
  );
});
