import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PDF's text, read back with poppler's `pdftotext` (Debian's poppler-utils), as a reader's tool would see it.
 * Where it is missing the tests that read a PDF's text are skipped with a notice, as the browser tests are
 * without Chromium; CI (CI=true) installs it, and there a missing one fails the run instead.
 */
export const PDFTOTEXT = '/usr/bin/pdftotext';
export const canReadPdfText = existsSync(PDFTOTEXT) || process.env.CI === 'true';
if (!existsSync(PDFTOTEXT) && process.env.CI !== 'true' && !process.env.BYLOEFT_PDF_NOTICE) {
  process.env.BYLOEFT_PDF_NOTICE = '1';
  process.stderr.write(`PDF text checks skipped: ${PDFTOTEXT} not found (apt-get install poppler-utils).\n`);
}

/** The text of a PDF given as bytes or as a file. */
export function pdfText(pdf: Buffer | string): string {
  let file = pdf;
  if (typeof file !== 'string') {
    file = join(mkdtempSync(join(tmpdir(), 'byloeft-pdf-')), 'document.pdf');
    writeFileSync(file, pdf);
  }
  return execFileSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' });
}
