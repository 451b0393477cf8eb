import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ISSUER = 'https://login.kommune.example';
const AUDIENCE = 'byloeft';
const KID = 'kommune-signing-key-1';

describe('Sign-in through the municipality’s OpenID Connect provider', () => {
  let t: TestApp;
  let jwksServer: Server;
  let jwksRequests = 0;
  let signingKey: CryptoKey;
  let foreignKey: CryptoKey;
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    foreignKey = (await generateKeyPair('RS256')).privateKey;
    const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] };
    jwksServer = createServer((req, res) => {
      if (req.url === '/jwks') {
        jwksRequests++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    t = await createTestApp({
      OIDC_ISSUER: ISSUER,
      OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_ROLE_MAP: '{"Byloeft.Staff":"staff","Byloeft.Forum":"forum_member"}',
    });
  });

  afterAll(async () => {
    await t?.close();
    if (jwksServer)
      await new Promise<void>((resolve, reject) => jwksServer.close((err) => (err ? reject(err) : resolve())));
  });

  /** A token as the municipality's provider would issue it; every part can be spoiled. */
  function idpToken(
    subject: string,
    claims: JWTPayload,
    opts: { key?: CryptoKey; issuer?: string; audience?: string; issuedAt?: number; expiresAt?: number } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: KID })
      .setSubject(subject)
      .setIssuer(opts.issuer ?? ISSUER)
      .setAudience(opts.audience ?? AUDIENCE)
      .setIssuedAt(opts.issuedAt ?? now)
      .setExpirationTime(opts.expiresAt ?? now + 300)
      .sign(opts.key ?? signingKey);
  }

  async function userByEmail(email: string) {
    const admin = await t.tokenFor('admin');
    const res = await t.http.get('/api/users').auth(admin, { type: 'bearer' }).expect(200);
    return (res.body as { id: string; email: string; external: boolean; version: number }[]).find(
      (u) => u.email === email,
    );
  }

  it('creates the user on first use with mapped roles and administration, and updates the roles later', async () => {
    const subject = `staff-${run}`;
    const email = `sofie.${run}@kommune.example`;
    expect(await userByEmail(email)).toBeUndefined();

    const first = await idpToken(subject, {
      email: email.toUpperCase(),
      name: 'Sofie Sagsbehandler',
      roles: ['Byloeft.Staff'],
      administration: 'BIF',
    });
    const me = await t.http.get('/api/auth/me').auth(first, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({
      email,
      displayName: 'Sofie Sagsbehandler',
      roles: ['staff'],
      administration: { code: 'BIF' },
    });
    expect(jwksRequests).toBeGreaterThan(0);

    const stored = await userByEmail(email);
    expect(stored).toMatchObject({ id: me.body.id, external: true, version: 1 });

    // Same token again: the same user, nothing changed.
    const again = await t.http.get('/api/auth/me').auth(first, { type: 'bearer' }).expect(200);
    expect(again.body.id).toBe(me.body.id);
    expect((await userByEmail(email))?.version).toBe(1);

    // The provider now grants another role: the stored roles follow, on the same user.
    const second = await idpToken(subject, { email, roles: ['Byloeft.Staff', 'Byloeft.Forum'], administration: 'BIF' });
    const updated = await t.http.get('/api/auth/me').auth(second, { type: 'bearer' }).expect(200);
    expect(updated.body.id).toBe(me.body.id);
    expect([...updated.body.roles].sort()).toEqual(['forum_member', 'staff']);
    expect(updated.body.administration).toMatchObject({ code: 'BIF' });
    const after = await userByEmail(email);
    expect(after).toMatchObject({ id: me.body.id, version: 2 });
  });

  it('signs a user in once when their first requests arrive together', async () => {
    const email = `parallel.${run}@kommune.example`;
    const token = await idpToken(`parallel-${run}`, { email, roles: ['Byloeft.Forum'] });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => t.http.get('/api/auth/me').auth(token, { type: 'bearer' })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect((await userByEmail(email))?.id).toBe(responses[0].body.id);
  });

  it('refuses a staff sign-in without a known administration with a clear 403, not a 500', async () => {
    const unknown = await idpToken(`unknown-admin-${run}`, { roles: ['Byloeft.Staff'], administration: 'XYZ' });
    const res = await t.http.get('/api/auth/me').auth(unknown, { type: 'bearer' }).expect(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
    expect(res.body.detail).toMatch(/"XYZ" is not known/);
    const none = await idpToken(`no-admin-${run}`, { roles: ['Byloeft.Staff'] });
    const res2 = await t.http.get('/api/auth/me').auth(none, { type: 'bearer' }).expect(403);
    expect(res2.body.detail).toMatch(/names no administration/);
  });

  it('refuses a token signed by another key, even one claiming the provider’s key id', async () => {
    const forged = await idpToken(
      `forged-${run}`,
      { roles: ['Byloeft.Staff'], administration: 'BIF' },
      { key: foreignKey },
    );
    const res = await t.http.get('/api/auth/me').auth(forged, { type: 'bearer' }).expect(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(res.body.detail).not.toMatch(/expired/i);
  });

  it('refuses a token for another audience', async () => {
    const token = await idpToken(
      `aud-${run}`,
      { roles: ['Byloeft.Staff'], administration: 'BIF' },
      { audience: 'another-app' },
    );
    const res = await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token from another issuer, even when signed with the trusted key', async () => {
    const token = await idpToken(
      `iss-${run}`,
      { roles: ['Byloeft.Staff'], administration: 'BIF' },
      { issuer: 'https://login.evil.example' },
    );
    const res = await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('checks the audience against Byløft’s client id when OIDC_AUDIENCE is not set', async () => {
    const port = (jwksServer.address() as AddressInfo).port;
    const byClientId = await createTestApp(
      {
        OIDC_ISSUER: ISSUER,
        OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
        OIDC_CLIENT_ID: AUDIENCE,
        OIDC_ROLE_MAP: '{"Byloeft.Forum":"forum_member"}',
      },
      { api: true, worker: false },
    );
    try {
      const claims = { roles: ['Byloeft.Forum'] };
      const ours = await idpToken(`aud-${run}`, claims);
      await byClientId.http.get('/api/auth/me').auth(ours, { type: 'bearer' }).expect(200);
      // A token the same provider issued to another of the municipality's applications.
      const theirs = await idpToken(`aud-${run}`, claims, { audience: 'another-municipal-app' });
      const res = await byClientId.http.get('/api/auth/me').auth(theirs, { type: 'bearer' }).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    } finally {
      await byClientId.close();
    }
  });

  it('refuses an expired token and says it expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await idpToken(
      `expired-${run}`,
      { roles: ['Byloeft.Staff'], administration: 'BIF' },
      { issuedAt: now - 3600, expiresAt: now - 600 },
    );
    const res = await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(res.body.detail).toMatch(/expired/i);
  });

  it('refuses a provider token that never expires, or lives longer than TOKEN_MAX_LIFETIME_SECONDS', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { roles: ['Byloeft.Forum'] };
    const forever = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: KID })
      .setSubject(`forever-${run}`)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .sign(signingKey);
    const noExp = await t.http.get('/api/auth/me').auth(forever, { type: 'bearer' }).expect(401);
    expect(noExp.body.detail).toMatch(/no expiry \(exp\)/);
    const year = await idpToken(`year-${run}`, claims, { issuedAt: now, expiresAt: now + 365 * 86400 });
    const long = await t.http.get('/api/auth/me').auth(year, { type: 'bearer' }).expect(401);
    expect(long.body.detail).toMatch(/TOKEN_MAX_LIFETIME_SECONDS/);
    // The same person's token with an ordinary lifetime is accepted: what was refused is the lifetime.
    await t.http
      .get('/api/auth/me')
      .auth(await idpToken(`year-${run}`, claims), { type: 'bearer' })
      .expect(200);
  });

  it('grants only mapped roles: a provider role that happens to be called "administrator" grants nothing', async () => {
    const token = await idpToken('sneaky-1', {
      email: 'sneaky@kommune.example',
      roles: ['administrator', 'Byloeft.Forum'],
    });
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.roles).toEqual(['forum_member']);
    await t.http.get('/api/users').set('Authorization', `Bearer ${token}`).expect(403);
  });

  it('lets a user whose roles map to nothing read, but not use administrator endpoints', async () => {
    const token = await idpToken(`nobody-${run}`, {
      email: `nobody.${run}@kommune.example`,
      roles: ['Some.Other.App'],
    });
    const me = await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ roles: [], administration: null });
    const areas = await t.http.get('/api/areas').auth(token, { type: 'bearer' }).expect(200);
    expect(areas.body.length).toBeGreaterThan(0);
    const users = await t.http.get('/api/users').auth(token, { type: 'bearer' }).expect(403);
    expect(users.body).toMatchObject({ code: 'FORBIDDEN', requiredRoles: ['administrator'] });
  });
});
