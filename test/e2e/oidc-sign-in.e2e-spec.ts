import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { decodeJwt, SignJWT } from 'jose';
import pg from 'pg';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_JWT_SECRET } from '../support/test-env.js';
import { startTestProvider, type TestIdpUser, type TestProvider } from '../support/oidc-test-provider.js';

/** Byløft's public address in this test: the redirect address is made from it (the test never browses to it). */
const BYLOEFT = 'http://byloeft.test';

/** Cookies as a browser keeps them for one site, enough for the provider's own pages. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(setCookies: string[]) {
    for (const c of setCookies) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string) {
    return this.cookies.get(name);
  }
}

describe('Browser sign-in through the municipality’s OpenID Connect provider (authorization code + PKCE)', () => {
  let idp: TestProvider;
  let t: TestApp;
  let db: pg.Client;
  const run = randomUUID().slice(0, 8);
  const users: Record<string, TestIdpUser> = {
    [`sofie-${run}`]: {
      email: `sofie.${run}@testkommune.dk`,
      name: 'Sofie Sagsbehandler',
      roles: ['Byloeft.Staff'],
      administration: 'BIF',
    },
    [`frede-${run}`]: { email: `frede.${run}@testkommune.dk`, name: 'Frede Forum', roles: ['Byloeft.Forum'] },
    [`olga-${run}`]: { email: `olga.${run}@testkommune.dk`, name: 'Olga Observatør', roles: [] },
  };

  beforeAll(async () => {
    idp = await startTestProvider(users);
    idp.registerClient(BYLOEFT);
    t = await createTestApp(
      {
        PUBLIC_URL: BYLOEFT,
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_PROVIDER_NAME: 'Testkommune',
        OIDC_SCOPES: 'openid email profile byloeft',
        OIDC_ROLE_MAP: '{"Byloeft.Staff":"staff","Byloeft.Forum":"forum_member"}',
      },
      { api: true, worker: false },
    );
    db = new pg.Client({ connectionString: process.env.BYLOEFT_TEST_DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
    await db?.end();
  });

  /** Byløft's /login → the provider's login page → the user name → the provider's redirect back (not yet followed). */
  async function startAndAuthenticate(username: string): Promise<{ callback: URL; transaction: string }> {
    const start = await t.http.get('/api/auth/oidc/login').query({ returnTo: '/notifications' }).expect(302);
    const authorize = new URL(start.headers.location);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${BYLOEFT}/api/auth/oidc/callback`);
    const transaction = (start.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('byloeft_oidc='))!
      .split(';')[0];
    expect(transaction).toBeDefined();

    const jar = new CookieJar();
    let res = await fetch(authorize, { redirect: 'manual' });
    jar.store(res.headers.getSetCookie());
    const interaction = new URL(res.headers.get('location')!, idp.issuer);
    res = await fetch(interaction, { headers: { cookie: jar.header() } });
    expect(await res.text()).toContain('Brugernavn');
    res = await fetch(`${interaction.href}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username }),
    });
    jar.store(res.headers.getSetCookie());
    res = await fetch(new URL(res.headers.get('location')!, idp.issuer), {
      redirect: 'manual',
      headers: { cookie: jar.header() },
    });
    const callback = new URL(res.headers.get('location')!);
    expect(callback.href.startsWith(`${BYLOEFT}/api/auth/oidc/callback?`)).toBe(true);
    return { callback, transaction };
  }

  const complete = (callback: URL, cookie: string | null) => {
    const req = t.http.get(callback.pathname + callback.search);
    return cookie ? req.set('Cookie', cookie) : req;
  };

  const sessionCookies = (res: { headers: Record<string, unknown> }) => {
    const all = res.headers['set-cookie'] as string[];
    const pick = (name: string) => all.find((c) => c.startsWith(`${name}=`) && !/Max-Age=0/.test(c));
    return { session: pick('byloeft_session'), csrf: pick('byloeft_csrf'), all };
  };

  const refusal = (location: string) => new URL(location, BYLOEFT).searchParams.get('signInError');

  it('offers the provider on the sign-in page, and only it: production with OIDC turns local sign-in off', async () => {
    const options = await t.http.get('/api/auth/options').expect(200);
    expect(options.body).toEqual({
      localLogin: false,
      oidc: { name: 'Testkommune', loginUrl: '/api/auth/oidc/login' },
    });
    const res = await t.http
      .post('/api/auth/login')
      .send({ email: 'admin@demo.byloeft.dk', password: 'byloeft-demo' })
      .expect(403);
    expect(res.body.code).toBe('LOCAL_LOGIN_DISABLED');
  });

  it('signs a staff member in: user created with mapped roles and administration, on the record; a cookie session', async () => {
    const username = `sofie-${run}`;
    const { callback, transaction } = await startAndAuthenticate(username);
    const done = await complete(callback, transaction).expect(302);
    expect(done.headers.location).toBe('/notifications');
    const { session, csrf, all } = sessionCookies(done);
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(csrf).not.toMatch(/HttpOnly/);
    // Only Byløft's own session reaches the browser: none of the provider's tokens, in cookies or the address.
    expect(all.map((c) => c.split('=')[0]).sort()).toEqual(['byloeft_csrf', 'byloeft_oidc', 'byloeft_session']);
    const token = session!.split(';')[0].split('=')[1];
    expect(decodeJwt(token)).toMatchObject({ iss: 'byloeft', via: 'oidc' });
    expect(done.headers.location).not.toMatch(/token|code=/);

    const me = await t.http.get('/api/auth/me').set('Cookie', `byloeft_session=${token}`).expect(200);
    expect(me.body).toMatchObject({
      email: users[username].email,
      displayName: 'Sofie Sagsbehandler',
      roles: ['staff'],
      administration: { code: 'BIF' },
    });
    const stored = await db.query(
      `SELECT u."external_issuer", u."last_sign_in_at", e."event", e."channel"
         FROM "app_user" u JOIN "user_event" e ON e."user_id" = u."id" WHERE u."id" = $1`,
      [me.body.id],
    );
    expect(stored.rows).toEqual([
      { external_issuer: idp.issuer, last_sign_in_at: expect.any(Date), event: 'created', channel: 'oidc' },
    ]);
  });

  it('brings the roles up to date at the next sign-in', async () => {
    const username = `frede-${run}`;
    let { callback, transaction } = await startAndAuthenticate(username);
    let token = sessionCookies(await complete(callback, transaction).expect(302)).session!.split(';')[0];
    const first = await t.http.get('/api/auth/me').set('Cookie', token).expect(200);
    expect(first.body.roles).toEqual(['forum_member']);

    users[username].roles = ['Byloeft.Forum', 'Byloeft.Staff'];
    users[username].administration = 'TMF';
    ({ callback, transaction } = await startAndAuthenticate(username));
    token = sessionCookies(await complete(callback, transaction).expect(302)).session!.split(';')[0];
    const second = await t.http.get('/api/auth/me').set('Cookie', token).expect(200);
    expect(second.body.id).toBe(first.body.id);
    expect([...second.body.roles].sort()).toEqual(['forum_member', 'staff']);
    expect(second.body.administration).toMatchObject({ code: 'TMF' });
    const events = await db.query(`SELECT "event" FROM "user_event" WHERE "user_id" = $1 ORDER BY "id"`, [
      first.body.id,
    ]);
    expect(events.rows.map((r: { event: string }) => r.event)).toEqual(['created', 'roles_synced']);
  });

  it('needs the CSRF token for a write through the cookie, and signs out of the provider too', async () => {
    const { callback, transaction } = await startAndAuthenticate(`sofie-${run}`);
    const { session, csrf } = sessionCookies(await complete(callback, transaction).expect(302));
    const cookie = `${session!.split(';')[0]}; ${csrf!.split(';')[0]}`;
    const csrfToken = csrf!.split(';')[0].split('=')[1];

    const forged = await t.http.post('/api/auth/logout').set('Cookie', cookie).expect(403);
    expect(forged.body).toMatchObject({ code: 'FORBIDDEN', reason: 'CSRF' });
    const wrong = await t.http.post('/api/auth/logout').set('Cookie', cookie).set('X-CSRF-Token', 'guess').expect(403);
    expect(wrong.body.reason).toBe('CSRF');

    const out = await t.http.post('/api/auth/logout').set('Cookie', cookie).set('X-CSRF-Token', csrfToken).expect(200);
    const end = new URL(out.body.redirectTo as string);
    expect(end.origin).toBe(idp.issuer);
    expect(end.searchParams.get('client_id')).toBe(idp.clientId);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${BYLOEFT}/`);
    const cleared = (out.headers['set-cookie'] as unknown as string[]).filter((c) => /Max-Age=0/.test(c));
    expect(cleared.map((c) => c.split('=')[0]).sort()).toEqual(['byloeft_csrf', 'byloeft_session']);
    // The provider knows the address: its end-session page answers (a confirmation, as RP-initiated logout has it).
    expect((await fetch(end, { redirect: 'manual' })).status).toBeLessThan(400);
  });

  it('accepts the provider’s own tokens as bearer tokens, checked with the keys named by discovery', async () => {
    // OIDC_JWKS_URL is not set, and the provider keeps its keys at /keys/signing: only discovery's jwks_uri finds them.
    const metadata = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
      token_endpoint: string;
    };
    expect(metadata.jwks_uri).toBe(`${idp.issuer}/keys/signing`);
    // Redeem a code as Byløft would (its PKCE verifier is in the signed transaction), to hold an ID token.
    const { callback, transaction } = await startAndAuthenticate(`olga-${run}`);
    const tx = decodeJwt(transaction.split('=')[1]) as { verifier: string };
    const grant = await fetch(metadata.token_endpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${idp.clientId}:${idp.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code')!,
        redirect_uri: `${BYLOEFT}/api/auth/oidc/callback`,
        code_verifier: tx.verifier,
      }),
    });
    expect(grant.status).toBe(200);
    const idToken = ((await grant.json()) as { id_token: string }).id_token;
    expect(decodeJwt(idToken)).toMatchObject({ iss: idp.issuer, sub: `olga-${run}`, exp: expect.any(Number) });

    const me = await t.http.get('/api/auth/me').auth(idToken, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ roles: [] });
    const stored = await db.query(`SELECT "external_issuer", "external_subject" FROM "app_user" WHERE "id" = $1`, [
      me.body.id,
    ]);
    expect(stored.rows).toEqual([{ external_issuer: idp.issuer, external_subject: `olga-${run}` }]);
    // The same token with one signature byte changed is refused: the keys checked it.
    const tampered = `${idToken.slice(0, -4)}${idToken.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    await t.http.get('/api/auth/me').auth(tampered, { type: 'bearer' }).expect(401);
  });

  it('refuses an answer whose state does not match the sign-in started here', async () => {
    const { callback, transaction } = await startAndAuthenticate(`sofie-${run}`);
    callback.searchParams.set('state', 'someone-elses-state');
    const res = await complete(callback, transaction).expect(302);
    expect(refusal(res.headers.location)).toBe('OIDC_STATE_MISMATCH');
    expect(new URL(res.headers.location, BYLOEFT).searchParams.get('detail')).toMatch(/state/);
    expect(sessionCookies(res).session).toBeUndefined();
  });

  it('refuses a code redeemed with another PKCE verifier', async () => {
    const { callback, transaction } = await startAndAuthenticate(`sofie-${run}`);
    // The same sign-in (state, nonce), with a verifier that is not the one the challenge was made from.
    const tx = decodeJwt(transaction.split('=')[1]);
    const forged = await new SignJWT({ ...tx, verifier: 'x'.repeat(43) })
      .setProtectedHeader({ alg: 'HS256', typ: 'byloeft-oidc-transaction' })
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const res = await complete(callback, `byloeft_oidc=${forged}`).expect(302);
    expect(refusal(res.headers.location)).toBe('OIDC_GRANT_REFUSED');
    expect(new URL(res.headers.location, BYLOEFT).searchParams.get('detail')).toMatch(/PKCE/);
    expect(sessionCookies(res).session).toBeUndefined();
  });

  it('refuses an answer from another issuer', async () => {
    const { callback, transaction } = await startAndAuthenticate(`sofie-${run}`);
    expect(callback.searchParams.get('iss')).toBe(idp.issuer);
    callback.searchParams.set('iss', 'https://login.evil.example');
    const res = await complete(callback, transaction).expect(302);
    expect(refusal(res.headers.location)).toBe('OIDC_ISSUER_MISMATCH');
    expect(sessionCookies(res).session).toBeUndefined();
  });

  it('refuses an expired code', async () => {
    const { callback, transaction } = await startAndAuthenticate(`sofie-${run}`);
    idp.expireCodes(true);
    try {
      const res = await complete(callback, transaction).expect(302);
      // The provider answers invalid_grant, as OAuth has it, without saying why; Byløft's message names the causes.
      expect(refusal(res.headers.location)).toBe('OIDC_GRANT_REFUSED');
      expect(new URL(res.headers.location, BYLOEFT).searchParams.get('detail')).toMatch(/expired/);
      expect(sessionCookies(res).session).toBeUndefined();
    } finally {
      idp.expireCodes(false);
    }
  });

  it('refuses a callback with no sign-in started in this browser', async () => {
    const { callback } = await startAndAuthenticate(`sofie-${run}`);
    const res = await complete(callback, null).expect(302);
    expect(refusal(res.headers.location)).toBe('OIDC_NO_SIGN_IN_STARTED');
  });

  it('never redirects outside the app after sign-in', async () => {
    const start = await t.http.get('/api/auth/oidc/login').query({ returnTo: '//evil.example/x' }).expect(302);
    const tx = (start.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('byloeft_oidc='))!;
    expect(decodeJwt(tx.split(';')[0].split('=')[1])).toMatchObject({ returnTo: '/' });
  });
});
