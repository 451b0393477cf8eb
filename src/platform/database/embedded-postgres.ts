import {
  closeSync,
  existsSync,
  mkdirSync,
  openAsBlob,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  /**
   * How the cluster came about: an existing data directory, the cached template, or initdb (the template's first run).
   */
  origin: ClusterOrigin;
  stop(): Promise<void>;
}

export type ClusterOrigin = 'existing' | 'template' | 'initdb';

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

/**
 * How many connections the embedded server takes at once. Node's server destroys every connection beyond its
 * `maxConnections` the moment it is accepted ("Connection terminated unexpectedly"), so the cap is no queue: at
 * 64, the test suite's apps and pools on one embedded server (two test files at once, each with its API's pool,
 * its queue's pool and a burst of 50 concurrent requests) were cut under load. Connections are cheap here (one
 * PGlite session serves them all, one message at a time); the cap only guards the process's file descriptors.
 */
export const EMBEDDED_MAX_CONNECTIONS = 512;

/** @param dataDir a directory to keep the data in, or null for memory only (tests). */
export async function startEmbeddedPostgres(dataDir: string | null): Promise<EmbeddedPostgres> {
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let db: PGlite;
  let origin: ClusterOrigin;
  try {
    ({ db, origin } = await openPglite(dataDir));
  } catch (err) {
    releaseLock();
    throw err;
  }
  // The socket server ignores start-up options such as search_path, so set it
  // on the instance: the app's tables live in public, BullMQ's in "bullmq".
  await db.exec('SET search_path TO public, bullmq');
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  // The server's own queue interleaves the messages of different connections
  // outside transactions, so one client's Parse/Bind/Execute/Sync can be cut
  // by another's ("unnamed prepared statement does not exist"). Replace it.
  (server as unknown as { queryQueue: ProtocolSafeQueue }).queryQueue = new ProtocolSafeQueue(db);
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    dataDir,
    origin,
    async stop() {
      await server.stop();
      await db.close();
      releaseLock();
    },
  };
}

export class DataDirInUseError extends Error {}

/**
 * Whether a data directory holds no cluster yet, or one whose first start never finished (a first start, or
 * one to make again): a start stopped half-way (Ctrl-C, a power cut) would otherwise leave a database without
 * some of its migrations' seed or its demo accounts for good.
 */
export function isNewDataDir(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'PG_VERSION')) || existsSync(firstStartMarker(dataDir));
}

/** Beside the data directory while its first start runs: removed once the database is whole. */
const firstStartMarker = (dataDir: string) => `${dataDir}.first-start`;

/** The first-start child's exit code for a data directory that another process holds. */
export const IN_USE_EXIT_CODE = 3;

/**
 * A first start: creates the cluster in a new data directory, migrates it and seeds it, in a child process that
 * then exits. PGlite's WebAssembly memory only grows, and migrating and seeding a new database leave it ~130 MB
 * larger than opening a migrated one (440 against 308 MB at ready, measured by `npm run bench:embedded`); the
 * app then opens the migrated directory as on any later start. A child that fails leaves no half-made cluster
 * behind (the directory was new); one that finds the directory taken leaves it to its owner.
 *
 * @param entry the child's script (the built create-embedded-cluster.js beside this file unless given)
 */
export async function createEmbeddedCluster(
  dataDir: string,
  seedDemo: boolean,
  entry = fileURLToPath(new URL('./create-embedded-cluster.js', import.meta.url)),
): Promise<void> {
  const marker = firstStartMarker(dataDir);
  if (existsSync(marker)) {
    // An earlier first start stopped half-way, unless another process is making it right now (its lock says).
    lockDataDir(dataDir)();
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dirname(marker), { recursive: true });
  writeFileSync(marker, `${new Date().toISOString()} pid ${process.pid}\n`);
  const child = spawn(process.execPath, [entry, dataDir, seedDemo ? 'demo' : 'no-demo'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const [code, signal] = (await Promise.race([
    once(child, 'exit'),
    once(child, 'error').then(([err]) => Promise.reject(err as Error)),
  ])) as [number | null, NodeJS.Signals | null];
  if (code === 0) {
    rmSync(marker, { force: true });
    return;
  }
  if (code === IN_USE_EXIT_CODE)
    throw new DataDirInUseError(
      `The data directory ${dataDir} is in use by another Byløft process. ` +
        'Stop it first, or set DATA_DIR to another directory.',
    );
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(marker, { force: true });
  throw new Error(
    `Creating the embedded database in ${dataDir} failed (${signal ? `signal ${signal}` : `exit code ${code}`}); ` +
      'its log is above. Nothing was kept: the next start tries again.',
  );
}

/**
 * Opens PGlite on a data directory (or in memory). A fresh cluster is loaded
 * from a template instead of being made by initdb: initdb in WebAssembly
 * costs 1–2 s of CPU and ~400 MB of memory on every fresh database (each
 * test file's, each first start), so on a busy machine a test that started
 * two databases could run for half a minute. The template is made once
 * (by initdb) and kept beside the installed packages.
 */
async function openPglite(dataDir: string | null): Promise<{ db: PGlite; origin: ClusterOrigin }> {
  const fresh = !dataDir || isNewDataDir(dataDir);
  if (!fresh) return { db: await PGlite.create(dataDir, MEMORY_OPTIONS), origin: 'existing' };
  const template = await clusterTemplate();
  try {
    const db = await PGlite.create(dataDir ?? undefined, { ...MEMORY_OPTIONS, loadDataDir: template.tarball });
    return { db, origin: template.madeNow ? 'initdb' : 'template' };
  } catch {
    // A damaged template (cut off while written by an older run): forget it, and make the cluster the slow way.
    template.discard();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
    }
    return { db: await PGlite.create(dataDir ?? undefined, MEMORY_OPTIONS), origin: 'initdb' };
  }
}

/**
 * PGlite's WebAssembly memory only grows, and PostgreSQL's defaults are a
 * server's: 128 MB of shared buffers alone. One user's database needs far
 * less; these settings hold the embedded default's memory down (measured
 * with npm run bench:embedded, see the README).
 */
const MEMORY_OPTIONS = {
  startParams: [
    ...PGlite.defaultStartParams,
    ...['shared_buffers=16MB', 'work_mem=2MB', 'maintenance_work_mem=16MB', 'temp_buffers=2MB'].flatMap((s) => [
      '-c',
      s,
    ]),
  ],
};

/**
 * Finds or makes the cluster template ahead of time. The first fresh cluster on a new install pays for initdb in
 * WebAssembly (tens of seconds of CPU on a busy machine); the test run's global setup calls this once, so no test
 * pays for it inside its own time limit.
 */
export async function prepareClusterTemplate(): Promise<void> {
  await clusterTemplate();
}

interface ClusterTemplate {
  tarball: Blob;
  /** Made by initdb in this call (the cache was empty). */
  madeNow: boolean;
  discard(): void;
}

/** Only when the template could not be written to its file (a read-only install): kept for this process. */
let templateInMemory: Blob | undefined;
let making: Promise<Blob> | undefined;

/**
 * The freshly initialised cluster as a tarball: read from the cache file each
 * time (so no process keeps 40 MB of it in memory), or made by initdb and cached.
 */
async function clusterTemplate(): Promise<ClusterTemplate> {
  const file = templateFile();
  const discard = () => {
    templateInMemory = undefined;
    rmSync(file, { force: true });
  };
  if (templateInMemory) return { tarball: templateInMemory, madeNow: false, discard };
  if (existsSync(file)) {
    try {
      return { tarball: await openAsBlob(file), madeNow: false, discard };
    } catch {
      // unreadable: make it again
    }
  }
  const madeHere = !making;
  making ??= makeTemplate(file).finally(() => (making = undefined));
  return { tarball: await making, madeNow: madeHere, discard };
}

async function makeTemplate(file: string): Promise<Blob> {
  const db = await PGlite.create();
  const tarball = await db.dumpDataDir('none');
  await db.close();
  try {
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.${Date.now()}.part`;
    await writeFile(partial, new Uint8Array(await tarball.arrayBuffer()));
    renameSync(partial, file); // whole or not at all, also when several processes make it at once
  } catch {
    templateInMemory = tarball; // a read-only install: the template then lives for this process only
  }
  return tarball;
}

/** Where the template is kept: node_modules/.cache, named by the PGlite version it was made with. */
function templateFile(): string {
  const require = createRequire(import.meta.url);
  try {
    const packageDir = dirname(dirname(require.resolve('@electric-sql/pglite')));
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
    return join(dirname(dirname(packageDir)), '.cache', 'byloeft', `pglite-${version}-cluster.tar`);
  } catch {
    return join(tmpdir(), 'byloeft-pglite-cluster.tar');
  }
}

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
          `The data directory ${dataDir} is in use by another Byløft process (pid ${owner}). Stop it first, or set ` +
            `DATA_DIR to another directory.`,
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
const QUERY = 'Q'.charCodeAt(0);
const PARSE = 'P'.charCodeAt(0);
const NOTIFICATION = 'A'.charCodeAt(0);

type Writer = (data: Uint8Array) => void;

/**
 * PGlite runs one session, so the connections served over the socket must
 * take turns. A connection keeps its turn while it is inside a transaction
 * or in the middle of an extended-query sequence (until its Sync), so no
 * other connection's messages land in between.
 *
 * One session also means one set of LISTENs: PostgreSQL hands a
 * notification to the session, and PGlite writes it into the reply of
 * whichever connection's statement committed the NOTIFY, where nobody is
 * listening. So the queue remembers which connection asked to LISTEN on
 * which channel, takes NotificationResponse messages out of every reply and
 * forwards each to the connections that listen on its channel. Without this,
 * BullMQ's workers on the embedded database would never be woken by a new
 * job and would sleep until their wait ran out (up to an hour).
 */
export class ProtocolSafeQueue {
  private readonly queue: QueuedMessage[] = [];
  private processing = false;
  private owner: number | null = null;
  /** channel → the connections listening on it. */
  private readonly listeners = new Map<string, Set<number>>();
  /** How to write to a connection outside its own turn (its latest reply callback writes to its socket). */
  private readonly writers = new Map<number, Writer>();
  /**
   * An UNLISTEN reached the one shared session, which then stops listening
   * for every connection: the channels others still listen on are listened
   * to again as soon as no connection holds the session mid-sequence.
   */
  private relisten = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: Writer): Promise<number> {
    this.writers.set(handlerId, onData);
    this.trackListen(handlerId, message);
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.processQueue();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /** Called when a connection goes away: drop its queued messages and its LISTENs. */
  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const item = this.queue[i];
      if (item.handlerId === handlerId) {
        this.queue.splice(i, 1);
        item.reject(new Error('Handler disconnected'));
      }
    }
    this.unlisten(handlerId, '*');
    this.writers.delete(handlerId);
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.processQueue();
  }

  /** The channels a connection listens on (for tests and diagnostics). */
  channelsOf(handlerId: number): string[] {
    return [...this.listeners].filter(([, ids]) => ids.has(handlerId)).map(([channel]) => channel);
  }

  private async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (;;) {
        const index =
          this.owner === null ? (this.queue.length ? 0 : -1) : this.queue.findIndex((q) => q.handlerId === this.owner);
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        const reply = new ReplyRouter(
          (data) => {
            bytes += data.length;
            item.onData(data);
          },
          (channel, message) => this.notify(channel, message),
        );
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => (this.listeners.size ? reply.push(data) : reply.passThrough(data)),
            }),
          );
        } catch (err) {
          this.owner = null;
          item.reject(err);
          continue;
        } finally {
          reply.end(); // what was sent of a reply is never left cut off
        }
        const type = item.message[0];
        this.owner = this.db.isInTransaction() || EXTENDED.has(type) ? item.handlerId : null;
        item.resolve(bytes);
        if (this.relisten && this.owner === null) await this.listenAgain();
      }
    } finally {
      this.processing = false;
    }
  }

  private async listenAgain(): Promise<void> {
    this.relisten = false;
    for (const channel of this.listeners.keys()) {
      try {
        await this.db.exec(`LISTEN "${channel.replace(/"/g, '""')}"`);
      } catch {
        // The session is going away; nothing is listening then anyway.
      }
    }
  }

  private notify(channel: string, message: Uint8Array): void {
    for (const id of this.listeners.get(channel) ?? []) {
      try {
        this.writers.get(id)?.(message);
      } catch {
        // A connection that is going away misses the notification, as it would on a server.
      }
    }
  }

  /** Notes LISTEN and UNLISTEN in a simple query or a Parse message. */
  private trackListen(handlerId: number, message: Uint8Array): void {
    const type = message[0];
    if (type !== QUERY && type !== PARSE) return;
    const sql = type === QUERY ? cString(message, 5).text : cString(message, cString(message, 5).end + 1).text;
    if (!/listen/i.test(sql)) return;
    const statements = sql
      .replace(/--[^\n]*/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split(';');
    for (const statement of statements) {
      const m = /^\s*(UN)?LISTEN\s+(\*|"(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s*$/i.exec(statement);
      if (!m) continue;
      const channel = m[2].startsWith('"') ? m[2].slice(1, -1).replace(/""/g, '"') : m[2].toLowerCase();
      if (m[1]) {
        this.unlisten(handlerId, channel);
        this.relisten = true;
      } else if (channel !== '*') {
        if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
        this.listeners.get(channel)!.add(handlerId);
      }
    }
  }

  private unlisten(handlerId: number, channel: string): void {
    for (const [name, ids] of this.listeners) {
      if (channel !== '*' && name !== channel) continue;
      ids.delete(handlerId);
      if (ids.size === 0) this.listeners.delete(name);
    }
  }
}

/** A NUL-terminated string in a protocol message, from `start`. */
function cString(bytes: Uint8Array, start: number): { text: string; end: number } {
  let end = start;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8'), end };
}

/**
 * Splits a reply stream into backend messages (type byte, then a length that
 * counts itself), passes every message on but NotificationResponses, and
 * hands those to `onNotification` by channel. A message cut across chunks
 * waits for the rest.
 */
export class ReplyRouter {
  private pending: Uint8Array | null = null;

  constructor(
    private readonly write: Writer,
    private readonly onNotification: (channel: string, message: Uint8Array) => void,
  ) {}

  passThrough(data: Uint8Array): void {
    if (this.pending) this.push(data);
    else this.write(data);
  }

  push(chunk: Uint8Array): void {
    const data = this.pending ? concat(this.pending, chunk) : chunk;
    this.pending = null;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let from = 0;
    let at = 0;
    while (at + 5 <= data.length) {
      const end = at + 1 + view.getInt32(at + 1);
      if (end > data.length) break;
      if (data[at] === NOTIFICATION) {
        if (at > from) this.write(data.subarray(from, at));
        const message = data.slice(at, end);
        this.onNotification(cString(message, 9).text, message);
        from = end;
      }
      at = end;
    }
    if (at > from) this.write(data.subarray(from, at));
    if (at < data.length) this.pending = data.slice(at);
  }

  end(): void {
    if (this.pending) this.write(this.pending);
    this.pending = null;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
