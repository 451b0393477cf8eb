import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '../../src/seed/seeder.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * GET /api/users/project-leaders: what staff need to name a project's leader
 * when they propose a project (the full user list is for administrators only).
 */
describe('Project leaders for a proposal', () => {
  let t: TestApp;
  const bearer = async (who: string) => ({ Authorization: `Bearer ${await t.tokenFor(who)}` });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it(
    'lists the active project leaders (id, name, e-mail only) to staff and administrators; the id proposes a ' +
      'project',
    async () => {
      const res = await t.http
        .get('/api/users/project-leaders')
        .set(await bearer('tmf'))
        .expect(200);
      const leaders = res.body as Json[];
      const pia = leaders.find((l) => l.email === 'projektleder@demo.byloeft.dk');
      expect(pia).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        displayName: 'Pia Projektleder',
        email: 'projektleder@demo.byloeft.dk',
      });
      for (const l of leaders) expect(Object.keys(l).sort()).toEqual(['displayName', 'email', 'id']);
      // Only project leaders: no staff, forum members or observers.
      for (const who of ['tmf', 'bif', 'forum', 'observer', 'admin'])
        expect(leaders.map((l) => l.email)).not.toContain(`${who}@demo.byloeft.dk`);
      const me = await t.http
        .get('/api/auth/me')
        .set(await bearer('projektleder'))
        .expect(200);
      expect(pia!.id).toBe(me.body.id);

      await t.http
        .get('/api/users/project-leaders')
        .set(await bearer('bif'))
        .expect(200);
      const asAdmin = await t.http
        .get('/api/users/project-leaders')
        .set(await bearer('admin'))
        .expect(200);
      expect(asAdmin.body.map((l: Json) => l.email)).toContain('projektleder@demo.byloeft.dk');
    },
  );

  it('leaves out deactivated project leaders', async () => {
    const admin = await bearer('admin');
    const email = `pl-inactive-${Date.now().toString(36)}@kk.dk`;
    const created = await t.http
      .post('/api/users')
      .set(admin)
      .send({ email, displayName: 'Inaktiv Leder', password: DEMO_PASSWORD, roles: ['project_leader'] })
      .expect(201);
    let list = (
      await t.http
        .get('/api/users/project-leaders')
        .set(await bearer('tmf'))
        .expect(200)
    ).body as Json[];
    expect(list.map((l) => l.email)).toContain(email);
    await t.http
      .patch(`/api/users/${created.body.id}`)
      .set(admin)
      .send({ version: created.body.version, active: false })
      .expect(200);
    list = (
      await t.http
        .get('/api/users/project-leaders')
        .set(await bearer('tmf'))
        .expect(200)
    ).body as Json[];
    expect(list.map((l) => l.email)).not.toContain(email);
  });

  it('refuses observers, forum members and project leaders (403), and callers without a token (401)', async () => {
    for (const who of ['observer', 'forum', 'projektleder']) {
      const res = await t.http.get('/api/users/project-leaders').set(await bearer(who));
      expect({ who, status: res.status, code: res.body.code }).toEqual({ who, status: 403, code: expect.any(String) });
    }
    await t.http.get('/api/users/project-leaders').expect(401);
  });

  it('is described in the OpenAPI document, with who may call it and its response', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as Json;
    const op = doc.paths['/api/users/project-leaders']?.get;
    expect(op).toBeDefined();
    expect(op['x-roles']).toEqual(['staff', 'administrator']);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '401', '403']);
    expect(op.responses['200'].content['application/json'].schema).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/ProjectLeaderDto' },
    });
    expect(Object.keys(doc.components.schemas.ProjectLeaderDto.properties).sort()).toEqual([
      'displayName',
      'email',
      'id',
    ]);
  });
});
