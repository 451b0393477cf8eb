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
    await expect(startEmbeddedPostgres(dataDir)).rejects.toThrow(`in use by another Byløft process (pid ${process.ppid})`);
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
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    const { rows } = await again.query(`SELECT v FROM kept`);
    await again.end();
    await second.stop();
    expect(rows).toEqual([{ v: 'still here' }]);
  }, 30_000);
});
