import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * How many distinct statements are kept prepared. Beyond it a statement runs unnamed, as before: SQL built with
 * a varying number of placeholders can never fill PostgreSQL's memory with prepared statements.
 */
export const PREPARED_STATEMENT_CAP = 400;

const names = new Map<string, string>();

/** The prepared statement's name for a query text, or null once the cap is reached. */
export function statementName(text: string): string | null {
  const known = names.get(text);
  if (known) return known;
  if (names.size >= PREPARED_STATEMENT_CAP) return null;
  const name = `byloeft_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  names.set(text, name);
  return name;
}

/** The two methods the subclass wraps, loosely typed: pg's own overloads cannot be overridden one by one. */
interface LooseClient {
  connect(): Promise<unknown>;
  query(...args: unknown[]): unknown;
}
const Client = pg.Client as unknown as new (config?: unknown) => LooseClient;

/**
 * The pool's client (TypeORM passes `extra.Client` on to pg's pool). Every query with parameters runs as a
 * named prepared statement, so PostgreSQL parses and plans it once per connection instead of on every call:
 * on the workflow's hot path, parsing and planning took more of the server's time than running the statements
 * (bench:transitions, log_min_duration_statement: the lock's plan 1.0 ms against 0.14 ms to run it).
 *
 * Not on the embedded default: PGlite serves every connection from one session, so one connection's prepared
 * statement would collide with another's of the same name. A connection asks the server once what it is.
 */
class Preparing extends Client {
  private prepares = false;

  override connect(callback?: (err?: Error) => void): Promise<unknown> {
    const connected = super.connect().then(async () => {
      const { rows } = (await super.query('SELECT version() AS "version"')) as { rows: { version?: string }[] };
      this.prepares = !/PGlite/i.test(rows[0]?.version ?? '');
    });
    if (!callback) return connected;
    connected.then(
      () => callback(),
      (err: Error) => callback(err),
    );
    return connected.catch(() => undefined);
  }

  override query(...args: unknown[]): unknown {
    const [text, values, ...rest] = args;
    if (this.prepares && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = statementName(text);
      if (name) return super.query({ name, text, values }, ...rest);
    }
    return super.query(...args);
  }
}

export const PreparingClient = Preparing as unknown as typeof pg.Client;
