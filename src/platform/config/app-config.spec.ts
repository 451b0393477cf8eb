import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  ConfigError,
  localLoginEnabled,
  trustProxySetting,
  validateEnvironment,
  weakSecretReason,
} from './app-config.js';

const VALID_SECRET = 'a-signing-secret-of-at-least-32-characters';
const IDP = 'https://login.kommune.example';
const WITH_IDP = { OIDC_ISSUER: IDP, OIDC_CLIENT_ID: 'byloeft' };

/** Runs validateEnvironment, expecting a ConfigError; returns its message and the variables it lists. */
function refusal(env: NodeJS.ProcessEnv): { message: string; variables: string[] } {
  let caught: unknown;
  try {
    validateEnvironment(env);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  const message = (caught as ConfigError).message;
  const variables = [...new Set([...message.matchAll(/^\s+- ([A-Z_]+):/gm)].map((m) => m[1]))];
  return { message, variables };
}

describe('validateEnvironment', () => {
  it('refuses DATABASE_URL=nonsense with a ConfigError naming DATABASE_URL', () => {
    const { message, variables } = refusal({ DATABASE_URL: 'nonsense' });
    expect(variables).toEqual(['DATABASE_URL']);
    expect(message).toMatch(/DATABASE_URL must be a PostgreSQL URL/);
  });

  it.each([
    ['PORT', { PORT: 'abc' }, /PORT must be a whole number/],
    ['PORT', { PORT: '70000' }, /PORT must not be greater than 65535/],
    ['PORT', { PORT: '-1' }, /PORT must not be less than 0/],
    ['REDIS_URL', { REDIS_URL: 'http://cache:6379' }, /REDIS_URL must be a Redis URL/],
    ['JWT_SECRET', { JWT_SECRET: 'too-short' }, /JWT_SECRET must be at least 32 characters.*openssl rand/],
    ['OIDC_ROLE_MAP', { OIDC_ROLE_MAP: '{"Byloeft.Staff":' }, /OIDC_ROLE_MAP: must be a JSON object/],
    ['OIDC_ROLE_MAP', { OIDC_ROLE_MAP: '["staff"]' }, /OIDC_ROLE_MAP: must be a JSON object/],
    ['OIDC_ROLE_MAP', { OIDC_ROLE_MAP: '"staff"' }, /OIDC_ROLE_MAP: must be a JSON object/],
  ])('names %s when it is malformed (%j)', (variable, env, detail) => {
    const { message, variables } = refusal(env);
    expect(variables).toEqual([variable]);
    expect(message).toMatch(detail);
  });

  it.each([
    ['the old docker-compose default', 'change-me-to-a-long-random-secret-of-32-plus-chars', /placeholder/],
    ['a placeholder', 'please-replace-me-with-something-long-and-random', /placeholder/],
    ['one character repeated', 'a'.repeat(48), /pattern repeated/],
    ['a short pattern repeated', '0123456789abcdef'.repeat(3), /pattern repeated/],
    ['too few distinct characters', 'abcdabcdabcdabcdabcdabcdabcdabcdabca', /too little entropy/],
  ])('refuses %s as JWT_SECRET, naming it and saying how to make one', (_what, secret, why) => {
    const { message, variables } = refusal({ JWT_SECRET: secret });
    expect(variables).toEqual(['JWT_SECRET']);
    expect(message).toMatch(why);
    expect(message).toMatch(/openssl rand -base64 48/);
  });

  it('accepts a secret made the way the message says (openssl rand -base64 48)', () => {
    const made = randomBytes(48).toString('base64');
    expect(validateEnvironment({ JWT_SECRET: made }).JWT_SECRET).toBe(made);
    expect(weakSecretReason('334afb7a385570617dcc15fbec0275c9')).toBeNull(); // openssl rand -hex 16
  });

  it('refuses a TOKEN_MAX_LIFETIME_SECONDS shorter than the tokens Byløft issues', () => {
    const { variables } = refusal({ JWT_TTL_SECONDS: '7200', TOKEN_MAX_LIFETIME_SECONDS: '3600' });
    expect(variables).toEqual(['TOKEN_MAX_LIFETIME_SECONDS']);
  });

  it('refuses OIDC_ISSUER with no audience to check: neither OIDC_AUDIENCE nor OIDC_CLIENT_ID', () => {
    const { message, variables } = refusal({ OIDC_ISSUER: IDP });
    expect(variables).toEqual(['OIDC_AUDIENCE']);
    expect(message).toMatch(/any other application would be accepted/);
    expect(validateEnvironment({ OIDC_ISSUER: IDP, OIDC_AUDIENCE: 'api://byloeft' }).OIDC_AUDIENCE).toBe(
      'api://byloeft',
    );
    expect(validateEnvironment(WITH_IDP).OIDC_CLIENT_ID).toBe('byloeft');
  });

  it('refuses OIDC_JWKS_URL without OIDC_ISSUER, naming both', () => {
    const { message, variables } = refusal({ OIDC_JWKS_URL: 'https://login.kommune.example/jwks' });
    expect(variables).toEqual(['OIDC_ISSUER']);
    expect(message).toMatch(/OIDC_ISSUER: must be set when OIDC_JWKS_URL is set/);
  });

  it('trusts the forwarded address only from the proxies TRUST_PROXY names (default: one on the same host)', () => {
    expect(trustProxySetting(validateEnvironment({}).TRUST_PROXY)).toEqual(['loopback']);
    expect(trustProxySetting('1')).toBe(1);
    expect(trustProxySetting('10.0.0.5, 172.16.0.0/12,uniquelocal')).toEqual([
      '10.0.0.5',
      '172.16.0.0/12',
      'uniquelocal',
    ]);
    expect(trustProxySetting('fd00::/8')).toEqual(['fd00::/8']);
  });

  it.each(['true', 'yes', '10.0.0.0/33', 'proxy.kommune.dk', '10.0.0.5,', '10.0.0.5/8/1'])(
    'refuses TRUST_PROXY=%s, naming it',
    (value) => {
      const { message, variables } = refusal({ TRUST_PROXY: value });
      expect(variables).toEqual(['TRUST_PROXY']);
      expect(message).toMatch(/not "true"/);
    },
  );

  it.each([
    ['the embedded default, even with the provider', 'embedded', WITH_IDP, true],
    ['production without the provider', 'external', {}, true],
    ['production with the provider', 'external', WITH_IDP, false],
    ['LOCAL_LOGIN=true in production with the provider', 'external', { ...WITH_IDP, LOCAL_LOGIN: 'true' }, true],
    ['LOCAL_LOGIN=false on the embedded default', 'embedded', { LOCAL_LOGIN: 'false' }, false],
  ] as const)('local sign-in on %s', (_what, databaseKind, env, enabled) => {
    expect(localLoginEnabled({ env: validateEnvironment({ ...env }), databaseKind })).toBe(enabled);
  });

  it('lists every bad variable at once', () => {
    const { variables } = refusal({ DATABASE_URL: 'nonsense', REDIS_URL: 'nonsense', JWT_SECRET: 'short' });
    expect(variables.sort()).toEqual(['DATABASE_URL', 'JWT_SECRET', 'REDIS_URL']);
  });

  it('accepts a valid full set and fills in the defaults', () => {
    const env = {
      DATABASE_URL: 'postgres://byloeft:secret@db.kommune.example:5432/byloeft?sslmode=require',
      REDIS_URL: 'redis://cache.kommune.example:6379',
      JWT_SECRET: VALID_SECRET,
      JWT_TTL_SECONDS: '3600',
      OIDC_ISSUER: 'https://login.kommune.example',
      OIDC_JWKS_URL: 'https://login.kommune.example/jwks',
      OIDC_AUDIENCE: 'byloeft',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ROLE_MAP: '{"Byloeft.Staff":"staff","Byloeft.Forum":"forum_member"}',
      SMTP_URL: 'smtp://mail.kommune.example:587',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    };
    const config = validateEnvironment(env);
    expect(config).toMatchObject({
      ...env,
      JWT_TTL_SECONDS: 3600,
      PORT: 3000,
      DATA_DIR: './data',
      BODY_LIMIT: '1mb',
      OIDC_ADMINISTRATION_CLAIM: 'administration',
      QUEUE_PREFIX: 'byloeft',
      HOLIDAY_COUNTRY: 'DK',
      TIME_ZONE: 'Europe/Copenhagen',
    });
  });

  it('refuses a TIME_ZONE that is no IANA time zone, naming it', () => {
    const { message, variables } = refusal({ TIME_ZONE: 'Europe/Kopenhagen' });
    expect(variables).toEqual(['TIME_ZONE']);
    expect(message).toMatch(/TIME_ZONE must be an IANA time zone such as Europe\/Copenhagen/);
    expect(validateEnvironment({ TIME_ZONE: 'Atlantic/Faroe' }).TIME_ZONE).toBe('Atlantic/Faroe');
  });

  it('turns a numeric PORT into a number and keeps the other defaults', () => {
    const config = validateEnvironment({ PORT: '8080' });
    expect(config.PORT).toBe(8080);
    expect(config).toMatchObject({
      DATA_DIR: './data',
      BODY_LIMIT: '1mb',
      OIDC_ROLES_CLAIM: 'roles',
      JWT_TTL_SECONDS: 8 * 3600,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });
});
