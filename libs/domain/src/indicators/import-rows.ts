import { normalisePeriod, type Period } from './period.js';

/** The columns of a measurement file; `source` may be left out. */
export const IMPORT_COLUMNS = ['area', 'indicator', 'period', 'value', 'source'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = ['area', 'indicator', 'period', 'value'];

/** Header names understood for each column (compared case-insensitively), English and Danish. */
export const IMPORT_COLUMN_ALIASES: Record<ImportColumn, string[]> = {
  area: ['area', 'område', 'omraade', 'byområde', 'byomraade'],
  indicator: ['indicator', 'indikator'],
  period: ['period', 'periode', 'år', 'aar', 'year'],
  value: ['value', 'værdi', 'vaerdi'],
  source: ['source', 'kilde'],
};

/** One thing wrong with a file: where (row as a spreadsheet numbers it, the header being row 1; column) and why. */
export interface ImportError {
  row: number;
  column: ImportColumn | null;
  /**
   * The column as the file named it (e.g. "værdi"): its header, or for a missing one the name in the file's language.
   */
  heading?: string | null;
  message: string;
  messageEn: string;
}

export type ImportColumnMap = Record<ImportColumn, number | null>;

/** How the file names each column: its own header text, or, for one it lacks, the name in the file's language. */
export type ImportHeadings = Record<ImportColumn, string>;

/** The Danish header of each column (the second alias), for files with Danish headers. */
const DANISH_HEADING: Record<ImportColumn, string> = {
  area: 'område',
  indicator: 'indikator',
  period: 'periode',
  value: 'værdi',
  source: 'kilde',
};
const ENGLISH_ALIASES = new Set(IMPORT_COLUMNS.map((c) => c as string).concat(['year']));

const normalise = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');

/** Finds the columns in a header row; errors (on row 1) name each required column that is missing or doubled. */
export function mapImportHeader(header: readonly unknown[]): {
  columns: ImportColumnMap;
  headings: ImportHeadings;
  errors: ImportError[];
} {
  const columns = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, null])) as ImportColumnMap;
  const found: Partial<Record<ImportColumn, string>> = {};
  const doubled: { column: ImportColumn; text: string }[] = [];
  let danish = false;
  header.forEach((cell, i) => {
    const text = cellText(cell).trim();
    const name = normalise(text);
    const column = IMPORT_COLUMNS.find((c) => IMPORT_COLUMN_ALIASES[c].includes(name));
    if (!column) return;
    if (!ENGLISH_ALIASES.has(name)) danish = true;
    if (columns[column] !== null) {
      doubled.push({ column, text });
      return;
    }
    columns[column] = i;
    found[column] = text;
  });
  // A column is named as the file names it; one it lacks, in the language of the file's other headers.
  const headings = Object.fromEntries(
    IMPORT_COLUMNS.map((c) => [c, found[c] ?? (danish ? DANISH_HEADING[c] : c)]),
  ) as ImportHeadings;
  const errors: ImportError[] = doubled.map(({ column, text }) => ({
    row: 1,
    column,
    heading: text,
    message: `Kolonnen ${text} står der to gange`,
    messageEn: `The column ${text} appears twice`,
  }));
  for (const c of REQUIRED_IMPORT_COLUMNS) {
    if (columns[c] === null) {
      errors.push({
        row: 1,
        column: c,
        heading: headings[c],
        message:
          `Kolonnen ${headings[c]} mangler (overskrifter: ` +
          `${IMPORT_COLUMN_ALIASES[c].slice(0, 2).join(' eller ')})`,
        messageEn:
          `The column ${headings[c]} is missing (header: ` +
          `${danish ? DANISH_HEADING[c] : IMPORT_COLUMN_ALIASES[c][0]})`,
      });
    }
  }
  return { columns, headings, errors };
}

/** A cell as text: numbers as written, rich or formula cells by their text or result. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') {
    const o = cell as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
  }
  return String(cell);
}

/**
 * A number as Danish or English spreadsheets write it: "12.5", "12,5",
 * "1.234,5", "1,234.5", "1 234,5", "-3", "12,5 %". With both separators the
 * last one is the decimal separator; with only one, it is. Null when the text
 * is not a number.
 */
export function parseDecimal(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  let text = cellText(raw)
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/%$/, '');
  if (text === '') return null;
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    text = text.split(thousands).join('').replace(decimal, '.');
  } else if (lastComma >= 0) {
    if (text.indexOf(',') !== lastComma) return null;
    text = text.replace(',', '.');
  } else if (lastDot >= 0 && text.indexOf('.') !== lastDot) {
    return null;
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export interface ImportReferences {
  areas: { id: string; code: string; name: string }[];
  indicators: { id: string; code: string; name: string }[];
  /**
   * The municipality's name, e.g. "Københavns Kommune": it, "København", "city" and "hele byen" mean the city as a
   * whole.
   */
  municipalityName: string;
}

/** Names meaning the city as a whole, derived from the municipality's name (nothing Copenhagen-specific). */
export function cityNames(municipalityName: string): string[] {
  const full = normalise(municipalityName);
  const short = full.replace(/ kommune$/, '');
  const names = new Set(['city', 'hele byen', 'kommunen', full, short]);
  names.add(normalise(cityDisplayName(municipalityName))); // Københavns Kommune → københavn
  return [...names].filter((n) => n.length > 0);
}

/** How charts and reports name the city as a whole: "Københavns Kommune" → "København". */
export function cityDisplayName(municipalityName: string): string {
  const short = municipalityName.trim().replace(/ [Kk]ommune$/, '');
  // The genitive of "Københavns Kommune"; "Aarhus Kommune" keeps its s.
  return short !== municipalityName.trim() && /ns$/.test(short) ? short.slice(0, -1) : short;
}

export interface ValidMeasurementRow {
  row: number;
  indicatorId: string;
  /** Null: the city as a whole. */
  areaId: string | null;
  period: Period;
  value: number;
  /**
   * The source, or null when the file says none (no source column, or a
   * blank cell): then a stored measurement keeps its source, and a new one
   * gets none ('').
   */
  source: string | null;
}

const MAX_SOURCE_LENGTH = 500;

/**
 * Validates the rows of one file against the areas and indicators (matched
 * by code or name, case-insensitively). Keeps track of the keys seen, so a
 * second row for the same indicator, area and period is an error.
 */
export class ImportRowValidator {
  private readonly areas = new Map<string, string | null>();
  private readonly indicators = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  /**
   * The lookups by the text as written: a file repeats the same few area, indicator and period spellings on
   * every row, and normalising each (Unicode NFC, a Danish lower case) took most of the validation's time.
   */
  private readonly areaByText = new Map<string, string | null | undefined>();
  private readonly indicatorByText = new Map<string, string | undefined>();
  private readonly periodByText = new Map<string, Period | null>();

  constructor(
    refs: ImportReferences,
    private readonly columns: ImportColumnMap,
    /** How the file names its columns, so each error names the column as the file did. */
    private readonly headings?: ImportHeadings,
  ) {
    for (const a of refs.areas) {
      this.areas.set(normalise(a.code), a.id);
      this.areas.set(normalise(a.name), a.id);
    }
    for (const n of cityNames(refs.municipalityName)) if (!this.areas.has(n)) this.areas.set(n, null);
    for (const i of refs.indicators) {
      this.indicators.set(normalise(i.code), i.id);
      this.indicators.set(normalise(i.name), i.id);
    }
  }

  /** The valid row, or the errors of its cells (each named by column). */
  validate(row: number, cells: readonly unknown[]): { valid: ValidMeasurementRow | null; errors: ImportError[] } {
    const errors: ImportError[] = [];
    const cell = (c: ImportColumn) => (this.columns[c] === null ? '' : cellText(cells[this.columns[c]]).trim());
    const err = (column: ImportColumn, message: string, messageEn: string) =>
      errors.push({ row, column, heading: this.headings?.[column] ?? column, message, messageEn });

    const areaText = cell('area');
    let areaId: string | null | undefined;
    if (!areaText)
      err(
        'area',
        'Byområde mangler (skriv "city" eller kommunens navn for hele byen)',
        'The area is missing (write "city" for the city as a whole)',
      );
    else if ((areaId = remembered(this.areaByText, areaText, (t) => this.areas.get(normalise(t)))) === undefined)
      err('area', `Ukendt byområde "${areaText}"`, `Unknown area "${areaText}"`);

    const indicatorText = cell('indicator');
    let indicatorId: string | undefined;
    if (!indicatorText) err('indicator', 'Indikator mangler', 'The indicator is missing');
    else if (
      (indicatorId = remembered(this.indicatorByText, indicatorText, (t) => this.indicators.get(normalise(t)))) ===
      undefined
    )
      err('indicator', `Ukendt indikator "${indicatorText}"`, `Unknown indicator "${indicatorText}"`);

    const periodText = cell('period');
    const period = periodText ? remembered(this.periodByText, periodText, normalisePeriod) : null;
    if (!periodText) err('period', 'Periode mangler', 'The period is missing');
    else if (!period)
      err(
        'period',
        `"${periodText}" er ikke en periode (skriv fx 2012 eller 2012-Q3)`,
        `"${periodText}" is not a period (e.g. 2012 or 2012-Q3)`,
      );

    const rawValue = this.columns.value === null ? undefined : cells[this.columns.value];
    const valueText = cellText(rawValue).trim();
    const value = parseDecimal(rawValue);
    if (!valueText) err('value', 'Værdi mangler', 'The value is missing');
    else if (value === null) err('value', `"${valueText}" er ikke et tal`, `"${valueText}" is not a number`);

    const sourceText = cell('source');
    const source = sourceText === '' ? null : sourceText;
    if (sourceText.length > MAX_SOURCE_LENGTH)
      err(
        'source',
        `Kilden er længere end ${MAX_SOURCE_LENGTH} tegn`,
        `The source is longer than ${MAX_SOURCE_LENGTH} characters`,
      );

    if (errors.length || areaId === undefined || !indicatorId || !period || value === null)
      return { valid: null, errors };
    const key = `${indicatorId}|${areaId ?? 'city'}|${period}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      return {
        valid: null,
        errors: [
          {
            row,
            column: null,
            message: `Samme indikator, byområde og periode står allerede i række ${first}`,
            messageEn: `The same indicator, area and period is already in row ${first}`,
          },
        ],
      };
    }
    this.seen.set(key, row);
    return { valid: { row, indicatorId, areaId, period, value, source }, errors: [] };
  }
}

/** How many spellings of each kind are kept: a file of nothing but different misspellings stays bounded. */
const REMEMBERED_MAX = 10_000;

/** The value for a key from the map, or worked out (and kept while there is room; undefined results too). */
function remembered<V>(known: Map<string, V>, key: string, work: (key: string) => V): V {
  if (known.has(key)) return known.get(key) as V;
  const value = work(key);
  if (known.size < REMEMBERED_MAX) known.set(key, value);
  return value;
}

/** True when every cell is empty: such rows are skipped, not errors. */
export function isBlankRow(cells: readonly unknown[]): boolean {
  return cells.every((c) => cellText(c).trim() === '');
}
