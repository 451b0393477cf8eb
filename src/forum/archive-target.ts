import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArchiveSettings } from './archive-settings.js';

/** One decision's archive package: the decision document and its metadata (the FESD/SF1470 index as model). */
export interface ArchivePackage {
  /** The decision's id: the package's name and the idempotency key. */
  id: string;
  document: Buffer;
  metadata: Record<string, unknown>;
}

/** What the archive answered: its reference for the package, if it gave one. */
export interface Delivered {
  reference: string | null;
}

/** A place packages are written to. Delivering the same package twice must keep it once. */
export interface ArchiveTarget {
  readonly kind: 'directory' | 'http';
  deliver(pkg: ArchivePackage): Promise<Delivered>;
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export const DOCUMENT_FILE = 'beslutning.pdf';
export const METADATA_FILE = 'metadata.json';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * A folder per decision (`<ARCHIVE_DIR>/<decision id>/beslutning.pdf` and
 * `metadata.json`), written in a temporary folder and renamed into place in
 * one step: a reader never sees half a package, and a second delivery of a
 * package already there leaves it as it is.
 */
export class DirectoryTarget implements ArchiveTarget {
  readonly kind = 'directory' as const;
  constructor(private readonly dir: string) {}

  async deliver(pkg: ArchivePackage): Promise<Delivered> {
    const final = join(this.dir, pkg.id);
    if (await exists(final)) return { reference: final };
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `.tmp-${pkg.id}-${randomBytes(4).toString('hex')}`);
    await mkdir(tmp);
    try {
      await writeFile(join(tmp, DOCUMENT_FILE), pkg.document);
      await writeFile(join(tmp, METADATA_FILE), `${JSON.stringify(pkg.metadata, null, 2)}\n`);
      await rename(tmp, final);
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      // Another delivery of the same package got there first: it is there once.
      if (await exists(final)) return { reference: final };
      throw err;
    }
    return { reference: final };
  }
}

/**
 * POSTs the package as JSON (`metadata`, `document` in base64) with
 * `Idempotency-Key: <decision id>`, so the case system's adapter keeps a
 * package it already has once. A 2xx answer is delivered (its `reference`
 * or `id`, if any, is kept); anything else, or no answer in time, is an
 * error and the package is tried again later.
 */
export class HttpTarget implements ArchiveTarget {
  readonly kind = 'http' as const;
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly token: string | null,
  ) {}

  async deliver(pkg: ArchivePackage): Promise<Delivered> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': pkg.id,
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ metadata: pkg.metadata, document: pkg.document.toString('base64') }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      const why =
        err instanceof Error
          ? err.name === 'TimeoutError'
            ? `no answer within ${this.timeoutMs} ms`
            : `${err.message}${cause}`
          : String(err);
      throw new Error(`The archive at ${this.url} could not be reached: ${why}`, { cause: err });
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new Error(`The archive answered ${res.status}${text ? `: ${text.slice(0, 300)}` : ''}`);
    try {
      const body = JSON.parse(text) as { reference?: unknown; id?: unknown };
      const ref = body.reference ?? body.id;
      return { reference: typeof ref === 'string' || typeof ref === 'number' ? String(ref) : null };
    } catch {
      return { reference: null };
    }
  }
}

export function archiveTarget(settings: ArchiveSettings): ArchiveTarget {
  return settings.url
    ? new HttpTarget(settings.url, settings.timeoutMs, settings.token)
    : new DirectoryTarget(settings.dir);
}
