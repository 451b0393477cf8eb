import { afterEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { RedisRateStorage } from './login-throttle.js';

/** A loopback port nothing listens on (taken and released at once). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('The sign-in limit on Redis', () => {
  const stores: RedisRateStorage[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.onModuleDestroy();
  });

  it('still limits, per process, while Redis cannot be reached, instead of failing the sign-in', async () => {
    const store = new RedisRateStorage(`redis://127.0.0.1:${await closedPort()}`, `down-${randomUUID()}`);
    stores.push(store);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await store.hit('198.51.100.7', 60_000, 2));
    expect(answers.map((a) => a.hits)).toEqual([1, 2, 3]);
    expect(answers[2].blockedMs).toBeGreaterThan(0);
    expect(answers[0].blockedMs).toBe(0);
  });

  (process.env.REDIS_URL ? it : it.skip)('shares one count between two processes on the same Redis', async () => {
    const prefix = `shared-${randomUUID()}`;
    const a = new RedisRateStorage(process.env.REDIS_URL!, prefix);
    const b = new RedisRateStorage(process.env.REDIS_URL!, prefix);
    stores.push(a, b);
    expect((await a.hit('198.51.100.8', 60_000, 2)).hits).toBe(1);
    expect((await b.hit('198.51.100.8', 60_000, 2)).hits).toBe(2);
    const third = await a.hit('198.51.100.8', 60_000, 2);
    expect(third.hits).toBe(3);
    expect(third.blockedMs).toBeGreaterThan(59_000);
  });
});
