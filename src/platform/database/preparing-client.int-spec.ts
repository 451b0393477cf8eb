import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { PREPARED_STATEMENT_CAP, PreparingClient, statementName } from './preparing-client.js';

const PREPARED = `SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'byloeft\\_%' ORDER BY name`;

describe('Statement names', () => {
  it('gives one text one name, and another text another', () => {
    const a = statementName('SELECT $1::int AS "a"');
    expect(a).toMatch(/^byloeft_[0-9a-f]{24}$/);
    expect(statementName('SELECT $1::int AS "a"')).toBe(a);
    expect(statementName('SELECT $1::int AS "b"')).not.toBe(a);
  });
});

/** The pool's client on a real server prepares; on the embedded PGlite, where connections share a session, not. */
describe('The preparing client', () => {
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres(null);
  });
  afterAll(async () => {
    await embedded.stop();
  });

  const server = process.env.DATABASE_URL;
  (server ? it : it.skip)('prepares a query with parameters once per connection on PostgreSQL', async () => {
    const pool = new pg.Pool({ connectionString: server, max: 1, Client: PreparingClient });
    try {
      const sum = 'SELECT $1::int + $2::int AS "sum"';
      expect((await pool.query(sum, [1, 2])).rows).toEqual([{ sum: 3 }]);
      expect((await pool.query(sum, [40, 2])).rows).toEqual([{ sum: 42 }]);
      // Without parameters a query runs unnamed, so this one lists what the connection holds.
      const held = (await pool.query(PREPARED)).rows as { name: string; statement: string }[];
      expect(held).toEqual([{ name: statementName(sum), statement: sum }]);
      // A refused statement fails as before and leaves the connection usable.
      await expect(pool.query('SELECT $1::int AS "n" FROM nowhere', [1])).rejects.toThrow(
        'relation "nowhere" does not exist',
      );
      expect((await pool.query(sum, [2, 2])).rows).toEqual([{ sum: 4 }]);
      // And the refused text is parsed again next time, not taken for prepared.
      await expect(pool.query('SELECT $1::int AS "n" FROM nowhere', [1])).rejects.toThrow(
        'relation "nowhere" does not exist',
      );
    } finally {
      await pool.end();
    }
  });

  it('prepares nothing on the embedded default, where two connections run the same text side by side', async () => {
    const pool = new pg.Pool({ connectionString: embedded.url, max: 2, Client: PreparingClient });
    try {
      const a = await pool.connect();
      const b = await pool.connect();
      try {
        const text = 'SELECT $1::text AS "who"';
        const answers = await Promise.all([a.query(text, ['a']), b.query(text, ['b']), a.query(text, ['a2'])]);
        expect(answers.map((r) => (r.rows[0] as { who: string }).who)).toEqual(['a', 'b', 'a2']);
        expect((await b.query(text, ['b2'])).rows).toEqual([{ who: 'b2' }]);
        expect((await a.query(PREPARED)).rows).toEqual([]);
      } finally {
        a.release();
        b.release();
      }
    } finally {
      await pool.end();
    }
  });
});

// Last: it fills the process's names up to the cap.
describe('The cap on prepared statements', () => {
  it('stops naming new texts at the cap, and keeps the names it gave', () => {
    const first = statementName('SELECT $1::text AS "kept"');
    let named = 0;
    for (let i = 0; i < PREPARED_STATEMENT_CAP + 10; i++) if (statementName(`SELECT $1::int + ${i}`)) named++;
    expect(named).toBeLessThan(PREPARED_STATEMENT_CAP);
    expect(statementName('SELECT $1::int + 999999')).toBeNull();
    expect(statementName('SELECT $1::text AS "kept"')).toBe(first);
  });
});
