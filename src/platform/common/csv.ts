import { stringify } from 'csv-stringify/sync';
import type { Language } from './language.js';

/**
 * The one CSV writer of every export. Danish (`da`): `;` between fields and a
 * decimal comma, as Danish Excel reads them (with `,` it puts everything in
 * one column); English (`en`): `,` and a decimal point. Both start with a
 * UTF-8 BOM, so Excel reads æøå. Dates and times stay ISO (they are data);
 * numbers are written in full, with no thousands separator, so the file reads
 * back as numbers (the measurement import reads both forms).
 */
export type CsvLocale = Language;

export interface CsvFormat {
  delimiter: string;
  decimal: string;
}

export const CSV_FORMATS: Record<CsvLocale, CsvFormat> = {
  da: { delimiter: ';', decimal: ',' },
  en: { delimiter: ',', decimal: '.' },
};

const BOM = '\ufeff';

/** A number as the locale writes it in a CSV cell: 1234.5 → "1234,5" (da) or "1234.5" (en). */
export function csvNumber(n: number, locale: CsvLocale): string {
  const text = Number.isFinite(n) ? String(n) : '';
  return locale === 'da' ? text.replace('.', ',') : text;
}

/** The CSV text of a header and rows (no BOM); null and undefined are empty cells, dates ISO. */
export function csvText(header: readonly string[], rows: readonly (readonly unknown[])[], locale: CsvLocale): string {
  return stringify([header as string[], ...(rows as unknown[][])], {
    delimiter: CSV_FORMATS[locale].delimiter,
    cast: {
      number: (n) => csvNumber(n, locale),
      date: (d) => d.toISOString(),
      boolean: (b) => (b ? 'true' : 'false'),
    },
  });
}

/** The CSV file's bytes: UTF-8 with a BOM. */
export function csvFile(header: readonly string[], rows: readonly (readonly unknown[])[], locale: CsvLocale): Buffer {
  return Buffer.from(BOM + csvText(header, rows, locale), 'utf8');
}

/** The file name says the format: `<base>-da.csv` (semicolons, decimal comma) or `<base>-en.csv`. */
export function csvFileName(baseName: string, locale: CsvLocale): string {
  return `${baseName}-${locale}.csv`;
}
