import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEnvironment, type RuntimeConfig } from '../../src/platform/config/app-config.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/**
 * The runtime config every test tier uses: the database and queue prepared by
 * global-setup (or a database of the test's own, as DATABASE_URL in overrides).
 */
export function testRuntimeConfig(overrides: NodeJS.ProcessEnv = {}): RuntimeConfig {
  // A test file may bring a database of its own (DATABASE_URL in the overrides), so it shares no rows with others.
  const url = overrides.DATABASE_URL ?? process.env.BYLOEFT_TEST_DATABASE_URL;
  if (!url)
    throw new Error('BYLOEFT_TEST_DATABASE_URL is not set: run the tests through `npm test` (jest globalSetup)');
  const env = validateEnvironment({
    DATABASE_URL: url,
    REDIS_URL: process.env.REDIS_URL,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: process.env.BYLOEFT_TEST_QUEUE_PREFIX,
    // Every test signs in from 127.0.0.1; the per-address limit has a test of its own.
    LOGIN_RATE_LIMIT: '100000',
    // Test files share one database and queue, and every app's outbox relay claims any due row: woken by every
    // commit (LISTEN), another file's relay would take a file's jobs within milliseconds, so the apps in tests poll
    // as before (once a second). The wake-up has a test of its own (job-delivery.int-spec.ts, OUTBOX_LISTEN=true).
    OUTBOX_LISTEN: 'false',
    OUTBOX_POLL_MS: '1000',
    // The forum's decisions are journalised into a folder of the test run's, not the working copy's ./data.
    ARCHIVE_DIR: join(tmpdir(), 'byloeft-test-archive'),
    ...overrides,
  });
  return {
    env,
    databaseUrl: url,
    databaseKind: 'external',
    redisUrl: env.REDIS_URL ?? null,
    jwtSecret: TEST_JWT_SECRET,
    seedDemo: false,
  };
}
