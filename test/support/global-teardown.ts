import type { TestDatabase } from './test-database.js';

export default async function globalTeardown(): Promise<void> {
  const database = (globalThis as Record<string, unknown>).__BYLOEFT_TEST_DATABASE__ as TestDatabase | undefined;
  await database?.drop();
}
