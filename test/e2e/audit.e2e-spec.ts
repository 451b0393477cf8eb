import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** GET /api/admin/audit/verify: the record's hash chains, for administrators only (issue 11, defect 4). */
describe('Audit verification over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { api: true, worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tells an administrator that every chain holds, table by table', async () => {
    const admin = await t.tokenFor('admin');
    const res = await t.http.get('/api/admin/audit/verify').auth(admin, { type: 'bearer' }).expect(200);
    expect(res.body).toMatchObject({ ok: true, broken: [] });
    expect((res.body as { tables: { table: string }[] }).tables.map((x) => x.table)).toContain('plan_transition');
  });

  it('is for administrators only', async () => {
    for (const who of ['observer', 'tmf', 'forum']) {
      const token = await t.tokenFor(who);
      await t.http.get('/api/admin/audit/verify').auth(token, { type: 'bearer' }).expect(403);
    }
    await t.http.get('/api/admin/audit/verify').expect(401);
  });
});
