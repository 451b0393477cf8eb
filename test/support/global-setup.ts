import './resolve-ts.cjs';
import { randomBytes } from 'node:crypto';
import { prepareClusterTemplate } from '../../src/platform/database/embedded-postgres.js';
import { createTestDatabase } from './test-database.js';

/**
 * One fresh database per test run, migrated the real way and seeded with
 * the master data and demo accounts. With DATABASE_URL: a new database on
 * that server (dropped afterwards). Without: an in-memory embedded PGlite.
 */
export default async function globalSetup(): Promise<void> {
  // Tests start embedded clusters of their own also when DATABASE_URL is set: the one-time initdb of a new
  // install happens here, not inside the first such test's time limit.
  await prepareClusterTemplate();
  const database = await createTestDatabase('byloeft_test');
  (globalThis as Record<string, unknown>).__BYLOEFT_TEST_DATABASE__ = database;
  process.env.BYLOEFT_TEST_DATABASE_URL = database.url;
  process.env.BYLOEFT_TEST_QUEUE_PREFIX = `byloeft-test-${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  process.stdout.write(
    `\nTests use ` +
      `${process.env.DATABASE_URL ? `PostgreSQL database ${new URL(database.url).pathname.slice(1)}` : 'embedded PGlite'} and ${process.env.REDIS_URL ? 'BullMQ on Redis' : 'BullMQ on PostgreSQL'}\n`,
  );
}
