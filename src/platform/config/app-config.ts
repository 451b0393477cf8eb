import 'reflect-metadata';
import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** How an operator makes a signing secret; every refusal of JWT_SECRET says it. */
export const MAKE_SECRET = 'make one with: openssl rand -base64 48';

/** Secrets that have been published (docker-compose.yml's old default) or read as a placeholder. */
const KNOWN_PLACEHOLDERS = ['change-me-to-a-long-random-secret-of-32-plus-chars'];
const PLACEHOLDER_WORDS = /change[-_ .]?me|placeholder|your[-_ .]?secret|replace[-_ .]?(me|this)|^x+$/i;

/**
 * Why a signing secret must not be used, or null when it may. Besides the
 * length: no known placeholder, and no low-entropy value (one character
 * repeated, a short pattern repeated, or under 3 bits of Shannon entropy per
 * character, which a random base64 or hex secret is far above).
 */
export function weakSecretReason(secret: string): string | null {
  if (KNOWN_PLACEHOLDERS.includes(secret) || PLACEHOLDER_WORDS.test(secret)) return 'is a placeholder, not a secret';
  for (let period = 1; period <= secret.length / 2; period++) {
    if (secret.length % period === 0 && secret.slice(0, period).repeat(secret.length / period) === secret)
      return 'is a short pattern repeated (low entropy)';
  }
  const counts = new Map<string, number>();
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const n of counts.values()) bitsPerChar -= (n / secret.length) * Math.log2(n / secret.length);
  if (bitsPerChar < 3) return `has too little entropy (${bitsPerChar.toFixed(1)} bits per character, needs 3)`;
  return null;
}

const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY as Express's "trust proxy" setting: a number of proxy hops, or
 * the addresses (and subnets, and loopback / linklocal / uniquelocal) of the
 * proxies in front of Byløft, whose X-Forwarded-For and X-Forwarded-Proto are
 * believed. The client's address decides the sign-in limit and lock, so
 * "true" (believe anyone's X-Forwarded-For, so anyone could claim a new
 * address with each attempt) is refused. Null when the value is malformed.
 */
export function trustProxySetting(value: string): number | string[] | null {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const entries = v.split(',').map((e) => e.trim());
  const valid = (e: string) => {
    if (PROXY_KEYWORDS.includes(e)) return true;
    const [address, bits, ...rest] = e.split('/');
    const kind = isIP(address);
    if (!kind || rest.length) return false;
    return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (kind === 4 ? 32 : 128));
  };
  return entries.length && entries.every(valid) ? entries : null;
}

/**
 * Every setting Byløft reads, validated once at start-up. A missing or
 * malformed value stops the process with a message that names the variable.
 */
export class EnvironmentVariables {
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/[^\s/]+(:\d+)?\/[^\s?]+(\?.*)?$/, {
    message: 'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/byloeft',
  })
  DATABASE_URL?: string;

  /** The owner role's URL, for migrations only (npm run migration:run); the API and worker use DATABASE_URL. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/[^\s/]+(:\d+)?\/[^\s?]+(\?.*)?$/, {
    message: 'MIGRATION_DATABASE_URL must be a PostgreSQL URL such as postgres://owner:password@host:5432/byloeft',
  })
  MIGRATION_DATABASE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must be a Redis URL such as redis://host:6379' })
  REDIS_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  DATA_DIR: string = './data';

  /**
   * Where users reach Byløft, e.g. https://byloeft.kommune.dk: the OpenID
   * Connect redirect address is made from it, and https turns on HSTS and
   * Secure cookies. Without it, the address the request came to.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'PUBLIC_URL must be an http(s) URL such as https://byloeft.kommune.dk' },
  )
  PUBLIC_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32, { message: `JWT_SECRET must be at least 32 characters (${MAKE_SECRET})` })
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'JWT_TTL_SECONDS must be a whole number of seconds' })
  @Min(60)
  JWT_TTL_SECONDS: number = 8 * 3600;

  /**
   * The longest lifetime (exp − iat) a bearer token may have, Byløft's own or
   * the identity provider's: a longer one, or one without exp, is refused.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'TOKEN_MAX_LIFETIME_SECONDS must be a whole number of seconds' })
  @Min(60)
  TOKEN_MAX_LIFETIME_SECONDS: number = 24 * 3600;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'OIDC_JWKS_URL must be an http(s) URL' })
  OIDC_JWKS_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  OIDC_AUDIENCE?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  OIDC_ROLES_CLAIM: string = 'roles';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  OIDC_ADMINISTRATION_CLAIM: string = 'administration';

  /** The client Byløft is registered as at the provider: turns on the browser sign-in (authorization code + PKCE). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  /** The provider's name on the sign-in button: "Log ind med <name>". */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  OIDC_PROVIDER_NAME: string = 'kommunens login';

  /** Scopes asked for at sign-in (space-separated); openid is always among them. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  OIDC_SCOPES: string = 'openid email profile';

  /**
   * Whether local accounts (e-mail and password) may sign in. Default: true,
   * except in production (DATABASE_URL) with OIDC_CLIENT_ID set, where the
   * municipality's provider is the way in.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsBooleanString({ message: 'LOCAL_LOGIN must be true or false' })
  LOCAL_LOGIN?: string;

  /**
   * The reverse proxies in front of Byløft (trustProxySetting): only their
   * X-Forwarded-For is believed. Default loopback: a proxy on the same host.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  TRUST_PROXY: string = 'loopback';

  /** Sign-in attempts allowed from one address per LOGIN_RATE_WINDOW_SECONDS (all e-mails together). */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'LOGIN_RATE_LIMIT must be a whole number' })
  @Min(1)
  LOGIN_RATE_LIMIT: number = 20;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'LOGIN_RATE_WINDOW_SECONDS must be a whole number of seconds' })
  @Min(1)
  LOGIN_RATE_WINDOW_SECONDS: number = 60;

  /** JSON object mapping the identity provider's role names to Byløft roles. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  OIDC_ROLE_MAP?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an SMTP URL such as smtp://user:pass@host:587' })
  SMTP_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  SMTP_FROM: string = 'Byløft <no-reply@byloeft.local>';

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must be a size such as 1mb or 512kb' })
  BODY_LIMIT: string = '1mb';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL: string = 'info';

  /** Create the demo accounts even on an external database (never in production). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsBooleanString({ message: 'SEED_DEMO must be true or false' })
  SEED_DEMO?: string;

  /**
   * Load samples/eksempeldata-illustrativ.csv (illustrative figures, not real statistics) through the
   * measurement import at start-up. Only on the embedded default: refused with DATABASE_URL (production).
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsBooleanString({ message: 'SEED_SAMPLE_DATA must be true or false' })
  SEED_SAMPLE_DATA?: string;

  /** Prefix of BullMQ's keys on Redis (lets several installations share one Redis). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1–64 letters, digits, dashes or underscores' })
  QUEUE_PREFIX: string = 'byloeft';

  /**
   * Working days each plan stage gets, as JSON, e.g.
   * {"mapping":40,"analysis":40,"planning":60,"implementation":120,"followUp":60}.
   * Stages left out keep their default.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  PLAN_STAGE_WORKING_DAYS?: string;

  /** How many working days before a deadline the reminder goes out. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'PLAN_REMINDER_WORKING_DAYS must be a whole number' })
  @Min(0)
  @Max(60)
  PLAN_REMINDER_WORKING_DAYS: number = 5;

  /**
   * Danish working days after a project's end date (or earlier evaluation date) by which its evaluation must be
   * submitted.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'PROJECT_EVALUATION_WORKING_DAYS must be a whole number' })
  @Min(1, { message: 'PROJECT_EVALUATION_WORKING_DAYS must be at least 1' })
  @Max(250, { message: 'PROJECT_EVALUATION_WORKING_DAYS must be at most 250 (about a year)' })
  PROJECT_EVALUATION_WORKING_DAYS: number = 20;

  /** The largest attachment (project evaluations) accepted, in bytes. Default 10 MiB. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'ATTACHMENT_MAX_BYTES must be a whole number of bytes' })
  @Min(1024, { message: 'ATTACHMENT_MAX_BYTES must be at least 1024' })
  @Max(104_857_600, {
    message: 'ATTACHMENT_MAX_BYTES must be at most 104857600 (100 MiB): files are stored in the database',
  })
  ATTACHMENT_MAX_BYTES: number = 10 * 1024 * 1024;

  /** How often the outbox relay (worker role) hands committed jobs to the queue, in milliseconds. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'OUTBOX_POLL_MS must be a whole number of milliseconds' })
  @Min(50, { message: 'OUTBOX_POLL_MS must be at least 50' })
  @Max(3_600_000, { message: 'OUTBOX_POLL_MS must be at most 3600000 (one hour)' })
  OUTBOX_POLL_MS: number = 5000;

  /**
   * Whether the outbox relay LISTENs for commits that wrote jobs (true) or only polls (false, for tests that drive it
   * by hand).
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsBooleanString({ message: 'OUTBOX_LISTEN must be true or false' })
  OUTBOX_LISTEN: string = 'true';

  /** How often the reconciler (worker role) checks delivered jobs whose effect is not done, in milliseconds. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'OUTBOX_RECONCILE_MS must be a whole number of milliseconds' })
  @Min(100, { message: 'OUTBOX_RECONCILE_MS must be at least 100' })
  @Max(3_600_000, { message: 'OUTBOX_RECONCILE_MS must be at most 3600000 (one hour)' })
  OUTBOX_RECONCILE_MS: number = 30_000;

  /**
   * A running job's lock (and how often stalled jobs are looked for), in milliseconds: a dead worker's job runs again
   * after about this long.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'QUEUE_LOCK_MS must be a whole number of milliseconds' })
  @Min(1000, { message: 'QUEUE_LOCK_MS must be at least 1000' })
  @Max(600_000, { message: 'QUEUE_LOCK_MS must be at most 600000 (ten minutes)' })
  QUEUE_LOCK_MS: number = 30_000;

  /** How often a job may stall (its worker died while running it) and still be run again. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'QUEUE_MAX_STALLED must be a whole number' })
  @Min(1, { message: 'QUEUE_MAX_STALLED must be at least 1' })
  @Max(100, { message: 'QUEUE_MAX_STALLED must be at most 100' })
  QUEUE_MAX_STALLED: number = 5;

  /** Holiday calendar (ISO country code understood by date-holidays). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[A-Z]{2}$/, { message: 'HOLIDAY_COUNTRY must be a two-letter country code such as DK' })
  HOLIDAY_COUNTRY: string = 'DK';

  /** The municipality's time zone: which day it is (deadlines, overdue) and the hour deadline jobs run at. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsTimeZone({ message: 'TIME_ZONE must be an IANA time zone such as Europe/Copenhagen' })
  TIME_ZONE: string = 'Europe/Copenhagen';
}

export class ConfigError extends Error {}

const STAGES_WITH_DEADLINES = ['mapping', 'analysis', 'planning', 'implementation', 'followUp'];

/** Default working days per plan stage (PLAN_STAGE_WORKING_DAYS overrides). */
export const DEFAULT_STAGE_WORKING_DAYS: Record<string, number> = {
  mapping: 40,
  analysis: 40,
  planning: 60,
  implementation: 120,
  followUp: 60,
};

export function stageWorkingDays(env: EnvironmentVariables): Record<string, number> {
  return {
    ...DEFAULT_STAGE_WORKING_DAYS,
    ...(env.PLAN_STAGE_WORKING_DAYS ? (JSON.parse(env.PLAN_STAGE_WORKING_DAYS) as Record<string, number>) : {}),
  };
}

export function validateEnvironment(env: NodeJS.ProcessEnv = process.env): EnvironmentVariables {
  // An empty variable (PORT=) means "not set": it gets the default.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(EnvironmentVariables, given, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m}`));
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.OIDC_ROLE_MAP) {
    try {
      const parsed: unknown = JSON.parse(config.OIDC_ROLE_MAP);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
    } catch {
      throw new ConfigError(
        'Invalid configuration:\n  - OIDC_ROLE_MAP: must be a JSON object such as {"byloeft-admin":"administrator"}',
      );
    }
  }
  if (config.PLAN_STAGE_WORKING_DAYS) {
    let ok = false;
    try {
      const parsed: unknown = JSON.parse(config.PLAN_STAGE_WORKING_DAYS);
      ok =
        typeof parsed === 'object' &&
        parsed !== null &&
        !Array.isArray(parsed) &&
        Object.entries(parsed).every(
          ([k, v]) => STAGES_WITH_DEADLINES.includes(k) && Number.isInteger(v) && (v as number) > 0,
        );
    } catch {
      // ok stays false
    }
    if (!ok) {
      throw new ConfigError(
        `Invalid configuration:\n  - PLAN_STAGE_WORKING_DAYS: must be a JSON object of positive whole numbers keyed ` +
          `by ${STAGES_WITH_DEADLINES.join(', ')}`,
      );
    }
  }
  if (config.JWT_SECRET) {
    const weak = weakSecretReason(config.JWT_SECRET);
    if (weak) throw new ConfigError(`Invalid configuration:\n  - JWT_SECRET: ${weak}; ${MAKE_SECRET}`);
  }
  if (trustProxySetting(config.TRUST_PROXY) === null) {
    throw new ConfigError(
      "Invalid configuration:\n  - TRUST_PROXY: must be a number of proxy hops or the proxies' addresses or subnets " +
        '(comma-separated; loopback, linklocal, uniquelocal allowed), such as 10.0.0.5 or 172.16.0.0/12; not "true", ' +
        'which would let anyone choose the address the sign-in limit counts',
    );
  }
  if (config.TOKEN_MAX_LIFETIME_SECONDS < config.JWT_TTL_SECONDS) {
    throw new ConfigError(
      'Invalid configuration:\n  - TOKEN_MAX_LIFETIME_SECONDS: must be at least JWT_TTL_SECONDS (tokens Byløft ' +
        'issues itself)',
    );
  }
  if (config.OIDC_CLIENT_ID && !config.OIDC_ISSUER) {
    throw new ConfigError('Invalid configuration:\n  - OIDC_ISSUER: must be set when OIDC_CLIENT_ID is set');
  }
  if (config.OIDC_ISSUER && !config.OIDC_AUDIENCE && !config.OIDC_CLIENT_ID) {
    throw new ConfigError(
      'Invalid configuration:\n  - OIDC_AUDIENCE: must be set when OIDC_ISSUER is set without OIDC_CLIENT_ID (the ' +
        "audience the provider's tokens for Byløft carry); otherwise a token the provider issued to any other " +
        'application would be accepted',
    );
  }
  if (config.OIDC_JWKS_URL && !config.OIDC_ISSUER) {
    throw new ConfigError('Invalid configuration:\n  - OIDC_ISSUER: must be set when OIDC_JWKS_URL is set');
  }
  return config;
}

/** What the running app uses, after the embedded defaults have been filled in. */
export interface RuntimeConfig {
  env: EnvironmentVariables;
  databaseUrl: string;
  databaseKind: 'external' | 'embedded';
  redisUrl: string | null;
  jwtSecret: string;
  seedDemo: boolean;
}

export const RUNTIME_CONFIG = Symbol('RUNTIME_CONFIG');

/** Whether e-mail and password sign-in is on (LOCAL_LOGIN, or its default for this kind of start). */
export function localLoginEnabled(config: Pick<RuntimeConfig, 'env' | 'databaseKind'>): boolean {
  if (config.env.LOCAL_LOGIN !== undefined) return config.env.LOCAL_LOGIN === 'true';
  return !(config.databaseKind === 'external' && config.env.OIDC_CLIENT_ID);
}
