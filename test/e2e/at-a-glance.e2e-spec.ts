import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { workingDaysBetween } from '#domain';
import { today } from '../../src/platform/common/local-day.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Issue 15: every running deadline in one list (GET /api/deadlines), plans' stages and projects' owed
 * evaluations, overdue first, with the working days left, filtered by area, administration, kind, plan and
 * overdue, a page at a time; and /actions saying which actions the caller's roles could ever take.
 * Its rows lie in an area of its own, so other files' plans in the shared database do not show in its lists.
 */
describe('Where things stand at a glance (API)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const tag = randomBytes(4).toString('hex');
  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const isoDate = (offsetDays: number) => {
    const d = new Date(`${today()}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offsetDays);
    return d.toISOString().slice(0, 10);
  };
  const list = async (query: string) =>
    (await t.http.get(`/api/deadlines?${query}`).set(as('observer')).expect(200)).body as Json;

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of ['admin', 'tmf', 'bif', 'forum', 'observer']) tok[who] = await t.tokenFor(who);
    const admins = (await t.http.get('/api/administrations').set(as('admin'))).body as Json[];
    ids.TMF = admins.find((a) => a.code === 'TMF')!.id;
    ids.BIF = admins.find((a) => a.code === 'BIF')!.id;
    ids.area = (
      await t.http
        .post('/api/areas')
        .set(as('admin'))
        .send({ code: `frister-${tag}`, name: `Fristområde ${tag}` })
        .expect(201)
    ).body.id;
    // A plan is started in an area with a local network.
    await t.http.post('/api/local-networks').set(as('tmf')).send({ areaId: ids.area }).expect(201);
    const start = async (title: string, budgetYear: number) =>
      (
        await t.http
          .post('/api/plans')
          .set(as('tmf'))
          .send({
            areaId: ids.area,
            budgetYear,
            title,
            coordinatingAdministrationId: ids.TMF,
            participatingAdministrationIds: [],
          })
          .expect(201)
      ).body as Json;
    const late = await start(`Sen plan ${tag}`, 2030);
    ids.late = late.id;
    await t.http
      .post(`/api/plans/${late.id}/deadline`)
      .set(as('forum'))
      .send({ dueDate: isoDate(-14), reason: 'Aftalt på mødet', expectedVersion: late.version })
      .expect(200);
    ids.onTime = (await start(`Rettidig plan ${tag}`, 2031)).id; // one plan per area and round
    const goals = (await t.http.get('/api/goals').set(as('tmf')).expect(200)).body as Json[];
    const goalId = goals.find((g) => g.level === 'concrete')!.id;
    const leaders = (await t.http.get('/api/users/project-leaders').set(as('tmf')).expect(200)).body as Json[];
    const leader = leaders[0];
    ids.leaderName = leader.displayName;
    const project = (
      await t.http
        .post('/api/projects')
        .set(as('tmf'))
        .send({
          title: `Projekt ${tag}`,
          problem: 'Mange unge står uden for arbejdsmarkedet',
          proposedSolution: 'Opsøgende jobkonsulenter',
          owningAdministrationId: ids.TMF,
          projectLeaderId: leader.id,
          fundingSource: 'state_pool',
          budgetDkk: 1_000_000,
          periodStart: '2030-01-01',
          periodEnd: '2031-06-30',
          areaIds: [ids.area],
          goalIds: [goalId],
        })
        .expect(201)
    ).body as Json;
    ids.project = project.id;
    const approved = await t.http
      .post(`/api/projects/${project.id}/events`)
      .set(as('forum'))
      .send({ type: 'APPROVE', expectedVersion: project.version })
      .expect(200);
    await t.http
      .post(`/api/projects/${project.id}/events`)
      .set(as('tmf'))
      .send({ type: 'START', expectedVersion: approved.body.project.version })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists plans and owed evaluations of an area, overdue first, with working days counted to the deadline', async () => {
    const page = await list(`areaId=${ids.area}`);
    expect(page).toMatchObject({ total: 3, overdueCount: 1, limit: 50, offset: 0 });
    expect(page.items.map((d: Json) => [d.kind, d.id, d.overdue])).toEqual([
      ['plan_stage', ids.late, true],
      ['plan_stage', ids.onTime, false],
      ['project_evaluation', ids.project, false],
    ]);
    const [late, onTime, project] = page.items as Json[];
    expect(late.dueDate).toBe(isoDate(-14));
    expect(late.workingDaysLeft).toBe(workingDaysBetween(today(), late.dueDate));
    expect(late.workingDaysLeft).toBeLessThan(-5);
    expect(onTime.workingDaysLeft).toBe(workingDaysBetween(today(), onTime.dueDate));
    expect(onTime.workingDaysLeft).toBeGreaterThan(0);
    expect(onTime).toMatchObject({
      stage: 'mapping',
      status: 'drafting',
      administrationCode: 'TMF',
      ownerName: null,
    });
    expect(onTime.areaNames).toEqual([`Fristområde ${tag}`]);
    const own = (await t.http.get(`/api/projects/${ids.project}`).set(as('observer')).expect(200)).body as Json;
    expect(project).toMatchObject({
      stage: 'running',
      dueDate: own.evaluationDeadline,
      administrationCode: 'TMF',
      ownerName: ids.leaderName,
      areaIds: [ids.area],
    });
  });

  it('filters by kind, administration, plan and overdue, and pages', async () => {
    const kinds = async (query: string) =>
      ((await list(`areaId=${ids.area}&${query}`)).items as Json[]).map((d) => d.id);
    expect(await kinds('kind=project_evaluation')).toEqual([ids.project]);
    expect(await kinds('kind=plan_stage')).toEqual([ids.late, ids.onTime]);
    expect(await kinds('overdue=true')).toEqual([ids.late]);
    expect(await kinds('overdue=false')).toEqual([ids.onTime, ids.project]);
    expect(await kinds(`administrationId=${ids.TMF}`)).toHaveLength(3);
    expect(await kinds(`administrationId=${ids.BIF}`)).toEqual([]);
    expect(((await list(`planId=${ids.onTime}`)).items as Json[]).map((d) => d.id)).toEqual([ids.onTime]);
    const second = await list(`areaId=${ids.area}&limit=1&offset=1`);
    expect(second).toMatchObject({ total: 3, overdueCount: 1, limit: 1, offset: 1 });
    expect(second.items.map((d: Json) => d.id)).toEqual([ids.onTime]);
    // Past the end: no rows, the counts still right.
    expect(await list(`areaId=${ids.area}&offset=10`)).toMatchObject({ items: [], total: 3, overdueCount: 1 });
  });

  it('refuses bad filters naming the field, and a caller without a token', async () => {
    const bad = await t.http.get('/api/deadlines?kind=meeting&areaId=x').set(as('observer')).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((bad.body.errors as Json[]).map((e) => e.field).sort()).toEqual(['areaId', 'kind']);
    await t.http.get('/api/deadlines').expect(401);
  });

  it("says which of a plan's actions the caller's roles could ever take", async () => {
    const actions = async (who: string) =>
      Object.fromEntries(
        ((await t.http.get(`/api/plans/${ids.onTime}/actions`).set(as(who)).expect(200)).body.actions as Json[]).map(
          (a) => [a.type, a],
        ),
      );
    const staff = await actions('tmf');
    expect(staff.SUBMIT).toMatchObject({ allowed: false, withinRoles: true });
    // Staff of another administration might coordinate one day: the reason stays in view for them.
    expect((await actions('bif')).SUBMIT).toMatchObject({ allowed: false, withinRoles: true });
    const forum = await actions('forum');
    expect(forum.SUBMIT.withinRoles).toBe(false);
    for (const a of Object.values(staff) as Json[])
      if (a.violations.some((v: Json) => v.code === 'NOT_FORUM_MEMBER')) expect(a.withinRoles).toBe(false);
    const observer = await actions('observer');
    expect(Object.values(observer).every((a) => (a as Json).withinRoles === false)).toBe(true);
  });

  it('exports the portfolio as CSV and XLSX with the figures the portfolio shows', async () => {
    const figures = (await t.http.get('/api/projects/portfolio').set(as('observer')).expect(200)).body as Json;
    const csv = await t.http.get('/api/projects/portfolio/export?format=csv').set(as('observer')).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="projektportefoelje-.*\.csv"/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.text.slice(1).trim().split(/\r?\n/);
    // The separator is the CSV writer's (issue 12 makes it the reader's locale's): read it from the header.
    const sep = lines[0].charAt('Gruppering'.length);
    expect([',', ';']).toContain(sep);
    expect(lines[0].startsWith(['Gruppering', 'Navn', 'Projekter', ''].join(sep))).toBe(true);
    const tmf = (figures.byAdministration as Json[]).find((g) => g.name === 'Teknik- og Miljøforvaltningen')!;
    expect(lines.some((l) => l.startsWith(['Forvaltning', tmf.name, tmf.projects, ''].join(sep)))).toBe(true);
    expect(lines.filter((l) => l.startsWith(`Forvaltning${sep}`))).toHaveLength(figures.byAdministration.length);
    expect(lines.filter((l) => l.startsWith(`Byområde${sep}`))).toHaveLength(figures.byArea.length);
    const xlsx = await t.http
      .get('/api/projects/portfolio/export?format=xlsx')
      .set(as('observer'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((xlsx.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
    const bad = await t.http.get('/api/projects/portfolio/export?format=pdf').set(as('observer')).expect(400);
    expect((bad.body.errors as Json[]).map((e) => e.field)).toEqual(['format']);
  });

  it("writes the portfolio's CSV in the reader's conventions: the locale asked for, else Accept-Language", async () => {
    const header = async (query: string, language?: string) => {
      const req = t.http.get(`/api/projects/portfolio/export?format=csv${query}`).set(as('observer'));
      const res = await (language ? req.set('Accept-Language', language) : req).expect(200);
      return { first: res.text.slice(1).split(/\r?\n/)[0], file: res.headers['content-disposition'] as string };
    };
    const danish = await header('&locale=da');
    expect(danish.first.startsWith('Gruppering;Navn;Projekter;')).toBe(true);
    expect(danish.file).toMatch(/-da\.csv"$/);
    expect((await header('&locale=en', 'da')).first.startsWith('Gruppering,Navn,Projekter,')).toBe(true);
    expect((await header('', 'da-DK,da;q=0.9')).first.startsWith('Gruppering;Navn;')).toBe(true);
    expect((await header('')).first.startsWith('Gruppering,Navn,')).toBe(true);
    const bad = await t.http.get('/api/projects/portfolio/export?format=csv&locale=fr').set(as('observer')).expect(400);
    expect((bad.body.errors as Json[]).map((e) => e.field)).toEqual(['locale']);
  });
});
