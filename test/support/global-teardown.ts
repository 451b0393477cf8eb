import pg from 'pg';
import type { EmbeddedPostgres } from '../../src/database/embedded-postgres.js';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const embedded = g.__BYLOEFT_EMBEDDED__ as EmbeddedPostgres | undefined;
  if (embedded) await embedded.stop();
  const testDb = g.__BYLOEFT_TEST_DB__ as { admin: string; dbName: string } | undefined;
  if (testDb) {
    const admin = new pg.Client({ connectionString: testDb.admin });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${testDb.dbName}" WITH (FORCE)`);
    await admin.end();
  }
}
