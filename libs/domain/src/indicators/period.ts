/**
 * Measurement periods. A period is a year ('2012') or a quarter ('2012-Q3').
 * Imports accept a few common spellings and store the normalised form, which
 * sorts correctly as text: '2012' < '2012-Q1' < '2012-Q4' < '2013'.
 */
export type Period = string;

const YEAR = /^(\d{4})$/;
const YEAR_QUARTER = /^(\d{4})\s*[-/ ]?\s*(?:Q|K)([1-4])$/i; // 2012-Q3, 2012Q3, 2012 Q3, 2012-K3 (kvartal)
const QUARTER_YEAR = /^(?:Q|K)([1-4])\s*[-/ ]?\s*(\d{4})$/i; // Q3 2012, Q3-2012, K3 2012
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** The normalised period, or null when the text is not a year or a quarter. */
export function normalisePeriod(raw: string | number): Period | null {
  const text = String(raw).trim();
  let year: number;
  let quarter: number | null = null;
  let m: RegExpExecArray | null;
  if ((m = YEAR.exec(text))) {
    year = Number(m[1]);
  } else if ((m = YEAR_QUARTER.exec(text))) {
    year = Number(m[1]);
    quarter = Number(m[2]);
  } else if ((m = QUARTER_YEAR.exec(text))) {
    year = Number(m[2]);
    quarter = Number(m[1]);
  } else {
    return null;
  }
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  return quarter === null ? String(year) : `${year}-Q${quarter}`;
}

/**
 * A normalised period as a point in time, in decimal years, at its start:
 * '2012' → 2012, '2012-Q3' → 2012.5. Goals' baseline and target years are
 * points on the same scale, so a 2012 measurement sits on a 2012 baseline.
 */
export function periodToYear(period: Period): number {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(period);
  if (!m) throw new Error(`Not a normalised period: "${period}"`);
  return Number(m[1]) + (m[2] ? (Number(m[2]) - 1) / 4 : 0);
}

/** Orders normalised periods in time. */
export function comparePeriods(a: Period, b: Period): number {
  return periodToYear(a) - periodToYear(b) || a.localeCompare(b);
}

/** Danish label: '2012' → '2012', '2012-Q3' → '3. kvt. 2012'. */
export function periodLabel(period: Period): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(period);
  return m ? `${m[2]}. kvt. ${m[1]}` : period;
}
