import {
  Inject,
  Injectable,
  Logger,
  Module,
  type CanActivate,
  type ExecutionContext,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Request } from 'express';
import { Redis } from 'ioredis';
import { AppError } from '../platform/common/app-error.js';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';

/** One address's attempts in the current window, and how long it is blocked. */
export interface RateRecord {
  hits: number;
  /** Milliseconds until the block ends; 0 when not blocked. */
  blockedMs: number;
}

export interface RateStorage {
  /** Counts a hit for key in a window of windowMs; past limit hits, blocks it for the rest of the window. */
  hit(key: string, windowMs: number, limit: number): Promise<RateRecord>;
}

/** Per process: the embedded default (one process). */
export class MemoryRateStorage implements RateStorage {
  private readonly windows = new Map<string, { hits: number; endsAt: number }>();

  hit(key: string, windowMs: number, limit: number): Promise<RateRecord> {
    const now = Date.now();
    if (this.windows.size > 10_000) for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
    let w = this.windows.get(key);
    if (!w || w.endsAt <= now) {
      w = { hits: 0, endsAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.hits++;
    return Promise.resolve({ hits: w.hits, blockedMs: w.hits > limit ? w.endsAt - now : 0 });
  }
}

/** Counts and window in one atomic script, so every API process on the same Redis shares one limit. */
const HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); left = tonumber(ARGV[1]) end
return { hits, left }`;

/**
 * On Redis (REDIS_URL): the limit holds across API processes. While Redis
 * cannot be reached, each process counts on its own (and says so in the log)
 * rather than failing every sign-in with a 500: the per-account lock, in
 * PostgreSQL, holds either way.
 */
export class RedisRateStorage implements RateStorage, OnModuleDestroy {
  private readonly redis: Redis;
  private readonly fallback = new MemoryRateStorage();
  private readonly logger = new Logger('LoginRateLimit');
  private warnedAt = 0;
  /** Set by a failed count, cleared once Redis is ready again: no sign-in waits on retries meanwhile. */
  private failing = false;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  }

  async hit(key: string, windowMs: number, limit: number): Promise<RateRecord> {
    if (this.failing && this.redis.status !== 'ready') return this.fallback.hit(key, windowMs, limit);
    let answer: [number, number];
    try {
      answer = (await this.redis.eval(HIT, 1, `${this.prefix}:login-rate:${key}`, windowMs)) as [number, number];
      this.failing = false;
    } catch (err) {
      this.failing = true;
      if (Date.now() - this.warnedAt > 60_000) {
        this.warnedAt = Date.now();
        this.logger.warn(
          `Redis is unreachable (${(err as Error).message}): sign-in attempts are limited per API process ` +
            'until it is back',
        );
      }
      return this.fallback.hit(key, windowMs, limit);
    }
    const [hits, left] = answer;
    return { hits, blockedMs: hits > limit ? left : 0 };
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export const LOGIN_RATE_STORAGE = Symbol('LOGIN_RATE_STORAGE');

/**
 * The per-address limit on sign-in (login, change-password): LOGIN_RATE_LIMIT
 * attempts per LOGIN_RATE_WINDOW_SECONDS from one address, whatever e-mail
 * they name (so unknown e-mails are limited exactly like known ones).
 *
 * Not @nestjs/throttler: its latest (6.7.1) ships CommonJS only and requires
 * Nest 12's ESM-only @nestjs/common. Node 20.19+ loads that (require(esm)),
 * but Jest's module runtime cannot below Node 24.9, so the tests could not
 * load what production runs. The same fixed-window counting, in a few lines.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  constructor(
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    @Inject(LOGIN_RATE_STORAGE) private readonly storage: RateStorage,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const { LOGIN_RATE_LIMIT, LOGIN_RATE_WINDOW_SECONDS } = this.config.env;
    const { blockedMs } = await this.storage.hit(
      req.ip ?? 'unknown',
      LOGIN_RATE_WINDOW_SECONDS * 1000,
      LOGIN_RATE_LIMIT,
    );
    if (!blockedMs) return true;
    const retryAfter = Math.max(1, Math.ceil(blockedMs / 1000));
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `Too many sign-in attempts from your address; try again in ${retryAfter} seconds.`,
      { retryAfterSeconds: retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  }
}

@Module({
  providers: [
    {
      provide: LOGIN_RATE_STORAGE,
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig): RateStorage =>
        config.redisUrl ? new RedisRateStorage(config.redisUrl, config.env.QUEUE_PREFIX) : new MemoryRateStorage(),
    },
    LoginRateLimitGuard,
  ],
  exports: [LOGIN_RATE_STORAGE, LoginRateLimitGuard],
})
export class LoginThrottleModule {}
