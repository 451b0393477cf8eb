import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { AuthUser } from './auth-user.js';
import { USER_CACHE_MS, UserCache } from './user-cache.js';

const USER: AuthUser = { id: 'u1', email: 'a@b.dk', displayName: 'A', roles: ['staff'], administrationId: 'x' };
const token = (exp?: number) =>
  ['e30', Buffer.from(JSON.stringify(exp === undefined ? {} : { exp })).toString('base64url'), 'sig'].join('.');

function cacheWithCounter() {
  const dataSource = { subscribers: [] as unknown[] } as unknown as DataSource;
  const cache = new UserCache(dataSource);
  let lookups = 0;
  const resolve = () => {
    lookups += 1;
    return Promise.resolve(USER);
  };
  return { cache, resolve, lookups: () => lookups, dataSource };
}

describe('UserCache', () => {
  it('registers itself as a subscriber of User and answers a second lookup of the same token from memory', async () => {
    const { cache, resolve, lookups, dataSource } = cacheWithCounter();
    expect(dataSource.subscribers).toContain(cache);
    const t = token(Math.floor(Date.now() / 1000) + 3600);
    await expect(cache.get(t, resolve)).resolves.toEqual(USER);
    await expect(cache.get(t, resolve)).resolves.toEqual(USER);
    expect(lookups()).toBe(1);
  });

  it('forgets everything when a user changes', async () => {
    const { cache, resolve, lookups } = cacheWithCounter();
    const t = token();
    await cache.get(t, resolve);
    cache.afterUpdate();
    await cache.get(t, resolve);
    cache.afterInsert();
    cache.afterTransactionCommit();
    await cache.get(t, resolve);
    expect(lookups()).toBe(3);
  });

  it('never keeps an entry past its token expiry, and keeps none at all for an expired one', async () => {
    const { cache, resolve, lookups } = cacheWithCounter();
    const expired = token(Math.floor(Date.now() / 1000) - 1);
    await cache.get(expired, resolve);
    await cache.get(expired, resolve);
    expect(lookups()).toBe(2);
    expect(USER_CACHE_MS).toBeLessThanOrEqual(10_000);
  });

  it('does not cache a failed lookup', async () => {
    const { cache } = cacheWithCounter();
    const t = token();
    await expect(cache.get(t, () => Promise.reject(new Error('invalid')))).rejects.toThrow('invalid');
    await expect(cache.get(t, () => Promise.resolve(USER))).resolves.toEqual(USER);
  });
});
