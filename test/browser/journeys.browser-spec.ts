import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { addWorkingDays } from '#domain';
import {
  axe,
  focused,
  focusRing,
  horizontalOverflow,
  isoDate,
  newPage,
  reachable,
  screenshot,
  settled,
  signIn,
  signOut,
  startHarness,
  tabTo,
  tabToText,
  type BrowserHarness,
  type PageGlobals,
} from './browser-support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Answers the confirmation a decision asks for first: a modal dialog, named "<action>?", saying what will happen.
 * Returns what it said.
 */
async function confirmDecision(page: Page, action: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: `${action}?` });
  await dialog.waitFor();
  const said = (await dialog.textContent()) ?? '';
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  return said;
}

const SLOW = 120_000;

/**
 * The three journeys of issue 6, in Danish, with the demo accounts, in
 * headless Chromium against the whole app: staff complete the mapping and
 * TMF submits it; a forum member approves it from the agenda; a project
 * leader submits an evaluation and the forum adopts the project into core
 * operations. Every page visited is checked with axe-core (no serious or
 * critical violation) and photographed into test-artifacts/screenshots.
 *
 * The app runs on a database of its own (see browser-support.ts), so the
 * journeys may schedule meetings and load measurements without touching the
 * other suites' data.
 */
describe('Byløft in the browser: the three journeys', () => {
  let h: BrowserHarness;
  const budgetYear = 2014;
  const planTitle = 'Udviklingsplan for Valby/Vigerslev 2014';
  const projectTitle = 'Jobbro Vigerslev';
  const registeredName = 'Tryghedsvandringer i Vigerslev';
  // Two more plans, set up through the API: one past its deadline (last in the alphabet, so only
  // "overdue first" puts it first), one submitted for the forum to approve with a condition.
  const overdueTitle = 'Udviklingsplan for Vesterbro/Kongens Enghave 2014';
  const conditionsTitle = 'Udviklingsplan for Tingbjerg/Husum 2014';
  const condition = 'Beskriv samarbejdet med boligselskabet';
  // The theory of change: a tool (redskab) under the city-level safety goal, with an activity through the registered
  // intervention.
  const safetyTitle = 'De udsatte byområder er lige så trygge at bo og færdes i som resten af byen';
  const toolName = 'Tryghedsvandringer';
  const activityName = 'Vandring hver måned';
  const cityLevelTarget = 'På niveau med byen (indeks 100) i 2020';
  let planId = '';
  let projectId = '';
  const token: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const pageErrors: string[] = [];

  const as = (who: string) => ({ Authorization: `Bearer ${token[who]}` });
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
  /** The levels of the headings in the page's main content, in document order. */
  const headingLevels = async (page: Page) =>
    (await page.evaluate(
      "[...document.querySelectorAll('#main :is(h1, h2, h3, h4, h5, h6)')].map((h) => Number(h.tagName.slice(1)))",
    )) as number[];
  /** Headings that skip a level (an h4 straight after an h2, say): none in a proper hierarchy. */
  const skippedLevels = (levels: number[]) =>
    levels.flatMap((level, i) => (i > 0 && level > levels[i - 1] + 1 ? [`h${levels[i - 1]} → h${level}`] : []));
  /**
   * Focus moves to the new page's heading a frame or two after it appears: wait for it (up to 5 s), then say what has
   * focus.
   */
  const focusAfterRouteChange = async (page: Page) => {
    // A function, not a string: a string predicate is compiled inside the page, which our CSP (no unsafe-eval) forbids.
    await page
      .waitForFunction(
        () =>
          (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document.activeElement
            ?.tagName === 'H1',
        undefined,
        { timeout: 5_000 },
      )
      .catch(() => undefined);
    return focused(page);
  };
  const session = async (who: string, viewport?: { width: number; height: number }) => {
    const s = await newPage(h, viewport);
    await signIn(s.page, who);
    return s;
  };

  beforeAll(async () => {
    h = await startHarness();
    for (const who of ['tmf', 'bif', 'forum', 'projektleder']) token[who] = await h.t.tokenFor(who);
    const admins = (await h.t.http.get('/api/administrations').set(as('tmf'))).body as Json[];
    ids.TMF = admins.find((a) => a.code === 'TMF')!.id;
    ids.BIF = admins.find((a) => a.code === 'BIF')!.id;
    const areas = (await h.t.http.get('/api/areas').set(as('tmf'))).body as Json[];
    ids.valby = areas.find((a) => a.code === 'valby-vigerslev')!.id;
    const cityGoals = (await h.t.http.get('/api/goals').set(as('tmf'))).body as Json[];
    ids.safetyGoal = cityGoals.find((g) => g.code === 'safety-city-level')!.id;
    // An intervention in TMF's part of the register, serving the safety goal, for journey 1 to map from the register.
    const registered = await h.t.http
      .post('/api/interventions')
      .set(as('tmf'))
      .send({
        name: registeredName,
        description: 'Månedlige tryghedsvandringer med beboere, politi og boligselskab',
        kind: 'area_based',
        owningAdministrationId: ids.TMF,
        areaIds: [ids.valby],
        fundingSource: 'base_budget',
        periodStart: '2013-01-01',
        periodEnd: '2016-12-31',
        goalIds: [ids.safetyGoal],
      })
      .expect(201);
    ids.registered = (registered.body as Json).id;
    // TMF's tool towards the safety goal, and an activity carried out through that intervention.
    const tool = (
      await h.t.http
        .post(`/api/theory-of-change/goals/${ids.safetyGoal}/tools`)
        .set(as('tmf'))
        .send({ name: toolName, description: 'Med beboere og politi' })
        .expect(201)
    ).body as Json;
    await h.t.http
      .post(`/api/theory-of-change/tools/${tool.id}/activities`)
      .set(as('tmf'))
      .send({ name: activityName, interventionId: ids.registered })
      .expect(201);

    // A plan whose mapping deadline a forum member moved into the past: overdue.
    ids.vesterbro = areas.find((a) => a.code === 'vesterbro-kongens-enghave')!.id;
    const overdue = (
      await h.t.http
        .post('/api/plans')
        .set(as('tmf'))
        .send({
          areaId: ids.vesterbro,
          budgetYear: 2014,
          title: overdueTitle,
          coordinatingAdministrationId: ids.TMF,
          participatingAdministrationIds: [],
        })
        .expect(201)
    ).body as Json;
    ids.overduePlan = overdue.id;
    await h.t.http
      .post(`/api/plans/${overdue.id}/deadline`)
      .set(as('forum'))
      .send({
        // Deadlines are working days: ten days ago, or the working day after it.
        dueDate: addWorkingDays(isoDate(-10), 0),
        reason: 'Fristen blev aftalt på sidste møde',
        expectedVersion: overdue.version,
      })
      .expect(200);
    // A plan with its mapping done and submitted: it waits on the forum's agenda.
    const tingbjerg = areas.find((a) => a.code === 'tingbjerg-husum')!.id;
    const submitted = (
      await h.t.http
        .post('/api/plans')
        .set(as('tmf'))
        .send({
          areaId: tingbjerg,
          budgetYear: 2014,
          title: conditionsTitle,
          coordinatingAdministrationId: ids.TMF,
          participatingAdministrationIds: [],
        })
        .expect(201)
    ).body as Json;
    ids.conditionsPlan = submitted.id;
    await h.t.http
      .post(`/api/plans/${submitted.id}/items`)
      .set(as('tmf'))
      .send({ section: 'mapping', data: { name: 'Boligsocial helhedsplan Tingbjerg', kind: 'area_based' } })
      .expect(201);
    const current = (await h.t.http.get(`/api/plans/${submitted.id}`).set(as('tmf'))).body as Json;
    await h.t.http
      .post(`/api/plans/${submitted.id}/events`)
      .set(as('tmf'))
      .send({ type: 'SUBMIT', expectedVersion: current.version })
      .expect(200);
  }, SLOW);

  afterAll(async () => {
    await h?.close();
    expect(pageErrors).toEqual([]);
  });

  it(
    'signs in: Danish first, English on request (kept), a wrong password refused in plain words, and all of it with ' +
      'the keyboard alone',
    async () => {
      const { page, context, errors } = await newPage(h);
      await page.goto('/');
      expect(await page.getAttribute('html', 'lang')).toBe('da');
      await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
      await check(page, '01-log-ind');

      // The skip link is the first thing the keyboard reaches.
      await page.keyboard.press('Tab');
      expect((await focused(page)).text).toBe('Gå til indholdet');

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor(); // kept in localStorage
      await page.getByRole('button', { name: 'Skift til dansk' }).click();
      await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();

      await page.getByLabel('E-mailadresse').fill('tmf@demo.byloeft.dk');
      await page.getByLabel('Adgangskode').fill('forkert-kodeord');
      await page.getByRole('button', { name: 'Log ind' }).click();
      await page.getByRole('alert').getByText('E-mailadressen eller adgangskoden er forkert.').waitFor();

      // With the keyboard alone: to the fields with Tab, signed in with Enter, focus on the new page's heading, signed
      // out again.
      await page.getByLabel('E-mailadresse').fill('');
      await page.getByLabel('Adgangskode').fill('');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
      await tabTo(page, 'login-email');
      await page.keyboard.type('observer@demo.byloeft.dk');
      await page.keyboard.press('Tab');
      await page.keyboard.type('byloeft-demo');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Overblik' }).waitFor();
      expect(await focusAfterRouteChange(page)).toMatchObject({ tag: 'H1', text: 'Overblik' });
      await page.keyboard.press('Shift+Tab'); // back into the navigation above the heading
      await page.keyboard.press('Enter'); // "Notifikationer", the last menu item
      await page.getByRole('heading', { level: 1, name: 'Notifikationer' }).waitFor();
      expect((await focusAfterRouteChange(page)).tag).toBe('H1');
      pageErrors.push(...errors);
      await context.close();
    },
    SLOW,
  );

  it(
    'journey 1: TMF starts a plan; TMF and BIF map their interventions (API refusals shown at the fields); TMF ' +
      'submits it, after a version conflict',
    async () => {
      // TMF starts the plan from the area page.
      const tmf = await session('tmf');
      await check(tmf.page, '02-overblik-tmf');
      await tmf.page.getByRole('link', { name: 'Valby/Vigerslev' }).first().click();
      await tmf.page.getByRole('heading', { level: 1, name: 'Valby/Vigerslev' }).waitFor();
      expect((await focusAfterRouteChange(tmf.page)).tag).toBe('H1'); // focus moved on route change
      await settled(tmf.page);
      await tmf.page.getByRole('button', { name: 'Start en udviklingsplan' }).click();
      await tmf.page.getByLabel('Budgetår (runde)').fill(String(budgetYear));
      await tmf.page.getByLabel('Titel').fill(planTitle);
      await tmf.page.getByLabel('Beskæftigelses- og Integrationsforvaltningen (BIF)').check();
      await check(tmf.page, '03-byomraade');
      await tmf.page.getByRole('button', { name: 'Start udviklingsplanen' }).click();
      await tmf.page.getByRole('heading', { level: 1, name: planTitle }).waitFor();
      planId = tmf.page.url().split('/plans/')[1]!;
      expect(planId).toMatch(/^[0-9a-f-]{36}$/);
      await settled(tmf.page);

      // Submitting is offered, but not allowed: the reasons are the API's, in Danish.
      const refusedSubmit = tmf.page.locator('[data-refused="SUBMIT"]');
      await refusedSubmit.waitFor();
      expect(await refusedSubmit.textContent()).toContain(
        'Beskæftigelses- og Integrationsforvaltningen har ikke registreret sine eksisterende indsatser',
      );
      await check(tmf.page, '04-plan-kortlaegning');

      // An empty form: the API's field errors appear at the fields, tied with aria-describedby.
      await tmf.page.getByRole('button', { name: 'Tilføj: Eksisterende indsatser' }).click();
      await tmf.page.locator('#add-mapping').getByRole('button', { name: 'Tilføj: Eksisterende indsatser' }).click();
      await tmf.page.getByRole('alert').filter({ hasText: 'Noget i formularen skal rettes' }).waitFor();
      const name = tmf.page.locator('#add-mapping-name');
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await name.getAttribute('aria-describedby'))!;
      expect(describedBy).toContain('add-mapping-name-error');
      expect(await tmf.page.locator('#add-mapping-name-error').textContent()).toContain('Skal udfyldes.');
      await check(tmf.page, '05-plan-feltfejl');
      // The error summary links to the field.
      await tmf.page.getByRole('alert').getByRole('link', { name: 'Navn' }).click();
      expect((await focused(tmf.page)).id).toBe('add-mapping-name');

      await name.fill('Områdefornyelse Valby');
      await tmf.page.locator('#add-mapping-kind').selectOption('area_based');
      await tmf.page.locator('#add-mapping-description').fill('Fysisk og social områdefornyelse i Vigerslev');
      await tmf.page.locator('#add-mapping').getByRole('button', { name: 'Tilføj: Eksisterende indsatser' }).click();
      await tmf.page.locator('.item', { hasText: 'Områdefornyelse Valby' }).waitFor();

      // Two TMF sessions change the same item at once: the later save is a conflict, never an overwrite,
      // and after reloading its form shows the other person's change (and saves against it).
      const other = await session('tmf');
      await other.page.goto(`/plans/${planId}`);
      await settled(other.page);
      const editForm = (page: Page) => page.locator('form[id^="edit-"]');
      const firstChange = 'Fysisk og social områdefornyelse i Vigerslev, med lokale partnere';
      for (const page of [tmf.page, other.page])
        await page.getByRole('button', { name: 'Rediger Områdefornyelse Valby' }).click();
      await editForm(other.page).getByLabel('Beskrivelse').fill(firstChange);
      await editForm(other.page).getByRole('button', { name: 'Gem ændringer' }).click();
      await other.page.getByText('Ændringerne er gemt.').waitFor();
      await editForm(tmf.page).getByLabel('Beskrivelse').fill('En anden beskrivelse');
      await editForm(tmf.page).getByRole('button', { name: 'Gem ændringer' }).click();
      const itemConflict = editForm(tmf.page).getByRole('alert').filter({ hasText: 'En anden har ændret planen' });
      await itemConflict.waitFor();
      await check(tmf.page, '05a-plan-element-versionskonflikt');
      await itemConflict.getByRole('button', { name: 'Genindlæs' }).click();
      await itemConflict.waitFor({ state: 'detached' });
      expect(await editForm(tmf.page).getByLabel('Beskrivelse').inputValue()).toBe(firstChange);
      await editForm(tmf.page).getByRole('button', { name: 'Fortryd' }).click();
      await tmf.page.locator('.item', { hasText: firstChange }).waitFor();
      const items = (await h.t.http.get(`/api/plans/${planId}/content`).set(as('tmf'))).body.items as Json[];
      expect(items.find((i) => i.data.name === 'Områdefornyelse Valby')!.data.description).toBe(firstChange);
      pageErrors.push(...other.errors);
      await other.context.close();

      // TMF fetches an intervention from the register. Nothing ticked: the API's field error stands at the fieldset.
      await tmf.page.getByRole('button', { name: 'Hent fra indsatsregistret' }).click();
      expect(await tmf.page.getByRole('button', { name: 'Luk indsatsregistret' }).getAttribute('aria-expanded')).toBe(
        'true',
      );
      const registerForm = tmf.page.locator(`#from-register-${planId}`);
      const registerFieldset = registerForm.locator('fieldset', {
        has: tmf.page.locator('legend', { hasText: 'Din forvaltnings indsatser i indsatsregistret' }),
      });
      await registerFieldset.waitFor();
      await settled(tmf.page);
      await registerForm.getByRole('button', { name: 'Tilføj de valgte indsatser' }).click();
      await registerForm.getByRole('alert').filter({ hasText: 'Noget i formularen skal rettes' }).waitFor();
      expect(await registerFieldset.getAttribute('aria-describedby')).toContain(
        `from-register-${planId}-interventionIds-error`,
      );
      expect(await tmf.page.locator(`#from-register-${planId}-interventionIds-error`).textContent()).toContain(
        'Vælg mindst én indsats.',
      );
      // With the keyboard: Tab to the intervention's checkbox, tick it with Space, Tab to the button, Enter.
      const registeredBox = registerForm.getByLabel(registeredName);
      expect(await registeredBox.isChecked()).toBe(false);
      await tabTo(tmf.page, (await registeredBox.getAttribute('id'))!);
      await tmf.page.keyboard.press('Space');
      expect(await registeredBox.isChecked()).toBe(true);
      await check(tmf.page, '05b-plan-hent-fra-indsatsregistret');
      await tmf.page.keyboard.press('Tab');
      expect((await focused(tmf.page)).text).toBe('Tilføj de valgte indsatser');
      await tmf.page.keyboard.press('Enter');
      const mappedNotice = registerForm
        .getByRole('status')
        .filter({ hasText: '1 indsats er hentet fra indsatsregistret' });
      await mappedNotice.waitFor();
      // The mapping item is there, labelled as from the register; the control now marks it as already mapped.
      const mappedItem = tmf.page.locator('.item', { hasText: registeredName });
      await mappedItem.getByText('Fra indsatsregistret').waitFor();
      const registeredChoice = registerForm.locator('.choice', { hasText: registeredName });
      await registeredChoice.getByText('Allerede kortlagt').waitFor();
      expect(await registeredBox.isChecked()).toBe(true);
      expect(await registeredBox.isDisabled()).toBe(true);
      const mappedContent = (await h.t.http.get(`/api/plans/${planId}/content`).set(as('tmf'))).body.items as Json[];
      expect(
        mappedContent.filter((i) => i.section === 'mapping' && i.data.interventionId === ids.registered),
      ).toHaveLength(1);
      // Its change history in the register: registered, then linked to this plan.
      await mappedItem
        .getByRole('button', { name: `Vis ændringerne i indsatsregistret for ${registeredName}` })
        .click();
      const registerHistory = mappedItem.locator('.register-history');
      await registerHistory.locator('li[data-operation="insert"]', { hasText: 'Registreret' }).waitFor();
      expect(await registerHistory.locator('li[data-operation="update"]').first().textContent()).toContain(
        'Ændret: udviklingsplaner',
      );
      const tmfName = ((await h.t.http.get('/api/auth/me').set(as('tmf'))).body as Json).displayName as string;
      expect(await registerHistory.textContent()).toContain(tmfName);
      await check(tmf.page, '05c-plan-fra-indsatsregistret-historik');
      await signOut(tmf.page);

      // BIF finds the plan among its tasks and maps its own intervention.
      await signIn(tmf.page, 'bif');
      await settled(tmf.page);
      const task = tmf.page.locator('.tasks li', { hasText: planTitle });
      await task.waitFor();
      expect(await task.textContent()).toContain('Beskæftigelses- og Integrationsforvaltningen har ikke registreret');
      await task.getByRole('link', { name: planTitle }).click();
      await tmf.page.getByRole('heading', { level: 1, name: planTitle }).waitFor();
      await settled(tmf.page);
      // TMF's item is not BIF's to change: no edit buttons on it.
      expect(await tmf.page.locator('.item', { hasText: 'Områdefornyelse Valby' }).getByRole('button').count()).toBe(0);
      await tmf.page.getByRole('button', { name: 'Tilføj: Eksisterende indsatser' }).click();
      await tmf.page.locator('#add-mapping-name').fill('Jobcenter Valby');
      await tmf.page.locator('#add-mapping-kind').selectOption('core_operations');
      await tmf.page.locator('#add-mapping').getByRole('button', { name: 'Tilføj: Eksisterende indsatser' }).click();
      await tmf.page.locator('.item', { hasText: 'Jobcenter Valby' }).waitFor();
      // BIF does not coordinate: the API says why it cannot submit.
      expect(await tmf.page.locator('[data-refused="SUBMIT"]').textContent()).toMatch(/tovholder|koordin/i);
      await signOut(tmf.page);

      // TMF submits. Meanwhile someone else submits and withdraws (the plan's version moves on):
      // the page's stale version gets a 409, and the page offers to reload.
      await signIn(tmf.page, 'tmf');
      await tmf.page.goto(`/plans/${planId}`);
      await settled(tmf.page);
      const submit = tmf.page.getByRole('button', { name: 'Indsend til borgmesterforum' });
      await submit.waitFor();
      const plan = (await h.t.http.get(`/api/plans/${planId}`).set(as('tmf'))).body as Json;
      await h.t.http
        .post(`/api/plans/${planId}/events`)
        .set(as('tmf'))
        .send({ type: 'SUBMIT', expectedVersion: plan.version })
        .expect(200);
      await h.t.http
        .post(`/api/plans/${planId}/events`)
        .set(as('tmf'))
        .send({ type: 'WITHDRAW', expectedVersion: plan.version + 1 })
        .expect(200);
      await submit.click();
      // Submitting asks first, saying what will happen; "Fortryd" leaves everything as it was.
      const ask = tmf.page.getByRole('dialog', { name: 'Indsend til borgmesterforum?' });
      await ask.waitFor();
      expect(await ask.textContent()).toContain(
        'Fasen sendes til borgmesterforum. Den kan trækkes tilbage, indtil forummet har behandlet den.',
      );
      expect((await focused(tmf.page)).text).toBe('Fortryd');
      await check(tmf.page, '06a-plan-indsend-bekraeft');
      await ask.getByRole('button', { name: 'Fortryd' }).click();
      await ask.waitFor({ state: 'detached' });
      expect((await focused(tmf.page)).text).toBe('Indsend til borgmesterforum'); // back on the button that asked
      await submit.click();
      await confirmDecision(tmf.page, 'Indsend til borgmesterforum');
      const conflict = tmf.page.getByRole('alert').filter({ hasText: 'En anden har ændret planen' });
      await conflict.waitFor();
      await check(tmf.page, '06-plan-versionskonflikt');
      await conflict.getByRole('button', { name: 'Genindlæs' }).click();
      await conflict.waitFor({ state: 'detached' }); // gone once the plan is reloaded
      await settled(tmf.page);
      await tmf.page.locator('#plan-action-comment').fill('Kortlægningen er komplet.');
      await tmf.page.getByRole('button', { name: 'Indsend til borgmesterforum' }).click();
      await confirmDecision(tmf.page, 'Indsend til borgmesterforum');
      await tmf.page.getByText('Registreret: Indsend til borgmesterforum.').waitFor();
      await tmf.page.locator('.timeline li.current', { hasText: 'indsendt til borgmesterforum' }).waitFor();
      await check(tmf.page, '07-plan-indsendt');
      pageErrors.push(...tmf.errors);
      await tmf.context.close();
    },
    // Two people's mapping, a version conflict and the submission's confirmation (asked, cancelled, confirmed): past
    // 2 minutes on a busy machine.
    2 * SLOW,
  );

  it(
    'journey 2: a forum member finds it on the agenda, is told a return needs a comment, and approves it',
    async () => {
      const forum = await session('forum');
      await settled(forum.page);
      await forum.page.locator('.tasks li', { hasText: planTitle }).waitFor();
      await forum.page
        .getByRole('navigation', { name: 'Hovedmenu' })
        .getByRole('link', { name: 'Borgmesterforum' })
        .click();
      await forum.page.getByRole('heading', { level: 1, name: 'Borgmesterforum' }).waitFor();
      await settled(forum.page);
      await forum.page.getByText('Der er ikke planlagt et møde.').waitFor();
      // Schedule the next meeting: the waiting submission goes on its agenda.
      await forum.page.getByText('Planlæg et møde').click();
      await forum.page.getByLabel('Dato').fill(isoDate(14));
      await forum.page.getByLabel('Titel').fill('Borgmesterforum, browsertest');
      await forum.page.getByRole('button', { name: 'Planlæg mødet' }).click();
      await forum.page.getByText('Mødet er planlagt').waitFor();
      await forum.page.locator('#next-meeting-heading + p', { hasText: 'Borgmesterforum, browsertest' }).waitFor();
      const item = forum.page.locator('[data-agenda-item]', {
        has: forum.page.getByRole('heading', { name: planTitle }),
      });
      await item.waitFor();
      await check(forum.page, '08-borgmesterforum');

      // A return without a comment: the API refuses, and its reason stands at the comment field.
      await item.getByRole('button', { name: 'Send retur med bemærkninger' }).click();
      expect(await confirmDecision(forum.page, 'Send retur med bemærkninger')).toContain('sendes retur');
      const refusal = item.getByRole('alert').filter({ hasText: 'Handlingen blev afvist' });
      await refusal.waitFor();
      const comment = item.locator('textarea[id$="-comment"]');
      expect(await comment.getAttribute('aria-invalid')).toBe('true');
      await check(forum.page, '09-borgmesterforum-afvist');

      await comment.fill('Godkendt. Fin kortlægning.');
      await item.getByRole('button', { name: 'Godkend', exact: true }).click();
      expect(await confirmDecision(forum.page, 'Godkend')).toContain('kan ikke fortrydes');
      await forum.page.getByText(`Beslutningen er registreret: Godkend – ${planTitle}.`).waitFor();
      // Decided before the meeting (in 14 days) is held: a written procedure of today, with the comment and who.
      const decisions = forum.page.locator('table.decisions');
      const decided = decisions.locator('tbody tr', { hasText: planTitle });
      await decided.first().waitFor();
      expect(await decided.count()).toBe(1);
      expect(await decided.textContent()).toContain('Godkendt. Fin kortlægning.');
      expect(await decided.textContent()).toContain('Skriftlig behandling');
      expect(await decided.textContent()).not.toContain('Borgmesterforum, browsertest');
      await check(forum.page, '10-borgmesterforum-besluttet');

      // The plan moved on to the analysis; its history and stored version show it.
      await forum.page.getByRole('link', { name: planTitle }).first().click();
      await forum.page.getByRole('heading', { level: 1, name: planTitle }).waitFor();
      await settled(forum.page);
      await forum.page.locator('.timeline li.current', { hasText: 'Analyse' }).waitFor();
      expect(await forum.page.locator('#history-heading + .table-wrap').textContent()).toContain(
        'Godkendt. Fin kortlægning.',
      );
      await forum.page.getByRole('button', { name: 'Vis forskelle' }).click();
      await forum.page.getByRole('heading', { name: /Forskelle fra version/ }).waitFor();
      await check(forum.page, '11-plan-analyse-historik');
      pageErrors.push(...forum.errors);
      await forum.context.close();
    },
    SLOW,
  );

  it(
    'journey 2, with the keyboard alone: a forum member opens the agenda and the plan and approves it with a ' +
      'condition; TMF closes the condition on the plan page',
    async () => {
      const forum = await session('forum');
      expect(await focusAfterRouteChange(forum.page)).toMatchObject({ tag: 'H1', text: 'Overblik' });
      /** Where focus is now, and that the keyboard user sees it. */
      const expectFocus = async (expected: { tag?: string; id?: string; text?: string | RegExp }) => {
        const now = await focusRing(forum.page);
        expect(now).toMatchObject({ ...expected, focusVisible: true, ring: true });
      };

      // Back into the main menu, to the forum; Enter follows the link, and focus lands on the new page's heading.
      await tabToText(forum.page, 'Borgmesterforum', { back: true });
      await expectFocus({ tag: 'A', text: 'Borgmesterforum' });
      await forum.page.keyboard.press('Enter');
      await forum.page.getByRole('heading', { level: 1, name: 'Borgmesterforum' }).waitFor();
      expect((await focusAfterRouteChange(forum.page)).tag).toBe('H1');
      await expectFocus({ tag: 'H1', text: 'Borgmesterforum' });
      await settled(forum.page);
      const item = forum.page.locator('[data-agenda-item]', {
        has: forum.page.getByRole('heading', { name: conditionsTitle }),
      });
      await item.waitFor();

      // On to the plan from its agenda item.
      await tabToText(forum.page, `Åbn planen: ${conditionsTitle}`);
      await expectFocus({ tag: 'A' });
      await forum.page.keyboard.press('Enter');
      await forum.page.getByRole('heading', { level: 1, name: conditionsTitle }).waitFor();
      expect((await focusAfterRouteChange(forum.page)).tag).toBe('H1');
      await expectFocus({ tag: 'H1', text: conditionsTitle });
      await settled(forum.page);

      // The comment, the condition, and "Godkend med betingelser", each reached with Tab; Enter confirms.
      await tabTo(forum.page, 'plan-action-comment');
      await expectFocus({ tag: 'TEXTAREA', id: 'plan-action-comment' });
      await forum.page.keyboard.type('Godkendt, når samarbejdet er beskrevet.');
      await forum.page.keyboard.press('Tab');
      await expectFocus({ tag: 'TEXTAREA', id: 'plan-action-conditions' });
      await forum.page.keyboard.type(condition);
      await tabToText(forum.page, 'Godkend med betingelser', { max: 5 });
      await expectFocus({ tag: 'BUTTON', text: 'Godkend med betingelser' });
      await check(forum.page, '10a-plan-godkend-med-betingelser-tastatur');
      await forum.page.keyboard.press('Enter');
      // The confirmation opens with focus on "Fortryd"; Shift+Tab reaches the decision, Enter takes it.
      const ask = forum.page.getByRole('dialog', { name: 'Godkend med betingelser?' });
      await ask.waitFor();
      await expectFocus({ tag: 'BUTTON', text: 'Fortryd' });
      await forum.page.keyboard.press('Shift+Tab');
      await expectFocus({ tag: 'BUTTON', text: 'Godkend med betingelser' });
      await forum.page.keyboard.press('Enter');
      await ask.waitFor({ state: 'detached' });
      const recorded = forum.page.getByRole('status').filter({ hasText: 'Registreret: Godkend med betingelser.' });
      await recorded.waitFor();
      // Focus goes to the confirmation, not lost to the page's body.
      expect((await focused(forum.page)).text).toBe('Registreret: Godkend med betingelser.');
      await settled(forum.page);
      await forum.page.locator('.timeline li.current', { hasText: 'Analyse' }).waitFor();
      const openCondition = forum.page
        .locator('section', {
          has: forum.page.getByRole('heading', { level: 2, name: 'Betingelser fra borgmesterforum' }),
        })
        .locator('.item', { hasText: condition });
      await openCondition.getByText('Åben', { exact: true }).waitFor();
      expect(await openCondition.getByRole('button').count()).toBe(0); // closing it is the administration's
      expect(await forum.page.locator('#history-heading + .table-wrap').textContent()).toContain(condition);
      await check(forum.page, '10b-plan-betingelse-aaben');
      pageErrors.push(...forum.errors);
      await forum.context.close();

      // The plan's goals are written in the planning stage, which this plan has not reached: a goal refining the
      // city-level safety goal and an intervention towards it go straight into the database (as the API's own tests
      // do), for its theory of change.
      const ds = h.t.app.get<DataSource>(getDataSourceToken());
      const tmfUser = ((await h.t.http.get('/api/auth/me').set(as('tmf'))).body as Json).id as string;
      const planGoalTitle = 'Tryghed som i resten af byen';
      const planInterventionName = 'Tryghedsvandringer i Tingbjerg';
      const insertItem = async (section: string, data: Json) =>
        (
          (await ds.query(
            `INSERT INTO plan_item (plan_id, section, administration_id, data, created_by, updated_by) VALUES ($1,
              $2, $3, $4, $5, $5) RETURNING id`,
            [ids.conditionsPlan, section, ids.TMF, JSON.stringify(data), tmfUser],
          )) as { id: string }[]
        )[0].id;
      const planGoal = await insertItem('goal', { title: planGoalTitle, cityGoalId: ids.safetyGoal });
      await insertItem('intervention', {
        name: planInterventionName,
        kind: 'area_based',
        goalItemIds: [planGoal],
        description: 'Sammen med boligselskabet',
      });

      // TMF, the coordinating administration, closes the condition on the plan page.
      const tmf = await session('tmf');
      await tmf.page.goto(`/plans/${ids.conditionsPlan}`);
      await tmf.page.getByRole('heading', { level: 1, name: conditionsTitle }).waitFor();
      await settled(tmf.page);
      const tmfCondition = tmf.page.locator('.item', { hasText: condition });
      await tmfCondition
        .getByLabel('Hvordan er betingelsen opfyldt?')
        .fill('Samarbejdsaftalen med boligselskabet er vedlagt kortlægningen.');
      await tmfCondition.getByRole('button', { name: 'Luk betingelsen' }).click();
      await tmfCondition.getByText('Lukket', { exact: true }).waitFor();
      expect(await tmfCondition.textContent()).toContain(
        'Lukket med: Samarbejdsaftalen med boligselskabet er vedlagt kortlægningen.',
      );
      expect(await tmfCondition.getByRole('button', { name: 'Luk betingelsen' }).count()).toBe(0);
      const conditions = ((await h.t.http.get(`/api/plans/${ids.conditionsPlan}/content`).set(as('tmf'))).body as Json)
        .conditions as Json[];
      expect(conditions).toEqual([expect.objectContaining({ text: condition, status: 'closed' })]);
      // The plan's theory of change: its goal refines the city's city-level goal, so its target is the city's level,
      // with the city's tool and the plan's intervention.
      const planToc = tmf.page.locator('section', {
        has: tmf.page.getByRole('heading', { level: 2, name: 'Planens forandringsstrategi' }),
      });
      const planTocGoal = planToc.locator('li.toc-goal', {
        has: tmf.page.getByRole('heading', { level: 3, name: planGoalTitle }),
      });
      expect(await planTocGoal.getAttribute('data-target-kind')).toBe('city_level');
      expect(await planTocGoal.locator('[data-fact="target"]').textContent()).toBe(cityLevelTarget);
      expect(await planTocGoal.locator('[data-fact="refines"]').textContent()).toBe(
        `${safetyTitle} (under »Udsatte byområder skal løftes til københavnerniveau«)`,
      );
      expect(await planTocGoal.locator('[data-fact="status"]').textContent()).toBe('Ingen data ingen målinger endnu'); // Tingbjerg has no safety figures
      expect(await planTocGoal.getByRole('heading', { level: 4 }).allTextContents()).toEqual([
        'Byens redskaber til målet',
        'Planens indsatser mod målet',
      ]);
      expect(await planTocGoal.locator('.toc-tools > li').allTextContents()).toEqual([
        expect.stringContaining(`${toolName} (TMF) – Med beboere og politi`),
      ]);
      expect(await planTocGoal.locator('.toc-tools .toc-activities > li').allTextContents()).toEqual([
        `${activityName} (gennem ${registeredName})`,
      ]);
      expect(await planTocGoal.locator('.toc-interventions > li').allTextContents()).toEqual([
        `${planInterventionName} (Områdebaseret, TMF) – Sammen med boligselskabet`,
      ]);
      expect(skippedLevels(await headingLevels(tmf.page))).toEqual([]);
      await check(tmf.page, '10c-plan-betingelse-lukket');
      pageErrors.push(...tmf.errors);
      await tmf.context.close();
    },
    SLOW,
  );

  it(
    'lists overdue first: the overview puts the plan past its deadline first, marked, and so do "Mine opgaver"',
    async () => {
      const tmf = await session('tmf');
      await settled(tmf.page);
      // The areas: the overdue plan's area first, though last in the alphabet.
      const rows = tmf.page.locator('#areas-heading ~ .table-wrap tbody tr');
      const firstRow = rows.first();
      expect(await firstRow.textContent()).toContain(overdueTitle);
      expect(await firstRow.getAttribute('class')).toBe('is-overdue');
      expect(await firstRow.locator('.tag.overdue').textContent()).toBe('Overskredet');
      expect(await tmf.page.getByText('1 overskredne frister').count()).toBe(1);
      expect(await rows.locator('.tag.overdue').count()).toBe(1); // the others are on time
      // My tasks: the overdue plan ahead of the others (Valby's and Tingbjerg's analyses, which come before it by
      // name).
      const tasks = tmf.page.locator('#tasks-heading + .tasks > li');
      const titles = (await tasks.locator('a > strong').allTextContents()).filter((x) =>
        x.startsWith('Udviklingsplan'),
      );
      expect(titles).toEqual([overdueTitle, conditionsTitle, planTitle]);
      expect(await tasks.first().getAttribute('class')).toBe('overdue');
      expect(await tasks.first().locator('.tag.overdue').textContent()).toBe('Overskredet');
      expect(await tasks.locator('.tag.overdue').count()).toBe(1);
      await check(tmf.page, '11a-overblik-overskredet-foerst');
      pageErrors.push(...tmf.errors);
      await tmf.context.close();
    },
    SLOW,
  );

  it(
    'journey 3: TMF proposes a project in the browser; the forum approves it; TMF starts it and calls for the ' +
      'evaluation; the project leader saves, attaches and submits it; TMF assesses it; the forum adopts the project ' +
      'into core operations',
    async () => {
      const goals = (await h.t.http.get('/api/goals').set(as('tmf'))).body as Json[];
      const employment = goals.find((g) => g.code === 'employment-city-level')!;
      const goToProject = async (page: Page) => {
        await page.goto(`/projects/${projectId}`);
        await page.getByRole('heading', { level: 1, name: projectTitle }).waitFor();
        await settled(page);
      };

      // TMF proposes the project from the projects page, naming the project leader.
      const staff = await session('tmf');
      await staff.page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Projekter' }).click();
      await staff.page.getByRole('heading', { level: 1, name: 'Projekter' }).waitFor();
      await settled(staff.page);
      await check(staff.page, '12a-projekter-tmf');
      await staff.page.getByRole('link', { name: 'Foreslå et projekt' }).click();
      await staff.page.getByRole('heading', { level: 1, name: 'Foreslå et projekt' }).waitFor();
      await settled(staff.page);
      expect((await focusAfterRouteChange(staff.page)).tag).toBe('H1'); // focus moved on route change
      const proposal = staff.page.locator('#propose-project');
      expect(await proposal.locator('dl.facts').textContent()).toContain('Teknik- og Miljøforvaltningen (TMF)');
      await check(staff.page, '12b-projektforslag');

      // Sent empty: the API's field errors stand at the fields, and the summary links to them.
      await proposal.getByRole('button', { name: 'Foreslå projektet' }).click();
      await staff.page.getByRole('alert').filter({ hasText: 'Noget i formularen skal rettes' }).waitFor();
      for (const field of ['title', 'fundingSource', 'budgetDkk', 'periodStart', 'periodEnd']) {
        const input = staff.page.locator(`#propose-project-${field}`);
        expect({
          field,
          invalid: await input.getAttribute('aria-invalid'),
          describedBy: await input.getAttribute('aria-describedby'),
        }).toMatchObject({
          field,
          invalid: 'true',
          describedBy: expect.stringContaining(`propose-project-${field}-error`),
        });
      }
      expect(await staff.page.locator('#propose-project-areaIds-error').textContent()).toContain('Vælg mindst 1');
      await check(staff.page, '12c-projektforslag-feltfejl');
      await staff.page.getByRole('alert').getByRole('link', { name: 'Projektets titel' }).click();
      expect((await focused(staff.page)).id).toBe('propose-project-title');

      await proposal.getByLabel('Projektets titel').fill(projectTitle);
      await proposal
        .getByLabel('Problem', { exact: false })
        .first()
        .fill('For mange unge i Vigerslev står uden job og uddannelse.');
      await proposal.getByLabel('Foreslået løsning').fill('En jobbro med virksomhedspraktik og mentorer.');
      await proposal
        .getByLabel('Projektleder')
        .selectOption({ label: 'Pia Projektleder (projektleder@demo.byloeft.dk)' });
      await proposal.getByLabel('Finansiering').selectOption('state_pool');
      await proposal.getByLabel('Budget (kr.)').fill('2.400.000');
      await proposal.getByLabel('Periodens start').fill(isoDate(-400));
      await proposal.getByLabel('Periodens slut').fill(isoDate(200));
      await proposal.getByLabel('Valby/Vigerslev').check();
      await proposal.getByLabel(employment.title, { exact: true }).check();
      await proposal.getByRole('button', { name: 'Foreslå projektet' }).click();
      await staff.page.getByRole('heading', { level: 1, name: projectTitle }).waitFor();
      projectId = staff.page.url().split('/projects/')[1]!;
      expect(projectId).toMatch(/^[0-9a-f-]{36}$/);
      await settled(staff.page);
      await staff.page.locator('dl.facts', { hasText: 'Foreslået' }).waitFor();
      expect(await staff.page.locator('dl.facts').first().textContent()).toContain('2.400.000');
      // Approving is the forum's: the API says why TMF cannot.
      await staff.page.locator('[data-refused="APPROVE"]').waitFor();
      await check(staff.page, '12d-projekt-foreslaaet');
      const proposed = (await h.t.http.get(`/api/projects/${projectId}`).set(as('tmf'))).body as Json;
      const leader = (await h.t.http.get('/api/auth/me').set(as('projektleder'))).body as Json;
      expect(proposed).toMatchObject({
        state: 'proposed',
        owningAdministrationId: ids.TMF,
        projectLeaderId: leader.id,
        budgetDkk: 2400000,
        fundingSource: 'state_pool',
        periodStart: isoDate(-400),
        periodEnd: isoDate(200),
        evaluationDate: null,
        areaIds: [ids.valby],
        goalIds: [employment.id],
      });

      // A forum member approves it on the project page.
      const forumMember = await session('forum');
      await goToProject(forumMember.page);
      await forumMember.page.locator('#project-action-comment').fill('Godkendt. Et godt forslag.');
      await forumMember.page.getByRole('button', { name: 'Godkend projektet' }).click();
      await confirmDecision(forumMember.page, 'Godkend projektet');
      await forumMember.page.getByText('Registreret: Godkend projektet.').waitFor();
      await settled(forumMember.page);
      await forumMember.page.locator('dl.facts', { hasText: 'Godkendt' }).waitFor();
      expect(await forumMember.page.locator('#project-history-heading + .table-wrap').textContent()).toContain(
        'Godkendt. Et godt forslag.',
      );
      await check(forumMember.page, '12e-projekt-godkendt');
      pageErrors.push(...forumMember.errors);
      await forumMember.context.close();

      // TMF starts it, then calls for the evaluation.
      await goToProject(staff.page);
      await staff.page.getByRole('button', { name: 'Start projektet' }).click();
      await staff.page.getByText('Registreret: Start projektet.').waitFor();
      await settled(staff.page);
      await staff.page.locator('dl.facts', { hasText: 'I gang' }).waitFor();
      await check(staff.page, '12f-projekt-i-gang');
      await staff.page.getByRole('button', { name: 'Kræv evalueringen' }).click();
      await staff.page.getByText('Registreret: Kræv evalueringen.').waitFor();
      await settled(staff.page);
      await staff.page.locator('dl.facts', { hasText: 'Evaluering skal afleveres' }).waitFor();
      await check(staff.page, '12g-projekt-evaluering-kaldt-ind');
      pageErrors.push(...staff.errors);
      await staff.context.close();

      // The project leader, on a tablet-sized screen.
      const pl = await session('projektleder', { width: 820, height: 1180 });
      await settled(pl.page);
      await pl.page.locator('.tasks li', { hasText: projectTitle }).waitFor();
      await check(pl.page, '12-overblik-projektleder-tablet');
      await pl.page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Projekter' }).click();
      await pl.page.getByRole('heading', { level: 1, name: 'Mine projekter' }).waitFor();
      await settled(pl.page);
      await check(pl.page, '13-mine-projekter');
      await pl.page
        .locator('section', { has: pl.page.getByRole('heading', { name: 'Projekter, jeg leder' }) })
        .getByRole('link', { name: projectTitle })
        .click();
      await pl.page.getByRole('heading', { level: 1, name: projectTitle }).waitFor();
      await settled(pl.page);
      // Not complete yet: the API says what is missing.
      expect(await pl.page.locator('[data-refused="SUBMIT_EVALUATION"]').textContent()).toMatch(/evaluering/i);

      const form = pl.page.locator('#evaluation-form');
      await form.getByLabel('Hvad har projektet opnået?').fill('62 unge er kommet i job eller uddannelse.');
      await form.getByLabel('Målt værdi').first().fill('62');
      const indicatorBoxes = form.locator('fieldset.boxed', { has: pl.page.locator('input[id^="indicator-"]') });
      for (let i = 0; i < (await indicatorBoxes.count()); i++)
        await indicatorBoxes.nth(i).locator('input').fill('31,5');
      await form.getByLabel('Evidensens styrke').selectOption('before_after');
      await form.getByLabel('Omkostninger (kr.)').fill('2150000');
      await form.getByLabel('Hvad virkede?').fill('Mentorer fra lokale virksomheder.');
      await form.getByLabel('Hvad virkede ikke?').fill('Rekruttering via plakater.');
      await form.getByLabel('Anbefaling til borgmesterforum').selectOption('adopt');
      await form.getByRole('button', { name: 'Gem kladde' }).click();
      await pl.page.getByText('Kladden er gemt.').waitFor();

      // The same draft open in a second session: its save goes first; this one's is then a conflict,
      // and after reloading the form shows the other session's text.
      const secondTab = await session('projektleder');
      await goToProject(secondTab.page);
      const otherText = 'Mentorer og praktikpladser hos lokale virksomheder.';
      await secondTab.page.locator('#evaluation-form').getByLabel('Hvad virkede?').fill(otherText);
      await secondTab.page.locator('#evaluation-form').getByRole('button', { name: 'Gem kladde' }).click();
      await secondTab.page.getByText('Kladden er gemt.').waitFor();
      pageErrors.push(...secondTab.errors);
      await secondTab.context.close();
      await form.getByLabel('Hvad virkede?').fill('Noget andet.');
      await form.getByRole('button', { name: 'Gem kladde' }).click();
      const draftConflict = form.getByRole('alert').filter({ hasText: 'En anden har ændret evalueringen' });
      await draftConflict.waitFor();
      expect(await draftConflict.textContent()).toContain('Evalueringskladden er blevet ændret af en anden');
      await draftConflict.getByRole('button', { name: 'Genindlæs' }).click();
      await draftConflict.waitFor({ state: 'detached' });
      expect(await form.getByLabel('Hvad virkede?').inputValue()).toBe(otherText);
      expect(
        ((await h.t.http.get(`/api/projects/${projectId}/evaluation`).set(as('projektleder'))).body as Json).whatWorked,
      ).toBe(otherText);

      const pdf = Buffer.from(
        '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count ' +
          '0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
      );
      await pl.page
        .getByLabel('Vælg en fil')
        .setInputFiles({ name: 'evaluering-jobbro.pdf', mimeType: 'application/pdf', buffer: pdf });
      await pl.page.getByRole('button', { name: 'Vedhæft filen' }).click();
      await pl.page.getByText('evaluering-jobbro.pdf er vedhæftet.').waitFor();
      await pl.page.getByRole('button', { name: 'Hent evaluering-jobbro.pdf' }).waitFor();
      await check(pl.page, '14-evaluering-kladde');

      await pl.page.getByRole('button', { name: 'Aflever evalueringen' }).click();
      await confirmDecision(pl.page, 'Aflever evalueringen');
      await pl.page.getByText('Registreret: Aflever evalueringen.').waitFor();
      await settled(pl.page);
      await pl.page.locator('dl.facts', { hasText: 'Evaluering afleveret' }).waitFor();
      await check(pl.page, '15-evaluering-afleveret');
      pageErrors.push(...pl.errors);
      await pl.context.close();

      // TMF, the owning administration, assesses the evaluation.
      const tmf = await session('tmf');
      await goToProject(tmf.page);
      await tmf.page.getByRole('button', { name: 'Vurdér evalueringen' }).click();
      await tmf.page.getByText('Registreret: Vurdér evalueringen.').waitFor();
      await settled(tmf.page);
      await tmf.page.locator('dl.facts', { hasText: 'Vurderet, afventer beslutning' }).waitFor();
      await check(tmf.page, '15a-projekt-vurderet');
      pageErrors.push(...tmf.errors);
      await tmf.context.close();

      // The forum adopts it into core operations from the agenda, with the base-budget line.
      const forum = await session('forum');
      await forum.page.goto('/forum');
      await settled(forum.page);
      const item = forum.page.locator('[data-agenda-item]', {
        has: forum.page.getByRole('heading', { name: new RegExp(projectTitle) }),
      });
      await item.waitFor();
      await item.getByLabel('Årligt beløb (kr.)').fill('850.000 kr.'); // as a Dane writes it: one parser reads it
      await item.getByLabel('Første budgetår').fill('2034');
      await check(forum.page, '16-borgmesterforum-projekt');
      await item.getByRole('button', { name: 'Forankr i drift' }).click();
      await confirmDecision(forum.page, 'Forankr i drift');
      await forum.page.getByText(`Beslutningen er registreret: Forankr i drift – ${projectTitle}.`).waitFor();

      const project = (await h.t.http.get(`/api/projects/${projectId}`).set(as('tmf'))).body as Json;
      expect(project).toMatchObject({
        state: 'adoptedIntoOperations',
        budgetLine: { administrationId: ids.TMF, yearlyAmountDkk: 850000, firstBudgetYear: 2034 },
      });

      await forum.page
        .getByRole('navigation', { name: 'Hovedmenu' })
        .getByRole('link', { name: 'Projektportefølje' })
        .click();
      await forum.page.getByRole('heading', { level: 1, name: 'Projektportefølje' }).waitFor();
      await settled(forum.page);
      await forum.page.locator('table', { hasText: projectTitle }).waitFor();
      await check(forum.page, '17-projektportefoelje');
      pageErrors.push(...forum.errors);
      await forum.context.close();
    },
    // The longest journey (eight people's steps, four of them confirmed in a dialog): past 2 minutes on a busy machine.
    2 * SLOW,
  );

  it(
    'shows the notifications inbox, with the unread count in the header',
    async () => {
      const tmf = await session('tmf');
      await settled(tmf.page);
      const inboxLink = tmf.page
        .getByRole('navigation', { name: 'Hovedmenu' })
        .getByRole('link', { name: /Notifikationer/ });
      await inboxLink.locator('.badge-count').waitFor();
      const unread = Number((await inboxLink.locator('.badge-count').textContent())!.replace(/\D/g, ''));
      expect(unread).toBeGreaterThan(0);
      await inboxLink.click();
      await tmf.page.getByRole('heading', { level: 1, name: 'Notifikationer' }).waitFor();
      await settled(tmf.page);
      await tmf.page.getByText(`Du har ${unread} ulæste notifikationer.`).waitFor();
      await check(tmf.page, '18-notifikationer');
      await tmf.page.getByRole('button', { name: 'Markér alle som læst' }).click();
      await tmf.page.getByText(/notifikationer er markeret som læst/).waitFor();
      await tmf.page.waitForFunction(
        () => !(globalThis as unknown as PageGlobals).document.querySelector('.site-nav .badge-count'),
      );
      pageErrors.push(...tmf.errors);
      await tmf.context.close();
    },
    SLOW,
  );

  it(
    'loads measurements with a progress bar and a row-by-row error report; shows the area against the city’s 100 and ' +
      'an indicator over time with its target line',
    async () => {
      // A target value on the safety goal. The goal is at the city's level, so the value is not its target: the page
      // must not show it as one.
      const goals = (await h.t.http.get('/api/goals').set(as('tmf'))).body as Json[];
      const safety = goals.find((g) => g.code === 'safety-city-level')!;
      const admin = await h.t.tokenFor('admin');
      await h.t.http
        .patch(`/api/goals/${safety.id}`)
        .set({ Authorization: `Bearer ${admin}` })
        .send({ version: safety.version, targetValue: 75, targetYear: 2020 })
        .expect(200);

      const tmf = await session('tmf');
      await tmf.page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Indikatorer' }).click();
      await tmf.page.getByRole('heading', { level: 1, name: 'Indikatorer' }).waitFor();
      await settled(tmf.page);
      // Every state the import's progress shows, recorded in the page as it changes: the phase in words beside the bar,
      // and the bar's values.
      await tmf.page.evaluate(`(() => {
      window.importStates = [];
      const read = () => {
        const card = document.querySelector('[data-import-status]');
        const bar = document.getElementById('import-progress');
        const phase = card && card.querySelector('[data-import-phase]');
        if (!card || !bar || !phase) return;
        const s = {
          file: card.querySelector('h3').textContent, status: card.dataset.importStatus, phase: phase.dataset.importPhase, text: phase.textContent,
          role: bar.getAttribute('role'), now: bar.getAttribute('aria-valuenow'), max: bar.getAttribute('aria-valuemax'), valuetext: bar.getAttribute('aria-valuetext'),
        };
        const last = window.importStates[window.importStates.length - 1];
        if (JSON.stringify(last) !== JSON.stringify(s)) window.importStates.push(s);
      };
      new MutationObserver(read).observe(document.getElementById('main'), { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
      const PHASE_WORDS: Record<string, string> = {
        queued: 'I kø',
        reading: 'Læser og kontrollerer filen',
        validating: 'Kontrollerer rækker',
        writing: 'Gemmer',
      };
      /**
       * The import's states while it ran, each that is wrong (a phase not in words, a bar with a value while the
       * total is unknown, or more done than the total), and the state it finished in.
       */
      const importStates = async (file: string) => {
        const states = ((await tmf.page.evaluate('window.importStates')) as Json[]).filter(
          (s) => s.file === `Indlæsning af ${file}`,
        );
        const running = states.filter((s) => s.status !== 'succeeded' && s.status !== 'failed');
        const wrong = running.filter((s) => {
          const words = PHASE_WORDS[s.phase];
          const worded =
            words !== undefined &&
            new RegExp(`^${words}( – (\\d+ af \\d+ rækker|\\d+ rækker læst))?$`).test(s.text) &&
            s.valuetext === s.text;
          const bar = s.role === 'progressbar' && (s.max === null ? s.now === null : Number(s.now) <= Number(s.max));
          const indeterminateWhileUnknown = !['queued', 'reading'].includes(s.phase) || s.max === null;
          return !(worded && bar && indeterminateWhileUnknown);
        });
        return { running, wrong, last: states.at(-1) };
      };
      const upload = async (name: string, lines: string[]) => {
        await tmf.page
          .getByLabel('Fil med målinger')
          .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
        await tmf.page.getByRole('button', { name: 'Indlæs filen' }).click();
        await tmf.page
          .locator('[data-import-status="succeeded"], [data-import-status="failed"]')
          .waitFor({ timeout: 30_000 });
        const states = await importStates(name);
        // At least the queued state the upload answered with; every one of them in words, the bar indeterminate while
        // the total is unknown.
        expect(states.running.length).toBeGreaterThan(0);
        expect(states.wrong).toEqual([]);
        return states.last;
      };

      // A file with errors loads nothing; each error is listed by row and column.
      const refused = await upload('forkert.csv', [
        'area,indicator,period,value',
        'valby-vigerslev,low-income,2012,17',
        'Atlantis,low-income,2012,3',
        'valby-vigerslev,low-income,2012-Q7,4',
        'valby-vigerslev,low-income,2013,mange',
      ]);
      expect(refused).toMatchObject({
        status: 'failed',
        phase: 'failed',
        text: 'Afvist – 4 af 4 rækker',
        role: 'progressbar',
        now: '4',
        max: '4',
        valuetext: 'Afvist – 4 af 4 rækker',
      });
      expect(await tmf.page.locator('[data-import-status="failed"] tbody tr').count()).toBe(3);
      expect(await tmf.page.locator('[data-import-status="failed"] tbody').textContent()).toContain('Atlantis');
      await check(tmf.page, '19-indikatorer-importfejl');
      // A refused import reads as refused: the bar is red (not the brand blue of a finished one), the words too.
      const failedBar = tmf.page.locator('[data-import-status="failed"] [role="progressbar"]');
      expect(await failedBar.getAttribute('data-progress-outcome')).toBe('failed');
      const colours = await failedBar.evaluate((bar: Json) => {
        const style = (el: unknown) => (globalThis as unknown as Json).getComputedStyle(el) as Json;
        return [
          style(bar.querySelector('.progress-fill')).backgroundImage as string,
          style(bar).borderColor as string,
          style(bar.parentElement.querySelector('.import-phase')).color as string,
        ];
      });
      expect(colours[0]).toContain('rgb(164, 0, 29)'); // --danger, striped
      expect(colours[1]).toBe('rgb(164, 0, 29)');
      expect(colours[2]).toBe('rgb(164, 0, 29)');

      // A good file: the six socio-economic indicators for the city and Valby, and the safety index over time.
      const city: Record<string, number> = {
        'small-dwellings': 25,
        'lacking-installations': 2,
        'non-western-origin': 10,
        'outside-labour-market': 20,
        'low-education': 25,
        'low-income': 16,
      };
      const valby: Record<string, number> = {
        'small-dwellings': 30,
        'lacking-installations': 2,
        'non-western-origin': 12,
        'outside-labour-market': 22,
        'low-education': 27.5,
        'low-income': 17.6,
      };
      const lines = ['area,indicator,period,value,source'];
      for (const year of [2012, 2016]) {
        for (const [code, v] of Object.entries(city)) lines.push(`city,${code},${year},${v},SØK ${year}`);
        for (const [code, v] of Object.entries(valby))
          lines.push(`valby-vigerslev,${code},${year},${year === 2016 ? v - 1 : v},SØK ${year}`);
      }
      for (const [year, c, v] of [
        [2012, 70, 55],
        [2014, 71, 60],
        [2016, 72, 64],
      ])
        lines.push(
          `city,safety-index,${year},${c},Tryghedsindekset`,
          `valby-vigerslev,safety-index,${year},${v},Tryghedsindekset`,
        );
      const rows = lines.length - 1;
      const loaded = await upload('maalinger.csv', lines);
      await tmf.page.getByText(`Indlæst: ${rows} nye målinger`).waitFor();
      // Finished: the bar full (role progressbar, rows of rows), and the phase's place says so in words.
      expect(loaded).toEqual({
        file: 'Indlæsning af maalinger.csv',
        status: 'succeeded',
        phase: 'succeeded',
        text: `Færdig – ${rows} af ${rows} rækker`,
        role: 'progressbar',
        now: String(rows),
        max: String(rows),
        valuetext: `Færdig – ${rows} af ${rows} rækker`,
      });
      expect(await tmf.page.getByRole('progressbar', { name: 'Fremdrift' }).getAttribute('aria-valuenow')).toBe(
        String(rows),
      );

      // The safety index over time, for the city and Valby, with the target line drawn by the API.
      await tmf.page.getByLabel('Indikator', { exact: true }).selectOption({ label: 'Tryghedsindeks' });
      await tmf.page.getByLabel('Valby/Vigerslev').check();
      await tmf.page.locator('figure.chart img').waitFor();
      const table = tmf.page.locator('table', { hasText: 'Tryghedsindeks: tallene bag diagrammet' });
      await table.waitFor();
      expect(await table.locator('tbody tr').count()).toBe(3);
      await tmf.page.getByText('Målværdier: De udsatte byområder er lige så trygge').waitFor();
      expect(await tmf.page.locator('p[data-targets]').textContent()).toBe(
        `Målværdier: ${safetyTitle} (på niveau med byen (indeks 100), 2020)`,
      ); // not the 75
      await check(tmf.page, '20-indikatorer-over-tid');

      // In English, the same page.
      await tmf.page.getByRole('button', { name: 'Switch to English' }).click();
      await tmf.page.getByRole('heading', { level: 1, name: 'Indicators' }).waitFor();
      await check(tmf.page, '21-indicators-english');
      // Other pages in English too: their headings, and the API's reason for a refused action, with no Danish left in
      // them.
      const headings = (page: Page, level: number) => page.locator(`#main h${level}`).allTextContents();
      const nav = tmf.page.getByRole('navigation', { name: 'Main menu' });
      await nav.getByRole('link', { name: 'Overview' }).click();
      await tmf.page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      await settled(tmf.page);
      expect(await headings(tmf.page, 2)).toEqual(['My tasks', 'Areas and development plans']);
      expect(await tmf.page.locator('#areas-heading ~ p .tag.overdue').textContent()).toBe('1 overdue deadlines');
      expect(await tmf.page.locator('#tasks-heading + .tasks > li.overdue .tag').textContent()).toBe('Overdue');
      await check(tmf.page, '21a-overview-english');
      await tmf.page.getByRole('link', { name: overdueTitle }).first().click();
      await tmf.page.getByRole('heading', { level: 1, name: overdueTitle }).waitFor();
      await settled(tmf.page);
      expect(await headings(tmf.page, 2)).toEqual([
        'Stages',
        'Actions',
        'Content: Mapping',
        'History',
        'Stored versions and differences',
        'Progress report',
      ]);
      expect(await headings(tmf.page, 3)).toEqual(
        expect.arrayContaining(['Not possible now – and why', 'What the stage lacks before it can be submitted']),
      );
      const why = (
        (await h.t.http.get(`/api/plans/${ids.overduePlan}/actions`).set(as('tmf'))).body as Json
      ).actions.find((a: Json) => a.type === 'SUBMIT') as Json;
      expect(why.violations.length).toBeGreaterThan(0);
      const refusedSubmit = tmf.page.locator('[data-refused="SUBMIT"]');
      expect(await refusedSubmit.locator('strong').textContent()).toBe("Submit to the mayors' forum");
      expect(await refusedSubmit.locator('.why-not li').allTextContents()).toEqual(
        why.violations.map((v: Json) => v.messageEn),
      );
      expect(why.violations.every((v: Json) => v.messageEn && v.messageEn !== v.message)).toBe(true);
      await check(tmf.page, '21b-plan-english-refused');
      await nav.getByRole('link', { name: "Mayors' forum" }).click();
      await tmf.page.getByRole('heading', { level: 1, name: "Mayors' forum" }).waitFor();
      await settled(tmf.page);
      expect(await headings(tmf.page, 2)).toEqual([
        'Next meeting',
        expect.stringMatching(/^Agenda \(\d+\)$/),
        'Decisions made',
        'Meetings',
      ]);
      expect(await tmf.page.locator('#decisions-heading + .table-wrap thead th').allTextContents()).toEqual([
        'Item',
        'Decision',
        'By',
        'When',
        'Decided',
        'Journal',
      ]);
      expect(
        await tmf.page
          .locator('#decisions-heading + .table-wrap tbody tr', { hasText: conditionsTitle })
          .locator('td')
          .nth(1)
          .textContent(),
      ).toMatch(/^\s*Approved with conditions/); // the record's words, not the button's
      await check(tmf.page, '21c-forum-english');
      await tmf.page.getByRole('button', { name: 'Skift til dansk' }).click();
      await tmf.page.getByRole('heading', { level: 1, name: 'Borgmesterforum' }).waitFor();

      // The area: its six indicators as bars against the city's 100 (the API's chart), with the figures in a table.
      await tmf.page.goto(`/areas/${ids.valby}`);
      await tmf.page.getByRole('heading', { level: 1, name: 'Valby/Vigerslev' }).waitFor();
      await settled(tmf.page);
      const chart = tmf.page.locator('figure.chart img');
      await chart.waitFor();
      expect(await chart.getAttribute('alt')).toContain('Små boliger (under 60 m²)');
      const figures = tmf.page.locator('table', { hasText: 'Tallene bag diagrammet' });
      expect(await figures.locator('tr', { hasText: 'Små boliger' }).textContent()).toContain('116');
      // Its theory of change: vision → overall goals (h3) → concrete goals (h4) → tools and interventions (h5), as
      // lists.
      const toc = tmf.page.locator('section', {
        has: tmf.page.getByRole('heading', { level: 2, name: 'Forandringsstrategi' }),
      });
      expect(await toc.locator('.toc-vision').textContent()).toMatch(/^Vision: \S/);
      expect(await toc.locator('.toc-overall > li > h3').allTextContents()).toEqual([
        'Udsatte byområder skal løftes til københavnerniveau',
        'Uddannelse og beskæftigelse til alle',
        'Udsatte byområder som rammer om et godt københavnerliv',
      ]);
      expect(skippedLevels(await headingLevels(tmf.page))).toEqual([]);
      // The city-level goals say so, none as a missing target; the six the policy has.
      const cityLevel = toc.locator('li.toc-goal[data-target-kind="city_level"]');
      expect(await cityLevel.locator('[data-fact="target"]').allTextContents()).toEqual(Array(6).fill(cityLevelTarget));
      // The safety goal, measured as Valby's index against the city: 55 against 70 in 2012 (78,6), 64 against 72 in
      // 2016 (88,9).
      const safetyGoal = toc.locator('li.toc-goal', {
        has: tmf.page.getByRole('heading', { level: 4, name: safetyTitle }),
      });
      const fact = (name: string) => safetyGoal.locator(`[data-fact="${name}"]`).textContent();
      expect(await safetyGoal.getAttribute('data-target-kind')).toBe('city_level');
      expect(await fact('target')).toBe(cityLevelTarget);
      expect(await fact('baseline')).toBe('indeks 78,6 (2012) – første måling');
      expect(await fact('latest')).toBe('indeks 88,9 (2016) – Valby/Vigerslev: 64 indeks, byen: 72 indeks');
      expect(await fact('expected')).toMatch(
        /^indeks \d+(,\d)? \((\d+(,\d)? indekspoint (foran kursen|bagud)|på kursen)\)$/,
      );
      const inValby = (await h.t.http.get(`/api/theory-of-change?areaId=${ids.valby}`).set(as('tmf'))).body as Json;
      const safetyInValby = (inValby.overallGoals as Json[])
        .flatMap((o) => o.goals as Json[])
        .find((g) => g.id === ids.safetyGoal)!;
      expect(safetyInValby.progress).toMatchObject({
        measuredAs: 'index',
        latest: { period: '2016' },
        latestCompared: { value: 64, cityValue: 72 },
      });
      expect(await safetyGoal.locator('[data-fact="status"] .tag').textContent()).toBe(
        safetyInValby.progress.statusLabel,
      );
      expect(await safetyGoal.getByRole('heading', { level: 5 }).allTextContents()).toEqual([
        'Redskaber',
        'Indsatser, der tjener målet',
      ]);
      expect(await safetyGoal.locator('.toc-tools > li > strong').allTextContents()).toEqual([toolName]);
      // TMF's own tool: its activity is offered for editing too (issue 14).
      expect(await safetyGoal.locator('.toc-tools .toc-activities > li').allTextContents()).toEqual([
        `${activityName} (gennem ${registeredName})RedigérFjern`,
      ]);
      expect(await safetyGoal.locator('.toc-interventions > li').allTextContents()).toEqual([
        `${registeredName} (Områdebaseret, TMF, 1. januar 2013 – 31. december 2016)`,
      ]);
      await check(tmf.page, '22-byomraade-indikatorer');
      pageErrors.push(...tmf.errors);
      await tmf.context.close();
    },
    SLOW,
  );

  it(
    'works on a tablet-sized screen: each main page without sideways scrolling, its main actions within reach, axe ' +
      'clean',
    async () => {
      const width = 768;
      const tablet = await session('tmf', { width, height: 1024 });
      const { page } = tablet;
      const routes: { path: string; h1: string; name: string; main: (p: Page) => ReturnType<Page['locator']>[] }[] = [
        {
          path: '/',
          h1: 'Overblik',
          name: '23-tablet-overblik',
          main: (p) => [
            p.locator('#tasks-heading + .tasks > li a').first(),
            p.getByRole('link', { name: 'Valby/Vigerslev' }).first(),
          ],
        },
        {
          path: `/areas/${ids.valby}`,
          h1: 'Valby/Vigerslev',
          name: '24-tablet-byomraade',
          main: (p) => [
            p.getByRole('button', { name: 'Start en udviklingsplan' }),
            p.getByRole('link', { name: planTitle }),
          ],
        },
        {
          path: `/plans/${planId}`,
          h1: planTitle,
          name: '25-tablet-plan',
          main: (p) => [
            p.getByRole('button', { name: /^Tilføj: / }).first(),
            p.getByRole('button', { name: 'Vis forskelle' }),
          ],
        },
        {
          path: '/forum',
          h1: 'Borgmesterforum',
          name: '26-tablet-borgmesterforum',
          main: (p) => [
            p.locator('#decisions-heading + .table-wrap').getByRole('link', { name: conditionsTitle }).first(),
          ],
        },
        {
          path: '/indicators',
          h1: 'Indikatorer',
          name: '27-tablet-indikatorer',
          main: (p) => [p.getByLabel('Fil med målinger'), p.getByRole('button', { name: 'Indlæs filen' })],
        },
        {
          path: '/portfolio',
          h1: 'Projektportefølje',
          name: '28-tablet-projektportefoelje',
          main: (p) => [p.getByRole('link', { name: projectTitle }).first()],
        },
        {
          path: '/notifications',
          h1: 'Notifikationer',
          name: '29-tablet-notifikationer',
          main: (p) => [p.getByLabel('Kun ulæste'), p.locator('.notification a').first()],
        },
      ];
      const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
      for (const route of routes) {
        await page.goto(route.path);
        await page.getByRole('heading', { level: 1, name: route.h1 }).waitFor();
        await check(page, route.name); // axe, screenshot, and no sideways scrolling
        // The header's menu and sign-out, and the page's own main actions, all on screen at this width.
        const controls = [
          ...(await menu.getByRole('link').all()),
          page.getByRole('button', { name: 'Log ud' }),
          ...route.main(page),
        ];
        expect(controls.length).toBeGreaterThanOrEqual(8);
        const out: string[] = [];
        for (const control of controls) if (!(await reachable(page, control))) out.push(String(control));
        expect({ page: route.name, unreachable: out }).toEqual({ page: route.name, unreachable: [] });
      }
      pageErrors.push(...tablet.errors);
      await tablet.context.close();
    },
    SLOW,
  );
});
