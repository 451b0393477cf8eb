import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryTarget, DOCUMENT_FILE, METADATA_FILE, sha256 } from './archive-target.js';

describe('DirectoryTarget', () => {
  const pkg = (id: string, text: string) => {
    const document = Buffer.from(`%PDF-1.7 ${text}`);
    return { id, document, metadata: { packageId: id, document: { sha256: sha256(document) } } };
  };

  it('writes a package as one folder with the document and its metadata', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'byloeft-archive-'));
    const id = '2b9a3c1e-0000-4000-8000-000000000001';
    const delivered = await new DirectoryTarget(dir).deliver(pkg(id, 'første'));
    expect(delivered.reference).toBe(join(dir, id));
    expect(readdirSync(dir)).toEqual([id]);
    expect(readdirSync(join(dir, id)).sort()).toEqual([DOCUMENT_FILE, METADATA_FILE].sort());
    const metadata = JSON.parse(readFileSync(join(dir, id, METADATA_FILE), 'utf8'));
    expect(metadata.document.sha256).toBe(sha256(readFileSync(join(dir, id, DOCUMENT_FILE))));
  });

  it('keeps a package once: a second delivery, even concurrent ones, leaves the first as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'byloeft-archive-'));
    const id = '2b9a3c1e-0000-4000-8000-000000000002';
    const target = new DirectoryTarget(dir);
    await Promise.all([target.deliver(pkg(id, 'a')), target.deliver(pkg(id, 'b')), target.deliver(pkg(id, 'c'))]);
    await target.deliver(pkg(id, 'd'));
    expect(readdirSync(dir)).toEqual([id]);
    expect(['a', 'b', 'c']).toContain(readFileSync(join(dir, id, DOCUMENT_FILE), 'utf8').slice(-1));
  });
});
