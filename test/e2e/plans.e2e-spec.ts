import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { formatDay } from '#domain';
import { OutboxRelay } from '../../src/platform/outbox/outbox.relay.js';
import { today } from '../../src/platform/common/local-day.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A plan for Tingbjerg/Husum goes from mapping to closed with the demo
 * accounts: a refused incomplete submission, a return, a four-eyes refusal,
 * an approval with conditions, parallel sign-offs, idempotent retries, a
 * stale version, and a readable diff of stored versions.
 */
describe('A development plan from mapping to closed', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let planId = '';
  let version = 0;
  let TMF = '';
  let BIF = '';

  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const event = async (who: string, body: Json, expected = 200, headers: Record<string, string> = {}) => {
    const res = await t.http
      .post(`/api/plans/${planId}/events`)
      .set({ ...as(who), ...headers })
      .send({ expectedVersion: version, ...body });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
    if (res.status === 200) version = res.body.plan.version;
    return res;
  };
  const addItem = async (who: string, section: string, data: Json, expected = 201) => {
    const res = await t.http.post(`/api/plans/${planId}/items`).set(as(who)).send({ section, data });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
    return res.body as Json;
  };

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of ['admin', 'tmf', 'bif', 'forum', 'forum2', 'observer']) tok[who] = await t.tokenFor(who);
    const admins = (await t.http.get('/api/administrations').set(as('admin'))).body as Json[];
    TMF = admins.find((a) => a.code === 'TMF')!.id;
    BIF = admins.find((a) => a.code === 'BIF')!.id;
    // A member of TMF who also sits in the mayors' forum: the four-eyes case.
    await t.http
      .post('/api/users')
      .set(as('admin'))
      .send({
        email: 'dual@kk.dk',
        displayName: 'Dorte Dobbeltrolle',
        password: 'dual-role-password',
        roles: ['staff', 'forum_member'],
        administrationId: TMF,
      })
      .expect(201);
    tok.dual = await t.tokenFor('dual@kk.dk', 'dual-role-password');
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts a plan for Tingbjerg/Husum coordinated by TMF, the network coordinator', async () => {
    const areas = (await t.http.get('/api/areas').set(as('tmf'))).body as Json[];
    const tingbjerg = areas.find((a) => a.code === 'tingbjerg-husum')!;
    await t.http
      .post('/api/plans')
      .set(as('observer'))
      .send({ areaId: tingbjerg.id, budgetYear: 2013, participatingAdministrationIds: [BIF] })
      .expect(403);
    const res = await t.http
      .post('/api/plans')
      .set(as('tmf'))
      .send({ areaId: tingbjerg.id, budgetYear: 2013, participatingAdministrationIds: [BIF] })
      .expect(201);
    expect(res.body).toMatchObject({
      stage: 'mapping',
      status: 'drafting',
      coordinatingAdministrationId: TMF,
      version: 1,
      areaName: 'Tingbjerg/Husum',
    });
    expect(res.body.participatingAdministrationIds.sort()).toEqual([TMF, BIF].sort());
    expect(res.body.stageDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    planId = res.body.id;
    version = res.body.version;
    const dup = await t.http
      .post('/api/plans')
      .set(as('tmf'))
      .send({ areaId: tingbjerg.id, budgetYear: 2013, participatingAdministrationIds: [BIF] })
      .expect(409);
    expect(dup.body.code).toBe('CONFLICT');
  });

  it('refuses an incomplete submission, listing every unmet rule', async () => {
    const res = await event('tmf', { type: 'SUBMIT' }, 422);
    expect(res.body.code).toBe('WORKFLOW_REFUSED');
    const codes = res.body.violations.map((v: Json) => v.code);
    expect(codes).toEqual(['MAPPING_INTERVENTIONS_MISSING', 'MAPPING_INTERVENTIONS_MISSING']);
    expect(res.body.violations.map((v: Json) => v.message).join(' ')).toContain(
      'Beskæftigelses- og Integrationsforvaltningen',
    );
    const actions = await t.http.get(`/api/plans/${planId}/actions`).set(as('tmf')).expect(200);
    expect(actions.body.missing).toHaveLength(2);
    expect(actions.body.editableSections).toEqual(['mapping']);
  });

  it(
    'maps each administration’s interventions, flags likely overlaps, and keeps administrations to their own ' +
      'parts',
    async () => {
      const goals = (await t.http.get('/api/goals').set(as('tmf'))).body as Json[];
      const employment = goals.find((g) => g.code === 'employment-city-level')!.id;
      const mine = await addItem('tmf', 'mapping', {
        name: 'Områdefornyelse Tingbjerg',
        kind: 'area_based',
        goalIds: [employment],
        periodStart: '2012-01-01',
        periodEnd: '2016-12-31',
        effectAssessment: 'Lovende',
      });
      await addItem('bif', 'mapping', {
        name: 'Jobcenter-indsats',
        kind: 'core_operations',
        goalIds: [employment],
        periodStart: '2013-01-01',
        periodEnd: null,
      });
      const content = await t.http.get(`/api/plans/${planId}/content`).set(as('observer')).expect(200);
      const tmfItem = content.body.items.find((i: Json) => i.id === mine.id);
      expect(tmfItem.overlapsWith).toHaveLength(1);

      const other = await t.http
        .patch(`/api/plans/${planId}/items/${mine.id}`)
        .set(as('bif'))
        .send({ version: 1, data: { name: 'X', kind: 'area_based' } })
        .expect(403);
      expect(other.body.violations[0].code).toBe('OTHER_ADMINISTRATIONS_CONTRIBUTION');
      await t.http
        .post(`/api/plans/${planId}/items`)
        .set(as('observer'))
        .send({ section: 'mapping', data: { name: 'X', kind: 'area_based' } })
        .expect(403);
      const bad = await t.http
        .post(`/api/plans/${planId}/items`)
        .set(as('tmf'))
        .send({ section: 'mapping', data: { name: 'Ny indsats', kind: 'wrong', extra: 1 } })
        .expect(400);
      expect(bad.body.errors.map((e: Json) => e.field).sort()).toEqual(['data.extra', 'data.kind']);
      const frozen = await t.http
        .post(`/api/plans/${planId}/items`)
        .set(as('tmf'))
        .send({ section: 'goal', data: { title: 'Tidligt mål' } })
        .expect(422);
      expect(frozen.body.violations[0].code).toBe('SECTION_FROZEN');
    },
  );

  it('draws the mapping from the register of interventions, each administration its own', async () => {
    const areas = (await t.http.get('/api/areas').set(as('tmf'))).body as Json[];
    const norrebro = areas.find((a) => a.code === 'norrebro')!;
    const goals = (await t.http.get('/api/goals').set(as('tmf'))).body as Json[];
    const safety = goals.find((g) => g.code === 'safety-city-level')!;
    const plan = (
      await t.http
        .post('/api/plans')
        .set(as('tmf'))
        .send({ areaId: norrebro.id, budgetYear: 2041, participatingAdministrationIds: [BIF] })
        .expect(201)
    ).body as Json;
    const registered = await t.http
      .post('/api/interventions')
      .set(as('tmf'))
      .send({
        name: 'Tryghedsvandring Nørrebro',
        kind: 'area_based',
        owningAdministrationId: TMF,
        areaIds: [norrebro.id],
        fundingSource: 'base_budget',
        periodStart: '2013-01-01',
        periodEnd: '2015-12-31',
        goalIds: [safety.id],
      })
      .expect(201);
    const from = (who: string, interventionIds: string[], expected: number) =>
      t.http
        .post(`/api/plans/${plan.id}/mapping/from-register`)
        .set(as(who))
        .send({ interventionIds })
        .expect(expected);

    const mapped = await from('tmf', [registered.body.id], 201);
    expect(mapped.body).toHaveLength(1);
    expect(mapped.body[0]).toMatchObject({
      section: 'mapping',
      administrationId: TMF,
      data: {
        name: 'Tryghedsvandring Nørrebro',
        kind: 'area_based',
        goalIds: [safety.id],
        periodStart: '2013-01-01',
        periodEnd: '2015-12-31',
        interventionId: registered.body.id,
      },
    });
    expect((await from('tmf', [registered.body.id], 201)).body).toEqual([]); // not mapped twice
    const intervention = await t.http.get(`/api/interventions/${registered.body.id}`).set(as('observer')).expect(200);
    expect(intervention.body.planIds).toEqual([plan.id]);

    const foreign = await from('bif', [registered.body.id], 403);
    expect(foreign.body.violations[0].code).toBe('OTHER_ADMINISTRATIONS_CONTRIBUTION');
    const unknown = await from('tmf', ['00000000-0000-4000-8000-000000000000'], 400);
    expect(unknown.body.errors[0].field).toBe('interventionIds');
    const dangling = await t.http
      .post(`/api/plans/${plan.id}/items`)
      .set(as('tmf'))
      .send({
        section: 'mapping',
        data: { name: 'Ukendt', kind: 'individual', interventionId: '00000000-0000-4000-8000-000000000000' },
      })
      .expect(400);
    expect(dangling.body.errors[0].field).toBe('data.interventionId');
    const badGoal = await t.http
      .post(`/api/plans/${plan.id}/items`)
      .set(as('tmf'))
      .send({
        section: 'mapping',
        data: { name: 'Ukendt mål', kind: 'individual', goalIds: ['00000000-0000-4000-8000-000000000000'] },
      })
      .expect(400);
    expect(badGoal.body.errors[0].field).toBe('data.goalIds');
    // The intervention leaves the register later: the mapping keeps its link and can still be edited.
    await t.http
      .delete(`/api/interventions/${registered.body.id}?version=${intervention.body.version}`)
      .set(as('tmf'))
      .expect(204);
    const item = mapped.body[0] as Json;
    const edited = await t.http
      .patch(`/api/plans/${plan.id}/items/${item.id}`)
      .set(as('tmf'))
      .send({ version: item.version, data: { ...item.data, effectAssessment: 'God effekt' } })
      .expect(200);
    expect(edited.body.data).toMatchObject({ interventionId: registered.body.id, effectAssessment: 'God effekt' });
    // The register's entry counts toward the mapping: TMF's part is done, BIF's is still missing.
    const refused = await t.http
      .post(`/api/plans/${plan.id}/events`)
      .set(as('tmf'))
      .send({ type: 'SUBMIT', expectedVersion: 1 })
      .expect(422);
    expect(refused.body.violations.map((v: Json) => v.code)).toEqual(['MAPPING_INTERVENTIONS_MISSING']);
    expect(refused.body.violations[0].message).toContain('Beskæftigelses- og Integrationsforvaltningen');
  });

  it('lets only the coordinating administration submit; a retry with the same Idempotency-Key applies once', async () => {
    const notCoordinator = await event('bif', { type: 'SUBMIT' }, 422, { 'Idempotency-Key': 'submit-by-bif-0001' });
    expect(notCoordinator.body.violations.map((v: Json) => v.code)).toEqual(['NOT_COORDINATOR_STAFF']);
    // A refusal is an answer too: the retry gets it again, marked as replayed.
    const refusedAgain = await event('bif', { type: 'SUBMIT' }, 422, { 'Idempotency-Key': 'submit-by-bif-0001' });
    expect(refusedAgain.headers['idempotent-replayed']).toBe('true');
    expect(refusedAgain.body).toMatchObject({ code: 'WORKFLOW_REFUSED', violations: notCoordinator.body.violations });
    expect(notCoordinator.headers['idempotent-replayed']).toBeUndefined();
    const first = await event('tmf', { type: 'SUBMIT' }, 200, { 'Idempotency-Key': 'submit-mapping-0001' });
    expect(first.body.plan).toMatchObject({ stage: 'mapping', status: 'submitted', version: 2 });
    const retry = await t.http
      .post(`/api/plans/${planId}/events`)
      .set({ ...as('tmf'), 'Idempotency-Key': 'submit-mapping-0001' })
      .send({ type: 'SUBMIT', expectedVersion: 1 })
      .expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    const reuse = await t.http
      .post(`/api/plans/${planId}/events`)
      .set({ ...as('tmf'), 'Idempotency-Key': 'submit-mapping-0001' })
      .send({ type: 'WITHDRAW', expectedVersion: 2 })
      .expect(422);
    expect(reuse.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const history = await t.http.get(`/api/plans/${planId}/history`).set(as('observer')).expect(200);
    expect(history.body.items.map((h: Json) => h.event)).toEqual(['CREATE', 'SUBMIT']);
    expect(history.body).toMatchObject({ total: 2, limit: 100, offset: 0 });
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const stale = await t.http
      .post(`/api/plans/${planId}/events`)
      .set(as('forum'))
      .send({ type: 'APPROVE', expectedVersion: 1 })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    expect((await t.http.get(`/api/plans/${planId}`).set(as('forum'))).body.version).toBe(2);
  });

  it("puts the submission on the mayors' forum's agenda and notifies its members", async () => {
    const pending = await t.http.get('/api/meetings/agenda').set(as('forum')).expect(200);
    expect(pending.body.items.filter((i: Json) => i.subjectId === planId && i.kind === 'submission')).toHaveLength(1);
    const meeting = await t.http
      .post('/api/meetings')
      .set(as('forum'))
      .send({ meetingDate: '2099-12-10', title: 'Borgmesterforum december' })
      .expect(201);
    expect(meeting.body.agenda.map((i: Json) => i.subjectId)).toContain(planId);
    tok.meeting = meeting.body.id;
    // A meeting cannot be scheduled in the past.
    const past = await t.http
      .post('/api/meetings')
      .set(as('forum'))
      .send({ meetingDate: '2020-01-02', title: 'For sent' })
      .expect(400);
    expect(past.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(past.body.errors.map((e: Json) => e.field)).toEqual(['meetingDate']);
    // An item left undecided at a meeting already held moves to the next meeting to come, not to a later one scheduled
    // now.
    const ds = t.app.get(DataSource);
    const [held] = (await ds.query(
      `INSERT INTO meeting (meeting_date, title) VALUES ('2020-03-01', 'Afholdt møde') RETURNING id`,
    )) as Json[];
    const [left] = (await ds.query(
      `INSERT INTO agenda_item (meeting_id, subject_type, subject_id, kind, title, dedup_key) VALUES ($1, 'plan',
        $2, 'escalation', 'Udsat punkt', $3) RETURNING id`,
      [held.id, planId, `test:carry-over:${planId}`],
    )) as Json[];
    await t.http
      .post('/api/meetings')
      .set(as('forum'))
      .send({ meetingDate: '2099-12-20', title: 'Borgmesterforum senere' })
      .expect(201);
    const next = await t.http.get(`/api/meetings/${tok.meeting}`).set(as('observer')).expect(200);
    expect(next.body.agenda.map((i: Json) => i.id)).toContain(left.id);
    const inbox = await t.http.get('/api/notifications').set(as('forum2')).expect(200);
    expect(inbox.body.items.some((n: Json) => n.kind === 'plan.submitted' && n.link === `/plans/${planId}`)).toBe(true);
  });

  it('returns the stage with a comment (a comment is required), then approves the resubmission', async () => {
    const noComment = await event('forum', { type: 'RETURN' }, 422);
    expect(noComment.body.violations.map((v: Json) => v.code)).toEqual(['COMMENT_REQUIRED']);
    // The submission is on the agenda of a meeting not yet held: a decision today is a written procedure.
    const returned = await event('forum', { type: 'RETURN', comment: 'Beskriv effekten af jobindsatsen' });
    expect(returned.body.plan).toMatchObject({ stage: 'mapping', status: 'drafting' });
    expect(returned.body.transition).toMatchObject({
      event: 'RETURN',
      fromState: 'mapping.submitted',
      toState: 'mapping.drafting',
      comment: 'Beskriv effekten af jobindsatsen',
      meetingId: null,
    });
    // A meeting held today: the decision made today is that meeting's.
    const held = await t.http
      .post('/api/meetings')
      .set(as('forum'))
      .send({ meetingDate: today(), title: `Ekstraordinært møde ${planId.slice(0, 8)}` })
      .expect(201);
    await event('tmf', { type: 'SUBMIT' });
    const approved = await event('forum', { type: 'APPROVE', comment: 'Godkendt' });
    expect(approved.body.plan).toMatchObject({ stage: 'analysis', status: 'drafting' });
    expect(approved.body.transition.meetingId).toBe(held.body.id);
    const later = await t.http.get(`/api/meetings/${tok.meeting}`).set(as('observer')).expect(200);
    expect(later.body.decisions).toEqual([]);
    const meeting = await t.http.get(`/api/meetings/${held.body.id}`).set(as('observer')).expect(200);
    // Only this plan's: the suite's other files share the database, and their decisions today are this meeting's too.
    const ours = (meeting.body.decisions as Json[]).filter((d) => d.subjectId === planId);
    expect(ours.map((d) => d.event)).toEqual(['APPROVE']);
    const decisions = (await t.http.get('/api/decisions?limit=500').set(as('observer')).expect(200)).body as Json[];
    const mine = decisions.filter((d) => d.subjectId === planId);
    expect(mine.map((d) => [d.event, d.procedure, d.meetingId])).toEqual([
      ['APPROVE', 'meeting', held.body.id],
      ['RETURN', 'written', null],
    ]);
    expect(mine[1]).toMatchObject({
      decidedOn: today(),
      decidedBy: expect.any(String),
      subjectDetail: expect.any(String),
    });
  });

  it('refuses a decision by the person who submitted (four eyes), and approves with conditions', async () => {
    const indicators = (await t.http.get('/api/indicators').set(as('tmf'))).body as Json[];
    await addItem('bif', 'problem', { theme: 'Beskæftigelse', text: 'Mange uden for arbejdsmarkedet' });
    await addItem('tmf', 'potential', { theme: 'Byrum', text: 'Store grønne arealer' });
    const indicator = await addItem('tmf', 'indicator', { indicatorId: indicators[0].id });
    const missing = await event('dual', { type: 'SUBMIT' }, 422);
    expect(missing.body.violations.map((v: Json) => v.code)).toEqual(['ANALYSIS_BASELINE_MISSING']);
    await t.http
      .patch(`/api/plans/${planId}/items/${indicator.id}`)
      .set(as('tmf'))
      .send({ version: 1, data: { indicatorId: indicators[0].id, baselineValue: 142, baselineYear: 2012 } })
      .expect(200);
    await event('dual', { type: 'SUBMIT' });
    const fourEyes = await event('dual', { type: 'APPROVE' }, 422);
    expect(fourEyes.body.violations.map((v: Json) => v.code)).toEqual(['FOUR_EYES']);
    const withConditions = await event('forum2', {
      type: 'APPROVE_WITH_CONDITIONS',
      conditions: ['Tilføj et tryghedsmål', '  '],
    });
    expect(withConditions.body.plan).toMatchObject({ stage: 'planning', openConditions: 1 });
  });

  it('needs goals with targets, an intervention per goal, closed conditions and every sign-off, in any order', async () => {
    const goal = await addItem('tmf', 'goal', {
      title: 'Beskæftigelse på byens niveau',
      targetValue: 75,
      targetYear: 2020,
    });
    await addItem('bif', 'goal', { title: 'Tryghed som i resten af byen' });
    const refused = await event('tmf', { type: 'SUBMIT' }, 422);
    expect(refused.body.violations.map((v: Json) => v.code).sort()).toEqual(
      [
        'OPEN_CONDITIONS',
        'PLAN_COMMITMENT_MISSING',
        'PLAN_COMMITMENT_MISSING',
        'PLAN_GOAL_WITHOUT_INTERVENTION',
        'PLAN_GOAL_WITHOUT_INTERVENTION',
        'PLAN_TARGET_MISSING',
      ].sort(),
    );
    const content = (await t.http.get(`/api/plans/${planId}/content`).set(as('bif'))).body as Json;
    const bifGoal = content.items.find((i: Json) => i.section === 'goal' && i.administrationId === BIF);
    await t.http
      .patch(`/api/plans/${planId}/items/${bifGoal.id}`)
      .set(as('bif'))
      .send({ version: 1, data: { title: 'Tryghed som i resten af byen', targetValue: 100, targetYear: 2020 } })
      .expect(200);
    await addItem('tmf', 'intervention', {
      name: 'Tryg belysning',
      kind: 'area_based',
      goalItemIds: [goal.id, bifGoal.id],
    });
    await addItem('bif', 'budget_proposal', { amount: 2500000, budgetYear: 2014, description: 'Jobindsats' });
    const condition = content.conditions[0];
    await t.http
      .post(`/api/plans/${planId}/conditions/${condition.id}/close`)
      .set(as('tmf'))
      .send({ note: 'Tryghedsmål tilføjet', expectedVersion: version })
      .expect(200);
    version += 1;
    // Sign-offs in parallel: both administrations sign the version they saw, at the same time; neither is a conflict.
    const seen = version;
    const sign = (who: string) =>
      t.http.post(`/api/plans/${planId}/events`).set(as(who)).send({ type: 'SIGN_COMMITMENT', expectedVersion: seen });
    const [bifSigned, tmfSigned] = await Promise.all([sign('bif'), sign('tmf')]);
    expect([bifSigned.status, tmfSigned.status]).toEqual([200, 200]);
    version = Math.max(bifSigned.body.plan.version, tmfSigned.body.plan.version);
    expect(version).toBe(seen + 2);
    const twice = await event('bif', { type: 'SIGN_COMMITMENT' }, 422);
    expect(twice.body.violations.map((v: Json) => v.code)).toEqual(['ALREADY_SIGNED']);
    // Anything but another signature in between still is a conflict.
    await t.http
      .post(`/api/plans/${planId}/deadline`)
      .set(as('forum'))
      .send({ dueDate: '2099-06-30', reason: 'Mere tid til underskrifter', expectedVersion: version })
      .expect(200);
    const staleSubmit = await t.http
      .post(`/api/plans/${planId}/events`)
      .set(as('tmf'))
      .send({ type: 'SUBMIT', expectedVersion: version })
      .expect(409);
    expect(staleSubmit.body.code).toBe('VERSION_CONFLICT');
    version += 1;
    const submitted = await event('tmf', { type: 'SUBMIT' });
    expect(submitted.body.plan.signatures.map((s: Json) => s.administrationId).sort()).toEqual([TMF, BIF].sort());
    await event('forum', { type: 'APPROVE' });
  });

  it(
    'needs the budget decision to leave implementation, then follows up until the final evaluation closes the ' +
      'plan',
    async () => {
      const refused = await event('tmf', { type: 'SUBMIT' }, 422);
      expect(refused.body.violations.map((v: Json) => v.code)).toEqual(['IMPLEMENTATION_BUDGET_DECISION_MISSING']);
      await addItem('tmf', 'budget_decision', { decidedOn: '2013-10-03', amount: 12000000, reference: 'Budget 2014' });
      await event('tmf', { type: 'SUBMIT' });
      const followUp = await event('forum', { type: 'APPROVE' });
      expect(followUp.body.plan.stage).toBe('followUp');

      const report = await addItem('tmf', 'progress_report', { period: '2014', summary: 'Beskæftigelsen er steget' });
      await event('tmf', { type: 'SUBMIT' });
      const frozenWhileSubmitted = await t.http
        .patch(`/api/plans/${planId}/items/${report.id}`)
        .set(as('tmf'))
        .send({ version: 2, data: { period: '2014', summary: 'Ændret' } })
        .expect(422);
      expect(frozenWhileSubmitted.body.violations[0].code).toBe('SECTION_FROZEN');
      // A returned progress report is worked on again, not written anew.
      await event('forum', { type: 'RETURN', comment: 'Tilføj tallene for 2014' });
      const reopened = (await t.http.get(`/api/plans/${planId}/content`).set(as('tmf')).expect(200)).body.items.find(
        (i: Json) => i.id === report.id,
      );
      expect(reopened.data.submittedSeq).toBeUndefined();
      await t.http
        .patch(`/api/plans/${planId}/items/${report.id}`)
        .set(as('tmf'))
        .send({
          version: reopened.version,
          data: { period: '2014', summary: 'Beskæftigelsen er steget fra 61 % til 64 %' },
        })
        .expect(200);
      await event('tmf', { type: 'SUBMIT' });
      const accepted = await event('forum2', { type: 'APPROVE' });
      expect(accepted.body.plan).toMatchObject({ stage: 'followUp', status: 'drafting' });
      // Each accepted report starts the next follow-up period, with its own deadline jobs.
      expect(accepted.body.transition.payload.stageDueDate).toBe(accepted.body.plan.stageDueDate);
      const ds = t.app.get(DataSource);
      const jobs = (await ds.query(`SELECT name FROM outbox_message WHERE job_id LIKE $1 ORDER BY name`, [
        `plan.${planId}.seq.${accepted.body.plan.version}.%`,
      ])) as Json[];
      expect(jobs.map((j) => j.name)).toEqual(['deadline-escalation', 'deadline-reminder']);
      const noReport = await event('tmf', { type: 'SUBMIT' }, 422);
      expect(noReport.body.violations.map((v: Json) => v.code)).toEqual(['FOLLOWUP_REPORT_MISSING']);
      await addItem('tmf', 'progress_report', { period: '2020', summary: 'Slutevaluering' });
      await event('tmf', { type: 'SUBMIT' });
      const closed = await event('forum', { type: 'CLOSE', comment: 'Målene er nået; planen afsluttes.' });
      expect(closed.body.plan).toMatchObject({ stage: 'closed', status: null, stageDueDate: null, overdue: false });
      const actions = await t.http.get(`/api/plans/${planId}/actions`).set(as('forum')).expect(200);
      expect(actions.body.actions).toEqual([]);
    },
  );

  it('keeps the whole record and every gate version, and shows a readable diff', async () => {
    const page = (await t.http.get(`/api/plans/${planId}/history?limit=500`).set(as('observer')).expect(200)).body;
    const history = page.items as Json[];
    expect(page.total).toBe(history.length);
    expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
    // A page at a time, newest first, gives the same record.
    const pages: Json[] = [];
    for (let offset = 0; offset < page.total; offset += 7) {
      const res = await t.http
        .get(`/api/plans/${planId}/history?order=desc&limit=7&offset=${offset}`)
        .set(as('observer'))
        .expect(200);
      expect(res.body).toMatchObject({ total: page.total, limit: 7, offset });
      pages.push(...(res.body.items as Json[]));
    }
    expect(pages.reverse()).toEqual(history);
    await t.http.get(`/api/plans/${planId}/history?limit=0`).set(as('observer')).expect(400);
    expect(history.at(-1)).toMatchObject({ event: 'CLOSE', toState: 'closed' });
    const versions = (await t.http.get(`/api/plans/${planId}/versions`).set(as('observer')).expect(200)).body as Json[];
    expect(versions.map((v) => `${v.stage}:${v.decision}`)).toEqual([
      'mapping:RETURN',
      'mapping:APPROVE',
      'analysis:APPROVE_WITH_CONDITIONS',
      'planning:APPROVE',
      'implementation:APPROVE',
      'followUp:RETURN',
      'followUp:APPROVE',
      'followUp:CLOSE',
    ]);
    const firstApproval = versions[1].seq;
    const stored = await t.http.get(`/api/plans/${planId}/versions/${firstApproval}`).set(as('observer')).expect(200);
    expect(stored.body.content.items.filter((i: Json) => i.section === 'mapping')).toHaveLength(2);
    expect(stored.body.content.items.some((i: Json) => i.section === 'goal')).toBe(false);
    const diff = await t.http
      .get(`/api/plans/${planId}/diff`)
      .query({ from: String(firstApproval), to: String(versions[3].seq) })
      .set(as('observer'))
      .expect(200);
    const summaries = diff.body.changes.map((c: Json) => c.summary);
    expect(summaries).toContain('Mål tilføjet: »Beskæftigelse på byens niveau«');
    expect(summaries).toContain('Betingelse stillet: »Tilføj et tryghedsmål«');
    // Signatures as who signed and when, in words and a Danish date (the day is today's, in Copenhagen).
    expect(summaries).toContain(`TMF har underskrevet forpligtelsen (${formatDay(new Date())})`);
    expect(diff.body.changes.map((c: Json) => c.summaryEn)).toContain(
      `TMF signed the commitment (${formatDay(new Date(), 'en')})`,
    );
    const toNow = await t.http
      .get(`/api/plans/${planId}/diff`)
      .query({ from: String(firstApproval) })
      .set(as('observer'))
      .expect(200);
    expect(toNow.body.to).toBe('current');
    expect(toNow.body.changes.length).toBeGreaterThan(diff.body.changes.length);
    // Never an internal field name, an id, JSON, an ISO date, or a line that ends at its colon, in either language.
    for (const line of [...diff.body.changes, ...toNow.body.changes].flatMap((c: Json) => [c.summary, c.summaryEn])) {
      expect(line).not.toMatch(/\b(stage|stageDueDate|signatures|baselineValue|targetValue|indicatorId|goalItemIds)\b/);
      expect(line).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
      expect(line).not.toMatch(/[{}[\]]/);
      expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(line).not.toMatch(/:\s*$/);
    }
    await t.http.get(`/api/plans/${planId}/diff`).query({ from: 'yesterday' }).set(as('observer')).expect(400);
  });

  it('lists plans with filters', async () => {
    const closed = await t.http
      .get('/api/plans')
      .query({ stage: 'closed', budgetYear: 2013 })
      .set(as('observer'))
      .expect(200);
    expect(closed.body.items.map((p: Json) => p.id)).toContain(planId);
    const mapping = await t.http.get('/api/plans').query({ stage: 'mapping' }).set(as('observer')).expect(200);
    expect(mapping.body.items.map((p: Json) => p.id)).not.toContain(planId);
    const bad = await t.http.get('/api/plans').query({ stage: 'nowhere' }).set(as('observer')).expect(400);
    expect(bad.body.errors[0].field).toBe('stage');
  });

  it('escalates an overdue stage through the queue: a moved deadline, the outbox relay and the worker', async () => {
    const areas = (await t.http.get('/api/areas').set(as('tmf'))).body as Json[];
    const valby = areas.find((a) => a.code === 'valby-vigerslev')!;
    const created = await t.http
      .post('/api/plans')
      .set(as('tmf'))
      .send({ areaId: valby.id, budgetYear: 2014, participatingAdministrationIds: [] })
      .expect(201);
    const id = created.body.id as string;
    // Drive the clock: the deadline moves to a day long past, so escalation is due now.
    const moved = await t.http
      .post(`/api/plans/${id}/deadline`)
      .set(as('forum'))
      .send({ dueDate: '2020-01-06', reason: 'Test af eskalering', expectedVersion: 1 })
      .expect(200);
    expect(moved.body).toMatchObject({ stageDueDate: '2020-01-06', overdue: true, version: 2 });
    const overdue = await t.http.get('/api/plans').query({ overdue: 'true' }).set(as('observer')).expect(200);
    // The database is shared with the other suites: this plan is among the overdue ones, and only overdue ones are
    // listed.
    expect(overdue.body.items.map((p: Json) => p.id)).toContain(id);
    expect(overdue.body.items.every((p: Json) => p.overdue === true)).toBe(true);

    await t.app.get(OutboxRelay).relayOnce();
    let escalations: Json[] = [];
    // Bounded wait (≤ 20 s, inside the test's 30): the worker is woken by the job's NOTIFY (or Redis) and runs it at
    // once.
    const until = Date.now() + 20_000;
    while (escalations.length === 0 && Date.now() < until) {
      const agenda = await t.http.get('/api/meetings/agenda').set(as('forum')).expect(200);
      escalations = agenda.body.items.filter((a: Json) => a.subjectId === id && a.kind === 'escalation');
      if (escalations.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(escalations).toHaveLength(1);
    expect(escalations[0].title).toContain('over fristen (6. januar 2020)');
    const inbox = await t.http.get('/api/notifications').set(as('tmf')).expect(200);
    expect(
      inbox.body.items.filter((n: Json) => n.kind === 'plan.deadline.escalation' && n.link === `/plans/${id}`),
    ).toHaveLength(1);
    const history = await t.http.get(`/api/plans/${id}/history`).set(as('observer')).expect(200);
    expect(history.body.items.at(-1)).toMatchObject({
      event: 'MOVE_DEADLINE',
      comment: 'Test af eskalering',
      payload: { to: '2020-01-06' },
    });

    // A deadline moved on takes the escalation off the agenda; moved back to the same past date, it escalates again.
    await t.http
      .post(`/api/plans/${id}/deadline`)
      .set(as('forum'))
      .send({ dueDate: '2099-01-05', reason: 'Ny frist', expectedVersion: 2 })
      .expect(200);
    const cleared = await t.http.get('/api/meetings/agenda').set(as('forum')).expect(200);
    expect(cleared.body.items.filter((a: Json) => a.subjectId === id && a.kind === 'escalation')).toHaveLength(0);
    await t.http
      .post(`/api/plans/${id}/deadline`)
      .set(as('forum'))
      .send({ dueDate: '2020-01-06', reason: 'Fristen gælder alligevel', expectedVersion: 3 })
      .expect(200);
    await t.app.get(OutboxRelay).relayOnce();
    let again: Json[] = [];
    const until2 = Date.now() + 8_000;
    while (again.length === 0 && Date.now() < until2) {
      const agenda = await t.http.get('/api/meetings/agenda').set(as('forum')).expect(200);
      again = agenda.body.items.filter((a: Json) => a.subjectId === id && a.kind === 'escalation');
      if (again.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(again).toHaveLength(1);
  });
});
