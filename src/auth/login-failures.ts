import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Failed sign-ins allowed per account and source before a lock. */
export const FREE_LOGIN_ATTEMPTS = 5;
const BASE_LOCK_SECONDS = 30;
/** No lock lasts longer than this: an attacker cannot keep a person out for good. */
export const MAX_LOCK_SECONDS = 15 * 60;
/** After this long without a failure (and no lock in force), counting starts again. */
const FORGET_AFTER_SECONDS = 15 * 60;

/**
 * Failed sign-ins per e-mail (known or unknown alike) and source address,
 * counted atomically in one statement, so parallel attempts cannot pass each
 * other unseen. From the FREE_LOGIN_ATTEMPTS-th failure on, each locks that
 * e-mail from that source for twice as long as the one before, at most
 * MAX_LOCK_SECONDS: a lock from another address does not reach the person's own.
 */
@Injectable()
export class LoginFailures {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Seconds until this e-mail may try again from this source; 0 when it may now. */
  async lockedFor(email: string, source: string): Promise<number> {
    const rows: { seconds: number }[] = await this.dataSource.query(
      `SELECT CEIL(EXTRACT(EPOCH FROM ("locked_until" - now())))::int AS seconds
         FROM "login_failure" WHERE "email" = $1 AND "source" = $2 AND "locked_until" > now()`,
      [email, source],
    );
    return rows[0]?.seconds ?? 0;
  }

  /** Counts a failure; returns the failures counted and the lock it set (seconds, 0 for none). */
  async record(email: string, source: string): Promise<{ failures: number; lockSeconds: number }> {
    // One statement: the row lock of ON CONFLICT DO UPDATE makes parallel failures count one by one.
    const lock =
      `CASE WHEN x.n >= $4 THEN now() + make_interval(secs => LEAST($6::float8, $5 * power(2, x.n - $4))) ` + `END`;
    const rows: { failures: number; lock_seconds: number }[] = await this.dataSource.query(
      `INSERT INTO "login_failure" AS f ("email", "source", "failures", "locked_until", "last_failure_at")
       SELECT $1, $2, x.n, ${lock}, now() FROM (SELECT 1 AS n) x
       ON CONFLICT ("email", "source") DO UPDATE SET ("failures", "locked_until", "last_failure_at") = (
         SELECT x.n, COALESCE(${lock}, f."locked_until"), now()
           FROM (SELECT CASE
             WHEN f."last_failure_at" < now() - make_interval(secs => $3)
              AND (f."locked_until" IS NULL OR f."locked_until" < now())
             THEN 1 ELSE f."failures" + 1 END AS n) x
       )
       RETURNING "failures",
         CASE WHEN "failures" >= $4 THEN CEIL(EXTRACT(EPOCH FROM ("locked_until" - now())))::int ELSE 0 END
           AS lock_seconds`,
      [email, source, FORGET_AFTER_SECONDS, FREE_LOGIN_ATTEMPTS, BASE_LOCK_SECONDS, MAX_LOCK_SECONDS],
    );
    return { failures: rows[0]?.failures ?? 1, lockSeconds: rows[0]?.lock_seconds ?? 0 };
  }

  /** A successful sign-in from this source clears its count. */
  async clear(email: string, source: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "login_failure" WHERE "email" = $1 AND "source" = $2`, [email, source]);
  }

  /** A new password (reset, change) clears the account's counts from every source. */
  async clearAll(email: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "login_failure" WHERE "email" = $1`, [email]);
  }
}
