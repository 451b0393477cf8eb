import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  DataDirInUseError,
  IN_USE_EXIT_CODE,
  createEmbeddedCluster,
  isNewDataDir,
  startEmbeddedPostgres,
} from './embedded-postgres.js';

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

/**
 * A first start makes its database in a child process (the app then opens it migrated, with less memory). The
 * real child is run by `npm run test:faults -- first-start` and `npm run bench:embedded` (it needs the build);
 * here stand-ins that do what it may do show what the start makes of each outcome.
 */
describe('A first start’s child process', () => {
  const base = mkdtempSync(join(tmpdir(), 'byloeft-first-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const child = (name: string, body: string) => {
    const file = join(base, `${name}.mjs`);
    writeFileSync(
      file,
      `import { mkdirSync, writeFileSync } from 'node:fs';\nconst [dir, demo] = process.argv.slice(2);\n${body}`,
    );
    return file;
  };

  it('hands on a database made whole, passing whether to make the demo accounts', async () => {
    const dir = join(base, 'made');
    const ok = child('ok', `mkdirSync(dir, { recursive: true }); writeFileSync(dir + '/PG_VERSION', demo);`);
    expect(isNewDataDir(dir)).toBe(true);
    await createEmbeddedCluster(dir, true, ok);
    expect(readFileSync(join(dir, 'PG_VERSION'), 'utf8')).toBe('demo');
    expect(isNewDataDir(dir)).toBe(false);
    expect(existsSync(`${dir}.first-start`)).toBe(false);
    await createEmbeddedCluster(join(base, 'plain'), false, ok);
    expect(readFileSync(join(base, 'plain', 'PG_VERSION'), 'utf8')).toBe('no-demo');
  });

  it('removes what a failed or killed child left, and says how it ended', async () => {
    const dir = join(base, 'failed');
    const failing = child(
      'fails',
      `mkdirSync(dir, { recursive: true }); writeFileSync(dir + '/PG_VERSION', '15'); process.exit(1);`,
    );
    await expect(createEmbeddedCluster(dir, true, failing)).rejects.toThrow(
      `Creating the embedded database in ${dir} failed (exit code 1)`,
    );
    expect(existsSync(dir)).toBe(false);
    const killed = child('killed', `mkdirSync(dir, { recursive: true }); process.kill(process.pid, 'SIGKILL');`);
    await expect(createEmbeddedCluster(dir, true, killed)).rejects.toThrow('failed (signal SIGKILL)');
    expect(existsSync(dir)).toBe(false);
  });

  it('makes again a database whose first start was stopped half-way, and leaves a finished one alone', async () => {
    const dir = join(base, 'interrupted');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'PG_VERSION'), '15');
    writeFileSync(join(dir, 'half-migrated'), 'x');
    expect(isNewDataDir(dir)).toBe(false); // a cluster, and no sign of an unfinished first start
    writeFileSync(`${dir}.first-start`, 'a start that was stopped');
    expect(isNewDataDir(dir)).toBe(true);
    const ok = child('remade', `mkdirSync(dir, { recursive: true }); writeFileSync(dir + '/PG_VERSION', demo);`);
    await createEmbeddedCluster(dir, true, ok);
    expect(existsSync(join(dir, 'half-migrated'))).toBe(false);
    expect(readFileSync(join(dir, 'PG_VERSION'), 'utf8')).toBe('demo');
    expect(isNewDataDir(dir)).toBe(false);
  });

  it('does not remove a half-made directory while another process is making it', async () => {
    const dir = join(base, 'in-the-making');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'theirs'), 'x');
    writeFileSync(`${dir}.first-start`, 'another start');
    writeFileSync(`${dir}.lock`, String(process.ppid)); // a live process that is not us
    const never = child('never', `process.exit(1);`);
    await expect(createEmbeddedCluster(dir, true, never)).rejects.toThrow(DataDirInUseError);
    expect(readFileSync(join(dir, 'theirs'), 'utf8')).toBe('x');
  });

  it('leaves a directory another process holds to its owner', async () => {
    const dir = join(base, 'taken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'owner-data'), 'theirs');
    const taken = child('taken', `process.exit(${IN_USE_EXIT_CODE});`);
    await expect(createEmbeddedCluster(dir, true, taken)).rejects.toThrow(DataDirInUseError);
    expect(readFileSync(join(dir, 'owner-data'), 'utf8')).toBe('theirs');
  });
});
