import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_JWT_SECRET } from '../support/test-env.js';

const secret = new TextEncoder().encode(TEST_JWT_SECRET);

describe('What the API refuses, and the headers it always sends', () => {
  let t: TestApp;
  let adminId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const token = await t.tokenFor('admin');
    adminId = (await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200)).body.id as string;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A token signed with the real secret, for the real administrator: only its lifetime is wrong. */
  const sign = (build: (jwt: SignJWT) => SignJWT) =>
    build(new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(adminId).setIssuer('byloeft')).sign(secret);

  it('refuses a correctly signed token that never expires', async () => {
    const token = await sign((j) => j.setIssuedAt());
    const res = await t.http.get('/api/users').auth(token, { type: 'bearer' }).expect(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(res.body.detail).toMatch(/no expiry/);
  });

  it('refuses a token that lives longer than TOKEN_MAX_LIFETIME_SECONDS', async () => {
    const token = await sign((j) => j.setIssuedAt().setExpirationTime('30d'));
    const res = await t.http.get('/api/users').auth(token, { type: 'bearer' }).expect(401);
    expect(res.body.detail).toMatch(/TOKEN_MAX_LIFETIME_SECONDS/);
    // The same token with an ordinary lifetime is accepted: what was refused is the lifetime.
    const ok = await sign((j) => j.setIssuedAt().setExpirationTime('1h'));
    await t.http.get('/api/users').auth(ok, { type: 'bearer' }).expect(200);
  });

  it.each(['/api/areas', '/api/docs', '/api/docs-json', '/health/live', '/api/auth/me'])(
    'sends the security headers on %s',
    async (path) => {
      const res = await t.http.get(path);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['referrer-policy']).toBe('same-origin');
      // Over plain HTTP, without an https PUBLIC_URL: no HSTS.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    },
  );

  it('sends HSTS when the request came over TLS through the trusted proxy', async () => {
    const res = await t.http.get('/health/live').set('X-Forwarded-Proto', 'https').expect(200);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });
});
