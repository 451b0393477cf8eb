import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded default: PGlite (PostgreSQL compiled to WASM) served on a
 * loopback port over the Postgres wire protocol, so the app, the migrations
 * and BullMQ's PostgreSQL backend all use the ordinary `pg` driver.
 * (typeorm-pglite shares one session between query runners and lost a
 * committed row under concurrency; the socket server does not.)
 */
export interface EmbeddedPostgres {
  url: string;
  dataDir: string | null;
  stop(): Promise<void>;
}

/** A TCP port on the loopback interface that is free right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** @param dataDir a directory to keep the data in, or null for memory only (tests). */
export async function startEmbeddedPostgres(dataDir: string | null): Promise<EmbeddedPostgres> {
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ?? undefined);
  } catch (err) {
    releaseLock();
    throw err;
  }
  // The socket server ignores start-up options such as search_path, so set it
  // on the instance: the app's tables live in public, BullMQ's in "bullmq".
  await db.exec('SET search_path TO public, bullmq');
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 64 });
  // The server's own queue interleaves the messages of different connections
  // outside transactions, so one client's Parse/Bind/Execute/Sync can be cut
  // by another's ("unnamed prepared statement does not exist"). Replace it.
  (server as unknown as { queryQueue: ProtocolSafeQueue }).queryQueue = new ProtocolSafeQueue(db);
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    dataDir,
    async stop() {
      await server.stop();
      await db.close();
      releaseLock();
    },
  };
}

export class DataDirInUseError extends Error {}

/**
 * PGlite, unlike a PostgreSQL server, does not stop a second process from
 * opening the same data directory, and two writers corrupt it. A lock file
 * beside it (with the owner's pid; a dead owner's lock is taken over) does.
 * Returns the function that releases it.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DataDirInUseError(
          `The data directory ${dataDir} is in use by another Byløft process (pid ${owner}). Stop it first, or set DATA_DIR to another directory.`,
        );
      }
      rmSync(lockFile, { force: true }); // left by a process that is gone
    }
  }
  throw new DataDirInUseError(`Could not lock the data directory ${dataDir} (${lockFile}).`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
}

/** Extended-query messages: Parse, Bind, Describe, Execute, Close, Flush, FunctionCall. */
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'F'].map((c) => c.charCodeAt(0)));

/**
 * PGlite runs one session, so the connections served over the socket must
 * take turns. A connection keeps its turn while it is inside a transaction
 * or in the middle of an extended-query sequence (until its Sync), so no
 * other connection's messages land in between.
 */
export class ProtocolSafeQueue {
  private readonly queue: QueuedMessage[] = [];
  private processing = false;
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.processQueue();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const item = this.queue[i]!;
      if (item.handlerId === handlerId) {
        this.queue.splice(i, 1);
        item.reject(new Error('Handler disconnected'));
      }
    }
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.processQueue();
  }

  private async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (;;) {
        const index = this.owner === null ? (this.queue.length ? 0 : -1) : this.queue.findIndex((q) => q.handlerId === this.owner);
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item!.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item!.onData(data);
              },
            }),
          );
        } catch (err) {
          this.owner = null;
          item!.reject(err);
          continue;
        }
        const type = item!.message[0]!;
        this.owner = this.db.isInTransaction() || EXTENDED.has(type) ? item!.handlerId : null;
        item!.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }
}
