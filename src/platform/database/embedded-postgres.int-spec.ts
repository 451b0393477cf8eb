import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataDirInUseError, startEmbeddedPostgres } from './embedded-postgres.js';

/** Two processes writing one PGlite data directory corrupt it: the lock beside it prevents that. */
describe('The embedded database’s data directory', () => {
  const base = mkdtempSync(join(tmpdir(), 'byloeft-lock-'));
  const dataDir = join(base, 'postgres');
  const lockFile = `${dataDir}.lock`;
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('refuses a directory that another live process holds, naming it', async () => {
    writeFileSync(lockFile, String(process.ppid)); // the test runner's parent: alive, and not us
    await expect(startEmbeddedPostgres(dataDir)).rejects.toThrow(DataDirInUseError);
    await expect(startEmbeddedPostgres(dataDir)).rejects.toThrow(
      `in use by another Byløft process (pid ${process.ppid})`,
    );
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.ppid)); // the owner's lock is left alone
  });

  it('takes over a lock left by a process that is gone, keeps data across a restart, and releases the lock on stop', async () => {
    writeFileSync(lockFile, '2147483646'); // no such process
    const first = await startEmbeddedPostgres(dataDir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query(`CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')`);
    await client.end();
    await first.stop();
    expect(existsSync(lockFile)).toBe(false);

    const second = await startEmbeddedPostgres(dataDir);
    expect(second.origin).toBe('existing');
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    const { rows } = await again.query(`SELECT v FROM kept`);
    await again.end();
    await second.stop();
    expect(rows).toEqual([{ v: 'still here' }]);
  }, 30_000);
});

/**
 * initdb in WebAssembly costs seconds of CPU and hundreds of MB: on a busy machine a test that made two fresh
 * clusters ran into its timeout. A fresh cluster is loaded from a template that initdb made once.
 */
describe('A fresh embedded database', () => {
  it('is loaded from the cluster template, not made by initdb each time', async () => {
    const first = await startEmbeddedPostgres(null);
    await first.stop();
    const second = await startEmbeddedPostgres(null);
    try {
      expect(['template', 'initdb']).toContain(first.origin); // initdb only where no template was cached yet
      expect(second.origin).toBe('template');
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      const { rows } = await client.query(`SELECT current_database() AS db, count(*)::int AS tables FROM pg_tables
                                            WHERE schemaname = 'public'`);
      await client.end();
      expect(rows).toEqual([{ db: 'postgres', tables: 0 }]);
    } finally {
      await second.stop();
    }
  });
});

/**
 * PGlite is one session: without the queue's routing a NOTIFY lands in the
 * notifier's own reply. BullMQ's workers depend on it reaching the listener.
 */
describe('LISTEN and NOTIFY on the embedded database', () => {
  it('delivers a notification to the connections that listen on its channel, and to no other', async () => {
    const db = await startEmbeddedPostgres(null);
    const clients = [0, 1, 2].map(() => new pg.Client({ connectionString: db.url }));
    try {
      await Promise.all(clients.map((c) => c.connect()));
      const [listener, notifier, other] = clients as [pg.Client, pg.Client, pg.Client];
      const got: Record<string, string[]> = { listener: [], notifier: [], other: [] };
      listener.on('notification', (m) => got.listener.push(`${m.channel}:${m.payload}`));
      notifier.on('notification', (m) => got.notifier.push(`${m.channel}:${m.payload}`));
      other.on('notification', (m) => got.other.push(`${m.channel}:${m.payload}`));

      await listener.query('-- as BullMQ sends it\nLISTEN bullmq_jobs;');
      await listener.query('LISTEN "Mixed Case"');
      await other.query('LISTEN elsewhere');
      await notifier.query(`SELECT pg_notify('bullmq_jobs', 'deadlines')`);
      await notifier.query('BEGIN');
      await notifier.query(`SELECT pg_notify('bullmq_jobs', $1)`, ['after-commit']);
      await notifier.query('COMMIT');
      await notifier.query(`NOTIFY "Mixed Case", 'quoted'`);
      // A second listener on the same channel goes away: the first still hears it (the session itself had stopped
      // listening).
      await other.query('LISTEN bullmq_jobs');
      await other.query('UNLISTEN bullmq_jobs');
      await notifier.query(`SELECT pg_notify('bullmq_jobs', 'after-other-left')`);
      await listener.query('UNLISTEN bullmq_jobs');
      await notifier.query(`SELECT pg_notify('bullmq_jobs', 'after-unlisten')`);
      // The notifier's own replies are intact: it goes on answering queries.
      const { rows } = await notifier.query('SELECT 41 + 1 AS answer');
      await new Promise((r) => setTimeout(r, 100));

      expect(rows).toEqual([{ answer: 42 }]);
      expect(got).toEqual({
        listener: [
          'bullmq_jobs:deadlines',
          'bullmq_jobs:after-commit',
          'Mixed Case:quoted',
          'bullmq_jobs:after-other-left',
        ],
        notifier: [],
        other: [],
      });
    } finally {
      await Promise.allSettled(clients.map((c) => c.end()));
      await db.stop();
    }
  }, 30_000);
});

/**
 * Node's server destroys every connection beyond its cap the moment it is accepted: at 64, the test suite's
 * apps and pools on one shared embedded server were cut under load ("Connection terminated unexpectedly").
 */
describe('Connections to the embedded database', () => {
  it('takes well over 64 at once, each answered', async () => {
    const db = await startEmbeddedPostgres(null);
    const clients = Array.from({ length: 100 }, () => new pg.Client({ connectionString: db.url }));
    try {
      await Promise.all(clients.map((c) => c.connect()));
      const answers = await Promise.all(
        clients.map(async (c, i) => (await c.query('SELECT $1::int AS n', [i])).rows[0]),
      );
      expect(answers.map((a: { n: number }) => a.n)).toEqual(clients.map((_c, i) => i));
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await db.stop();
    }
  });
});
