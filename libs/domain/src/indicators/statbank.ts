import { parseDecimal } from './import-rows.js';
import type { Period } from './period.js';

/**
 * An indicator bound to a table of Statistics Denmark's StatBank: the table,
 * the municipality's code in the table's area variable, and one value for
 * every other variable, so that the table gives one figure per period.
 */
export interface StatbankBinding {
  tableId: string;
  /** The table's area variable, e.g. OMRÅDE. */
  areaVariable: string;
  /** The municipality's code in it, e.g. 101 (København). */
  municipalityCode: string;
  /** The table's time variable, e.g. Tid: all its periods are fetched. */
  timeVariable: string;
  /** Every other variable of the table, with the one value to take. */
  variables: { code: string; values: string[] }[];
}

/** The body of a POST to the StatBank API's `data` endpoint for a binding: CSV, codes, every period. */
export function statbankRequest(b: StatbankBinding): Record<string, unknown> {
  return {
    table: b.tableId,
    format: 'CSV',
    lang: 'da',
    valuePresentation: 'Code',
    timeOrder: 'Ascending',
    variables: [
      { code: b.areaVariable, values: [b.municipalityCode] },
      ...b.variables.map((v) => ({ code: v.code, values: v.values })),
      { code: b.timeVariable, values: ['*'] },
    ],
  };
}

/** What is wrong with a binding (field, Danish, English); empty when it can be fetched. */
export function statbankBindingProblems(b: StatbankBinding): { field: string; message: string; messageEn: string }[] {
  const problems: { field: string; message: string; messageEn: string }[] = [];
  const seen = new Set([b.areaVariable.toUpperCase(), b.timeVariable.toUpperCase()]);
  if (b.areaVariable.toUpperCase() === b.timeVariable.toUpperCase())
    problems.push({
      field: 'timeVariable',
      message: 'Tidsvariablen må ikke være områdevariablen',
      messageEn: 'The time variable must not be the area variable',
    });
  for (const v of b.variables) {
    if (seen.has(v.code.toUpperCase()))
      problems.push({
        field: 'variables',
        message: `Variablen ${v.code} er valgt to gange`,
        messageEn: `The variable ${v.code} is selected twice`,
      });
    seen.add(v.code.toUpperCase());
    if (v.values.length !== 1 || v.values[0] === '*')
      problems.push({
        field: 'variables',
        message: `Vælg én værdi for ${v.code}, så tabellen giver ét tal pr. periode`,
        messageEn: `Select exactly one value of ${v.code}, so that the table gives one figure per period`,
      });
  }
  return problems;
}

/** A StatBank time code as a Byløft period: 2019 → 2019, 2019K3 → 2019-Q3; null for months, halves and the rest. */
export function statbankPeriod(code: string): Period | null {
  const t = code.trim().toUpperCase();
  if (/^\d{4}$/.test(t)) return t;
  const q = /^(\d{4})[KQ]([1-4])$/.exec(t);
  return q ? `${q[1]}-Q${q[2]}` : null;
}

export interface StatbankValue {
  period: Period;
  value: number;
}

export interface StatbankRowError {
  /** The line of the answer (the header is line 1). */
  line: number;
  message: string;
  messageEn: string;
}

/**
 * The city-level figures in a StatBank CSV answer (its records, header
 * first): one per period of the time column, read from INDHOLD. A figure
 * StatBank does not publish ("..") is left out; an answer without the
 * columns, for another municipality, with a period Byløft does not keep
 * (months, halves) or a period twice is an error, and then nothing is loaded.
 */
export function readStatbankAnswer(
  records: string[][],
  b: StatbankBinding,
): { values: StatbankValue[]; errors: StatbankRowError[]; skipped: number } {
  const errors: StatbankRowError[] = [];
  const values: StatbankValue[] = [];
  let skipped = 0;
  const header = (records[0] ?? []).map((h) => h.trim().toUpperCase());
  const time = header.indexOf(b.timeVariable.toUpperCase());
  const content = header.indexOf('INDHOLD');
  const area = header.indexOf(b.areaVariable.toUpperCase());
  if (time < 0 || content < 0) {
    errors.push({
      line: 1,
      message:
        `Svaret har ikke kolonnerne ${b.timeVariable.toUpperCase()} og INDHOLD (fik: ` +
        `${header.join(', ') || 'intet'})`,
      messageEn:
        `The answer lacks the columns ${b.timeVariable.toUpperCase()} and INDHOLD (got: ` +
        `${header.join(', ') || 'nothing'})`,
    });
    return { values, errors, skipped };
  }
  const seen = new Map<Period, number>();
  records.slice(1).forEach((r, i) => {
    const line = i + 2;
    if (r.every((c) => c.trim() === '')) return;
    if (area >= 0 && r[area]?.trim() !== b.municipalityCode) {
      errors.push({
        line,
        message: `Rækken gælder område ${r[area]}, ikke kommunens kode ${b.municipalityCode}`,
        messageEn: `The row is for area ${r[area]}, not the municipality's code ${b.municipalityCode}`,
      });
      return;
    }
    const period = statbankPeriod(r[time] ?? '');
    if (!period) {
      errors.push({
        line,
        message: `Perioden "${r[time]}" kan ikke gemmes (kun år og kvartaler)`,
        messageEn: `The period "${r[time]}" cannot be kept (years and quarters only)`,
      });
      return;
    }
    const raw = (r[content] ?? '').trim();
    if (raw === '..' || raw === '') {
      skipped++;
      return;
    }
    const value = parseDecimal(raw);
    if (value === null) {
      errors.push({ line, message: `"${raw}" er ikke et tal`, messageEn: `"${raw}" is not a number` });
      return;
    }
    const first = seen.get(period);
    if (first !== undefined) {
      errors.push({
        line,
        message: `Perioden ${period} står allerede i linje ${first}: vælg én værdi for hver variabel`,
        messageEn: `The period ${period} is already in line ${first}: select one value of every variable`,
      });
      return;
    }
    seen.set(period, line);
    values.push({ period, value });
  });
  return { values, errors, skipped };
}
