import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { ValidMeasurementRow } from '#domain';

/** The advisory lock's name: with the import's id, "this import is being written"; alone, "an import is writing". */
export const IMPORT_LOCK = 'byloeft.indicator-import';

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

type Upsert = (m: EntityManager, rows: ValidMeasurementRow[]) => Promise<{ inserted: number; updated: number }>;

/**
 * The one write transaction of an import. Batches of checked rows go into it
 * one statement after the other, in the order given, while the caller goes on
 * reading and checking the rest of the file; it commits only once the whole
 * file has passed and `commit` is called, and rolls back otherwise: all or
 * nothing, as before. On a PostgreSQL server the caller opens it before
 * reading, so that the database writes while Node reads (two cores at work
 * instead of one after the other); PGlite serves one session, so there it is
 * opened after the file has passed.
 *
 * Opening takes the import's own lock (another run of it finds it busy) and
 * then the lock one import writes under at a time, then checks that the
 * import is still to be written (not finished meanwhile by another run).
 */
export class ImportWriter {
  private runner: QueryRunner | null = null;
  private chain: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;
  /** Nothing more is to be written (abort): the batches still queued are dropped. */
  private dropped = false;
  /** The import was no longer to be written when the locks were had (another run finished it). */
  private stale = false;
  private inserted = 0;
  private updated = 0;
  private rowsWritten = 0;
  private firstWriteAt: number | null = null;
  /** Known once the file has been read: from then on, each batch written is reported. */
  private total: number | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly importId: string,
    private readonly upsert: Upsert,
    /** Told the rows written so far once the total is known (not after the last batch). */
    private readonly onWritten: (rowsDone: number, rowsTotal: number) => Promise<void>,
  ) {}

  get written(): number {
    return this.rowsWritten;
  }

  /** Milliseconds since the first batch went to the database (0 before). */
  get writingMs(): number {
    return this.firstWriteAt === null ? 0 : Date.now() - this.firstWriteAt;
  }

  /** Starts the transaction and takes the locks (in the background: `write` and `commit` wait for it). */
  open(): void {
    this.then(async () => {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      this.runner = runner;
      await runner.startTransaction();
      const m = runner.manager;
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2::uuid::text))`, [
        IMPORT_LOCK,
        this.importId,
      ]);
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [IMPORT_LOCK]);
      // Not read FOR UPDATE: the progress beside this transaction is written to the same row.
      const [current] = (await m.query(`SELECT "status" FROM "indicator_import" WHERE "id" = $1`, [this.importId])) as {
        status: string;
      }[];
      this.stale = current?.status !== 'validating' && current?.status !== 'writing';
    });
  }

  /** Queues one batch of checked rows (written after those queued before it). */
  write(rows: ValidMeasurementRow[]): void {
    if (!rows.length) return;
    this.then(async () => {
      if (this.stale) return;
      this.firstWriteAt ??= Date.now();
      const r = await this.upsert(this.runner!.manager, rows);
      this.inserted += r.inserted;
      this.updated += r.updated;
      this.rowsWritten += rows.length;
      if (this.total !== null && this.rowsWritten < this.total) await this.onWritten(this.rowsWritten, this.total);
    });
  }

  /** The file has been read: its row count, so that the batches written from now on are reported against it. */
  setTotal(total: number): void {
    this.total = total;
  }

  /** Throws what made a write fail, if one has (the caller stops reading: nothing will be committed). */
  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /**
   * Waits for every batch, then marks the import succeeded and commits; null when it was no longer to be written.
   * A failed write is thrown, after the rollback.
   */
  async commit(rows: number): Promise<WriteCounts | null> {
    await this.chain;
    if (this.failure || this.stale) {
      await this.abort();
      if (this.failure) throw this.failure.error;
      return null;
    }
    const runner = this.runner!;
    try {
      const unchanged = rows - this.inserted - this.updated;
      await runner.manager.query(
        `UPDATE "indicator_import" SET "status" = 'succeeded', "phase" = NULL, "rows_done" = $2, "inserted" = $3,
                "updated" = $4, "unchanged" = $5,
                "error_count" = 0, "errors" = '[]', "finished_at" = now()
          WHERE "id" = $1`,
        [this.importId, rows, this.inserted, this.updated, unchanged],
      );
      await runner.commitTransaction();
      return { inserted: this.inserted, updated: this.updated, unchanged };
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      this.runner = null;
      await runner.release();
    }
  }

  /** Rolls back whatever was written (a bad row, an unreadable file, a failed write) and lets the connection go. */
  async abort(): Promise<void> {
    this.dropped = true;
    await this.chain;
    const runner = this.runner;
    if (!runner) return;
    this.runner = null;
    try {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  }

  /** Runs a step after the ones before it, unless one of them failed; the chain itself never rejects. */
  private then(step: () => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      if (this.failure || this.dropped) return;
      try {
        await step();
      } catch (error) {
        this.failure = { error };
      }
    });
  }
}
