import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import { User } from '../users/user.entity.js';
import type { AuthUser } from './auth-user.js';

/** How long a request's user lookup is reused. A change to any user through the app clears the cache at once. */
export const USER_CACHE_MS = 5_000;
/** Enough for every signed-in user of a large municipality; the oldest entries go first. */
const MAX_ENTRIES = 10_000;

interface Entry {
  user: AuthUser;
  until: number;
}

/**
 * The per-request user lookup, cached briefly: a bearer token that was
 * verified and resolved to an active user in the last few seconds resolves
 * to the same user without a query. Any insert, update or removal of a user
 * through TypeORM (deactivation, new roles, a changed membership, a login
 * that counts failures) clears it, in the transaction and again at its
 * commit; another process's change is seen within USER_CACHE_MS. An entry
 * never outlives its token's own expiry.
 */
@Injectable()
export class UserCache implements EntitySubscriberInterface<User> {
  private readonly entries = new Map<string, Entry>();
  private changed = false;

  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  listenTo() {
    return User;
  }

  afterInsert(): void {
    this.clear();
  }
  afterUpdate(): void {
    this.clear();
  }
  afterRemove(): void {
    this.clear();
  }
  afterTransactionCommit(): void {
    if (this.changed) this.entries.clear();
    this.changed = false;
  }

  /** The user behind `token`: from the cache, or from `resolve` (which verifies the token), then cached. */
  async get(token: string, resolve: (token: string) => Promise<AuthUser>): Promise<AuthUser> {
    const now = Date.now();
    const hit = this.entries.get(token);
    if (hit && hit.until > now) return hit.user;
    if (hit) this.entries.delete(token);
    const user = await resolve(token);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { user, until: Math.min(now + USER_CACHE_MS, expiryOf(token) ?? Infinity) });
    return user;
  }

  private clear(): void {
    this.entries.clear();
    this.changed = true;
  }
}

/** The token's `exp` in ms (read only after the token was verified by `resolve`). */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}
