import type { DataSource } from 'typeorm';

/** The role name in a PostgreSQL URL (its user), or null. */
export function roleOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.username ? decodeURIComponent(u.username) : null;
  } catch {
    return null;
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * What the API and the worker may do, given by the owner after migrating
 * (issue 11, defect 4): read and write the app's tables, but own nothing
 * (so no ALTER TABLE … DISABLE TRIGGER, no DROP, no swapped table), TRUNCATE
 * nothing, and only INSERT and SELECT on the append-only record (every table
 * with an `…_append_only` trigger, found in the catalogue, so a new one is
 * covered without listing it). The migrations' own bookkeeping is read-only.
 * BullMQ's PostgreSQL backend (no REDIS_URL) keeps its queue in schema
 * bullmq, where the app role may create (and so owns) the queue's tables:
 * the queue is not the record.
 *
 * Idempotent; run after every migration run, so tables that later
 * migrations add get their grants too.
 */
export async function grantAppRole(owner: DataSource, appRole: string): Promise<string[]> {
  const role = ident(appRole);
  const appendOnly = (
    (await owner.query(
      `SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND t.tgname LIKE '%\\_append\\_only' ORDER BY 1`,
    )) as { name: string }[]
  ).map((r) => r.name);
  const statements = [
    `REVOKE ALL ON SCHEMA public FROM ${role}`,
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    ...appendOnly.map((t) => `REVOKE UPDATE, DELETE, TRUNCATE ON ${ident(t)} FROM ${role}`),
    `REVOKE INSERT, UPDATE, DELETE ON "typeorm_migrations", "audit_chain_table" FROM ${role}`,
    `CREATE SCHEMA IF NOT EXISTS "bullmq"`,
    `GRANT USAGE, CREATE ON SCHEMA "bullmq" TO ${role}`,
  ];
  for (const sql of statements) await owner.query(sql);
  return appendOnly;
}
