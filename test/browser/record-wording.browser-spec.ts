import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { formatDay } from '#domain';
import {
  axe,
  focused,
  horizontalOverflow,
  newPage,
  screenshot,
  settled,
  signIn,
  startHarness,
  type BrowserHarness,
} from './browser-support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SLOW = 120_000;

/**
 * Issue 12, the screens: what a person reads as the record is in words, in Danish formats. A plan is walked through
 * two gates (the mapping approved through the API, the analysis submitted and approved in the browser, each decision
 * asked for in a confirmation that says what will happen); its diff between the stored versions, and to now, names
 * sections, items, field labels and values, and signatures as "BIF har underskrevet forpligtelsen (…)", never a
 * field name, an id, JSON or an ISO date. A form's error summary names the form's own labels; a goal's target
 * typed the Danish way is read as meant. Every page state visited has no axe violation of any impact.
 */
describe('Byløft in the browser: the record in words (issue 12)', () => {
  let h: BrowserHarness;
  const token: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const suffix = randomBytes(3).toString('hex');
  const planTitle = `Udviklingsplan for ordenes skyld ${suffix}`;
  const problemTheme = 'Lav beskæftigelse blandt unge';
  const potentialTheme = 'Stærke foreninger';
  const goalTitle = 'Flere unge i job';
  let indicatorName = '';
  const pageErrors: string[] = [];

  const as = (who: string) => ({ Authorization: `Bearer ${token[who]}` });
  const plan = async () => (await h.t.http.get(`/api/plans/${ids.plan}`).set(as('tmf'))).body as Json;
  const event = async (who: string, body: Json) =>
    h.t.http
      .post(`/api/plans/${ids.plan}/events`)
      .set(as(who))
      .send({ ...body, expectedVersion: (await plan()).version })
      .expect(200);
  const addItem = (who: string, section: string, data: Json) =>
    h.t.http.post(`/api/plans/${ids.plan}/items`).set(as(who)).send({ section, data }).expect(201);

  /** axe (no violation of any impact), a screenshot, no sideways scrolling. */
  const check = async (page: Page, name: string) => {
    await settled(page);
    await axe(h, page, name);
    const violations = h.axeResults[h.axeResults.length - 1].violations.map((v) => `${v.id} (${v.impact})`);
    await screenshot(page, `record-${name}`);
    expect({ page: name, violations, overflow: await horizontalOverflow(page) }).toEqual({
      page: name,
      violations: [],
      overflow: 0,
    });
  };
  const session = async (who: string) => {
    const s = await newPage(h);
    await signIn(s.page, who);
    return s;
  };
  const openPlan = async (page: Page) => {
    await page.goto(`/plans/${ids.plan}`);
    await page.getByRole('heading', { level: 1, name: planTitle }).waitFor();
    await settled(page);
  };

  beforeAll(async () => {
    h = await startHarness('record-wording');
    for (const who of ['tmf', 'bif', 'forum']) token[who] = await h.t.tokenFor(who);
    const admins = (await h.t.http.get('/api/administrations').set(as('tmf'))).body as Json[];
    ids.TMF = admins.find((a) => a.code === 'TMF')!.id;
    ids.BIF = admins.find((a) => a.code === 'BIF')!.id;
    const areas = (await h.t.http.get('/api/areas').set(as('tmf'))).body as Json[];
    const indicators = (await h.t.http.get('/api/indicators').set(as('tmf'))).body as Json[];
    ids.indicator = indicators[0].id;
    indicatorName = indicators[0].name;
    const created = await h.t.http
      .post('/api/plans')
      .set(as('tmf'))
      .send({
        areaId: areas[0].id,
        budgetYear: 2031,
        title: planTitle,
        coordinatingAdministrationId: ids.TMF,
        participatingAdministrationIds: [ids.BIF],
      })
      .expect(201);
    ids.plan = (created.body as Json).id;
    // The mapping, through the API: each administration's existing interventions; submitted and approved (gate 1).
    await addItem('tmf', 'mapping', { name: 'Områdefornyelse', kind: 'area_based', periodStart: '2030-01-01' });
    await addItem('bif', 'mapping', { name: 'Jobcenterets unge-indsats', kind: 'individual' });
    await event('tmf', { type: 'SUBMIT' });
    await event('forum', { type: 'APPROVE', comment: 'Kortlægningen er godkendt.' });
    // The analysis' content, for the browser to submit.
    await addItem('tmf', 'problem', { theme: problemTheme, text: 'Mange unge står uden for arbejdsmarkedet.' });
    await addItem('tmf', 'potential', { theme: potentialTheme, text: 'Foreningerne vil gerne løfte opgaven.' });
    await addItem('tmf', 'indicator', { indicatorId: ids.indicator, baselineValue: 61.25, baselineYear: 2029 });
  }, SLOW);

  afterAll(async () => {
    await h?.close();
    expect(pageErrors).toEqual([]);
  });

  it(
    'TMF submits the analysis: asked first, in a dialog that says what will happen, and Fortryd changes nothing',
    async () => {
      const tmf = await session('tmf');
      await openPlan(tmf.page);
      const before = (await plan()).version as number;
      const submit = tmf.page.getByRole('button', { name: 'Indsend til borgmesterforum' });
      await submit.click();
      const ask = tmf.page.getByRole('dialog', { name: 'Indsend til borgmesterforum?' });
      await ask.waitFor();
      expect(await tmf.page.locator('dialog[open]').count()).toBe(1); // a real, modal dialog
      expect(await ask.locator('p').textContent()).toBe(
        'Fasen sendes til borgmesterforum. Den kan trækkes tilbage, indtil forummet har behandlet den.',
      );
      expect((await focused(tmf.page)).text).toBe('Fortryd');
      await check(tmf.page, '01-indsend-bekraeft');
      // Escape cancels, as it does for any dialog; nothing was sent.
      await tmf.page.keyboard.press('Escape');
      await ask.waitFor({ state: 'detached' });
      expect((await plan()).version).toBe(before);
      await submit.click();
      await ask.getByRole('button', { name: 'Indsend til borgmesterforum', exact: true }).click();
      await tmf.page.getByText('Registreret: Indsend til borgmesterforum.').waitFor();
      expect((await plan()).status).toBe('submitted');
      pageErrors.push(...tmf.errors);
      await tmf.context.close();
    },
    SLOW,
  );

  it(
    "a forum member's refused deadline names the form's own labels; the approval is confirmed and says it is final",
    async () => {
      const forum = await session('forum');
      await openPlan(forum.page);
      // Moving the deadline without a reason: the summary names "Begrundelse", as the form does, never "reason".
      await forum.page.getByText('Flyt fristen', { exact: true }).first().click();
      await forum.page.getByLabel('Ny frist').fill('2031-03-05');
      await forum.page
        .locator('form', { has: forum.page.getByLabel('Ny frist') })
        .getByRole('button')
        .click();
      const refusal = forum.page.getByRole('alert').filter({ hasText: 'Begrundelse' });
      await refusal.waitFor();
      const summary = (await refusal.textContent()) ?? '';
      expect(summary).not.toMatch(/\b(reason|dueDate|expectedVersion)\b/);
      expect(await refusal.getByRole('link', { name: 'Begrundelse' }).getAttribute('href')).toBe('#deadline-reason');
      await check(forum.page, '02-frist-fejlopsummering');

      await forum.page.locator('#plan-action-comment').fill('Analysen er godkendt.');
      await forum.page.getByRole('button', { name: 'Godkend', exact: true }).click();
      const ask = forum.page.getByRole('dialog', { name: 'Godkend?' });
      await ask.waitFor();
      expect(await ask.textContent()).toContain('kan ikke fortrydes');
      await check(forum.page, '03-godkend-bekraeft');
      await ask.getByRole('button', { name: 'Godkend', exact: true }).click();
      await forum.page.getByText('Registreret: Godkend.').waitFor();
      expect((await plan()).stage).toBe('planning');
      pageErrors.push(...forum.errors);
      await forum.context.close();
    },
    SLOW,
  );

  it(
    'TMF types a target the Danish way; the diff between the two gates, and to now, reads in words',
    async () => {
      // In the planning stage BIF signs the commitment (through the API), for the diff to name it.
      await event('bif', { type: 'SIGN_COMMITMENT' });
      const tmf = await session('tmf');
      await openPlan(tmf.page);
      await tmf.page.getByRole('button', { name: 'Tilføj: Mål' }).click();
      const form = tmf.page.locator('#add-goal');
      await form.getByLabel('Titel').fill(goalTitle);
      await form.getByLabel('Målværdi').fill('1.200,5');
      await form.getByRole('button', { name: 'Tilføj: Mål' }).click();
      await tmf.page.locator('.item', { hasText: goalTitle }).waitFor();
      const content = (await h.t.http.get(`/api/plans/${ids.plan}/content`).set(as('tmf'))).body as Json;
      const goal = (content.items as Json[]).find((i) => i.section === 'goal');
      expect(goal?.data).toMatchObject({ title: goalTitle, targetValue: 1200.5 });

      const versions = (await h.t.http.get(`/api/plans/${ids.plan}/versions`).set(as('tmf'))).body as Json[];
      expect(versions.map((v) => v.decision)).toEqual(['APPROVE', 'APPROVE']); // two gates
      const diffLines = async (from: string, to: string) => {
        await tmf.page.locator('#diff-from').selectOption(from);
        await tmf.page.locator('#diff-to').selectOption(to);
        await tmf.page.getByRole('button', { name: 'Vis forskelle' }).click();
        await tmf.page
          .getByRole('heading', {
            name: `Forskelle fra version ${from} til ${to === 'current' ? 'Planen, som den er nu' : to}`,
          })
          .waitFor();
        return (await tmf.page.locator('.diff-list li').allTextContents()).map((l) =>
          l.replace(/^(Tilføjet|Fjernet|Ændret): /, '').trim(),
        );
      };
      const [first, second] = versions.map((v) => String(v.seq));
      const betweenGates = await diffLines(first, second);
      expect(betweenGates).toEqual(
        expect.arrayContaining([
          `Problem tilføjet: »${problemTheme}«`,
          `Potentiale tilføjet: »${potentialTheme}«`,
          `Indikator og baseline tilføjet: ${indicatorName}`,
        ]),
      );
      await check(tmf.page, '04-forskelle-mellem-to-porte');
      const sinceGate = await diffLines(second, 'current');
      expect(sinceGate).toEqual(
        expect.arrayContaining([
          `BIF har underskrevet forpligtelsen (${formatDay(new Date())})`,
          `Mål tilføjet: »${goalTitle}«`,
        ]),
      );
      for (const line of [...betweenGates, ...sinceGate]) {
        expect(line).not.toMatch(/\b(stage|stageDueDate|signatures|targetValue|indicatorId|theme|data)\b/);
        expect(line).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/); // no id
        expect(line).not.toMatch(/[{}[\]]|":/); // no JSON
        expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}/); // no ISO date
        expect(line).not.toMatch(/:\s*$/); // nothing ends at its colon
      }
      await check(tmf.page, '05-forskelle-til-nu');

      // In English, the same diff in English words and formats.
      await tmf.page.getByRole('button', { name: 'Switch to English' }).click();
      await tmf.page.getByRole('button', { name: 'Show differences' }).click();
      await tmf.page.locator('.diff-list li', { hasText: 'BIF signed the commitment' }).waitFor();
      expect(await tmf.page.locator('.diff-list').textContent()).toContain(
        `BIF signed the commitment (${formatDay(new Date(), 'en')})`,
      );
      await tmf.page.getByRole('button', { name: 'Skift til dansk' }).click();
      pageErrors.push(...tmf.errors);
      await tmf.context.close();
    },
    SLOW,
  );
});
