import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/data-source-options.js';
import { COPENHAGEN } from '../../src/seed/copenhagen.seed.js';
import { seedMasterData } from '../../src/seed/seeder.js';
import { createAdministrator } from '../../src/users/create-admin.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Putting Byløft into service on a new database, the README's production
 * steps: migration:run, seed, create-admin (what those commands call), start,
 * sign in as that administrator, create a staff user.
 */
describe('A municipality puts Byløft into service', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let t: TestApp;
  const ADMIN = { email: 'a@kommune.dk', name: 'A', password: 'første-admin-adgangskode' };

  beforeAll(async () => {
    db = await createTestDatabase('byloeft_service', { prepare: false });
    ds = new DataSource(dataSourceOptions(db.url, { logging: false }));
    await ds.initialize();
  });
  afterAll(async () => {
    await t?.close();
    await ds?.destroy();
    await db?.drop();
  });

  const login = (email: string, password: string) => t.http.post('/api/auth/login').send({ email, password });
  const events = async (userId: string) =>
    (
      (await ds.query(
        `SELECT "event", "channel", "actor_id", "actor_description" FROM "user_event"
                        WHERE "user_id" = $1 ORDER BY "id"`,
        [userId],
      )) as {
        event: string;
        channel: string;
        actor_id: string | null;
        actor_description: string | null;
      }[]
    ).map((e) => ({ event: e.event, channel: e.channel, actorId: e.actor_id, by: e.actor_description }));

  it('migrates, seeds and creates the first administrator, idempotently and on the record', async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.length).toBeGreaterThan(0);
    await seedMasterData(ds, COPENHAGEN);
    expect(await ds.query(`SELECT count(*)::int AS n FROM "app_user"`)).toEqual([{ n: 0 }]);

    const first = await createAdministrator(ds, { ...ADMIN, by: 'create-admin by test@host' });
    expect(first).toMatchObject({ outcome: 'created', oneTimePassword: null });
    const again = await createAdministrator(ds, { ...ADMIN, password: 'en-helt-anden-adgangskode', by: 'x' });
    expect(again).toEqual({ outcome: 'unchanged', userId: first.userId });
    // A password the command would refuse for a new account does not stop a re-run for an existing one.
    expect((await createAdministrator(ds, { ...ADMIN, password: 'kort', by: 'x' })).outcome).toBe('unchanged');
    await expect(
      createAdministrator(ds, { email: 'new@kommune.dk', name: 'N', password: 'kort', by: 'x' }),
    ).rejects.toThrow(/at least 12 characters/);
    expect(await events(first.userId)).toEqual([
      { event: 'created', channel: 'cli', actorId: null, by: 'create-admin by test@host' },
    ]);
  });

  it('starts, lets that administrator sign in (no demo accounts) and create a staff user who can sign in', async () => {
    t = await createTestApp({ DATABASE_URL: db.url }, { api: true, worker: false });
    const res = await login(ADMIN.email, ADMIN.password).expect(200);
    const admin = res.body.accessToken as string;
    await login('admin@demo.byloeft.dk', 'byloeft-demo').expect(401);

    const me = await t.http.get('/api/auth/me').auth(admin, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ email: ADMIN.email, roles: ['administrator'] });

    const admins = await t.http.get('/api/administrations').auth(admin, { type: 'bearer' }).expect(200);
    const tmf = (admins.body as { id: string; code: string }[]).find((a) => a.code === 'TMF')!;
    const created = await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({
        email: 'Kim@Kommune.dk',
        displayName: 'Kim Hansen',
        roles: ['staff'],
        administrationId: tmf.id,
        password: 'kims-egen-adgangskode',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      email: 'kim@kommune.dk',
      origin: 'local',
      lastSignInAt: null,
      mustChangePassword: false,
      administration: { code: 'TMF' },
    });
    await login('kim@kommune.dk', 'kims-egen-adgangskode').expect(200);

    const users = await t.http.get('/api/users').auth(admin, { type: 'bearer' }).expect(200);
    const byEmail = new Map((users.body as { email: string; lastSignInAt: string | null }[]).map((u) => [u.email, u]));
    expect(Date.parse(byEmail.get(ADMIN.email)!.lastSignInAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(byEmail.get('kim@kommune.dk')!.lastSignInAt).not.toBeNull();
    expect(await events(created.body.id as string)).toEqual([
      { event: 'created', channel: 'api', actorId: me.body.id, by: null },
    ]);
  });

  it('makes a one-time password when none is given, and requires a change at the first sign-in', async () => {
    const result = await createAdministrator(ds, {
      email: 'b@kommune.dk',
      name: 'B',
      password: null,
      by: 'create-admin by test@host',
    });
    expect(result.outcome).toBe('created');
    const otp = (result as { oneTimePassword: string }).oneTimePassword;
    expect(otp).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const refused = await login('b@kommune.dk', otp).expect(403);
    expect(refused.body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(refused.body.detail).toMatch(/change-password/);

    const short = await t.http
      .post('/api/auth/change-password')
      .send({ email: 'b@kommune.dk', currentPassword: otp, newPassword: 'kort' })
      .expect(400);
    expect(short.body.errors).toEqual([{ field: 'newPassword', messages: [expect.stringMatching(/12 characters/)] }]);
    const same = await t.http
      .post('/api/auth/change-password')
      .send({ email: 'b@kommune.dk', currentPassword: otp, newPassword: otp })
      .expect(400);
    expect(same.body.errors[0].field).toBe('newPassword');

    const changed = await t.http
      .post('/api/auth/change-password')
      .send({ email: 'b@kommune.dk', currentPassword: otp, newPassword: 'bs-egen-lange-adgangskode' })
      .expect(200);
    await t.http
      .get('/api/users')
      .auth(changed.body.accessToken as string, { type: 'bearer' })
      .expect(200);
    await login('b@kommune.dk', otp).expect(401);
    await login('b@kommune.dk', 'bs-egen-lange-adgangskode').expect(200);
    expect((await events(result.userId)).map((e) => `${e.event}/${e.channel}`)).toEqual([
      'created/cli',
      'password_changed/api',
    ]);
  });

  it('gives an existing user the administrator role, once', async () => {
    const staff = (await ds.query(`SELECT "id" FROM "app_user" WHERE "email" = 'kim@kommune.dk'`)) as { id: string }[];
    const granted = await createAdministrator(ds, { email: 'KIM@kommune.dk', name: 'Kim', password: null, by: 'cli' });
    expect(granted).toEqual({ outcome: 'granted', userId: staff[0].id });
    expect(await createAdministrator(ds, { email: 'kim@kommune.dk', name: 'Kim', password: null, by: 'cli' })).toEqual({
      outcome: 'unchanged',
      userId: staff[0].id,
    });
    // The password was left as it was.
    const res = await login('kim@kommune.dk', 'kims-egen-adgangskode').expect(200);
    const me = await t.http
      .get('/api/auth/me')
      .auth(res.body.accessToken as string, { type: 'bearer' })
      .expect(200);
    expect([...me.body.roles].sort()).toEqual(['administrator', 'staff']);
    expect((await events(staff[0].id)).map((e) => e.event)).toEqual(['created', 'administrator_granted']);
  });

  it('lets an administrator reset a local password: one-time, forced change, old tokens stop, on the record', async () => {
    const admin = (await login(ADMIN.email, ADMIN.password).expect(200)).body.accessToken as string;
    const admins = await t.http.get('/api/administrations').auth(admin, { type: 'bearer' }).expect(200);
    const bif = (admins.body as { id: string; code: string }[]).find((a) => a.code === 'BIF')!;
    const user = await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({
        email: 'lis@kommune.dk',
        displayName: 'Lis',
        roles: ['staff'],
        administrationId: bif.id,
        password: 'lis-glemmer-den-igen',
      })
      .expect(201);
    const lisToken = (await login('lis@kommune.dk', 'lis-glemmer-den-igen').expect(200)).body.accessToken as string;

    const lisForbidden = await t.http
      .post(`/api/users/${user.body.id}/reset-password`)
      .auth(lisToken, { type: 'bearer' })
      .expect(403);
    expect(lisForbidden.body.code).toBe('FORBIDDEN');

    const reset = await t.http
      .post(`/api/users/${user.body.id}/reset-password`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    const otp = reset.body.oneTimePassword as string;
    expect(Object.keys(reset.body)).toEqual(['oneTimePassword']);
    await t.http.get('/api/auth/me').auth(lisToken, { type: 'bearer' }).expect(401);
    await login('lis@kommune.dk', 'lis-glemmer-den-igen').expect(401);
    expect((await login('lis@kommune.dk', otp).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const shown = await t.http.get(`/api/users/${user.body.id}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(shown.body).toMatchObject({ mustChangePassword: true, version: user.body.version + 1 });

    await t.http
      .post('/api/auth/change-password')
      .send({ email: 'lis@kommune.dk', currentPassword: otp, newPassword: 'lis-husker-den-nu' })
      .expect(200);
    const after = await t.http.get(`/api/users/${user.body.id}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(after.body.mustChangePassword).toBe(false);
    const adminId = (await t.http.get('/api/auth/me').auth(admin, { type: 'bearer' })).body.id as string;
    expect(await events(user.body.id as string)).toEqual([
      { event: 'created', channel: 'api', actorId: adminId, by: null },
      { event: 'password_reset', channel: 'api', actorId: adminId, by: null },
      { event: 'password_changed', channel: 'api', actorId: user.body.id, by: null },
    ]);

    // Accounts that sign in through the provider have no password here.
    const [oidc] = (await ds.query(
      `INSERT INTO "app_user" ("email", "display_name", "roles", "external_issuer", "external_subject")
       VALUES ('idp@kommune.dk', 'IdP', '{}', 'https://login.kommune.dk', 'sub-1') RETURNING "id"`,
    )) as { id: string }[];
    const refused = await t.http
      .post(`/api/users/${oidc.id}/reset-password`)
      .auth(admin, { type: 'bearer' })
      .expect(409);
    expect(refused.body.detail).toMatch(/identity provider/);
    const listed = await t.http.get(`/api/users/${oidc.id}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(listed.body).toMatchObject({ origin: 'oidc', external: true, lastSignInAt: null });
  });

  it('keeps the record append-only', async () => {
    await expect(ds.query(`UPDATE "user_event" SET "event" = 'updated'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM "user_event"`)).rejects.toThrow(/append-only/);
  });
});
