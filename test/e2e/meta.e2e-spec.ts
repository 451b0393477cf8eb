import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FUNDING_SOURCES, INTERVENTION_KINDS, PLAN_STAGES, PROJECT_STATES, PLAN_SECTION_NAMES } from '#domain';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** GET /api/meta: the domain's vocabulary for signed-in users, cacheable. */
describe('The vocabulary at /api/meta', () => {
  let t: TestApp;
  let token = '';

  beforeAll(async () => {
    t = await createTestApp({}, { api: true, worker: false });
    token = await t.tokenFor('observer');
  });
  afterAll(async () => {
    await t.close();
  });

  it('is for signed-in users only', async () => {
    await t.http.get('/api/meta').expect(401);
  });

  it("serves the domain's stages, sections, states and enumerations with Danish and English labels", async () => {
    const res = await t.http
      .get('/api/meta')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    const ids = (list: { id: string }[]) => list.map((e) => e.id);
    expect(ids(res.body.plan.stages)).toEqual([...PLAN_STAGES]);
    expect(res.body.plan.stages.find((s: { id: string }) => s.id === 'analysis')).toMatchObject({
      label: { da: 'Analyse', en: 'Analysis' },
      sections: ['problem', 'potential', 'indicator'],
    });
    expect(ids(res.body.plan.sections).sort()).toEqual([...PLAN_SECTION_NAMES].sort());
    expect(ids(res.body.plan.statuses)).toEqual(['drafting', 'submitted']);
    expect(ids(res.body.project.states).sort()).toEqual([...PROJECT_STATES].sort());
    expect(res.body.project.states.find((s: { id: string }) => s.id === 'adoptedIntoOperations')).toMatchObject({
      final: true,
      evaluationOwed: false,
      label: { da: 'Forankret i drift', en: 'Adopted into core operations' },
    });
    expect(ids(res.body.enums.interventionKinds)).toEqual([...INTERVENTION_KINDS]);
    expect(ids(res.body.enums.fundingSources)).toEqual([...FUNDING_SOURCES]);
    expect(res.body.enums.evidenceScale.map((e: { rank: number }) => e.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(ids(res.body.enums.investmentTypes)).toEqual(['public', 'private']);
    // A project event has the button's words and the record's (past tense, for the history).
    expect(res.body.project.events.find((e: { id: string }) => e.id === 'SUBMIT_EVALUATION')).toEqual({
      id: 'SUBMIT_EVALUATION',
      label: { da: 'Aflever evalueringen', en: 'Submit the evaluation' },
      recorded: { da: 'Evalueringen er afleveret', en: 'The evaluation was submitted' },
    });
  });

  it('is cacheable: an ETag and Cache-Control, and 304 for the version the client holds', async () => {
    const first = await t.http
      .get('/api/meta')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, max-age=300');
    const again = await t.http.get('/api/meta').set({ Authorization: `Bearer ${token}`, 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    await t.http
      .get('/api/meta')
      .set({ Authorization: `Bearer ${token}`, 'If-None-Match': '"something-else"' })
      .expect(200);
  });
});
