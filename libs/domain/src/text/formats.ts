/**
 * How the record reads values to a person, in Danish (default) or English: dates as "1. december 2026"
 * (never ISO, which is for data exports), amounts as "1.200.000 kr.", numbers with a decimal comma. One place,
 * so a text written by the domain reads like the web app's own.
 */
import { localDay } from '../calendar/local-time.js';

export type TextLocale = 'da' | 'en';

const MONTHS: Record<TextLocale, readonly string[]> = {
  da: [
    'januar',
    'februar',
    'marts',
    'april',
    'maj',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day (YYYY-MM-DD) or an instant (ISO timestamp, Date) as a person reads it: "1. december 2026",
 * "1 December 2026". An instant is read as the day it is in `timeZone` (Copenhagen by default). Anything that is
 * not a date is returned as it was.
 */
export function formatDay(value: string | Date, locale: TextLocale = 'da', timeZone = 'Europe/Copenhagen'): string {
  let day: string;
  if (typeof value === 'string' && DAY.test(value)) day = value;
  else {
    const at = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(at.getTime())) return String(value);
    day = localDay(at, timeZone);
  }
  const [, y, m, d] = DAY.exec(day)!;
  const month = MONTHS[locale][Number(m) - 1];
  return locale === 'da' ? `${Number(d)}. ${month} ${y}` : `${Number(d)} ${month} ${y}`;
}

/** A number with the locale's separators: 1.234.567,5 (da) or 1,234,567.5 (en); at most `digits` decimals. */
export function formatNumberText(value: number, locale: TextLocale = 'da', digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const factor = 10 ** digits;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const [whole, fraction] = rounded.toFixed(digits).split('.');
  const [group, decimal] = locale === 'da' ? ['.', ','] : [',', '.'];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const decimals = fraction?.replace(/0+$/, '') ?? '';
  return `${value < 0 && rounded !== 0 ? '−' : ''}${grouped}${decimals ? decimal + decimals : ''}`;
}

/** An amount in Danish kroner: "1.200.000 kr." (da), "DKK 1,200,000" (en). */
export function formatKroner(value: number, locale: TextLocale = 'da'): string {
  const n = formatNumberText(value, locale, 2);
  return locale === 'da' ? `${n} kr.` : `DKK ${n}`;
}
