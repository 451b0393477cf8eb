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

const SLOW = 120_000;
const PHONE = { width: 390, height: 844 };

/**
 * Issue 14 in the browser: an administrator sets Byløft up without the API
 * (users, an area, a local network's coordinator, a goal's indicator, a tool
 * and an activity under it), and a staff member registers an intervention
 * and finds it again. Every new page is checked with axe-core at desktop and
 * phone width (no violation of any impact, no sideways scrolling).
 */
describe('Administration in the browser', () => {
  let h: BrowserHarness;
  const token: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${token[who]}` });
  const pageErrors: string[] = [];

  /** axe and no sideways scrolling, at the page's own width and at a phone's. */
  const check = async (page: Page, name: string) => {
    for (const [label, size] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(size);
      await settled(page);
      await axe(h, page, `${name}-${label}`);
      // Not only serious ones: the new pages have no axe violation at all.
      const violations = h.axeResults[h.axeResults.length - 1].violations.map((v) => `${v.id} (${v.impact})`);
      await screenshot(page, `admin-${name}-${label}`);
      expect({ page: name, label, violations, overflow: await horizontalOverflow(page) }).toEqual({
        page: name,
        label,
        violations: [],
        overflow: 0,
      });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  const session = async (who: string) => {
    const s = await newPage(h);
    await signIn(s.page, who);
    return s;
  };
  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

  beforeAll(async () => {
    h = await startHarness('administration');
    for (const who of ['admin', 'bif', 'tmf']) token[who] = await h.t.tokenFor(who);
    const admins = (await h.t.http.get('/api/administrations').set(as('admin'))).body as Json[];
    ids.BIF = admins.find((a) => a.code === 'BIF')!.id;
    ids.TMF = admins.find((a) => a.code === 'TMF')!.id;
    const goals = (await h.t.http.get('/api/goals').set(as('admin'))).body as Json[];
    ids.housingGoal = goals.find((g) => g.code === 'social-housing-20')!.id;
  }, SLOW);

  afterAll(async () => {
    await h?.close();
    expect(pageErrors).toEqual([]);
  });

  it(
    'an administrator creates a staff user for BIF and a forum member, finds them, and deactivates one, on the record',
    async () => {
      const { page, context, errors } = await session('admin');
      await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).click();
      await heading(page, 'Administration');
      await check(page, 'index');
      await page.getByRole('link', { name: 'Brugere' }).first().click();
      await heading(page, 'Brugere');
      await settled(page);

      const create = async (name: string, email: string, role: string, administration?: string) => {
        await page.getByRole('button', { name: 'Opret bruger' }).click();
        await page.locator('#users-form-displayName').fill(name);
        await page.locator('#users-form-email').fill(email);
        await page.locator('#users-form-password').fill('et-godt-langt-kodeord');
        await page.locator('#users-form-roles').getByLabel(role, { exact: true }).check();
        if (administration) await page.locator('#users-form-administrationId').selectOption({ label: administration });
        await page.locator('#users-form').getByRole('button', { name: 'Gem' }).click();
        await page.getByText(`${name} er oprettet.`).waitFor();
      };
      // Staff without an administration: the API names the field, and the form says so beside it.
      await page.getByRole('button', { name: 'Opret bruger' }).click();
      await page.locator('#users-form-displayName').fill('Uden Forvaltning');
      await page.locator('#users-form-email').fill('uden@kk.dk');
      await page.locator('#users-form-roles').getByLabel('Forvaltningsmedarbejder', { exact: true }).check();
      await page.locator('#users-form').getByRole('button', { name: 'Gem' }).click();
      await page.locator('#users-form-administrationId-error').waitFor();
      expect(await page.locator('#users-form-administrationId').getAttribute('aria-invalid')).toBe('true');
      await check(page, 'users-form-refused');
      await page.locator('#users-form').getByRole('button', { name: 'Annullér' }).click();

      await create(
        'Bente BIF-medarbejder',
        'bente@kk.dk',
        'Forvaltningsmedarbejder',
        'Beskæftigelses- og Integrationsforvaltningen (BIF)',
      );
      await create('Frede Forum', 'frede@kk.dk', 'Medlem af borgmesterforum');
      const users = (await h.t.http.get('/api/users?q=kk.dk').set(as('admin'))).body as Json[];
      expect(users.map((u) => [u.email, u.roles, u.administration?.code ?? null])).toEqual([
        ['bente@kk.dk', ['staff'], 'BIF'],
        ['frede@kk.dk', ['forum_member'], null],
      ]);
      // Bente can sign in, as BIF staff.
      const login = await h.t.http
        .post('/api/auth/login')
        .send({ email: 'bente@kk.dk', password: 'et-godt-langt-kodeord' });
      expect(login.status).toBe(200);

      // Search and filter, on the server.
      await page.locator('#users-search').fill('frede');
      await page.getByRole('button', { name: 'Søg', exact: true }).click();
      await page.getByText('1 fundet.').waitFor();
      await expect(page.locator('tbody tr').count()).resolves.toBe(1);
      await page.locator('#users-search').fill('');
      await page.getByRole('button', { name: 'Søg', exact: true }).click();
      await page.locator('#users-role').selectOption({ label: 'Forvaltningsmedarbejder' });
      // Bente was listed before the filter too: wait for Frede to go, then Bente is still there.
      await page.locator('tr[data-row="frede@kk.dk"]').waitFor({ state: 'detached' });
      await expect(page.locator('tr[data-row="bente@kk.dk"]').count()).resolves.toBe(1);
      await page.locator('#users-role').selectOption({ label: 'Alle' });
      await page.locator('tr[data-row="frede@kk.dk"]').waitFor();
      await check(page, 'users');

      // Deactivate Frede: gone from the active list, there among the deactivated, with who did it on his record.
      await page.getByRole('button', { name: 'Deaktivér Frede Forum' }).click();
      await page.getByText('Frede Forum er deaktiveret.').waitFor();
      await page.locator('tr[data-row="frede@kk.dk"]').waitFor({ state: 'detached' });
      await page.locator('#users-active').selectOption({ label: 'Deaktiverede' });
      const row = page.locator('tr[data-row="frede@kk.dk"]');
      await row.getByText('Deaktiveret').waitFor();
      await row.getByRole('button', { name: 'Vis historik for Frede Forum' }).click();
      const record = row.locator('.change-list');
      await record.locator('li[data-operation="update"]').getByText('Anne Administrator').waitFor();
      expect(await record.locator('li[data-operation="update"]').innerText()).toMatch(/aktiv:\s*ja\s*→\s*nej/);
      const frede = (await h.t.http.get('/api/users?q=frede').set(as('admin'))).body as Json[];
      expect(frede[0].active).toBe(false);
      expect(
        (await h.t.http.post('/api/auth/login').send({ email: 'frede@kk.dk', password: 'et-godt-langt-kodeord' }))
          .status,
      ).toBe(401);
      pageErrors.push(...errors);
      await context.close();
    },
    SLOW,
  );

  it(
    "an administrator resets a local user's password: a one-time password shown once, changed at the first sign-in",
    async () => {
      const { page, context, errors } = await session('admin');
      await page.goto('/admin/users');
      await heading(page, 'Brugere');
      const row = page.locator('tr[data-row="bente@kk.dk"]');
      await row.getByRole('button', { name: 'Nulstil adgangskode for Bente BIF-medarbejder' }).click();
      const shown = page.locator('[data-one-time-password]');
      await shown.getByText('Engangsadgangskode til Bente BIF-medarbejder').waitFor();
      const oneTime = (await shown.locator('code').innerText()).trim();
      expect(oneTime.length).toBeGreaterThanOrEqual(12);
      await row.getByText('Skal skifte adgangskode').waitFor();
      await check(page, 'users-one-time-password');
      await shown.getByRole('button', { name: 'Jeg har givet den videre' }).click();
      await shown.waitFor({ state: 'detached' });
      // The old password no longer works; the one-time one leads to choosing a new one, then in.
      expect(
        (await h.t.http.post('/api/auth/login').send({ email: 'bente@kk.dk', password: 'et-godt-langt-kodeord' }))
          .status,
      ).toBe(401);
      const bente = await newPage(h);
      await bente.page.goto('/');
      await bente.page.getByLabel('E-mailadresse').fill('bente@kk.dk');
      await bente.page.getByLabel('Adgangskode').fill(oneTime);
      await bente.page.getByRole('button', { name: 'Log ind' }).click();
      await heading(bente.page, 'Vælg din egen adgangskode');
      await check(bente.page, 'forced-password-change');
      await bente.page.locator('#change-new').fill('bentes-eget-kodeord');
      await bente.page.locator('#change-repeat').fill('bentes-eget-kodeord');
      await bente.page.getByRole('button', { name: 'Skift adgangskode' }).click();
      await heading(bente.page, 'Overblik');
      const users = (await h.t.http.get('/api/users?q=bente').set(as('admin'))).body as Json[];
      expect(users[0]).toMatchObject({ mustChangePassword: false, lastSignInAt: expect.any(String) });
      // The administrator's list shows her last sign-in, no longer a forced change.
      await page.reload();
      await row.getByText('Skal skifte adgangskode').waitFor({ state: 'detached' });
      expect(await row.innerText()).not.toMatch(/Aldrig/);
      pageErrors.push(...errors, ...bente.errors);
      await bente.context.close();
      await context.close();
    },
    SLOW,
  );

  it(
    'an administrator adds an area; a stale edit shows the change that beat it; the other master-data pages pass axe',
    async () => {
      const { page, context, errors } = await session('admin');
      await page.goto('/admin/areas');
      await heading(page, 'Byområder');
      await settled(page);
      await page.getByRole('button', { name: 'Tilføj byområde' }).click();
      await page.locator('#areas-form-name').fill('Husum Nord');
      await page.locator('#areas-form-code').fill('husum-nord');
      await page.locator('#areas-form-description').fill('Et nyt byområde');
      await page.locator('#areas-form-deprivedHousingAreas').fill('Husumgård\nHusum Vest');
      await page.locator('#areas-form-localCommittees').fill('Brønshøj-Husum Lokaludvalg');
      await page.locator('#areas-form').getByRole('button', { name: 'Gem' }).click();
      await page.getByText('Husum Nord er oprettet.').waitFor();
      await page.locator('tr[data-row="Husum Nord"]').getByText('Husumgård, Husum Vest').waitFor();
      const area = ((await h.t.http.get('/api/areas').set(as('tmf'))).body as Json[]).find(
        (a) => a.code === 'husum-nord',
      )!;
      expect(area).toMatchObject({
        name: 'Husum Nord',
        deprivedHousingAreas: ['Husumgård', 'Husum Vest'],
        localCommittees: ['Brønshøj-Husum Lokaludvalg'],
        active: true,
      });
      await page.locator('#areas-search').fill('husumgård');
      await page.getByText('Viser 1 af 7.').waitFor();
      await check(page, 'areas');

      // The administrator opens the form; meanwhile someone else changes the area.
      await page.getByRole('button', { name: 'Redigér Husum Nord' }).click();
      await h.t.http
        .patch(`/api/areas/${area.id}`)
        .set(as('admin'))
        .send({ version: area.version, description: 'Ændret i mellemtiden' })
        .expect(200);
      await page.locator('#areas-form-name').fill('Husum Nord og Syd');
      await page.locator('#areas-form').getByRole('button', { name: 'Gem' }).click();
      const conflict = page.locator('#areas-form [role="alert"]');
      await conflict.getByText('En anden har ændret det').waitFor();
      await conflict
        .locator('[data-conflict-change]')
        .getByText(/Ændret af Anne Administrator/)
        .waitFor();
      expect(await conflict.locator('[data-conflict-change]').innerText()).toMatch(
        /beskrivelse:\s*Et nyt byområde\s*→\s*Ændret i mellemtiden/,
      );
      expect(((await h.t.http.get(`/api/areas/${area.id}`).set(as('tmf'))).body as Json).name).toBe('Husum Nord');
      await check(page, 'areas-conflict');
      await conflict.getByRole('button', { name: 'Hent den nyeste udgave og start forfra' }).click();
      await conflict.waitFor({ state: 'detached' }); // the form opens anew, on the current values
      await expect(page.locator('#areas-form-description').inputValue()).resolves.toBe('Ændret i mellemtiden');
      await page.locator('#areas-form-name').fill('Husum Nord og Syd');
      await page.locator('#areas-form').getByRole('button', { name: 'Gem' }).click();
      await page.getByText('Husum Nord og Syd er gemt.').waitFor();

      for (const [path, title, name] of [
        ['/admin/administrations', 'Forvaltninger', 'administrations'],
        ['/admin/indicators', 'Indikatorer', 'indicators'],
        ['/admin/municipality', 'Kommunen og visionen', 'municipality'],
      ]) {
        await page.goto(path);
        await heading(page, title);
        await check(page, name);
      }
      // Who starts the local networks is one of the municipality's settings: TMF, as the policy says.
      await expect(
        page.locator('#municipality-form-networkStarterAdministrationId option:checked').textContent(),
      ).resolves.toContain('Teknik- og Miljøforvaltningen');
      pageErrors.push(...errors);
      await context.close();
    },
    SLOW,
  );

  it(
    "an administrator hands a local network's coordination to another administration, on the network's page",
    async () => {
      const { page, context, errors } = await session('admin');
      await page.goto('/admin/local-networks');
      await heading(page, 'Lokale netværk');
      await settled(page);
      await check(page, 'local-networks');
      await page.getByRole('link', { name: 'Åbn netværket for Valby/Vigerslev' }).click();
      await heading(page, 'Det lokale netværk for Valby/Vigerslev');
      await page
        .locator('#handover-toAdministrationId')
        .selectOption({ label: 'Beskæftigelses- og Integrationsforvaltningen (BIF)' });
      await page.locator('#handover-reason').fill('BIF er mest relevant lokalt');
      await page.getByRole('button', { name: 'Giv rollen videre' }).click();
      await page.getByText('Beskæftigelses- og Integrationsforvaltningen er nu tovholder for netværket.').waitFor();
      await page.goto('/admin/local-networks');
      await page
        .locator('tr[data-row="Valby/Vigerslev"]')
        .getByText('Beskæftigelses- og Integrationsforvaltningen (BIF)')
        .waitFor();
      const areas = (await h.t.http.get('/api/areas').set(as('tmf'))).body as Json[];
      const valby = areas.find((a) => a.code === 'valby-vigerslev')!;
      const networks = (await h.t.http.get('/api/local-networks').set(as('tmf'))).body as Json[];
      expect(networks.find((n) => n.areaId === valby.id)!.coordinatingAdministrationId).toBe(ids.BIF);
      pageErrors.push(...errors);
      await context.close();
    },
    SLOW,
  );

  it(
    'an administrator links a concrete goal to an indicator and adds a tool and an activity under it; a tool with ' +
      'activities cannot be removed, and the page says why',
    async () => {
      // An intervention in the register for the activity to be carried out through.
      const registered = await h.t.http
        .post('/api/interventions')
        .set(as('tmf'))
        .send({
          name: 'Almene boliger i lokalplanen',
          kind: 'core_operations',
          owningAdministrationId: ids.TMF,
          areaIds: [],
          fundingSource: 'base_budget',
          periodStart: '2013-01-01',
        })
        .expect(201);
      const { page, context, errors } = await session('admin');
      await page.goto('/admin/goals');
      await heading(page, 'Mål');
      await settled(page);
      await check(page, 'goals');
      const title = 'Andelen af almene boliger fastholdes på mindst 20 % af de københavnske boliger';
      await page.getByRole('link', { name: title }).click();
      await heading(page, title);
      await settled(page);
      await page.locator('#goal-form-indicatorId').selectOption({ label: 'Beboere med lav indkomst' });
      await page.locator('#goal-form').getByRole('button', { name: 'Gem' }).click();
      await page.getByText(`${title} er gemt.`).waitFor();
      const goal = (await h.t.http.get(`/api/goals/${ids.housingGoal}`).set(as('tmf'))).body as Json;
      const indicators = (await h.t.http.get('/api/indicators').set(as('tmf'))).body as Json[];
      expect(goal.indicatorId).toBe(indicators.find((i) => i.name === 'Beboere med lav indkomst')!.id);

      await page.getByRole('button', { name: `Tilføj redskab til ${title}` }).click();
      await page.locator(`#goal-${ids.housingGoal}-tool-form-name`).fill('Lokalplaner med almene boliger');
      await page
        .locator(`#goal-${ids.housingGoal}-tool-form-administrationId`)
        .selectOption({ label: 'Teknik- og Miljøforvaltningen (TMF)' });
      await page.locator(`#goal-${ids.housingGoal}-tool-form`).getByRole('button', { name: 'Gem' }).click();
      const tool = page.locator('li[data-tool]').filter({ hasText: 'Lokalplaner med almene boliger' });
      await tool.waitFor();
      await tool.getByRole('button', { name: 'Tilføj aktivitet til Lokalplaner med almene boliger' }).click();
      const activityForm = tool.locator('form');
      await activityForm.getByLabel('Aktivitetens navn').fill('Krav om 25 % almene boliger');
      await activityForm
        .getByLabel('Gennemføres gennem indsatsen')
        .selectOption({ label: 'Almene boliger i lokalplanen (TMF)' });
      await activityForm.getByRole('button', { name: 'Gem' }).click();
      await tool.getByText('(gennem Almene boliger i lokalplanen)').waitFor();
      const toc = (await h.t.http.get('/api/theory-of-change').set(as('tmf'))).body as Json;
      const concrete = [...toc.overallGoals.flatMap((o: Json) => o.goals), ...toc.otherGoals].find(
        (g: Json) => g.id === ids.housingGoal,
      );
      expect(
        concrete.tools.map((t: Json) => [t.name, t.administrationId, t.activities.map((a: Json) => a.name)]),
      ).toEqual([['Lokalplaner med almene boliger', ids.TMF, ['Krav om 25 % almene boliger']]]);
      expect(concrete.tools[0].activities[0].interventionId).toBe(registered.body.id);

      await tool.getByRole('button', { name: 'Fjern redskabet Lokalplaner med almene boliger' }).click();
      await tool.getByRole('alert').getByText('Fjern først redskabets aktiviteter.').waitFor();
      await check(page, 'goal');

      // Someone else changes the goal, then adds a tool: a stale edit of the goal shows their change of the goal.
      await h.t.http
        .patch(`/api/goals/${ids.housingGoal}`)
        .set(as('admin'))
        .send({ version: goal.version, measure: 'Andel almene boliger af alle boliger' })
        .expect(200);
      await h.t.http
        .post(`/api/theory-of-change/goals/${ids.housingGoal}/tools`)
        .set(as('tmf'))
        .send({ name: 'Et redskab mere' })
        .expect(201);
      await page.locator('#goal-form-dataSource').fill('Boligopgørelsen');
      await page.locator('#goal-form').getByRole('button', { name: 'Gem' }).click();
      const theirs = page.locator('#goal-form [data-conflict-change]');
      await theirs.getByText(/Ændret af Anne Administrator/).waitFor();
      expect(await theirs.innerText()).toMatch(
        /måling:\s*Andel almene boliger\s*→\s*Andel almene boliger af alle boliger/,
      );
      expect(((await h.t.http.get(`/api/goals/${ids.housingGoal}`).set(as('tmf'))).body as Json).dataSource).toBe(
        'Det Socioøkonomiske Københavnerkort',
      );

      // On the area page too, staff see the tools and may add their own.
      await page.goto('/');
      await page.getByRole('link', { name: 'Valby/Vigerslev' }).first().click();
      await heading(page, 'Valby/Vigerslev');
      await page.getByRole('button', { name: `Tilføj redskab til ${title}` }).waitFor();
      await check(page, 'area-with-editor');
      pageErrors.push(...errors);
      await context.close();
    },
    SLOW,
  );

  it(
    'a staff member registers an intervention and finds it by search; its page shows its record',
    async () => {
      const { page, context, errors } = await session('bif');
      await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Indsatser' }).click();
      await heading(page, 'Indsatsregistret');
      await settled(page);
      expect(
        await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).count(),
      ).toBe(0);
      await page.getByRole('button', { name: 'Registrér en indsats' }).click();
      const form = page.locator('#intervention-form');
      await form.locator('#intervention-form-name').fill('Jobværksted Valby');
      await form.locator('#intervention-form-description').fill('Værksted for ledige i Valby');
      await form.locator('#intervention-form-kind').selectOption({ label: 'Individrettet' });
      await form.locator('#intervention-form-fundingSource').selectOption({ label: 'Kommunal pulje' });
      await form.locator('#intervention-form-periodStart').fill('2014-01-01');
      await form.locator('#intervention-form-areaIds').getByLabel('Valby/Vigerslev').check();
      await form.getByRole('button', { name: 'Gem' }).click();
      await heading(page, 'Jobværksted Valby');
      await page.getByText('Jobværksted Valby er registreret.').waitFor();
      await page.locator('#intervention-record li[data-operation="insert"]').getByText('Birgitte BIF').waitFor();
      await check(page, 'intervention');

      await page.getByRole('link', { name: 'Indsatsregistret' }).click();
      await heading(page, 'Indsatsregistret');
      await page.locator('#register-q').fill('jobværksted');
      await page.getByRole('button', { name: 'Søg', exact: true }).click();
      await page.getByText('1 indsats fundet.').waitFor();
      await page.getByRole('link', { name: 'Jobværksted Valby' }).waitFor();
      await page.locator('#register-fundingSource').selectOption({ label: 'Grundbudget' });
      await page.getByText('0 indsatser fundet.').waitFor();
      await page.locator('#register-fundingSource').selectOption({ label: 'Alle' });
      await page.getByRole('link', { name: 'Jobværksted Valby' }).waitFor();
      await check(page, 'interventions');
      const found = (await h.t.http.get('/api/interventions?q=jobv%C3%A6rksted').set(as('tmf'))).body as Json;
      expect(found.items.map((i: Json) => [i.name, i.owningAdministrationId, i.fundingSource])).toEqual([
        ['Jobværksted Valby', ids.BIF, 'municipal_pool'],
      ]);
      pageErrors.push(...errors);
      await context.close();
    },
    SLOW,
  );
});
