import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addWorkingDays } from '#domain';
import { COPENHAGEN } from '../../src/seed/copenhagen.seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Issue 18, the policy's organisation: the municipality's days off
 * (NON_WORKING_DAYS) counted by every working-day calculation, and the mix of
 * interventions per plan with its completeness rule. A database of its own:
 * this file changes the municipality's settings, which every other file's
 * deadlines and plan stages would otherwise feel.
 */
describe("The policy's organisation", () => {
  let t: TestApp;
  let db: TestDatabase | undefined;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const municipality = async () => (await t.http.get('/api/municipality').set(as('admin')).expect(200)).body as Json;
  const setMunicipality = (changes: Json, expected = 200) =>
    municipality().then(async (m) => {
      const res = await t.http
        .put('/api/municipality')
        .set(as('admin'))
        .send({ version: m.version, ...changes });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
      return res.body as Json;
    });

  beforeAll(async () => {
    db = await createTestDatabase('byloeft_policy_org');
    t = await createTestApp({ DATABASE_URL: db.url, QUEUE_PREFIX: `byloeft-policy-${randomBytes(4).toString('hex')}` });
    for (const who of ['admin', 'tmf', 'bif', 'forum', 'forum2', 'observer', 'projektleder'])
      tok[who] = await t.tokenFor(who);
    const admins = (await t.http.get('/api/administrations').set(as('admin'))).body as Json[];
    for (const code of ['TMF', 'BIF']) ids[code] = admins.find((a) => a.code === code)!.id;
    const areas = (await t.http.get('/api/areas').set(as('admin'))).body as Json[];
    for (const [key, code] of [
      ['tingbjerg', 'tingbjerg-husum'],
      ['valby', 'valby-vigerslev'],
      ['norrebro', 'norrebro'],
    ])
      ids[key] = areas.find((a) => a.code === code)!.id;
    const goals = (await t.http.get('/api/goals').set(as('admin'))).body as Json[];
    ids.employment = goals.find((g) => g.code === 'employment-city-level')!.id;
    ids.leader = (await t.http.get('/api/auth/me').set(as('projektleder')).expect(200)).body.id;
    ids.bifUser = (await t.http.get('/api/auth/me').set(as('bif')).expect(200)).body.id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  describe('days off (NON_WORKING_DAYS)', () => {
    it("has Copenhagen's days off from the seed: 5 June, 24 and 31 December", async () => {
      const m = await municipality();
      expect(m.nonWorkingDays).toEqual({ dates: [], yearly: ['06-05', '12-24', '12-31'] });
      expect(m.requireInterventionMix).toBe(false);
    });

    it('makes 24 December no working day with the default settings, beside the public holidays', async () => {
      const res = await t.http
        .get('/api/municipality/calendar?from=2026-12-21&to=2026-12-28')
        .set(as('observer'))
        .expect(200);
      expect(res.body.daysOff).toEqual([
        { date: '2026-12-24', kind: 'day_off' },
        { date: '2026-12-25', kind: 'public_holiday' },
      ]);
      expect(res.body.workingDays).toBe(3); // 22, 23 and 28 December
      const bad = await t.http.get('/api/municipality/calendar?from=2026-02-30&to=2026-12-28').set(as('observer'));
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: Json) => e.field)).toEqual(['from']);
    });

    it("counts them in a project's evaluation deadline", async () => {
      const res = await t.http
        .post('/api/projects')
        .set(as('tmf'))
        .send({
          title: `Juleprojekt ${randomBytes(3).toString('hex')}`,
          problem: 'Ensomhed i julen',
          proposedSolution: 'Fællesspisning',
          owningAdministrationId: ids.TMF,
          projectLeaderId: ids.leader,
          fundingSource: 'state_pool',
          budgetDkk: 100_000,
          periodStart: '2030-01-01',
          periodEnd: '2030-12-20',
          areaIds: [ids.tingbjerg],
          goalIds: [ids.employment],
        })
        .expect(201);
      // 20 working days after Friday 20 December 2030, skipping 24, 25, 26 and 31 December and New Year's Day.
      expect(res.body.evaluationDeadline).toBe('2031-01-24');
      expect(addWorkingDays('2030-12-20', 20, 'DK')).toBe('2031-01-22'); // public holidays alone would give this
      expect(
        addWorkingDays('2030-12-20', 20, { country: 'DK', nonWorkingDays: COPENHAGEN.municipality.nonWorkingDays }),
      ).toBe('2031-01-24');
    });

    it('is edited by administrators (dates and yearly rules checked, on the record) and used at once', async () => {
      const bad = await t.http
        .put('/api/municipality')
        .set(as('admin'))
        .send({ version: (await municipality()).version, nonWorkingDays: { dates: ['2026-02-30'], yearly: ['24-12'] } })
        .expect(400);
      expect(bad.body.errors.map((e: Json) => e.field).sort()).toEqual([
        'nonWorkingDays.dates',
        'nonWorkingDays.yearly',
      ]);
      await t.http
        .put('/api/municipality')
        .set(as('tmf'))
        .send({ version: (await municipality()).version, nonWorkingDays: { dates: [], yearly: [] } })
        .expect(403);
      const saved = await setMunicipality({
        nonWorkingDays: { dates: ['2026-12-22'], yearly: ['06-05', '12-24', '12-31'] },
      });
      expect(saved.nonWorkingDays.dates).toEqual(['2026-12-22']);
      const res = await t.http
        .get('/api/municipality/calendar?from=2026-12-21&to=2026-12-28')
        .set(as('observer'))
        .expect(200);
      expect(res.body.daysOff.map((d: Json) => d.date)).toEqual(['2026-12-22', '2026-12-24', '2026-12-25']);
      expect(res.body.workingDays).toBe(2);
      const history = await t.http.get('/api/municipality/history').set(as('admin')).expect(200);
      const last = (history.body as Json[]).find((h) => h.after?.non_working_days?.dates?.includes('2026-12-22'));
      expect(last).toBeDefined();
      await setMunicipality({ nonWorkingDays: COPENHAGEN.municipality.nonWorkingDays });
    });
  });

  describe('the mix of interventions', () => {
    let planId = '';
    let version = 0;
    const goalIds: string[] = [];
    const refresh = async () => {
      version = (await t.http.get(`/api/plans/${planId}`).set(as('tmf')).expect(200)).body.version;
    };
    const event = async (who: string, body: Json, expected = 200) => {
      await refresh();
      const res = await t.http
        .post(`/api/plans/${planId}/events`)
        .set(as(who))
        .send({ expectedVersion: version, ...body });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
      return res;
    };
    const addItem = async (who: string, section: string, data: Json, expected = 201) => {
      const res = await t.http.post(`/api/plans/${planId}/items`).set(as(who)).send({ section, data });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
      return res.body as Json;
    };

    beforeAll(async () => {
      const plan = await t.http
        .post('/api/plans')
        .set(as('tmf'))
        .send({ areaId: ids.valby, budgetYear: 2014, participatingAdministrationIds: [ids.BIF] })
        .expect(201);
      planId = plan.body.id;
      await addItem('tmf', 'mapping', { name: 'Områdefornyelse Valby', kind: 'area_based' });
      await addItem('bif', 'mapping', { name: 'Jobcenter Valby', kind: 'core_operations' });
      await event('tmf', { type: 'SUBMIT' });
      await event('forum', { type: 'APPROVE' });
      const indicators = (await t.http.get('/api/indicators').set(as('tmf'))).body as Json[];
      await addItem('bif', 'problem', { theme: 'Beskæftigelse', text: 'Mange uden for arbejdsmarkedet' });
      await addItem('tmf', 'potential', { theme: 'Byrum', text: 'Store grønne arealer' });
      await addItem('tmf', 'indicator', { indicatorId: indicators[0].id, baselineValue: 120, baselineYear: 2012 });
      await event('tmf', { type: 'SUBMIT' });
      await event('forum', { type: 'APPROVE' });
      for (const title of ['Flere i job', 'Tryghed som i resten af byen'])
        goalIds.push((await addItem('tmf', 'goal', { title, targetValue: 100, targetYear: 2020 })).id);
      await addItem('bif', 'intervention', {
        name: 'Jobcenterets opsøgende team',
        kind: 'core_operations',
        goalItemIds: [goalIds[0]],
        fundingSource: 'base_budget',
        yearlyAmountDkk: 1_200_000,
      });
      await event('tmf', { type: 'SIGN_COMMITMENT' });
      await event('bif', { type: 'SIGN_COMMITMENT' });
    }, 120_000);

    it('shows count and funding per kind and per goal, and the kinds the plan lacks', async () => {
      const bad = await t.http
        .post(`/api/plans/${planId}/items`)
        .set(as('tmf'))
        .send({
          section: 'intervention',
          data: { name: 'Xy', kind: 'individual', goalItemIds: [], fundingSource: 'lottery', yearlyAmountDkk: -1 },
        })
        .expect(400);
      expect(bad.body.errors.map((e: Json) => e.field).sort()).toEqual(['data.fundingSource', 'data.yearlyAmountDkk']);
      const res = await t.http.get(`/api/plans/${planId}/intervention-mix`).set(as('observer')).expect(200);
      expect(res.body).toMatchObject({
        required: false,
        missingKinds: ['individual', 'area_based'],
        total: { count: 1, yearlyAmountDkk: 1_200_000 },
        kinds: {
          core_operations: { count: 1, yearlyAmountDkk: 1_200_000, bySource: { base_budget: 1_200_000 } },
          individual: { count: 0, yearlyAmountDkk: 0 },
          area_based: { count: 0 },
        },
      });
      expect(res.body.goals.map((g: Json) => [g.title, g.total.count])).toEqual([
        ['Flere i job', 1],
        ['Tryghed som i resten af byen', 0],
      ]);
      await t.http.get('/api/plans/00000000-0000-4000-8000-000000000000/intervention-mix').set(as('tmf')).expect(404);
    });

    it('refuses the plan stage without every kind when the municipality turns the rule on, with the reason', async () => {
      // The second goal has no intervention yet: that rule holds with the mix rule off, too.
      const off = await event('tmf', { type: 'SUBMIT' }, 422);
      expect(off.body.violations.map((v: Json) => v.code)).toEqual(['PLAN_GOAL_WITHOUT_INTERVENTION']);
      await addItem('tmf', 'intervention', {
        name: 'Tryghedsvandringer',
        kind: 'individual',
        goalItemIds: [goalIds[1]],
        fundingSource: 'municipal_pool',
        yearlyAmountDkk: 300_000,
      });
      await setMunicipality({ requireInterventionMix: true });
      const on = await event('tmf', { type: 'SUBMIT' }, 422);
      expect(on.body.violations.map((v: Json) => v.code)).toEqual(['PLAN_INTERVENTION_KIND_MISSING']);
      expect(on.body.violations[0].message).toContain('områdebaseret');
      expect(on.body.violations[0].messageEn).toContain('area-based');
      const actions = await t.http.get(`/api/plans/${planId}/actions`).set(as('tmf')).expect(200);
      expect(actions.body.missing.map((v: Json) => v.code)).toEqual(['PLAN_INTERVENTION_KIND_MISSING']);
      const mix = await t.http.get(`/api/plans/${planId}/intervention-mix`).set(as('observer')).expect(200);
      expect(mix.body).toMatchObject({ required: true, missingKinds: ['area_based'] });

      await addItem('tmf', 'intervention', {
        name: 'Helhedsplan for Folehaven',
        kind: 'area_based',
        goalItemIds: goalIds,
        fundingSource: 'housing_association',
        yearlyAmountDkk: 2_000_000,
      });
      const submitted = await event('tmf', { type: 'SUBMIT' });
      expect(submitted.body.plan).toMatchObject({ stage: 'planning', status: 'submitted' });
      await setMunicipality({ requireInterventionMix: false });
    });
  });
  describe("the local network's coordinator hand-over", () => {
    it("is an event on the network's record: from, to, when, by whom and why", async () => {
      const networks = (await t.http.get('/api/local-networks').set(as('observer')).expect(200)).body as Json[];
      const network = networks.find((n) => n.areaId === ids.tingbjerg)!;
      expect(network.coordinatingAdministrationId).toBe(ids.TMF); // TMF starts every network
      const handOver = (who: string, body: Json) =>
        t.http.post(`/api/local-networks/${network.id}/handover`).set(as(who)).send(body);
      const notCoordinator = await handOver('bif', {
        version: network.version,
        toAdministrationId: ids.BIF,
        reason: 'BIF har flest indsatser',
      });
      expect(notCoordinator.status).toBe(403);
      expect(notCoordinator.body.violations.map((v: Json) => v.code)).toEqual(['NOT_COORDINATOR_STAFF']);
      const noReason = await handOver('tmf', { version: network.version, toAdministrationId: ids.BIF, reason: '' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors.map((e: Json) => e.field)).toEqual(['reason']);
      const stale = await handOver('tmf', { version: network.version + 5, toAdministrationId: ids.BIF, reason: 'Nu' });
      expect(stale.status).toBe(409);

      const res = await handOver('tmf', {
        version: network.version,
        toAdministrationId: ids.BIF,
        reason: 'BIF har de fleste indsatser i Tingbjerg',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        seq: 2, // after the start, the first entry of the coordinator history
        fromAdministrationId: ids.TMF,
        fromAdministrationName: 'Teknik- og Miljøforvaltningen',
        toAdministrationId: ids.BIF,
        toAdministrationName: 'Beskæftigelses- og Integrationsforvaltningen',
        reason: 'BIF har de fleste indsatser i Tingbjerg',
        actorName: expect.any(String),
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      const again = await handOver('bif', {
        version: network.version + 1,
        toAdministrationId: ids.BIF,
        reason: 'Igen',
      });
      expect(again.body.violations.map((v: Json) => v.code)).toEqual(['ALREADY_COORDINATOR']);
      const after = await t.http.get(`/api/local-networks/${network.id}`).set(as('observer')).expect(200);
      expect(after.body).toMatchObject({ coordinatingAdministrationId: ids.BIF, version: network.version + 1 });
      const record = await t.http.get(`/api/local-networks/${network.id}/handovers`).set(as('observer')).expect(200);
      // The seed started the network with TMF: that start is the history's first entry, the hand-over its second.
      expect(record.body).toEqual([
        expect.objectContaining({
          seq: 1,
          fromAdministrationId: null,
          toAdministrationId: ids.TMF,
          actorId: null,
          actorName: 'Byløft (opsætning)',
        }),
        res.body,
      ]);
      // A plan started in the area now has the new coordinator.
      const plan = await t.http
        .post('/api/plans')
        .set(as('bif'))
        .send({ areaId: ids.tingbjerg, budgetYear: 2013, participatingAdministrationIds: [ids.TMF] })
        .expect(201);
      expect(plan.body.coordinatingAdministrationId).toBe(ids.BIF);
    });
  });

  describe("the local network's members", () => {
    let network: Json;
    const addMember = (who: string, body: Json) =>
      t.http.post(`/api/local-networks/${network.id}/members`).set(as(who)).send(body);

    beforeAll(async () => {
      const networks = (await t.http.get('/api/local-networks').set(as('observer')).expect(200)).body as Json[];
      network = networks.find((n) => n.areaId === ids.norrebro)!;
      ids.project = (
        await t.http
          .post('/api/projects')
          .set(as('tmf'))
          .send({
            title: `Helhedsplan Mjølnerparken ${randomBytes(3).toString('hex')}`,
            problem: 'Mange unge uden job',
            proposedSolution: 'Boligsocial helhedsplan',
            owningAdministrationId: ids.TMF,
            projectLeaderId: ids.leader,
            fundingSource: 'state_pool',
            budgetDkk: 2_000_000,
            periodStart: '2030-01-01',
            periodEnd: '2031-12-31',
            areaIds: [ids.norrebro],
            goalIds: [ids.employment],
          })
          .expect(201)
      ).body.id;
    });

    it("adds users (a local head, a project's leader) and removes them, each on the network's record", async () => {
      expect(network.coordinatingAdministrationId).toBe(ids.TMF);
      const candidates = (await t.http.get(`/api/local-networks/${network.id}/candidates`).set(as('tmf')).expect(200))
        .body as Json[];
      expect(candidates).toContainEqual(
        expect.objectContaining({ userId: ids.leader, capacity: 'project_leader', projectId: ids.project }),
      );
      expect(candidates).toContainEqual(
        expect.objectContaining({ userId: ids.bifUser, capacity: 'local_head', administrationId: ids.BIF }),
      );
      await t.http.get(`/api/local-networks/${network.id}/candidates`).set(as('observer')).expect(403);

      // Staff of another administration than the coordinator may not; an observer not at all.
      const refused = await addMember('bif', { userId: ids.bifUser, capacity: 'local_head', reason: 'Lokal leder' });
      expect(refused.status).toBe(403);
      expect(refused.body.violations.map((v: Json) => v.code)).toEqual(['NOT_COORDINATOR_STAFF']);
      await addMember('observer', { userId: ids.bifUser, capacity: 'local_head', reason: 'x' }).expect(403);
      const invalid = await addMember('tmf', { userId: 'nobody', capacity: 'chair', reason: '' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors.map((e: Json) => e.field).sort()).toEqual(['capacity', 'reason', 'userId']);
      const noProject = await addMember('tmf', { userId: ids.leader, capacity: 'project_leader', reason: 'Leder' });
      expect(noProject.body.errors.map((e: Json) => e.field)).toEqual(['projectId']);
      // A leader is a member for a project they lead; Birgitte leads none.
      const notLeader = await addMember('tmf', {
        userId: ids.bifUser,
        capacity: 'project_leader',
        projectId: ids.project,
        reason: 'Leder projektet',
      });
      expect(notLeader.status).toBe(422);
      expect(notLeader.body.violations.map((v: Json) => v.code)).toEqual(['NETWORK_MEMBER_NOT_PROJECT_LEADER']);

      const head = await addMember('tmf', {
        userId: ids.bifUser,
        capacity: 'local_head',
        reason: 'Lokal leder for jobcentret på Nørrebro',
      });
      expect(head.status).toBe(201);
      expect(head.body).toMatchObject({
        seq: 1,
        change: 'added',
        userId: ids.bifUser,
        userName: 'Birgitte BIF',
        capacity: 'local_head',
        administrationId: ids.BIF,
        administrationName: 'Beskæftigelses- og Integrationsforvaltningen',
        projectId: null,
        reason: 'Lokal leder for jobcentret på Nørrebro',
        actorName: 'Torben TMF',
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      const twice = await addMember('admin', { userId: ids.bifUser, capacity: 'local_head', reason: 'Igen' });
      expect(twice.status).toBe(409);
      expect(twice.body.violations.map((v: Json) => v.code)).toEqual(['NETWORK_MEMBER_ALREADY_ADDED']);
      const leader = await addMember('admin', {
        userId: ids.leader,
        capacity: 'project_leader',
        projectId: ids.project,
        reason: 'Leder den boligsociale helhedsplan',
      });
      expect(leader.status).toBe(201);
      expect(leader.body).toMatchObject({ seq: 2, capacity: 'project_leader', projectId: ids.project });

      const after = (await t.http.get(`/api/local-networks/${network.id}`).set(as('observer')).expect(200)).body;
      expect(after.members.map((m: Json) => [m.name, m.capacity])).toEqual([
        ['Birgitte BIF', 'local_head'],
        ['Pia Projektleder', 'project_leader'],
      ]);
      expect(after.version).toBe(network.version); // members are events, not edits of the network
      const headMember = after.members[0] as Json;
      expect(headMember).toMatchObject({ userId: ids.bifUser, addedSeq: 1, administrationName: expect.any(String) });

      const removal = (memberId: string, who: string, reason: string) =>
        t.http.post(`/api/local-networks/${network.id}/members/${memberId}/removal`).set(as(who)).send({ reason });
      expect((await removal(headMember.id, 'bif', 'Skifter job')).status).toBe(403);
      expect((await removal(headMember.id, 'tmf', '')).body.errors.map((e: Json) => e.field)).toEqual(['reason']);
      const removed = await removal(headMember.id, 'tmf', 'Har skiftet stilling');
      expect(removed.status).toBe(201);
      expect(removed.body).toMatchObject({
        seq: 3,
        change: 'removed',
        userId: ids.bifUser,
        capacity: 'local_head',
        administrationId: ids.BIF,
        reason: 'Har skiftet stilling',
        actorName: 'Torben TMF',
      });
      expect((await removal(headMember.id, 'tmf', 'Igen')).status).toBe(404);

      const members = (await t.http.get(`/api/local-networks/${network.id}/members`).set(as('observer')).expect(200))
        .body as Json[];
      expect(members.map((m) => m.userId)).toEqual([ids.leader]);
      const record = (await t.http.get(`/api/local-networks/${network.id}/membership`).set(as('observer')).expect(200))
        .body as Json[];
      expect(record.map((e) => [e.seq, e.change, e.userName, e.capacity])).toEqual([
        [1, 'added', 'Birgitte BIF', 'local_head'],
        [2, 'added', 'Pia Projektleder', 'project_leader'],
        [3, 'removed', 'Birgitte BIF', 'local_head'],
      ]);
      expect(record[0]).toEqual(head.body);
      expect(record[2]).toEqual(removed.body);
      // She can be added again: the record keeps both.
      const candidatesAfter = (
        await t.http.get(`/api/local-networks/${network.id}/candidates`).set(as('tmf')).expect(200)
      ).body as Json[];
      expect(candidatesAfter.some((c) => c.userId === ids.leader && c.projectId === ids.project)).toBe(false);
      expect(candidatesAfter.some((c) => c.userId === ids.bifUser && c.capacity === 'local_head')).toBe(true);
    });
  });

  describe('a plan started in an area without a local network', () => {
    it('is refused, naming the network starter (TMF, a setting), until the network is started', async () => {
      expect((await municipality()).networkStarterAdministrationId).toBe(ids.TMF);
      const area = (
        await t.http
          .post('/api/areas')
          .set(as('admin'))
          .send({ code: `nyt-${randomBytes(3).toString('hex')}`, name: 'Sydhavn Vest' })
          .expect(201)
      ).body as Json;
      const start = () =>
        t.http
          .post('/api/plans')
          .set(as('tmf'))
          .send({ areaId: area.id, budgetYear: 2015, participatingAdministrationIds: [ids.BIF] });
      const refused = await start();
      expect(refused.status).toBe(422);
      expect(refused.body.violations.map((v: Json) => v.code)).toEqual(['PLAN_AREA_WITHOUT_NETWORK']);
      expect(refused.body.violations[0].message).toContain('Sydhavn Vest har intet lokalt netværk');
      expect(refused.body.violations[0].message).toContain('Teknik- og Miljøforvaltningen som første tovholder');
      expect(refused.body.network).toEqual({ areaId: area.id, starterAdministrationId: ids.TMF });

      // The setting names who starts networks: with BIF, the refusal names BIF.
      await setMunicipality({ networkStarterAdministrationId: ids.BIF });
      const named = await start();
      expect(named.body.violations[0].messageEn).toContain('Beskæftigelses- og Integrationsforvaltningen as its first');
      await setMunicipality({ networkStarterAdministrationId: ids.TMF });

      // Staff of another administration than the starter may not start it.
      const notStarter = await t.http.post('/api/local-networks').set(as('bif')).send({ areaId: area.id });
      expect(notStarter.status).toBe(403);
      expect(notStarter.body.violations.map((v: Json) => v.code)).toEqual(['NOT_NETWORK_STARTER']);
      const network = await t.http
        .post('/api/local-networks')
        .set(as('tmf'))
        .send({ areaId: area.id, reason: 'Udviklingsplanen for Sydhavn Vest skal i gang' })
        .expect(201);
      expect(network.body).toMatchObject({
        areaId: area.id,
        areaName: 'Sydhavn Vest',
        coordinatingAdministrationId: ids.TMF,
        members: [],
      });
      const history = await t.http
        .get(`/api/local-networks/${network.body.id}/handovers`)
        .set(as('observer'))
        .expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({
          seq: 1,
          fromAdministrationId: null,
          toAdministrationId: ids.TMF,
          reason: 'Udviklingsplanen for Sydhavn Vest skal i gang',
          actorName: 'Torben TMF',
        }),
      ]);
      const plan = await start();
      expect(plan.status).toBe(201);
      expect(plan.body.coordinatingAdministrationId).toBe(ids.TMF);
    });
  });
});
