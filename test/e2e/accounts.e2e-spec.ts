import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { runCreateAdmin } from '../../src/cli/create-admin-command.js';
import { dataSourceOptions } from '../../src/platform/database/data-source-options.js';
import { COPENHAGEN } from '../../src/seed/copenhagen.seed.js';
import { seedMasterData } from '../../src/seed/seeder.js';
import { createAdministrator } from '../../src/users/create-admin.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Putting Byløft into service on a new database, the README's production
 * steps: migration:run, seed (what those commands call), `ADMIN_PASSWORD=…
 * npm run create-admin -- --email a@kommune.dk --name "A"` (the command
 * itself: its arguments, environment, standard input and output), start,
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

  /** `npm run create-admin -- <args>` with this environment and standard input: exit code and what it printed. */
  async function createAdmin(args: string[], env: NodeJS.ProcessEnv, stdin: string | null = null) {
    let out = '';
    let err = '';
    const input = stdin === null ? Object.assign(Readable.from([]), { isTTY: true }) : Readable.from([stdin]);
    const code = await runCreateAdmin({
      argv: args,
      env: { DATABASE_URL: db.url, ...env },
      stdin: input,
      out: (text) => (out += text),
      err: (text) => (err += text),
    });
    return { code, out, err };
  }

  it('migrates, seeds and creates the first administrator with the command, idempotently, on the record', async () => {
    const args = ['--email', ADMIN.email, '--name', ADMIN.name];
    const early = await createAdmin(args, { ADMIN_PASSWORD: ADMIN.password });
    expect(early).toMatchObject({ code: 1, out: '' });
    expect(early.err).toMatch(/pending migrations: run `npm run migration:run` first/);

    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.length).toBeGreaterThan(0);
    await seedMasterData(ds, COPENHAGEN);
    expect(await ds.query(`SELECT count(*)::int AS n FROM "app_user"`)).toEqual([{ n: 0 }]);

    const usage = await createAdmin(['--email', ADMIN.email], { ADMIN_PASSWORD: ADMIN.password });
    expect(usage).toMatchObject({ code: 1, err: expect.stringMatching(/Usage: npm run create-admin -- --email/) });
    expect((await createAdmin([...args, '--role', 'x'], {})).err).toMatch(/Unknown option '--role'/);
    expect((await createAdmin(args, { DATABASE_URL: '' })).err).toMatch(/DATABASE_URL must be set/);

    const first = await createAdmin(args, { ADMIN_PASSWORD: ADMIN.password });
    expect(first).toEqual({ code: 0, out: 'Created administrator a@kommune.dk with the password given.\n', err: '' });
    const again = await createAdmin(args, { ADMIN_PASSWORD: 'en-helt-anden-adgangskode' });
    expect(again).toMatchObject({ code: 0, out: 'a@kommune.dk is already an administrator; nothing changed.\n' });
    // A password the command would refuse for a new account does not stop a re-run for an existing one.
    expect((await createAdmin(args, { ADMIN_PASSWORD: 'kort' })).code).toBe(0);
    const refused = await createAdmin(['--email', 'new@kommune.dk', '--name', 'N'], { ADMIN_PASSWORD: 'kort' });
    expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/at least 12 characters/) });
    expect(await ds.query(`SELECT count(*)::int AS n FROM "app_user" WHERE "email" = 'new@kommune.dk'`)).toEqual([
      { n: 0 },
    ]);

    const [admin] = (await ds.query(`SELECT "id", "must_change_password" FROM "app_user" WHERE "email" = $1`, [
      ADMIN.email,
    ])) as { id: string; must_change_password: boolean }[];
    expect(admin.must_change_password).toBe(false);
    expect(await events(admin.id)).toEqual([
      { event: 'created', channel: 'cli', actorId: null, by: expect.stringMatching(/^create-admin( by .+@.+)?$/) },
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

  it('takes the password from standard input when ADMIN_PASSWORD is not set', async () => {
    const res = await createAdmin(['--email', 'c@kommune.dk', '--name', 'C'], {}, 'cs-adgangskode-fra-stdin\nrest\n');
    expect(res).toMatchObject({ code: 0, out: 'Created administrator c@kommune.dk with the password given.\n' });
    const [row] = (await ds.query(`SELECT "must_change_password" FROM "app_user" WHERE "email" = 'c@kommune.dk'`)) as {
      must_change_password: boolean;
    }[];
    expect(row.must_change_password).toBe(false);
    await login('c@kommune.dk', 'cs-adgangskode-fra-stdin').expect(200);
  });

  it('makes a one-time password when none is given, and requires a change at the first sign-in', async () => {
    // At a terminal (docker compose run allocates one), without ADMIN_PASSWORD: the password is made and printed once.
    const made = await createAdmin(['--email', 'b@kommune.dk', '--name', 'B'], {});
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^Created administrator b@kommune.dk\.\nOne-time password \(shown only now; it must be/);
    const otp = /\n {2}(\S+)\n/.exec(made.out)![1];
    expect(otp).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const result = {
      userId: ((await ds.query(`SELECT "id" FROM "app_user" WHERE "email" = 'b@kommune.dk'`)) as { id: string }[])[0]
        .id,
    };
    // Run again, it shows no password: the one-time password was printed only that once.
    const rerun = await createAdmin(['--email', 'b@kommune.dk', '--name', 'B'], {});
    expect(rerun.out).toBe('b@kommune.dk is already an administrator; nothing changed.\n');
    // … and says how to get past a lost one, since a re-run will not make another.
    expect(rerun.err).toMatch(/has not yet replaced its one-time password\. If it is lost, make another administrator/);

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
    const granted = await createAdmin(['--email', 'KIM@kommune.dk', '--name', 'Kim'], {});
    expect(granted).toEqual({ code: 0, out: 'kim@kommune.dk existed and is now also an administrator.\n', err: '' });
    expect(await createAdministrator(ds, { email: 'kim@kommune.dk', name: 'Kim', password: null, by: 'cli' })).toEqual({
      outcome: 'unchanged',
      userId: staff[0].id,
      active: true,
      mustChangePassword: false,
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

  it('says so when the account it names is deactivated, since that person still cannot sign in', async () => {
    await ds.query(`UPDATE "app_user" SET "active" = false WHERE "email" = 'lis@kommune.dk'`);
    const res = await createAdmin(['--email', 'lis@kommune.dk', '--name', 'Lis'], {});
    expect(res).toMatchObject({ code: 0, out: 'lis@kommune.dk existed and is now also an administrator.\n' });
    expect(res.err).toMatch(/the account lis@kommune\.dk is deactivated, so it cannot sign in/);
    await login('lis@kommune.dk', 'lis-husker-den-nu').expect(401);
  });

  it('keeps the record append-only, and chained so that a change behind its back shows', async () => {
    await expect(ds.query(`UPDATE "user_event" SET "event" = 'updated'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM "user_event"`)).rejects.toThrow(/append-only/);

    const [admin] = (await ds.query(`SELECT "id" FROM "app_user" WHERE "email" = 'kim@kommune.dk'`)) as {
      id: string;
    }[];
    const chain = (await ds.query(
      `SELECT "chain_seq"::int AS seq, "prev_hash" IS NULL AS first
         FROM "user_event" WHERE "user_id" = $1 ORDER BY "id"`,
      [admin.id],
    )) as { seq: number; first: boolean }[];
    expect(chain).toEqual([
      { seq: 1, first: true },
      { seq: 2, first: false },
    ]);
    expect(await ds.query(`SELECT * FROM "audit_first_break"('user_event')`)).toEqual([]);

    // The owner (this test's database is its own) can switch the guard off; the chain still tells.
    await ds.query(`ALTER TABLE "user_event" DISABLE TRIGGER "user_event_append_only"`);
    await ds.query(
      `UPDATE "user_event" SET "actor_description" = 'someone else' WHERE "user_id" = $1 AND "chain_seq" = 1`,
      [admin.id],
    );
    await ds.query(`ALTER TABLE "user_event" ENABLE TRIGGER "user_event_append_only"`);
    expect(
      await ds.query(`SELECT "subject", "chain_seq"::int AS seq, "reason" FROM "audit_first_break"('user_event')`),
    ).toEqual([{ subject: admin.id, seq: 1, reason: expect.stringMatching(/changed after it was written/) }]);
  });
});
