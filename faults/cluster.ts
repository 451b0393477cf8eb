/**
 * The fault suite's own world: a PostgreSQL cluster and a Redis on free
 * loopback ports (never the machine's shared ones), the API and worker as
 * separate processes from dist/, and ways to break each of them. initdb and
 * postgres refuse to run as root, so as root they run as the `postgres` user
 * (or `nobody`) with a data directory of their own under the temp directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const JWT_SECRET = `faults-${randomBytes(24).toString('hex')}`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for a condition, checking every `everyMs`, for at most `timeoutMs` (then throws, naming it). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  everyMs = 50,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      if (await check()) return Date.now() - started;
    } catch {
      // not yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

function pgBin(name: string): string {
  for (const dir of ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin']) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return name;
}

/** Who runs PostgreSQL: the current user, or as root an unprivileged one (initdb refuses root). */
function unprivileged(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  for (const user of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('Running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as');
}

export interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<void>;
}

export class Cluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'byloeft-faults-'));
  readonly pgData = join(this.dir, 'pg');
  pgPort = 0;
  redisPort = 0;
  readonly queuePrefix = `faults-${randomBytes(3).toString('hex')}`;
  private postgres: Proc | null = null;
  private redis: Proc | null = null;
  private readonly procs = new Set<Proc>();
  private readonly user = unprivileged();
  readonly smtp = new SmtpSink();

  url(role: 'postgres' | 'byloeft_owner' | 'byloeft_app', db = 'byloeft'): string {
    return `postgres://${role}@127.0.0.1:${this.pgPort}/${db}`;
  }

  get redisUrl(): string {
    return `redis://127.0.0.1:${this.redisPort}`;
  }

  appEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: this.url('byloeft_app'),
      REDIS_URL: this.redisUrl,
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: this.queuePrefix,
      QUEUE_LOCK_MS: '2000',
      QUEUE_MAX_STALLED: '5',
      OUTBOX_RECONCILE_MS: '2000',
      HOST: '127.0.0.1',
      SMTP_URL: `smtp://127.0.0.1:${this.smtp.port}`,
      ...extra,
    };
  }

  private run(name: string, cmd: string, args: string[], opts: { env?: Record<string, string>; asPg?: boolean }): Proc {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.asPg ? this.user : {}),
    });
    const output: string[] = [];
    const keep = (d: Buffer) => {
      for (const line of d.toString('utf8').split('\n')) if (line) output.push(line);
      if (output.length > 2000) output.splice(0, output.length - 2000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const proc = { name, child, output, exited };
    this.procs.add(proc);
    void exited.then(() => this.procs.delete(proc));
    return proc;
  }

  async start(): Promise<void> {
    if (this.user.uid !== undefined) chownSync(this.dir, this.user.uid, this.user.gid!);
    await this.smtp.start();
    const init = spawnSync(
      pgBin('initdb'),
      ['-D', this.pgData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { ...this.user, encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
    this.pgPort = await freePort();
    this.redisPort = await freePort();
    await this.startPostgres();
    await this.startRedis();
    const su = new pg.Client({ connectionString: this.url('postgres', 'postgres') });
    await su.connect();
    await su.query(`CREATE ROLE byloeft_owner LOGIN`);
    await su.query(`CREATE ROLE byloeft_app LOGIN`);
    await su.query(`CREATE DATABASE byloeft OWNER byloeft_owner`);
    await su.end();
    const db = new pg.Client({ connectionString: this.url('postgres') });
    await db.connect();
    await db.query(`ALTER SCHEMA public OWNER TO byloeft_owner`);
    await db.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await db.end();
    for (const [script, env] of [
      ['dist/src/cli/migrate.js', { MIGRATION_DATABASE_URL: this.url('byloeft_owner') }],
      ['dist/src/cli/seed.js', { SEED_DEMO: 'true' }],
    ] as const) {
      const r = spawnSync(process.execPath, [script, 'run'], { env: this.appEnv(env), encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}\n${r.stdout}`);
    }
  }

  async startPostgres(): Promise<void> {
    this.postgres = this.run(
      'postgres',
      pgBin('postgres'),
      [
        '-D',
        this.pgData,
        '-p',
        String(this.pgPort),
        '-k',
        this.dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=300',
        '-c',
        'shared_buffers=64MB',
      ],
      { asPg: true },
    );
    await waitFor('PostgreSQL to accept connections', () => this.pgReady(), 30_000, 50);
  }

  async pgReady(): Promise<boolean> {
    const c = new pg.Client({ connectionString: this.url('postgres', 'postgres'), connectionTimeoutMillis: 500 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  async stopPostgres(): Promise<void> {
    const p = this.postgres;
    this.postgres = null;
    if (!p || p.child.exitCode !== null) return;
    p.child.kill('SIGINT'); // fast shutdown
    await p.exited;
  }

  async startRedis(): Promise<void> {
    this.redis = this.run(
      'redis',
      'redis-server',
      // Persistent, as a deployment's Redis is (docker-compose: appendonly): a restart keeps the queue.
      [
        '--port',
        String(this.redisPort),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        this.dir,
      ],
      {},
    );
    await waitFor(
      'Redis to accept connections',
      () => this.redis!.output.some((l) => /Ready to accept/.test(l)),
      15_000,
    );
  }

  async stopRedis(): Promise<void> {
    const r = this.redis;
    this.redis = null;
    if (!r || r.child.exitCode !== null) return;
    r.child.kill('SIGTERM');
    await r.exited;
  }

  /** An API process on a free port, resolved once it answers /health/live. */
  async startApi(): Promise<{ proc: Proc; base: string }> {
    const port = await freePort();
    const proc = this.run('api', process.execPath, ['dist/src/main.js'], { env: this.appEnv({ PORT: String(port) }) });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      `the API on port ${port}`,
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`API exited: ${proc.output.slice(-20).join('\n')}`);
        return (await fetch(`${base}/health/live`)).ok;
      },
      60_000,
      100,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${proc.output.slice(-20).join('\n')}`);
    });
    return { proc, base };
  }

  /** A worker process, resolved once it says it runs. */
  async startWorker(): Promise<Proc> {
    const proc = this.run('worker', process.execPath, ['dist/src/worker.js'], {
      env: this.appEnv({ LOG_LEVEL: 'info' }),
    });
    await waitFor(
      'the worker to start',
      () => {
        if (proc.child.exitCode !== null) throw new Error(`worker exited: ${proc.output.slice(-20).join('\n')}`);
        return proc.output.some((l) => l.includes('Byløft worker running'));
      },
      60_000,
      50,
    );
    return proc;
  }

  async kill(proc: Proc, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
    proc.child.kill(signal);
    await proc.exited;
  }

  async stop(): Promise<void> {
    for (const p of [...this.procs]) {
      if (p === this.postgres || p === this.redis) continue;
      await this.kill(p, 'SIGKILL');
    }
    await this.stopRedis();
    await this.stopPostgres();
    await this.smtp.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A minimal SMTP sink on a free loopback port: accepts every message and keeps its recipient, Message-ID and text.
 * Like a real mailbox it counts a message once per Message-ID: a retransmission of the same message (a worker
 * killed after the 250 and before it recorded the sending) is counted in `retransmissions`, not as a new e-mail.
 */
export class SmtpSink {
  readonly messages: { to: string; messageId: string; data: string }[] = [];
  retransmissions = 0;
  private readonly seen = new Set<string>();
  private server: ReturnType<typeof createServer> | null = null;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((socket) => {
      let buffer = '';
      let inData = false;
      let to = '';
      let data = '';
      socket.setEncoding('utf8');
      socket.on('error', () => undefined);
      socket.write('220 faults SMTP sink\r\n');
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        for (;;) {
          if (inData) {
            const end = buffer.indexOf('\r\n.\r\n');
            if (end === -1) return;
            data += buffer.slice(0, end);
            buffer = buffer.slice(end + 5);
            inData = false;
            const messageId = /^Message-ID:\s*(\S+)/im.exec(data)?.[1] ?? `(none ${this.messages.length})`;
            if (this.seen.has(`${to}|${messageId}`)) this.retransmissions++;
            else {
              this.seen.add(`${to}|${messageId}`);
              this.messages.push({ to, messageId, data });
            }
            socket.write('250 OK queued\r\n');
            continue;
          }
          const nl = buffer.indexOf('\r\n');
          if (nl === -1) return;
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 2);
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'EHLO' || verb === 'HELO') socket.write('250 faults\r\n');
          else if (verb === 'RCPT') {
            to = line.replace(/^RCPT TO:\s*/i, '').replace(/[<>]/g, '');
            socket.write('250 OK\r\n');
          } else if (verb === 'DATA') {
            inData = true;
            data = '';
            socket.write('354 go ahead\r\n');
          } else if (verb === 'QUIT') {
            socket.write('221 bye\r\n');
            socket.end();
          } else socket.write('250 OK\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
