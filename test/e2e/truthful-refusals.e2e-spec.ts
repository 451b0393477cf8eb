import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * What the API answers to what a user gets wrong says what is wrong, in the
 * reader's language, and never shows the database's own words: a duplicate
 * plan, a word for a year, an empty amount, a deadline on a Sunday or a
 * holiday, a PDF uploaded as an import.
 */
describe('Refusals that tell the truth, in Danish and English', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string, lang?: string) => ({
    Authorization: `Bearer ${tok[who]}`,
    ...(lang ? { 'Accept-Language': lang } : {}),
  });
  let tingbjerg = '';
  // Rounds of its own, fixed: the shared test database holds other files' plans (2013, 2041, 2077, …), and a
  // random year collided with one of them in a CI run. No other file starts a plan in 2096 or 2097.
  const year = 2096;
  let plan: Json = {};

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of ['tmf', 'forum', 'admin']) tok[who] = await t.tokenFor(who);
    const areas = (await t.http.get('/api/areas').set(as('tmf'))).body as Json[];
    tingbjerg = areas.find((a) => a.code === 'tingbjerg-husum')!.id;
    const res = await t.http
      .post('/api/plans')
      .set(as('tmf'))
      .send({ areaId: tingbjerg, budgetYear: year, participatingAdministrationIds: [] });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    plan = res.body;
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a duplicate plan in words, in the reader’s language, with no database text', async () => {
    const da = await t.http
      .post('/api/plans')
      .set(as('tmf', 'da-DK,da;q=0.9,en;q=0.5'))
      .send({ areaId: tingbjerg, budgetYear: year, participatingAdministrationIds: [] });
    expect(da.status).toBe(409);
    const message = `Der findes allerede en udviklingsplan for Tingbjerg/Husum til budget ${year}`;
    expect(da.body).toMatchObject({
      code: 'CONFLICT',
      detail: message,
      field: 'budgetYear',
      violations: [
        {
          code: 'PLAN_ALREADY_EXISTS',
          message,
          messageEn: `There is already a development plan for Tingbjerg/Husum for budget ${year}`,
        },
      ],
    });
    const en = await t.http
      .post('/api/plans')
      .set(as('tmf', 'en'))
      .send({ areaId: tingbjerg, budgetYear: year, participatingAdministrationIds: [] });
    expect(en.body.detail).toBe(`There is already a development plan for Tingbjerg/Husum for budget ${year}`);
    for (const body of [da.body, en.body]) expect(JSON.stringify(body)).not.toMatch(/Key \(|area_id|budget_year/);
  });

  it('says an area code is taken, and never the constraint’s name', async () => {
    const code = `dup-${randomUUID().slice(0, 8)}`;
    await t.http
      .post('/api/areas')
      .set(as('admin'))
      .send({ code, name: `Område ${code}` })
      .expect(201);
    const again = await t.http
      .post('/api/areas')
      .set(as('admin', 'da'))
      .send({ code, name: `Andet ${code}` });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(`Der findes allerede et byområde med koden »${code}«`);
    expect(again.body.violations[0]).toMatchObject({ code: 'AREA_CODE_TAKEN' });
    expect(JSON.stringify(again.body)).not.toMatch(/UQ_|Key \(|already exists\./);
  });

  it('gives one meaningful message per field', async () => {
    const word = await t.http
      .post('/api/plans')
      .set(as('tmf'))
      .send({ areaId: tingbjerg, budgetYear: 'abc', participatingAdministrationIds: [] });
    expect(word.status).toBe(400);
    expect(word.body.errors).toEqual([{ field: 'budgetYear', messages: ['budgetYear must be a whole number'] }]);
    const item = await t.http
      .post(`/api/plans/${plan.id}/items`)
      .set(as('tmf'))
      .send({ section: 'mapping', data: { name: 'x', kind: 'nonsense' } });
    expect(item.status).toBe(400);
    for (const e of item.body.errors as Json[]) expect(e.messages).toHaveLength(1);
  });

  it('refuses a deadline on a Sunday or a holiday, with the next working day', async () => {
    const sunday = await t.http
      .post(`/api/plans/${plan.id}/deadline`)
      .set(as('forum', 'da'))
      .send({ dueDate: '2027-03-07', reason: 'Aftalt på mødet', expectedVersion: plan.version });
    expect(sunday.status).toBe(422);
    expect(sunday.body).toMatchObject({
      code: 'WORKFLOW_REFUSED',
      suggestedDueDate: '2027-03-08',
      detail: 'Fristen skal være en arbejdsdag, og 7. marts 2027 er søndag. Næste arbejdsdag er mandag 8. marts 2027.',
      violations: [{ code: 'DEADLINE_NOT_A_WORKING_DAY' }],
    });
    const easter = await t.http
      .post(`/api/plans/${plan.id}/deadline`)
      .set(as('forum', 'en'))
      .send({ dueDate: '2027-03-29', reason: 'Agreed at the meeting', expectedVersion: plan.version });
    expect(easter.status).toBe(422);
    expect(easter.body.suggestedDueDate).toBe('2027-03-30');
    expect(easter.body.detail).toContain('29 March 2027 is Easter Monday');
    const monday = await t.http
      .post(`/api/plans/${plan.id}/deadline`)
      .set(as('forum'))
      .send({ dueDate: '2027-03-08', reason: 'Aftalt på mødet', expectedVersion: plan.version });
    expect(monday.status).toBe(200);
    expect(monday.body.stageDueDate).toBe('2027-03-08');
  });

  it('exports CSV for Danish Excel in the Danish locale, and as before in English', async () => {
    const url = `/api/plans/${plan.id}/goal-status/export?format=csv`;
    const da = await t.http.get(`${url}&locale=da`).set(as('tmf')).expect(200);
    expect(da.headers['content-disposition']).toMatch(/filename="maalstatus-.*-da\.csv"/);
    expect(da.text.split('\n')[0]).toBe(
      '\ufeffMål;Indikator;Basisår;Basisværdi;Målår;Målværdi;Seneste periode;Seneste værdi;' +
        'Forventet ved seneste periode;Forventet nu;Status;Tendens pr. år;Tendens;Måltype;Områdets værdi;Byens værdi',
    );
    const byHeader = await t.http.get(url).set(as('tmf', 'da-DK,da;q=0.9')).expect(200);
    expect(byHeader.headers['content-disposition']).toMatch(/-da\.csv"/);
    const en = await t.http.get(url).set(as('tmf')).expect(200);
    expect(en.headers['content-disposition']).toMatch(/-en\.csv"/);
    expect(en.text.split('\n')[0]).toMatch(/^\ufeffMål,Indikator,Basisår,/);
    await t.http.get(`${url}&locale=de`).set(as('tmf')).expect(400);
  });

  it("keeps a notification as a key with parameters and says it in the reader's language", async () => {
    // A plan of its own in a round of its own, its mapping done and submitted: the forum is notified.
    const own = await t.http
      .post('/api/plans')
      .set(as('tmf'))
      .send({ areaId: tingbjerg, budgetYear: year + 1, participatingAdministrationIds: [] });
    expect({ status: own.status, body: own.body }).toMatchObject({ status: 201 });
    await t.http
      .post(`/api/plans/${own.body.id}/items`)
      .set(as('tmf'))
      .send({ section: 'mapping', data: { name: `Lektiecafé ${randomUUID().slice(0, 6)}`, kind: 'core_operations' } })
      .expect(201);
    await t.http
      .post(`/api/plans/${own.body.id}/events`)
      .set(as('tmf'))
      .send({ type: 'SUBMIT', expectedVersion: own.body.version })
      .expect(200);
    const mine = async (lang: string) =>
      ((await t.http.get('/api/notifications?limit=100').set(as('forum', lang)).expect(200)).body.items as Json[]).find(
        (n) => n.link === `/plans/${own.body.id}` && n.kind === 'plan.submitted',
      )!;
    const da = await mine('da');
    const en = await mine('en');
    expect(da).toMatchObject({
      title: `${own.body.title}: Kortlægning er indsendt til borgmesterforum`,
      titleKey: 'plan.submitted.title',
      titleParams: { plan: own.body.title, stage: 'mapping' },
      bodyKey: 'plan.submitted.body',
    });
    expect(en).toMatchObject({
      id: da.id,
      title: `${own.body.title}: Mapping has been submitted to the mayors' forum`,
      body: expect.stringContaining('has submitted the stage Mapping for approval'),
    });
    // The forum's agenda item says it in the reader's language too.
    const item = async (lang: string) =>
      ((await t.http.get('/api/meetings/agenda').set(as('forum', lang)).expect(200)).body.items as Json[]).find(
        (i) => i.subjectId === own.body.id && i.kind === 'submission',
      )!;
    expect(await item('da')).toMatchObject({
      title: `${own.body.title}: Kortlægning indsendt`,
      titleKey: 'agenda.plan.submitted',
      titleParams: { plan: own.body.title, stage: 'mapping' },
    });
    expect((await item('en')).title).toBe(`${own.body.title}: Mapping submitted`);
  });

  it("says a project's notifications and agenda items in the reader's language, dates in words", async () => {
    const admins = (await t.http.get('/api/administrations').set(as('tmf'))).body as Json[];
    const leaders = (await t.http.get('/api/users/project-leaders').set(as('tmf')).expect(200)).body as Json[];
    const goals = (await t.http.get('/api/goals').set(as('tmf')).expect(200)).body as Json[];
    const title = `Sprogprojekt ${randomUUID().slice(0, 6)}`;
    const project = (
      await t.http
        .post('/api/projects')
        .set(as('tmf'))
        .send({
          title,
          problem: 'Mange unge står uden for arbejdsmarkedet',
          proposedSolution: 'Opsøgende jobkonsulenter',
          owningAdministrationId: admins.find((a) => a.code === 'TMF')!.id,
          projectLeaderId: leaders.find((l) => l.email === 'projektleder@demo.byloeft.dk')!.id,
          fundingSource: 'state_pool',
          budgetDkk: 500_000,
          periodStart: '2031-01-01',
          periodEnd: '2032-06-30',
          areaIds: [tingbjerg],
          goalIds: [goals.find((g) => g.level === 'concrete')!.id],
        })
        .expect(201)
    ).body as Json;
    const proposed = async (lang: string) =>
      ((await t.http.get('/api/notifications?limit=100').set(as('forum', lang)).expect(200)).body.items as Json[]).find(
        (n) => n.link === `/projects/${project.id}` && n.kind === 'project.proposed',
      )!;
    expect(await proposed('da')).toMatchObject({
      title: `Projektforslag: ${title}`,
      titleKey: 'project.proposed.title',
      body: expect.stringContaining('(1. januar 2031 – 30. juni 2032)'),
    });
    const en = await proposed('en');
    expect(en).toMatchObject({ title: `Project proposal: ${title}` });
    expect(en.body).toContain('(1 January 2031 – 30 June 2032)');
    expect(`${en.title} ${en.body}`).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const agenda = ((await t.http.get('/api/meetings/agenda').set(as('forum', 'en')).expect(200)).body.items as Json[])
      .filter((i) => i.subjectId === project.id)
      .map((i) => i.title);
    expect(agenda).toEqual([`Project proposal: ${title}`]);

    // The forum approves: the leader is told in the record's words, not the button's ("Godkend projektet").
    await t.http
      .post(`/api/projects/${project.id}/events`)
      .set(as('forum'))
      .send({ type: 'APPROVE', expectedVersion: project.version, comment: 'Fint forslag' })
      .expect(200);
    const decisions = (await t.http.get('/api/decisions?limit=100').set(as('forum')).expect(200)).body as Json[];
    expect(decisions.find((d) => d.subjectId === project.id)).toMatchObject({
      decisionLabel: 'Projektet er godkendt',
      decisionLabelEn: 'The project was approved',
    });
    const leaderToken = await t.tokenFor('projektleder');
    const told = (
      (
        await t.http
          .get('/api/notifications?limit=100')
          .auth(leaderToken, { type: 'bearer' })
          .set('Accept-Language', 'en')
          .expect(200)
      ).body.items as Json[]
    ).find((n) => n.link === `/projects/${project.id}` && n.kind === 'project.approve');
    expect(told).toMatchObject({
      title: `${title}: the project was approved`,
      body: "The mayors' forum: The project was approved.\nFint forslag",
      titleKey: 'project.event.title',
      titleParams: { project: title, event: 'APPROVE' },
    });
  });

  it('refuses a binary uploaded as a CSV import at once', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(300, 0x41)]);
    const res = await t.http
      .post('/api/indicators/imports')
      .set(as('tmf'))
      .attach('file', pdf, { filename: `maalinger-${randomUUID()}.csv`, contentType: 'text/csv' });
    expect(res.status).toBe(415);
    expect(res.body.errors[0]).toMatchObject({
      field: 'file',
      messages: [
        'The file is neither a CSV nor an XLSX file (it is a PDF file)',
        'Filen er hverken en CSV- eller en XLSX-fil (den er en PDF-fil)',
      ],
    });
    expect(res.body.detail).toBe('file: The file is neither a CSV nor an XLSX file (it is a PDF file)');
    const danish = await t.http
      .post('/api/indicators/imports')
      .set(as('tmf', 'da'))
      .attach('file', pdf, { filename: `maalinger-${randomUUID()}.csv`, contentType: 'text/csv' })
      .expect(415);
    expect(danish.body.detail).toBe('Filen er hverken en CSV- eller en XLSX-fil (den er en PDF-fil)');
  });
});
