import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomInt, randomUUID } from 'node:crypto';
import pg from 'pg';
import { MAX_LOCK_SECONDS } from '../../src/auth/login-failures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** An address of its own for each test (the API trusts X-Forwarded-For from the loopback proxy). */
const address = () => `198.51.100.${randomInt(1, 254)}`;
const PASSWORD = 'the-right-password-for-this-test';

describe('Sign-in throttling that holds', () => {
  let limited: TestApp; // a per-address limit of 10 here (LOGIN_RATE_LIMIT; the default is 20)
  let open: TestApp; // no per-address limit to speak of: shows the account lock alone
  let db: pg.Client;
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    limited = await createTestApp(
      { LOGIN_RATE_LIMIT: '10', QUEUE_PREFIX: `throttle-${run}` },
      { api: true, worker: false },
    );
    open = await createTestApp({}, { api: true, worker: false });
    db = new pg.Client({ connectionString: process.env.BYLOEFT_TEST_DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await limited?.close();
    await open?.close();
    await db?.end();
  });

  async function newUser(tag: string): Promise<string> {
    const email = `${tag}.${run}@kommune.example`;
    const admin = await open.tokenFor('admin');
    await open.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ email, displayName: tag, roles: ['observer'], password: PASSWORD })
      .expect(201);
    return email;
  }

  const attempt = (t: TestApp, email: string, password: string, from: string) =>
    t.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });

  const failureRow = async (email: string, from: string) =>
    (
      await db.query<{ failures: number; lock_seconds: number }>(
        `SELECT "failures", EXTRACT(EPOCH FROM ("locked_until" - now()))::float AS lock_seconds
           FROM "login_failure" WHERE "email" = $1 AND "source" = $2`,
        [email, from],
      )
    ).rows[0];

  it('answers 40 parallel wrong passwords from one address with 429s, and locks the account there for a while', async () => {
    const email = await newUser('parallel');
    const from = address();
    const responses = await Promise.all(Array.from({ length: 40 }, () => attempt(limited, email, 'wrong', from)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    const throttled = responses.find((r) => r.status === 429)!;
    expect(throttled.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);

    // Every wrong password that reached the check was counted: none lost to a race.
    const row = await failureRow(email, from);
    expect(row.failures).toBe(10);
    expect(row.lock_seconds).toBeGreaterThan(0);
    expect(row.lock_seconds).toBeLessThanOrEqual(MAX_LOCK_SECONDS);
  });

  it(
    'counts parallel failures atomically and then refuses even the right password from that address, for a limited ' +
      'time',
    async () => {
      const email = await newUser('locked');
      const from = address();
      // 20 rather than 40: here every one reaches the (deliberately slow) password check.
      const responses = await Promise.all(Array.from({ length: 20 }, () => attempt(open, email, 'wrong', from)));
      expect(responses.every((r) => r.status === 401 || r.status === 429)).toBe(true);
      const row = await failureRow(email, from);
      // Each attempt either counted or refused by the lock before the check: none counted twice or lost.
      const refusedByLock = responses.filter((r) => r.status === 429).length;
      expect(row.failures + refusedByLock).toBe(20);
      expect(row.failures).toBeGreaterThanOrEqual(5);

      const right = await attempt(open, email, PASSWORD, from).expect(429);
      expect(right.body).toMatchObject({ code: 'TOO_MANY_LOGIN_ATTEMPTS' });
      const retryAfter = Number(right.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(MAX_LOCK_SECONDS);

      // The lock is per account and source: the person, from their own address, is not kept out.
      await attempt(open, email, PASSWORD, '203.0.113.9').expect(200);

      // Once the lock has run out (moved into the past here, rather than waited for), the right password works there
      // too.
      await db.query(
        `UPDATE "login_failure" SET "locked_until" = now() - interval '1 second' WHERE "email" = $1 AND "source" = $2`,
        [email, from],
      );
      await attempt(open, email, PASSWORD, from).expect(200);
      expect(await failureRow(email, from)).toBeUndefined();
    },
  );

  it('throttles an unknown e-mail exactly like a known one', async () => {
    const unknown = `nobody.${run}@kommune.example`;
    const from = address();
    const first = await attempt(open, unknown, 'wrong', from).expect(401);
    expect(first.body.code).toBe('INVALID_CREDENTIALS');
    for (let i = 0; i < 4; i++) await attempt(open, unknown, 'wrong', from).expect(401);
    const locked = await attempt(open, unknown, 'wrong', from).expect(429);
    expect(locked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect((await failureRow(unknown, from)).failures).toBe(5);
  });

  it('counts by the connection, not a claimed X-Forwarded-For, from a peer TRUST_PROXY does not name', async () => {
    // The test's requests come from loopback; here only 192.0.2.1 would be a trusted proxy.
    const strict = await createTestApp(
      { LOGIN_RATE_LIMIT: '3', TRUST_PROXY: '192.0.2.1', QUEUE_PREFIX: `throttle-strict-${run}` },
      { api: true, worker: false },
    );
    try {
      const statuses: number[] = [];
      // Each attempt claims another address and names another e-mail: only the real address can be counted.
      for (let i = 0; i < 5; i++)
        statuses.push((await attempt(strict, `claim${i}.${run}@kommune.example`, 'x', address())).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await strict.close();
    }
  });

  (process.env.REDIS_URL ? it : it.skip)(
    'holds the per-address limit across API processes on the same Redis',
    async () => {
      const second = await createTestApp(
        { LOGIN_RATE_LIMIT: '10', QUEUE_PREFIX: `throttle-${run}` },
        { api: true, worker: false },
      );
      try {
        const from = address();
        // A new e-mail each time, so no account lock comes into it: only the address's limit.
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++)
          statuses.push(
            (await attempt(i % 2 ? second : limited, `spread${i}.${run}@kommune.example`, 'x', from)).status,
          );
        expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
        expect(statuses.slice(10)).toEqual([429, 429]);
      } finally {
        await second.close();
      }
    },
  );
});
