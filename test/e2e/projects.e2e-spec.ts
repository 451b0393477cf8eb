import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PROJECT_STATES, workingDaysBetween } from '#domain';
import { DeadlineHandlers } from '../../src/deadlines/deadline-handlers.service.js';
import type { DeadlineJobData } from '../../src/deadlines/deadline-scheduler.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
// The municipality's day (Europe/Copenhagen), as the app counts it: from 23:00 UTC it is already tomorrow there.
import { today } from '../../src/platform/common/local-day.js';
import { COPENHAGEN } from '../../src/seed/copenhagen.seed.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MAX_BYTES = 64 * 1024;
const PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 ' +
    '>>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const GIF = Buffer.from(
  'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;',
  'latin1',
);

/**
 * Interventions and time-limited projects over HTTP with the demo accounts:
 * the register; one project scaled and then adopted into core operations with
 * its base-budget line (the ledger shows it); one whose evaluation is
 * returned and resubmitted, then terminated; one rejected under four eyes;
 * one whose overdue evaluation escalates (the clock is driven by running the
 * deadline jobs, no sleeping); attachments checked by content, size and checksum.
 */
describe('Interventions and projects: evaluated on time, then ended or adopted', () => {
  let t: TestApp;
  let ds: DataSource;
  const tok: Record<string, string> = {};
  const versions: Record<string, number> = {};
  const ids: Record<string, string> = {};
  const area: Record<string, string> = {};
  const goal: Record<string, string> = {};
  const indicator: Record<string, string> = {};

  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const event = async (
    project: string,
    who: string,
    body: Json,
    expected = 200,
    headers: Record<string, string> = {},
  ) => {
    const res = await t.http
      .post(`/api/projects/${project}/events`)
      .set({ ...as(who), ...headers })
      .send({ expectedVersion: versions[project], ...body });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
    if (res.status === 200) versions[project] = res.body.project.version;
    return res;
  };
  const refused = async (project: string, who: string, body: Json) =>
    (await event(project, who, body, 422)).body.violations.map((v: Json) => v.code) as string[];
  const refresh = async (project: string) => {
    const res = await t.http.get(`/api/projects/${project}`).set(as('observer')).expect(200);
    versions[project] = res.body.version;
    return res.body as Json;
  };
  const propose = async (who: string, overrides: Json = {}) => {
    const res = await t.http
      .post('/api/projects')
      .set(as(who))
      .send({
        title: 'Jobbro',
        problem: 'Mange unge står uden for arbejdsmarkedet',
        proposedSolution: 'Opsøgende jobkonsulenter i boligområdet',
        owningAdministrationId: ids.TMF,
        projectLeaderId: ids.leader,
        fundingSource: 'state_pool',
        budgetDkk: 2_400_000,
        periodStart: '2030-01-01',
        periodEnd: '2030-12-31',
        areaIds: [area.tingbjerg],
        goalIds: [goal.employment],
        ...overrides,
      });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    versions[res.body.id] = res.body.version;
    return res.body as Json;
  };
  const completeEvaluation = (version: number, overrides: Json = {}) => ({
    version,
    goalResults: [{ goalId: goal.employment, description: '38 af 60 deltagere er i job eller uddannelse', value: 38 }],
    indicatorResults: [{ indicatorId: indicator.outside, value: 41.5 }],
    evidenceStrength: 'before_after',
    costsDkk: 2_150_000,
    whatWorked: 'Opsøgende kontakt i boligområdet',
    whatDidNotWork: 'Holdforløb på jobcentret',
    recommendation: 'adopt',
    ...overrides,
  });
  const outboxJobs = async (projectId: string) =>
    (
      (await ds.query(`SELECT data FROM outbox_message WHERE job_id LIKE $1 ORDER BY id`, [
        `project.${projectId}.%`,
      ])) as { data: DeadlineJobData }[]
    ).map((r) => r.data);

  beforeAll(async () => {
    // The API role: this file drives the deadline jobs itself (DeadlineHandlers.handle with the jobs the outbox holds),
    // and takes no other test file's jobs off the shared queue. A worker elsewhere may run these jobs first: that is
    // harmless.
    t = await createTestApp({ ATTACHMENT_MAX_BYTES: String(MAX_BYTES) }, { api: true, worker: false });
    ds = t.app.get<DataSource>(getDataSourceToken());
    for (const who of ['admin', 'tmf', 'bif', 'forum', 'forum2', 'projektleder', 'observer'])
      tok[who] = await t.tokenFor(who);
    const admins = (await t.http.get('/api/administrations').set(as('admin'))).body as Json[];
    for (const code of ['TMF', 'BIF']) ids[code] = admins.find((a) => a.code === code)!.id;
    const areas = (await t.http.get('/api/areas').set(as('admin'))).body as Json[];
    for (const [key, code] of [
      ['tingbjerg', 'tingbjerg-husum'],
      ['norrebro', 'norrebro'],
      ['amager', 'amager-sundby'],
      ['vesterbro', 'vesterbro-kongens-enghave'],
    ]) {
      area[key] = areas.find((a) => a.code === code)!.id;
    }
    const goals = (await t.http.get('/api/goals').set(as('admin'))).body as Json[];
    goal.employment = goals.find((g) => g.code === 'employment-city-level')!.id;
    goal.safety = goals.find((g) => g.code === 'safety-city-level')!.id;
    indicator.outside = goals.find((g) => g.code === 'employment-city-level')!.indicatorId;
    ids.leader = (await t.http.get('/api/auth/me').set(as('projektleder')).expect(200)).body.id;
    ids.tmfUser = (await t.http.get('/api/auth/me').set(as('tmf')).expect(200)).body.id;
    // Staff of TMF who also sits in the mayors' forum: the four-eyes cases.
    await t.http
      .post('/api/users')
      .set(as('admin'))
      .send({
        email: 'dual-projects@kk.dk',
        displayName: 'Dina Dobbeltrolle',
        password: 'dual-role-password',
        roles: ['staff', 'forum_member'],
        administrationId: ids.TMF,
      })
      .expect(201);
    tok.dual = await t.tokenFor('dual-projects@kk.dk', 'dual-role-password');
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  describe('the register of interventions', () => {
    it('lets staff register their own administration’s interventions, and only those', async () => {
      expect(indicator.outside).toMatch(/^[0-9a-f-]{36}$/);
      const plan = await t.http
        .post('/api/plans')
        .set(as('tmf'))
        .send({ areaId: area.vesterbro, budgetYear: 2045, participatingAdministrationIds: [ids.BIF] })
        .expect(201);
      ids.plan = plan.body.id;
      const tmf = await t.http
        .post('/api/interventions')
        .set(as('tmf'))
        .send({
          name: 'Områdefornyelse Sydhavnen (projekttest)',
          description: 'Fysisk og social områdefornyelse',
          kind: 'area_based',
          owningAdministrationId: ids.TMF,
          areaIds: [area.vesterbro],
          fundingSource: 'state_pool',
          periodStart: '2013-01-01',
          periodEnd: '2016-12-31',
          goalIds: [goal.safety],
          planIds: [ids.plan],
        })
        .expect(201);
      expect(tmf.body).toMatchObject({ kind: 'area_based', version: 1, periodEnd: '2016-12-31', planIds: [ids.plan] });
      ids.intervention = tmf.body.id;
      const bif = await t.http
        .post('/api/interventions')
        .set(as('bif'))
        .send({
          name: 'Jobcenter i Sydhavnen (projekttest)',
          kind: 'core_operations',
          owningAdministrationId: ids.BIF,
          areaIds: [area.vesterbro, area.amager],
          fundingSource: 'base_budget',
          periodStart: '2012-01-01',
          goalIds: [goal.employment],
        })
        .expect(201);
      expect(bif.body).toMatchObject({ periodEnd: null, description: '', planIds: [] });
      ids.bifIntervention = bif.body.id;

      const foreign = await t.http
        .post('/api/interventions')
        .set(as('bif'))
        .send({
          name: 'Ikke vores',
          kind: 'individual',
          owningAdministrationId: ids.TMF,
          areaIds: [],
          fundingSource: 'other',
          periodStart: '2020-01-01',
        })
        .expect(403);
      expect(foreign.body.violations[0].code).toBe('OTHER_ADMINISTRATIONS_INTERVENTION');
      await t.http.post('/api/interventions').set(as('observer')).send({}).expect(403);
      const unknown = await t.http
        .post('/api/interventions')
        .set(as('tmf'))
        .send({
          name: 'Ukendt område',
          kind: 'individual',
          owningAdministrationId: ids.TMF,
          areaIds: ['3f1d7d0e-1111-4222-8333-444455556666'],
          fundingSource: 'other',
          periodStart: '2020-01-01',
          periodEnd: '2019-01-01',
        })
        .expect(400);
      expect(unknown.body.errors.map((e: Json) => e.field)).toEqual(['periodEnd']);
      const badKind = await t.http
        .post('/api/interventions')
        .set(as('tmf'))
        .send({ name: 'X', kind: 'drift' })
        .expect(400);
      expect(badKind.body.errors.map((e: Json) => e.field)).toContain('kind');
    });

    it(
      'searches name and description and filters by kind, administration, area, funding, goal, plan and active ' +
        'date',
      async () => {
        const names = async (query: string) =>
          ((await t.http.get(`/api/interventions?${query}`).set(as('observer')).expect(200)).body.items as Json[])
            .filter((i) => i.name.endsWith('(projekttest)'))
            .map((i) => i.name as string)
            .sort();
        const both = ['Jobcenter i Sydhavnen (projekttest)', 'Områdefornyelse Sydhavnen (projekttest)'];
        expect(await names('q=projekttest')).toEqual(both);
        expect(await names('q=SOCIAL%20OMR')).toEqual(['Områdefornyelse Sydhavnen (projekttest)']);
        expect(await names('q=100%25')).toEqual([]); // a literal %, not a wildcard
        expect(await names('q=projekttest&kind=core_operations')).toEqual(['Jobcenter i Sydhavnen (projekttest)']);
        expect(await names(`q=projekttest&administrationId=${ids.TMF}`)).toEqual([
          'Områdefornyelse Sydhavnen (projekttest)',
        ]);
        expect(await names(`q=projekttest&areaId=${area.amager}`)).toEqual(['Jobcenter i Sydhavnen (projekttest)']);
        expect(await names(`q=projekttest&areaId=${area.vesterbro}`)).toEqual(both);
        expect(await names('q=projekttest&fundingSource=state_pool')).toEqual([
          'Områdefornyelse Sydhavnen (projekttest)',
        ]);
        expect(await names(`q=projekttest&goalId=${goal.employment}`)).toEqual(['Jobcenter i Sydhavnen (projekttest)']);
        expect(await names(`planId=${ids.plan}`)).toEqual(['Områdefornyelse Sydhavnen (projekttest)']);
        expect(await names('q=projekttest&activeOn=2015-06-01')).toEqual(both);
        expect(await names('q=projekttest&activeOn=2020-06-01')).toEqual(['Jobcenter i Sydhavnen (projekttest)']);
        expect(await names('q=projekttest&activeOn=2012-06-01')).toEqual(['Jobcenter i Sydhavnen (projekttest)']);
        const page = await t.http
          .get('/api/interventions?q=projekttest&limit=1&offset=1')
          .set(as('observer'))
          .expect(200);
        expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
        expect(page.body.items).toHaveLength(1);
        await t.http.get('/api/interventions?kind=drift').set(as('observer')).expect(400);
      },
    );

    it('updates with a version (stale: 409), keeps administrations to their own, and deletes', async () => {
      const stale = await t.http
        .patch(`/api/interventions/${ids.intervention}`)
        .set(as('tmf'))
        .send({ version: 7, name: 'Nyt navn' })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
      const updated = await t.http
        .patch(`/api/interventions/${ids.intervention}`)
        .set(as('tmf'))
        .send({ version: 1, periodEnd: null, description: 'Forlænget' })
        .expect(200);
      expect(updated.body).toMatchObject({
        version: 2,
        periodEnd: null,
        description: 'Forlænget',
        name: 'Områdefornyelse Sydhavnen (projekttest)',
      });
      await t.http
        .patch(`/api/interventions/${ids.intervention}`)
        .set(as('bif'))
        .send({ version: 2, name: 'Kapret' })
        .expect(403);
      await t.http
        .patch(`/api/interventions/${ids.bifIntervention}`)
        .set(as('bif'))
        .send({ version: 1, owningAdministrationId: ids.TMF })
        .expect(403);
      await t.http
        .patch(`/api/interventions/${ids.bifIntervention}`)
        .set(as('admin'))
        .send({ version: 1, kind: 'individual' })
        .expect(200);
      await t.http.delete(`/api/interventions/${ids.bifIntervention}?version=1`).set(as('bif')).expect(409);
      await t.http.delete(`/api/interventions/${ids.bifIntervention}?version=2`).set(as('bif')).expect(204);
      await t.http.get(`/api/interventions/${ids.bifIntervention}`).set(as('observer')).expect(404);
    });

    it('keeps every change on the record, with who made it, also after removal', async () => {
      const removed = await t.http
        .get(`/api/interventions/${ids.bifIntervention}/history`)
        .set(as('observer'))
        .expect(200);
      expect(removed.body.map((c: Json) => c.operation)).toEqual(['insert', 'update', 'delete']);
      const [admin, bif] = [await t.tokenFor('admin'), await t.tokenFor('bif')];
      const me = async (token: string) =>
        (await t.http.get('/api/auth/me').set({ Authorization: `Bearer ${token}` })).body as Json;
      expect(removed.body.map((c: Json) => c.actorId)).toEqual([
        (await me(bif)).id,
        (await me(admin)).id,
        (await me(bif)).id,
      ]);
      expect(removed.body[1]).toMatchObject({
        changedFields: ['kind'],
        before: { kind: 'core_operations' },
        after: { kind: 'individual' },
      });
      expect(removed.body[2]).toMatchObject({ before: { name: 'Jobcenter i Sydhavnen (projekttest)' }, after: null });
      const changed = await t.http
        .get(`/api/interventions/${ids.intervention}/history`)
        .set(as('observer'))
        .expect(200);
      expect(changed.body[1].changedFields.sort()).toEqual(['description', 'period_end']);
      // A save that changes nothing is not a change on the record.
      const current = (await t.http.get(`/api/interventions/${ids.intervention}`).set(as('observer')).expect(200))
        .body as Json;
      await t.http
        .patch(`/api/interventions/${ids.intervention}`)
        .set(as('tmf'))
        .send({ version: current.version, description: current.description })
        .expect(200);
      const after = await t.http.get(`/api/interventions/${ids.intervention}/history`).set(as('observer')).expect(200);
      expect(after.body).toHaveLength(changed.body.length);
      await t.http
        .get('/api/interventions/00000000-0000-4000-8000-000000000000/history')
        .set(as('observer'))
        .expect(404);
      const ds = t.app.get<DataSource>(getDataSourceToken());
      await expect(
        ds.query(`DELETE FROM intervention_change WHERE intervention_id = $1`, [ids.bifIntervention]),
      ).rejects.toThrow(/append-only/);
    });
  });

  describe('a project scaled, then adopted into core operations with its base-budget line', () => {
    it('is proposed by staff of the owning administration, with a real project leader', async () => {
      await t.http.post('/api/projects').set(as('observer')).send({}).expect(403);
      const foreign = await t.http
        .post('/api/projects')
        .set(as('bif'))
        .send({
          title: 'Forslag',
          problem: 'X X',
          proposedSolution: 'Y Y',
          owningAdministrationId: ids.TMF,
          projectLeaderId: ids.leader,
          fundingSource: 'other',
          budgetDkk: 1,
          periodStart: '2030-01-01',
          periodEnd: '2030-06-30',
          areaIds: [area.tingbjerg],
          goalIds: [goal.employment],
        })
        .expect(403);
      expect(foreign.body.violations[0].code).toBe('NOT_OWNER_STAFF');
      const notLeader = await t.http
        .post('/api/projects')
        .set(as('tmf'))
        .send({
          title: 'Forslag',
          problem: 'X X',
          proposedSolution: 'Y Y',
          owningAdministrationId: ids.TMF,
          projectLeaderId: ids.tmfUser,
          fundingSource: 'other',
          budgetDkk: 1,
          periodStart: '2030-01-01',
          periodEnd: '2030-06-30',
          areaIds: [area.tingbjerg],
          goalIds: [goal.employment],
        })
        .expect(400);
      expect(notLeader.body.errors[0].field).toBe('projectLeaderId');
      const dates = await t.http
        .post('/api/projects')
        .set(as('tmf'))
        .send({
          title: 'Forslag',
          problem: 'X X',
          proposedSolution: 'Y Y',
          owningAdministrationId: ids.TMF,
          projectLeaderId: ids.leader,
          fundingSource: 'other',
          budgetDkk: 1,
          periodStart: '2030-01-01',
          periodEnd: '2030-06-30',
          evaluationDate: '2030-07-01',
          areaIds: [area.tingbjerg],
          goalIds: [goal.employment],
        })
        .expect(400);
      expect(dates.body.violations.map((v: Json) => v.code)).toEqual(['EVALUATION_DATE_AFTER_END']);

      const project = await propose('tmf', { title: 'Jobbro Tingbjerg', interventionId: ids.intervention });
      expect(project).toMatchObject({
        state: 'proposed',
        stateLabel: 'Foreslået',
        version: 1,
        machineVersion: 2,
        budgetDkk: 2400000,
        evaluationDueOn: '2030-12-31',
        overdue: false,
        proposedBy: ids.tmfUser,
        projectLeaderId: ids.leader,
        interventionId: ids.intervention,
      });
      // 20 Danish working days after 31 December 2030 (New Year's Day is a holiday).
      expect(project.evaluationDeadline).toBe('2031-01-29');
      ids.adopted = project.id;
      const agenda = await t.http.get('/api/meetings/agenda').set(as('forum')).expect(200);
      expect(agenda.body.items.filter((i: Json) => i.subjectId === project.id && i.kind === 'submission')).toHaveLength(
        1,
      );
    });

    it('is approved by the forum once, even when the request is retried; a stale version is refused', async () => {
      const id = ids.adopted;
      const first = await event(id, 'forum', { type: 'APPROVE', comment: 'God idé' }, 200, {
        'Idempotency-Key': 'approve-jobbro-0001',
      });
      expect(first.body.project).toMatchObject({ state: 'approved', version: 2 });
      expect(first.body.transition).toMatchObject({
        seq: 2,
        event: 'APPROVE',
        fromState: 'proposed',
        toState: 'approved',
        comment: 'God idé',
      });
      const retry = await t.http
        .post(`/api/projects/${id}/events`)
        .set({ ...as('forum'), 'Idempotency-Key': 'approve-jobbro-0001' })
        .send({ type: 'APPROVE', expectedVersion: 1, comment: 'God idé' })
        .expect(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      const stale = await t.http
        .post(`/api/projects/${id}/events`)
        .set(as('forum2'))
        .send({ type: 'REJECT', expectedVersion: 1, reason: 'Nej' })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    });

    it(
      'is started by the owning administration, which schedules the evaluation-due moment, reminder and ' +
        'escalation',
      async () => {
        const id = ids.adopted;
        expect(await refused(id, 'bif', { type: 'START' })).toEqual(['NOT_OWNER_STAFF']);
        await t.http
          .post(`/api/projects/${id}/events`)
          .set(as('observer'))
          .send({ type: 'START', expectedVersion: versions[id] })
          .expect(403);
        const started = await event(id, 'tmf', { type: 'START' });
        expect(started.body.project).toMatchObject({ state: 'running', version: 3 });
        expect(started.body.transition.payload).toEqual({
          evaluationDueOn: '2030-12-31',
          evaluationDeadline: '2031-01-29',
        });
        const jobs = await outboxJobs(id);
        expect(jobs.map((j) => [j.kind, j.entrySeq, j.dueDate])).toEqual([
          ['due', 3, '2031-01-29'],
          ['reminder', 3, '2031-01-29'],
          ['escalation', 3, '2031-01-29'],
        ]);
      },
    );

    it('extends the period only with a reason and a later end date; the deadline follows', async () => {
      const id = ids.adopted;
      expect(await refused(id, 'tmf', { type: 'EXTEND', newEndDate: '2030-06-30' })).toEqual([
        'REASON_REQUIRED',
        'NEW_END_DATE_NOT_LATER',
      ]);
      const extended = await event(id, 'tmf', {
        type: 'EXTEND',
        newEndDate: '2031-06-30',
        reason: 'Flere unge end ventet',
      });
      expect(extended.body.project).toMatchObject({
        state: 'running',
        periodEnd: '2031-06-30',
        evaluationDueOn: '2031-06-30',
        extensions: 1,
      });
      expect(extended.body.transition).toMatchObject({
        event: 'EXTEND',
        comment: 'Flere unge end ventet',
        payload: { fromEndDate: '2030-12-31', newEndDate: '2031-06-30' },
      });
      const jobs = await outboxJobs(id);
      expect(jobs.filter((j) => j.entrySeq === 4).map((j) => j.kind)).toEqual(['due', 'reminder', 'escalation']);
    });

    it('calls for the evaluation; the leader drafts it, versioned, and sees what is missing', async () => {
      const id = ids.adopted;
      expect(await refused(id, 'projektleder', { type: 'EVALUATION_DUE' })).toEqual(['NOT_OWNER_STAFF']);
      await event(id, 'tmf', { type: 'EVALUATION_DUE' });
      expect(await refused(id, 'projektleder', { type: 'SUBMIT_EVALUATION' })).toEqual(['EVALUATION_MISSING']);
      const draft = await t.http
        .put(`/api/projects/${id}/evaluation`)
        .set(as('projektleder'))
        .send({ version: 0, evidenceStrength: 'before_after', whatWorked: 'Opsøgende kontakt' })
        .expect(200);
      expect(draft.body).toMatchObject({
        version: 1,
        editable: true,
        evidenceStrength: 'before_after',
        costsDkk: null,
      });
      expect(draft.body.missing.map((v: Json) => v.code)).toEqual([
        'EVALUATION_GOAL_RESULT_MISSING',
        'EVALUATION_INDICATOR_RESULT_MISSING',
        'EVALUATION_COSTS_MISSING',
        'EVALUATION_WHAT_DID_NOT_WORK_MISSING',
        'EVALUATION_RECOMMENDATION_MISSING',
      ]);
      expect(draft.body.missing[0].message).toContain('Beskæftigelse');
      const actions = await t.http.get(`/api/projects/${id}/actions`).set(as('projektleder')).expect(200);
      expect(actions.body.actions).toEqual([expect.objectContaining({ type: 'SUBMIT_EVALUATION', allowed: false })]);
      expect(actions.body.missing).toHaveLength(5);
      expect(await refused(id, 'projektleder', { type: 'SUBMIT_EVALUATION' })).toHaveLength(5);
      await t.http.put(`/api/projects/${id}/evaluation`).set(as('projektleder')).send({ version: 0 }).expect(409);
      await t.http.put(`/api/projects/${id}/evaluation`).set(as('tmf')).send({ version: 1 }).expect(403);
      const wrongGoal = await t.http
        .put(`/api/projects/${id}/evaluation`)
        .set(as('projektleder'))
        .send({ version: 1, goalResults: [{ goalId: goal.safety, description: 'x' }] })
        .expect(400);
      expect(wrongGoal.body.errors[0].field).toBe('goalResults[0].goalId');
      const badScale = await t.http
        .put(`/api/projects/${id}/evaluation`)
        .set(as('projektleder'))
        .send({ version: 1, evidenceStrength: 'strong' })
        .expect(400);
      expect(badScale.body.errors[0].field).toBe('evidenceStrength');
      const complete = await t.http
        .put(`/api/projects/${id}/evaluation`)
        .set(as('projektleder'))
        .send(completeEvaluation(1))
        .expect(200);
      expect(complete.body).toMatchObject({ version: 2, missing: [], recommendation: 'adopt', costsDkk: 2150000 });
    });

    it(
      'takes PDF, DOCX, XLSX, PNG and JPEG only, judged by content; refuses other types (415) and large files ' +
        '(413); stores a checksum',
      async () => {
        const id = ids.adopted;
        const url = `/api/projects/${id}/evaluation/attachments`;
        const pdf = await t.http
          .post(url)
          .set(as('projektleder'))
          .attach('file', PDF, { filename: 'slutrapport.pdf', contentType: 'application/pdf' })
          .expect(201);
        const sha256 = createHash('sha256').update(PDF).digest('hex');
        expect(pdf.body).toMatchObject({
          fileName: 'slutrapport.pdf',
          contentType: 'application/pdf',
          sizeBytes: PDF.length,
          sha256,
          uploadedBy: ids.leader,
        });
        // A PDF sent as something else is still a PDF.
        const renamed = await t.http
          .post(url)
          .set(as('projektleder'))
          .attach('file', PDF, { filename: 'bilag.bin', contentType: 'application/octet-stream' })
          .expect(201);
        expect(renamed.body.contentType).toBe('application/pdf');

        const gif = await t.http
          .post(url)
          .set(as('projektleder'))
          .attach('file', GIF, { filename: 'foto.gif', contentType: 'image/gif' })
          .expect(415);
        expect(gif.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
        expect(gif.body.detail).toContain('only PDF, DOCX, XLSX, PNG, JPEG files can be attached');
        expect(gif.body.detail).toContain('image/gif');
        // A Danish reader is told in Danish.
        const gifDa = await t.http
          .post(url)
          .set(as('projektleder'))
          .set('Accept-Language', 'da')
          .attach('file', GIF, { filename: 'foto.gif', contentType: 'image/gif' })
          .expect(415);
        expect(gifDa.body.detail).toBe(
          '»foto.gif« blev afvist: kun PDF, DOCX, XLSX, PNG, JPEG-filer kan vedhæftes, og indholdet er image/gif ' +
            '(typen bedømmes ud fra indholdet, ikke ud fra filnavnet eller den angivne type).',
        );
        const lying = await t.http
          .post(url)
          .set(as('projektleder'))
          .attach('file', Buffer.from('Dette er en tekstfil, ikke en PDF'), {
            filename: 'rapport.pdf',
            contentType: 'application/pdf',
          })
          .expect(415);
        expect(lying.body.detectedType).toBeNull();
        const big = await t.http
          .post(url)
          .set(as('projektleder'))
          .attach('file', Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]), {
            filename: 'stor.pdf',
            contentType: 'application/pdf',
          })
          .expect(413);
        expect(big.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', maxBytes: MAX_BYTES });
        expect(big.body.detail).toContain('64 KiB');
        await t.http.post(url).set(as('projektleder')).expect(400);
        await t.http.post(url).set(as('tmf')).attach('file', PDF, { filename: 'x.pdf' }).expect(403);

        const list = await t.http.get(url).set(as('observer')).expect(200);
        expect(list.body.map((a: Json) => a.fileName)).toEqual(['slutrapport.pdf', 'bilag.bin']);
        const download = await t.http
          .get(`${url}/${pdf.body.id}`)
          .set(as('observer'))
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200);
        expect(download.headers['content-type']).toBe('application/pdf');
        expect(download.headers['x-checksum-sha256']).toBe(sha256);
        expect(download.headers['content-disposition']).toContain('slutrapport.pdf');
        expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
        await t.http.get(`${url}/${ids.adopted}`).set(as('observer')).expect(404);
      },
    );

    it('is submitted by its own leader only, stored as submitted, and frozen', async () => {
      const id = ids.adopted;
      expect(await refused(id, 'tmf', { type: 'SUBMIT_EVALUATION' })).toEqual(['NOT_PROJECT_LEADER']);
      const submitted = await event(id, 'projektleder', { type: 'SUBMIT_EVALUATION' });
      expect(submitted.body.project).toMatchObject({ state: 'evaluationSubmitted', evaluationSubmissions: 1 });
      const frozen = await t.http
        .put(`/api/projects/${id}/evaluation`)
        .set(as('projektleder'))
        .send(completeEvaluation(2))
        .expect(422);
      expect(frozen.body.violations[0].code).toBe('EVALUATION_NOT_EDITABLE');
      const stored = await t.http.get(`/api/projects/${id}/evaluation/submissions`).set(as('observer')).expect(200);
      expect(stored.body).toHaveLength(1);
      expect(stored.body[0]).toMatchObject({
        round: 1,
        seq: submitted.body.transition.seq,
        submittedBy: ids.leader,
        content: { recommendation: 'adopt', costsDkk: 2150000 },
      });
      expect(stored.body[0].attachments.map((a: Json) => a.sha256)).toEqual([
        createHash('sha256').update(PDF).digest('hex'),
        createHash('sha256').update(PDF).digest('hex'),
      ]);
    });

    it('is assessed by staff; the reviewer may not decide (four eyes); the forum scales it to another area first', async () => {
      const id = ids.adopted;
      const assessed = await event(id, 'dual', { type: 'ASSESS', comment: 'Solid evaluering' });
      expect(assessed.body.project).toMatchObject({ state: 'assessed', reviewedBy: expect.any(String) });
      expect(
        await refused(id, 'dual', {
          type: 'ADOPT',
          budgetLine: { administrationId: ids.TMF, yearlyAmountDkk: 1, firstBudgetYear: 2033 },
        }),
      ).toEqual(['FOUR_EYES_REVIEWER']);
      expect(await refused(id, 'tmf', { type: 'TERMINATE', reason: 'x' })).toEqual(['NOT_FORUM_MEMBER']);
      const actions = await t.http.get(`/api/projects/${id}/actions`).set(as('dual')).expect(200);
      expect(actions.body.actions.map((a: Json) => [a.type, a.allowed, a.violations.map((v: Json) => v.code)])).toEqual(
        [
          ['TERMINATE', false, ['FOUR_EYES_REVIEWER']],
          ['ADOPT', false, ['FOUR_EYES_REVIEWER']],
          ['SCALE', false, ['FOUR_EYES_REVIEWER']],
        ],
      );
      expect(
        await refused(id, 'forum', {
          type: 'SCALE',
          addAreaIds: [area.tingbjerg],
          newEndDate: '2032-06-30',
          reason: 'Mere af det samme',
        }),
      ).toEqual(['SCALE_AREAS_REQUIRED']);
      // Scaling lengthens the period, and a longer period needs a reason.
      expect(
        await refused(id, 'forum', { type: 'SCALE', addAreaIds: [area.norrebro], newEndDate: '2032-06-30' }),
      ).toEqual(['REASON_REQUIRED']);
      const scaled = await event(id, 'forum', {
        type: 'SCALE',
        addAreaIds: [area.norrebro],
        newEndDate: '2032-06-30',
        reason: 'Prøv det på Nørrebro',
      });
      expect(scaled.body.project).toMatchObject({
        state: 'scaling',
        stateLabel: 'Skaleret, i gang',
        periodEnd: '2032-06-30',
        scalings: 1,
        reviewedBy: null,
      });
      expect(scaled.body.project.areaIds.sort()).toEqual([area.tingbjerg, area.norrebro].sort());
      expect(scaled.body.transition.payload).toMatchObject({
        addedAreaIds: [area.norrebro],
        fromEndDate: '2031-06-30',
        newEndDate: '2032-06-30',
      });
    });

    it('is evaluated again and adopted into core operations only with a complete base-budget line', async () => {
      const id = ids.adopted;
      await event(id, 'tmf', { type: 'EVALUATION_DUE' });
      await t.http
        .put(`/api/projects/${id}/evaluation`)
        .set(as('projektleder'))
        .send(completeEvaluation(2, { evidenceStrength: 'comparison_group' }))
        .expect(200);
      await event(id, 'projektleder', { type: 'SUBMIT_EVALUATION' });
      const assessed = await event(id, 'tmf', { type: 'ASSESS' });
      // The scaled period has had its own evaluation; the decision after it is terminate or adopt.
      expect(assessed.body.project).toMatchObject({ state: 'scaledAssessed', evaluationSubmissions: 2 });
      const actions = await t.http.get(`/api/projects/${id}/actions`).set(as('forum')).expect(200);
      expect(actions.body.actions.map((a: Json) => a.type)).toEqual(['TERMINATE', 'ADOPT']);
      expect(
        await refused(id, 'forum', {
          type: 'SCALE',
          addAreaIds: [area.amager],
          newEndDate: '2033-06-30',
          reason: 'Endnu flere områder',
        }),
      ).toEqual(['EVENT_NOT_AVAILABLE']);
      expect(await refused(id, 'forum', { type: 'ADOPT' })).toEqual(['BUDGET_LINE_MISSING']);
      expect(
        await refused(id, 'forum', { type: 'ADOPT', budgetLine: { administrationId: ids.TMF, yearlyAmountDkk: 0 } }),
      ).toEqual(['BUDGET_LINE_AMOUNT_INVALID', 'BUDGET_LINE_YEAR_INVALID']);
      const adopted = await event(id, 'forum', {
        type: 'ADOPT',
        budgetLine: { administrationId: ids.TMF, yearlyAmountDkk: 1_250_000, firstBudgetYear: 2033 },
        comment: 'Forankres i TMF',
      });
      expect(adopted.body.project).toMatchObject({
        state: 'adoptedIntoOperations',
        stateLabel: 'Forankret i drift',
        final: true,
        budgetLine: { administrationId: ids.TMF, yearlyAmountDkk: 1250000, firstBudgetYear: 2033 },
      });
      expect(adopted.body.project.decidedAt).toEqual(expect.any(String));
      expect(await refused(id, 'forum', { type: 'TERMINATE', reason: 'x' })).toEqual(['EVENT_NOT_AVAILABLE']);
      const submissions = await t.http
        .get(`/api/projects/${id}/evaluation/submissions`)
        .set(as('observer'))
        .expect(200);
      expect(submissions.body.map((s: Json) => [s.round, s.content.evidenceStrength])).toEqual([
        [1, 'before_after'],
        [2, 'comparison_group'],
      ]);
    });

    it('shows the line in the adoption ledger, per administration and budget year', async () => {
      const ledger = await t.http
        .get(`/api/projects/adoptions?administrationId=${ids.TMF}&budgetYear=2033`)
        .set(as('observer'))
        .expect(200);
      const line = ledger.body.lines.find((l: Json) => l.projectId === ids.adopted);
      expect(line).toMatchObject({
        projectTitle: 'Jobbro Tingbjerg',
        administrationName: 'Teknik- og Miljøforvaltningen',
        yearlyAmountDkk: 1250000,
        firstBudgetYear: 2033,
        decidedByName: 'Frank Forum',
      });
      const total = ledger.body.totals.find((x: Json) => x.administrationId === ids.TMF && x.budgetYear === 2033);
      const sum = ledger.body.lines.reduce((s: number, l: Json) => s + l.yearlyAmountDkk, 0);
      expect(total).toMatchObject({
        administrationName: 'Teknik- og Miljøforvaltningen',
        yearlyAmountDkk: sum,
        lines: ledger.body.lines.length,
      });
      expect(total.cumulativeYearlyAmountDkk).toBeGreaterThanOrEqual(1250000);
      const other = await t.http
        .get(`/api/projects/adoptions?administrationId=${ids.BIF}`)
        .set(as('observer'))
        .expect(200);
      expect(other.body.lines.map((l: Json) => l.projectId)).not.toContain(ids.adopted);
    });

    it('keeps the whole way on the append-only record', async () => {
      const history = await t.http.get(`/api/projects/${ids.adopted}/history`).set(as('observer')).expect(200);
      expect(history.body.map((h: Json) => `${h.event}:${h.toState}`)).toEqual([
        'PROPOSE:proposed',
        'APPROVE:approved',
        'START:running',
        'EXTEND:running',
        'EVALUATION_DUE:evaluationDue',
        'SUBMIT_EVALUATION:evaluationSubmitted',
        'ASSESS:assessed',
        'SCALE:scaling',
        'EVALUATION_DUE:scaledEvaluationDue',
        'SUBMIT_EVALUATION:scaledEvaluationSubmitted',
        'ASSESS:scaledAssessed',
        'ADOPT:adoptedIntoOperations',
      ]);
      expect(history.body.map((h: Json) => h.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      // The record read as the policy's cycle: the scaled period is its own step, evaluated before the adoption.
      const cycle = await t.http.get(`/api/projects/${ids.adopted}/cycle`).set(as('observer')).expect(200);
      expect(cycle.body.map((c: Json) => [c.step, c.status, c.seqs])).toEqual([
        ['problem', 'done', [1]],
        ['proposal', 'done', [1]],
        ['intervention', 'done', [2, 3, 4]],
        ['evaluation', 'done', [5, 6, 7]],
        ['scaling', 'done', [8, 9, 10, 11]],
        ['operations', 'done', [12]],
      ]);
      expect(cycle.body[4]).toMatchObject({ label: 'Skalering', reachedAt: history.body[7].createdAt });
      expect(history.body[3]).toMatchObject({ actorName: 'Torben TMF', comment: 'Flere unge end ventet' });
    });
  });

  describe('a project whose evaluation is returned and resubmitted, then terminated', () => {
    it('comes due by the deadline job at its (past) end date', async () => {
      const project = await propose('bif', {
        title: 'Sprogcafé Amager',
        owningAdministrationId: ids.BIF,
        areaIds: [area.amager],
        periodStart: '2025-09-01',
        periodEnd: '2026-06-30',
      });
      ids.terminated = project.id;
      await event(project.id, 'forum2', { type: 'APPROVE' });
      await event(project.id, 'bif', { type: 'START' });
      const due = (await outboxJobs(project.id)).find((j) => j.kind === 'due')!;
      expect(due).toMatchObject({ subjectType: 'project', entrySeq: 3, dueDate: project.evaluationDeadline });
      // Drive the clock: run the job now (a worker may already have; it is a no-op then).
      await t.app.get(DeadlineHandlers).handle(due);
      const now = await refresh(project.id);
      expect(now.state).toBe('evaluationDue');
      const history = await t.http.get(`/api/projects/${project.id}/history`).set(as('observer')).expect(200);
      expect(history.body.at(-1)).toMatchObject({
        event: 'EVALUATION_DUE',
        actorId: null,
        actorName: 'Byløft (frist)',
        payload: { bySchedule: true },
      });
    });

    it('is returned with a comment, corrected and resubmitted', async () => {
      const id = ids.terminated;
      await t.http
        .put(`/api/projects/${id}/evaluation`)
        .set(as('projektleder'))
        .send(completeEvaluation(0, { recommendation: 'terminate', whatDidNotWork: 'Få deltagere' }))
        .expect(200);
      await event(id, 'projektleder', { type: 'SUBMIT_EVALUATION' });
      expect(await refused(id, 'bif', { type: 'RETURN_EVALUATION' })).toEqual(['COMMENT_REQUIRED']);
      expect(await refused(id, 'tmf', { type: 'RETURN_EVALUATION', comment: 'x' })).toEqual(['NOT_OWNER_STAFF']);
      const returned = await event(id, 'bif', {
        type: 'RETURN_EVALUATION',
        comment: 'Angiv omkostningerne pr. deltager',
      });
      expect(returned.body.project.state).toBe('evaluationDue');
      expect(returned.body.project.evaluationDeadline > today()).toBe(true);
      const inbox = await t.http.get('/api/notifications?limit=100').set(as('projektleder')).expect(200);
      expect(
        inbox.body.items.some(
          (n: Json) => n.link === `/projects/${id}` && n.body.includes('Angiv omkostningerne pr. deltager'),
        ),
      ).toBe(true);
      const draft = await t.http.get(`/api/projects/${id}/evaluation`).set(as('projektleder')).expect(200);
      expect(draft.body.editable).toBe(true);
      await t.http
        .put(`/api/projects/${id}/evaluation`)
        .set(as('projektleder'))
        .send(
          completeEvaluation(draft.body.version, {
            recommendation: 'terminate',
            whatDidNotWork: 'Få deltagere',
            recommendationNote: '41.000 kr. pr. deltager',
          }),
        )
        .expect(200);
      const resubmitted = await event(id, 'projektleder', { type: 'SUBMIT_EVALUATION' });
      expect(resubmitted.body.project).toMatchObject({ state: 'evaluationSubmitted', evaluationSubmissions: 2 });
      const stored = await t.http.get(`/api/projects/${id}/evaluation/submissions`).set(as('observer')).expect(200);
      expect(stored.body.map((s: Json) => [s.round, s.content.recommendationNote])).toEqual([
        [1, null],
        [2, '41.000 kr. pr. deltager'],
      ]);
    });

    it('is terminated by the forum with a reason', async () => {
      const id = ids.terminated;
      await event(id, 'bif', { type: 'ASSESS' });
      expect(await refused(id, 'forum', { type: 'TERMINATE' })).toEqual(['REASON_REQUIRED']);
      const terminated = await event(id, 'forum', {
        type: 'TERMINATE',
        reason: 'Effekten står ikke mål med omkostningerne',
      });
      expect(terminated.body.project).toMatchObject({
        state: 'terminated',
        stateLabel: 'Afsluttet',
        final: true,
        budgetLine: null,
      });
      expect(terminated.body.transition).toMatchObject({
        event: 'TERMINATE',
        comment: 'Effekten står ikke mål med omkostningerne',
      });
      const history = await t.http.get(`/api/projects/${id}/history`).set(as('observer')).expect(200);
      expect(history.body.map((h: Json) => h.event)).toEqual([
        'PROPOSE',
        'APPROVE',
        'START',
        'EVALUATION_DUE',
        'SUBMIT_EVALUATION',
        'RETURN_EVALUATION',
        'SUBMIT_EVALUATION',
        'ASSESS',
        'TERMINATE',
      ]);
    });
  });

  describe('four eyes on a proposal', () => {
    it('does not let the proposer approve; another forum member rejects it with a reason', async () => {
      const project = await propose('dual', { title: 'Egen idé' });
      expect(await refused(project.id, 'dual', { type: 'APPROVE' })).toEqual(['FOUR_EYES_PROPOSER']);
      expect(await refused(project.id, 'forum2', { type: 'REJECT' })).toEqual(['REASON_REQUIRED']);
      const rejected = await event(project.id, 'forum2', { type: 'REJECT', reason: 'Overlapper med Jobbro' });
      expect(rejected.body.project).toMatchObject({ state: 'rejected', final: true });
      const actions = await t.http.get(`/api/projects/${project.id}/actions`).set(as('forum')).expect(200);
      expect(actions.body.actions).toEqual([]);
    });
  });

  describe('an overdue evaluation', () => {
    it('escalates once to the owning administration and onto the forum’s agenda when its deadline has passed', async () => {
      const project = await propose('tmf', {
        title: 'Nattevandrere Amager',
        areaIds: [area.amager],
        periodStart: '2024-09-01',
        periodEnd: '2025-06-30',
        evaluationDate: '2025-05-31',
      });
      ids.overdue = project.id;
      expect(project.evaluationDueOn).toBe('2025-05-31');
      await event(project.id, 'forum', { type: 'APPROVE' });
      await event(project.id, 'tmf', { type: 'START' });
      const jobs = await outboxJobs(project.id);
      const byKind = Object.fromEntries(jobs.map((j) => [j.kind, j]));
      const handlers = t.app.get(DeadlineHandlers);
      await handlers.handle(byKind.due);
      const now = await refresh(project.id);
      expect(now).toMatchObject({ state: 'evaluationDue', overdue: true });

      // A job for a moved deadline, or for a deadline scheduled before, does nothing.
      await handlers.handle({ ...byKind.escalation, dueDate: '2000-01-01' });
      await handlers.handle({ ...byKind.escalation, entrySeq: 1 });
      await handlers.handle(byKind.escalation);
      await handlers.handle(byKind.escalation); // a job may run twice
      await handlers.handle(byKind.reminder);

      const agenda = await t.http.get('/api/meetings/agenda').set(as('forum')).expect(200);
      expect(agenda.body.items.filter((i: Json) => i.subjectId === project.id && i.kind === 'escalation')).toHaveLength(
        1,
      );
      const tmfInbox = await t.http.get('/api/notifications?limit=100').set(as('tmf')).expect(200);
      expect(
        tmfInbox.body.items.filter(
          (n: Json) => n.kind === 'project.evaluation.escalation' && n.link === `/projects/${project.id}`,
        ),
      ).toHaveLength(1);
      const leaderInbox = await t.http.get('/api/notifications?limit=100').set(as('projektleder')).expect(200);
      expect(
        leaderInbox.body.items.filter(
          (n: Json) => n.kind === 'project.evaluation.reminder' && n.link === `/projects/${project.id}`,
        ),
      ).toHaveLength(1);

      const overdue = await t.http.get('/api/projects?overdue=true&limit=200').set(as('observer')).expect(200);
      expect(overdue.body.items.map((p: Json) => p.id)).toContain(project.id);
      expect(overdue.body.items.every((p: Json) => p.overdue)).toBe(true);
      const notOverdue = await t.http.get('/api/projects?overdue=false&limit=200').set(as('observer')).expect(200);
      expect(notOverdue.body.items.map((p: Json) => p.id)).not.toContain(project.id);
      const mine = await t.http
        .get(`/api/projects?leader=me&areaId=${area.amager}&state=evaluationDue`)
        .set(as('projektleder'))
        .expect(200);
      expect(mine.body.items.map((p: Json) => p.id)).toContain(project.id);
      const notMine = await t.http.get('/api/projects?leader=me').set(as('tmf')).expect(200);
      expect(notMine.body.total).toBe(0);
    });

    it('stops escalating once the evaluation is submitted', async () => {
      const id = ids.overdue;
      await t.http
        .put(`/api/projects/${id}/evaluation`)
        .set(as('projektleder'))
        .send(completeEvaluation(0))
        .expect(200);
      await event(id, 'projektleder', { type: 'SUBMIT_EVALUATION' });
      const agenda = await t.http.get('/api/meetings/agenda').set(as('forum')).expect(200);
      expect(agenda.body.items.filter((i: Json) => i.subjectId === id && i.kind === 'escalation')).toHaveLength(0);
      expect((await refresh(id)).overdue).toBe(false);
    });
  });

  describe('portfolio figures', () => {
    it(
      'shows, per administration and area, projects by state, overdue evaluations, adopted amounts and the decision ' +
        'lead time',
      async () => {
        const res = await t.http.get('/api/projects/portfolio').set(as('observer')).expect(200);
        expect(res.body.asOf).toBe(today());
        const tmf = res.body.byAdministration.find((g: Json) => g.id === ids.TMF);
        expect(tmf.countsByState.adoptedIntoOperations).toBeGreaterThanOrEqual(1);
        expect(tmf.countsByState.rejected).toBeGreaterThanOrEqual(1);
        expect(tmf.adoptedByBudgetYear.find((y: Json) => y.budgetYear === 2033).yearlyAmountDkk).toBeGreaterThanOrEqual(
          1250000,
        );
        const bif = res.body.byAdministration.find((g: Json) => g.id === ids.BIF);
        const leadTime = workingDaysBetween('2026-06-30', today(), {
          country: 'DK',
          nonWorkingDays: COPENHAGEN.municipality.nonWorkingDays,
        });
        expect(bif.decisionLeadTime).toEqual({ decisions: 1, medianWorkingDays: leadTime, p90WorkingDays: leadTime });
        expect(bif.countsByState.terminated).toBe(1);
        expect(Object.keys(bif.countsByState)).toHaveLength(PROJECT_STATES.length);
        const amager = res.body.byArea.find((g: Json) => g.id === area.amager);
        expect(amager.countsByState.terminated).toBeGreaterThanOrEqual(1);
        expect(amager.countsByState.evaluationSubmitted).toBeGreaterThanOrEqual(1);
        const norrebro = res.body.byArea.find((g: Json) => g.id === area.norrebro);
        expect(
          norrebro.adoptedByBudgetYear.find((y: Json) => y.budgetYear === 2033).yearlyAmountDkk,
        ).toBeGreaterThanOrEqual(1250000);
      },
    );

    it('counts an overdue evaluation', async () => {
      const project = await propose('bif', {
        title: 'Lektiecafé',
        owningAdministrationId: ids.BIF,
        areaIds: [area.vesterbro],
        periodStart: '2024-01-01',
        periodEnd: '2024-12-31',
      });
      await event(project.id, 'forum', { type: 'APPROVE' });
      await event(project.id, 'bif', { type: 'START' });
      const res = await t.http.get('/api/projects/portfolio').set(as('observer')).expect(200);
      expect(res.body.byAdministration.find((g: Json) => g.id === ids.BIF).overdueEvaluations).toBe(1);
      expect(res.body.byArea.find((g: Json) => g.id === area.vesterbro).overdueEvaluations).toBeGreaterThanOrEqual(1);
    });

    it('gives the areas a page at a time, by name, with every administration on each page', async () => {
      const whole = (await t.http.get('/api/projects/portfolio').set(as('observer')).expect(200)).body as Json;
      expect(whole).toMatchObject({ limit: 50, offset: 0, areaTotal: whole.byArea.length });
      expect(whole.byArea.length).toBeGreaterThan(2);
      const pages: Json[] = [];
      for (let offset = 0; offset < whole.areaTotal; offset += 2) {
        const page = await t.http
          .get(`/api/projects/portfolio?limit=2&offset=${offset}`)
          .set(as('observer'))
          .expect(200);
        expect(page.body).toMatchObject({ limit: 2, offset, areaTotal: whole.areaTotal });
        expect(page.body.byAdministration).toEqual(whole.byAdministration);
        pages.push(...page.body.byArea);
      }
      expect(pages).toEqual(whole.byArea);

      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['limit=201', 'limit'],
        ['offset=-1', 'offset'],
        ['limit=ti', 'limit'],
      ]) {
        const bad = await t.http.get(`/api/projects/portfolio?${query}`).set(as('observer')).expect(400);
        expect([query, JSON.stringify(bad.body)]).toEqual([query, expect.stringContaining(field)]);
      }
    });
  });

  it('documents the project and intervention endpoints in OpenAPI', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/api/interventions',
      '/api/interventions/{id}',
      '/api/projects',
      '/api/projects/adoptions',
      '/api/projects/portfolio',
      '/api/projects/{id}',
      '/api/projects/{id}/actions',
      '/api/projects/{id}/events',
      '/api/projects/{id}/history',
      '/api/projects/{id}/evaluation',
      '/api/projects/{id}/evaluation/submissions',
      '/api/projects/{id}/evaluation/attachments',
      '/api/projects/{id}/evaluation/attachments/{attachmentId}',
    ]) {
      expect([p, paths.includes(p)]).toEqual([p, true]);
    }
    expect(Object.keys(doc.body.paths['/api/projects/{id}/evaluation/attachments'].post.responses)).toEqual(
      expect.arrayContaining(['201', '413', '415']),
    );
  });
});
