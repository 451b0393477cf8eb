import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** The seeded master data, counted exactly: on a database of its own, so no other file's new area is counted. */
describe('Foundation over HTTP', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase('byloeft_foundation');
    t = await createTestApp({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `byloeft-foundation-${randomBytes(4).toString('hex')}`,
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('is live and ready, naming each part', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', database: { status: 'up' }, queue: { status: 'up' } });
  });

  it('lets tmf sign in and tells who they are', async () => {
    const token = await t.tokenFor('tmf');
    const me = await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ email: 'tmf@demo.byloeft.dk', roles: ['staff'], administration: { code: 'TMF' } });
  });

  it('refuses a wrong password with a problem document', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ email: 'tmf@demo.byloeft.dk', password: 'wrong' })
      .expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
  });

  it('lists the six areas and the seven administrations', async () => {
    const token = await t.tokenFor('observer');
    const areas = await t.http.get('/api/areas').auth(token, { type: 'bearer' }).expect(200);
    expect(areas.body).toHaveLength(6);
    expect(areas.body.map((a: { name: string }) => a.name)).toContain('Tingbjerg/Husum');
    const admins = await t.http.get('/api/administrations').auth(token, { type: 'bearer' }).expect(200);
    expect(admins.body.map((a: { code: string }) => a.code).sort()).toEqual(
      ['BIF', 'BUF', 'KFF', 'SOF', 'SUF', 'TMF', 'ØKF'].sort(),
    );
  });

  it('serves the seeded theory of change and indicators', async () => {
    const token = await t.tokenFor('observer');
    const goals = await t.http.get('/api/goals').auth(token, { type: 'bearer' }).expect(200);
    expect(goals.body.filter((g: { level: string }) => g.level === 'overall')).toHaveLength(3);
    const youth = goals.body.find((g: { code: string }) => g.code === 'youth-education-95');
    expect(youth).toMatchObject({
      targetValue: 95,
      targetYear: 2020,
      dataSource: 'Det Socioøkonomiske Københavnerkort',
    });
    const indicators = await t.http.get('/api/indicators').auth(token, { type: 'bearer' }).expect(200);
    expect(indicators.body.filter((i: { kind: string }) => i.kind === 'socioeconomic')).toHaveLength(6);
    const networks = await t.http.get('/api/local-networks').auth(token, { type: 'bearer' }).expect(200);
    expect(networks.body).toHaveLength(6);
  });

  it('answers 401 without a token and with a forged one', async () => {
    const res = await t.http.get('/api/areas').expect(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', instance: '/api/areas' });
    await t.http.get('/api/areas').set('Authorization', 'Bearer not.a.token').expect(401);
  });

  it("answers 403 to an observer's write", async () => {
    const token = await t.tokenFor('observer');
    const res = await t.http
      .post('/api/areas')
      .auth(token, { type: 'bearer' })
      .send({ code: 'x-area', name: 'X' })
      .expect(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', requiredRoles: ['administrator'] });
  });

  it('answers a malformed body with a problem+json 400 naming each field', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: 'not-an-email', password: 5 }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'password']);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'email').messages).toContain(
      'email must be an e-mail address',
    );
  });

  it('refuses unknown fields', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ email: 'tmf@demo.byloeft.dk', password: 'x', admin: true })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'admin', messages: ['property admin should not exist'] }]);
  });

  it('refuses invalid JSON and oversized bodies as problems, without stack traces', async () => {
    const bad = await t.http
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'BAD_REQUEST', detail: 'The request body is not valid JSON.' });
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.js/);
    const huge = await t.http
      .post('/api/auth/login')
      .send({ email: 'a@b.dk', password: 'x'.repeat(2 * 1024 * 1024) })
      .expect(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('returns a request id, echoing a sane incoming one', async () => {
    const own = await t.http.get('/health/live').expect(200);
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await t.http.get('/health/live').set('X-Request-Id', 'trace-123').expect(200);
    expect(echoed.headers['x-request-id']).toBe('trace-123');
  });

  it('lets an administrator manage users, and refuses a stale version', async () => {
    const admin = await t.tokenFor('admin');
    const admins = await t.http.get('/api/administrations').auth(admin, { type: 'bearer' }).expect(200);
    const buf = admins.body.find((a: { code: string }) => a.code === 'BUF');
    const created = await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({
        email: 'Sofie@KK.dk',
        displayName: 'Sofie',
        password: 'a-long-password-1',
        roles: ['staff'],
        administrationId: buf.id,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      email: 'sofie@kk.dk',
      roles: ['staff'],
      administration: { code: 'BUF' },
      version: 1,
    });

    const staffWithout = await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ email: 'x@kk.dk', displayName: 'X', roles: ['staff'] })
      .expect(400);
    expect(staffWithout.body.errors[0].field).toBe('administrationId');

    const updated = await t.http
      .patch(`/api/users/${created.body.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ version: 1, roles: ['staff', 'project_leader'] })
      .expect(200);
    expect(updated.body).toMatchObject({ roles: ['staff', 'project_leader'], version: 2 });
    const stale = await t.http
      .patch(`/api/users/${created.body.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ version: 1, displayName: 'Lost' })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    const after = await t.http.get(`/api/users/${created.body.id}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(after.body.displayName).toBe('Sofie');

    const login = await t.http
      .post('/api/auth/login')
      .send({ email: 'sofie@kk.dk', password: 'a-long-password-1' })
      .expect(200);
    const me = await t.http.get('/api/auth/me').auth(login.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body.roles).toEqual(['staff', 'project_leader']);

    const dup = await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ email: 'sofie@kk.dk', displayName: 'Again', roles: ['observer'] })
      .expect(409);
    expect(dup.body.code).toBe('CONFLICT');
  });

  it('throttles repeated failed logins', async () => {
    const admin = await t.tokenFor('admin');
    await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ email: 'throttle@kk.dk', displayName: 'T', password: 'a-long-password-2', roles: ['observer'] })
      .expect(201);
    for (let i = 0; i < 5; i++) {
      await t.http.post('/api/auth/login').send({ email: 'throttle@kk.dk', password: 'wrong' }).expect(401);
    }
    const locked = await t.http
      .post('/api/auth/login')
      .send({ email: 'throttle@kk.dk', password: 'a-long-password-2' })
      .expect(429);
    expect(locked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets an administrator edit master data with optimistic locking', async () => {
    const admin = await t.tokenFor('admin');
    const created = await t.http
      .post('/api/areas')
      .auth(admin, { type: 'bearer' })
      .send({ code: 'test-area', name: 'Testområde' })
      .expect(201);
    await t.http
      .patch(`/api/areas/${created.body.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ version: 1, description: 'Ny' })
      .expect(200);
    const stale = await t.http
      .patch(`/api/areas/${created.body.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ version: 1, description: 'Gammel' })
      .expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const dup = await t.http
      .post('/api/areas')
      .auth(admin, { type: 'bearer' })
      .send({ code: 'test-area', name: 'Igen' })
      .expect(409);
    expect(dup.body.code).toBe('CONFLICT');
    await t.http.delete(`/api/areas/${created.body.id}`).auth(admin, { type: 'bearer' }).expect(204);
  });

  it('documents every operation with its roles and error responses', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const operations = Object.entries(
      doc.body.paths as Record<
        string,
        Record<string, { 'x-roles'?: string[]; security?: unknown; responses: Record<string, unknown> }>
      >,
    ).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(20);
    const open = ['/api/auth/login', '/health/live', '/health/ready'];
    for (const { path, method, op } of operations) {
      expect({ path, method, roles: Array.isArray(op['x-roles']) }).toEqual({ path, method, roles: true });
      // Open operations say so (x-roles ["anyone"]) and need no 401.
      if (open.includes(path) || op['x-roles']?.[0] === 'anyone') continue;
      expect({ path, method, has401: '401' in op.responses }).toEqual({ path, method, has401: true });
    }
    await t.http.get('/api/docs').expect(200);

    // Every route the app serves under /api is in the document (Express's own router is the list of what is served).
    type Layer = { route?: { path: string; methods: Record<string, boolean> } };
    const stack = (t.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } }).router.stack;
    const served = stack
      .filter((l) => l.route?.path.startsWith('/api/') && !l.route.path.startsWith('/api/docs'))
      .flatMap((l) =>
        Object.keys(l.route!.methods).map((method) => `${method} ${l.route!.path.replace(/:(\w+)/g, '{$1}')}`),
      );
    const documented = new Set(operations.map(({ path, method }) => `${method} ${path}`));
    expect(served.length).toBeGreaterThan(60);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
  });
});
