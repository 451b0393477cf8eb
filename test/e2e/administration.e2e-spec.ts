import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * What the administration pages need from the API (issue 14): users searched
 * and filtered, master data deactivated rather than removed, and every change
 * on a record that names who made it, so a stale edit can show the change
 * that beat it.
 */
describe('Administration: users, master data and their record', () => {
  let t: TestApp;
  const tag = Date.now().toString(36);
  const auth: Record<string, Record<string, string>> = {};
  let adminId = '';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of ['admin', 'tmf']) auth[who] = { Authorization: `Bearer ${await t.tokenFor(who)}` };
    adminId = (await t.http.get('/api/auth/me').set(auth.admin).expect(200)).body.id;
    const admins = (await t.http.get('/api/administrations').set(auth.admin).expect(200)).body as Json[];
    ids.BIF = admins.find((a) => a.code === 'BIF')!.id;
    ids.TMF = admins.find((a) => a.code === 'TMF')!.id;
  });
  afterAll(async () => {
    await t.close();
  });
  // What a test adds to the shared master data goes again right after it (their record stays): other files
  // count the seeded areas, administrations and networks.
  const cleanUp: string[] = [];
  const created = <T extends { body: Json }>(path: string, res: T): T => {
    cleanUp.push(`${path}/${res.body.id}`);
    return res;
  };
  afterEach(async () => {
    for (const path of cleanUp.splice(0).reverse()) {
      const res = await t.http.delete(path).set(auth.admin);
      expect([204, 404]).toContain(res.status);
    }
  });

  it('searches users by name or e-mail and filters by role, administration and whether active', async () => {
    const email = `soeg-${tag}@kk.dk`;
    const created = await t.http
      .post('/api/users')
      .set(auth.admin)
      .send({ email, displayName: `Søren Søg ${tag}`, roles: ['staff'], administrationId: ids.BIF })
      .expect(201);
    const emails = async (query: string) =>
      ((await t.http.get(`/api/users${query}`).set(auth.admin).expect(200)).body as Json[]).map((u) => u.email);
    expect(await emails(`?q=${encodeURIComponent(`søren søg ${tag}`)}`)).toEqual([email]);
    expect(await emails(`?q=soeg-${tag}&role=staff&administrationId=${ids.BIF}&active=true`)).toEqual([email]);
    expect(await emails(`?q=soeg-${tag}&role=forum_member`)).toEqual([]);
    expect(await emails(`?q=soeg-${tag}&administrationId=${ids.TMF}`)).toEqual([]);
    expect(await emails(`?q=soeg-${tag}&active=false`)).toEqual([]);
    expect(await emails('?q=%25')).toEqual([]); // a % is searched for, not a wildcard
    await t.http
      .patch(`/api/users/${created.body.id}`)
      .set(auth.admin)
      .send({ version: created.body.version, active: false })
      .expect(200);
    expect(await emails(`?q=soeg-${tag}&active=false`)).toEqual([email]);
    const bad = await t.http.get('/api/users?role=king&active=maybe').set(auth.admin).expect(400);
    expect(bad.body.errors.map((e: Json) => e.field).sort()).toEqual(['active', 'role']);
    await t.http.get('/api/users?q=x').set(auth.tmf).expect(403);
  });

  it('refuses an administrator deactivating themselves or dropping their own administrator role, naming the rule', async () => {
    const me = (await t.http.get(`/api/users/${adminId}`).set(auth.admin).expect(200)).body;
    const refused = await t.http
      .patch(`/api/users/${adminId}`)
      .set(auth.admin)
      .send({ version: me.version, active: false, roles: ['staff'], administrationId: ids.TMF })
      .expect(422);
    expect(refused.body.violations.map((v: Json) => v.code)).toEqual([
      'OWN_ACCOUNT_DEACTIVATION',
      'OWN_ADMINISTRATOR_ROLE',
    ]);
    const after = (await t.http.get(`/api/users/${adminId}`).set(auth.admin).expect(200)).body;
    expect(after).toMatchObject({ active: true, roles: ['administrator'], version: me.version });
  });

  it(
    "keeps a user's record (who changed what, never the password hash) and a deactivated user's history " + 'readable',
    async () => {
      const email = `rec-${tag}@kk.dk`;
      const created = await t.http
        .post('/api/users')
        .set(auth.admin)
        .send({
          email,
          displayName: `Rikke Record ${tag}`,
          password: 'et-langt-kodeord-1',
          roles: ['staff'],
          administrationId: ids.BIF,
        })
        .expect(201);
      const id = created.body.id as string;
      const login = await t.http.post('/api/auth/login').send({ email, password: 'et-langt-kodeord-1' }).expect(200);
      const rikke = { Authorization: `Bearer ${login.body.accessToken}` };
      // Rikke registers an intervention: its record names her.
      const intervention = await t.http
        .post('/api/interventions')
        .set(rikke)
        .send({
          name: `Jobcafé ${tag}`,
          kind: 'individual',
          owningAdministrationId: ids.BIF,
          areaIds: [],
          fundingSource: 'base_budget',
          periodStart: '2014-01-01',
        })
        .expect(201);
      const changed = await t.http
        .patch(`/api/users/${id}`)
        .set(auth.admin)
        .send({ version: 1, roles: ['staff', 'project_leader'], password: 'et-andet-kodeord-2' })
        .expect(200);
      await t.http
        .patch(`/api/users/${id}`)
        .set(auth.admin)
        .send({ version: changed.body.version, active: false })
        .expect(200);

      const history = (await t.http.get(`/api/users/${id}/history`).set(auth.admin).expect(200)).body as Json[];
      expect(history.map((c) => [c.operation, c.actorId, c.actorName])).toEqual([
        ['insert', adminId, 'Anne Administrator'],
        ['update', adminId, 'Anne Administrator'],
        ['update', adminId, 'Anne Administrator'],
      ]);
      expect(history[1].changedFields.sort()).toEqual(['password_changed', 'roles']);
      expect(history[2].changedFields).toEqual(['active']);
      expect(JSON.stringify(history)).not.toMatch(/password_hash|argon2/);
      // Signing in (failed attempts, their reset) is not a change of the user.
      await t.http.post('/api/auth/login').send({ email, password: 'wrong-password-x' }).expect(401);
      expect((await t.http.get(`/api/users/${id}/history`).set(auth.admin).expect(200)).body).toHaveLength(3);

      // Deactivated: no sign-in, but the intervention's record still names her.
      await t.http.post('/api/auth/login').send({ email, password: 'et-andet-kodeord-2' }).expect(401);
      const record = (await t.http.get(`/api/interventions/${intervention.body.id}/history`).set(auth.tmf).expect(200))
        .body as Json[];
      expect(record[0]).toMatchObject({ operation: 'insert', actorId: id, actorName: `Rikke Record ${tag}` });
      // Removed again (by an administrator); its record keeps her name.
      await t.http.delete(`/api/interventions/${intervention.body.id}?version=1`).set(auth.admin).expect(204);
      const kept = (await t.http.get(`/api/interventions/${intervention.body.id}/history`).set(auth.tmf).expect(200))
        .body as Json[];
      expect(kept.map((c) => [c.operation, c.actorName])).toEqual([
        ['insert', `Rikke Record ${tag}`],
        ['delete', 'Anne Administrator'],
      ]);
      const listed = (await t.http.get(`/api/users/${id}`).set(auth.admin).expect(200)).body;
      expect(listed).toMatchObject({ active: false, displayName: `Rikke Record ${tag}` });
      await t.http.get(`/api/users/${id}/history`).set(auth.tmf).expect(403);
    },
  );

  it(
    'adds, changes and deactivates an area, with who did it on its record; a stale edit is refused and the record ' +
      'shows what beat it',
    async () => {
      const code = `omr-${tag}`;
      const area = created(
        '/api/areas',
        await t.http
          .post('/api/areas')
          .set(auth.admin)
          .send({ code, name: `Område ${tag}`, deprivedHousingAreas: ['Blocks A'], localCommittees: ['Lokaludvalg X'] })
          .expect(201),
      );
      expect(area.body).toMatchObject({ active: true, version: 1 });
      const first = await t.http
        .patch(`/api/areas/${area.body.id}`)
        .set(auth.admin)
        .send({ version: 1, description: 'Først' })
        .expect(200);
      const stale = await t.http
        .patch(`/api/areas/${area.body.id}`)
        .set(auth.admin)
        .send({ version: 1, description: 'Bagefter, men forældet' })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2, expectedVersion: 1 });
      await t.http
        .patch(`/api/areas/${area.body.id}`)
        .set(auth.admin)
        .send({ version: first.body.version, active: false })
        .expect(200);
      const listed = ((await t.http.get('/api/areas').set(auth.tmf).expect(200)).body as Json[]).find(
        (a) => a.code === code,
      );
      expect(listed).toMatchObject({ active: false, description: 'Først' });
      const history = (await t.http.get(`/api/areas/${area.body.id}/history`).set(auth.tmf).expect(200)).body as Json[];
      expect(history.map((c) => [c.operation, c.changedFields, c.actorName])).toEqual([
        ['insert', [], 'Anne Administrator'],
        ['update', ['description'], 'Anne Administrator'],
        ['update', ['active'], 'Anne Administrator'],
      ]);
      expect(history[1]).toMatchObject({ before: { description: '' }, after: { description: 'Først', version: 2 } });
      await t.http.patch(`/api/areas/${area.body.id}`).set(auth.tmf).send({ version: 3, name: 'Nej' }).expect(403);
      await t.http.get(`/api/areas/00000000-0000-4000-8000-000000000000/history`).set(auth.tmf).expect(404);
    },
  );

  it(
    "starts an area's local network and hands its coordination to another administration, on the network's " + 'record',
    async () => {
      // Not removed afterwards: an area whose network has a record cannot be (it is deactivated instead).
      const area = await t.http
        .post('/api/areas')
        .set(auth.admin)
        .send({ code: `net-${tag}`, name: `Netværksområde ${tag}` })
        .expect(201);
      const network = await t.http
        .post('/api/local-networks')
        .set(auth.admin)
        .send({ areaId: area.body.id, coordinatingAdministrationId: ids.TMF })
        .expect(201);
      expect(network.body).toMatchObject({
        areaId: area.body.id,
        coordinatingAdministrationId: ids.TMF,
        members: [],
        legacyMembers: [],
      });
      // One network per area.
      await t.http
        .post('/api/local-networks')
        .set(auth.admin)
        .send({ areaId: area.body.id, coordinatingAdministrationId: ids.BIF })
        .expect(409);
      const bad = await t.http
        .post('/api/local-networks')
        .set(auth.admin)
        .send({ areaId: 'x', coordinatingAdministrationId: ids.BIF })
        .expect(400);
      expect(bad.body.errors.map((e: Json) => e.field)).toEqual(['areaId']);
      // The coordinator and the members are no silent edit any more: a hand-over and the membership are events.
      await t.http
        .patch(`/api/local-networks/${network.body.id}`)
        .set(auth.admin)
        .send({ version: 1, coordinatingAdministrationId: ids.BIF })
        .expect(404);
      await t.http
        .post(`/api/local-networks/${network.body.id}/handover`)
        .set(auth.admin)
        .send({ version: 1, toAdministrationId: ids.BIF, reason: 'BIF er mest relevant lokalt' })
        .expect(201);
      const history = (await t.http.get(`/api/local-networks/${network.body.id}/history`).set(auth.tmf).expect(200))
        .body as Json[];
      expect(history[1]).toMatchObject({
        operation: 'update',
        actorName: 'Anne Administrator',
        before: { coordinating_administration_id: ids.TMF },
        after: { coordinating_administration_id: ids.BIF },
      });
      expect(history[1].changedFields.sort()).toEqual(['coordinating_administration_id']);
      const removal = await t.http.delete(`/api/areas/${area.body.id}`).set(auth.admin);
      expect(removal.status).toBe(409);
      expect(removal.body.violations.map((v: Json) => v.code)).toEqual(['STILL_REFERRED_TO']);
    },
  );

  it("deactivates administrations and indicators, and keeps the municipality's settings on the record", async () => {
    const administration = created(
      '/api/administrations',
      await t.http
        .post('/api/administrations')
        .set(auth.admin)
        .send({ code: `X${tag.slice(-5).toUpperCase()}`, name: 'Midlertidig forvaltning' })
        .expect(201),
    );
    await t.http
      .patch(`/api/administrations/${administration.body.id}`)
      .set(auth.admin)
      .send({ version: 1, active: false })
      .expect(200);
    expect((await t.http.get(`/api/administrations/${administration.body.id}`).set(auth.tmf)).body.active).toBe(false);
    const indicator = created(
      '/api/indicators',
      await t.http
        .post('/api/indicators')
        .set(auth.admin)
        .send({ code: `ind-${tag}`, name: 'Prøveindikator', kind: 'goal', active: false })
        .expect(201),
    );
    expect(indicator.body.active).toBe(false);
    expect(
      ((await t.http.get(`/api/indicators/${indicator.body.id}/history`).set(auth.tmf).expect(200)).body as Json[])[0],
    ).toMatchObject({ operation: 'insert', actorId: adminId, after: { code: `ind-${tag}`, active: false } });

    const before = (await t.http.get('/api/municipality').set(auth.tmf).expect(200)).body;
    const history = async () =>
      (await t.http.get('/api/municipality/history').set(auth.tmf).expect(200)).body as Json[];
    const count = (await history()).length;
    await t.http
      .put('/api/municipality')
      .set(auth.admin)
      .send({ version: before.version, vision: `${before.vision} ${tag}` })
      .expect(200);
    await t.http
      .put('/api/municipality')
      .set(auth.admin)
      .send({ version: before.version, vision: before.vision })
      .expect(409);
    const after = await history();
    expect(after).toHaveLength(count + 1);
    expect(after[after.length - 1]).toMatchObject({ operation: 'update', changedFields: ['vision'], actorId: adminId });
    // Put it back, for whoever reads the vision after this file.
    await t.http
      .put('/api/municipality')
      .set(auth.admin)
      .send({ version: before.version + 1, vision: before.vision })
      .expect(200);
  });
});
