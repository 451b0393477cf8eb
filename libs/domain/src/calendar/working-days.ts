/**
 * Working days on calendar dates written as `YYYY-MM-DD`.
 *
 * A working day is Monday–Friday, not a public holiday (type `public` in
 * `date-holidays`) of the given country and not one of the municipality's own
 * days off (`NON_WORKING_DAYS`: extra dates, and yearly rules such as 5 June,
 * 24 and 31 December). Dates are handled as plain calendar dates in UTC
 * arithmetic, so no time zone can shift a date by one.
 *
 * Every function takes a calendar: a country code (public holidays only) or
 * a `WorkingCalendar` (country and days off). Either way the days off of a
 * year are one set, computed once per calendar and year, so counting stays
 * constant time per span.
 */
import Holidays from 'date-holidays';

/** The municipality's own days off, besides the public holidays (the setting NON_WORKING_DAYS). */
export interface NonWorkingDays {
  /** Single dates, `YYYY-MM-DD` (e.g. a bridge day, 2026-05-15). */
  dates: readonly string[];
  /** Every year on this day, `MM-DD` (e.g. 06-05, 12-24, 12-31); 02-29 only in leap years. */
  yearly: readonly string[];
}

export interface WorkingCalendar {
  country: string;
  nonWorkingDays?: NonWorkingDays | null;
}

/** A country code (public holidays only) or a calendar with the municipality's days off. */
export type CalendarSpec = string | WorkingCalendar;

export const NO_DAYS_OFF: NonWorkingDays = { dates: [], yearly: [] };

const YEARLY_PATTERN = /^(\d{2})-(\d{2})$/;
const MAX_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `value` is a yearly rule `MM-DD` that exists in some year (02-29 does, in leap years). */
export function isYearlyDay(value: string): boolean {
  const m = YEARLY_PATTERN.exec(value);
  if (!m) return false;
  const [month, day] = [Number(m[1]), Number(m[2])];
  return month >= 1 && month <= 12 && day >= 1 && day <= MAX_DAYS_IN_MONTH[month - 1];
}

/** Whether `value` is a real calendar date `YYYY-MM-DD`. */
function isCalendarDate(value: string): boolean {
  try {
    toUtc(value);
    return true;
  } catch {
    return false;
  }
}

/** A calendar as one cache key: its country in capitals and its days off, sorted. */
const keys = new WeakMap<WorkingCalendar, string>();
function calendarKey(spec: CalendarSpec): string {
  if (typeof spec === 'string') return spec.toUpperCase();
  let key = keys.get(spec);
  if (key === undefined) {
    const off = spec.nonWorkingDays ?? NO_DAYS_OFF;
    for (const d of off.dates) toUtc(d);
    for (const y of off.yearly) if (!isYearlyDay(y)) throw new Error(`Invalid yearly day off (expected MM-DD): ${y}`);
    const dates = [...new Set(off.dates)].sort();
    const yearly = [...new Set(off.yearly)].sort();
    key =
      dates.length + yearly.length === 0
        ? spec.country.toUpperCase()
        : `${spec.country.toUpperCase()}|${dates.join(',')}|${yearly.join(',')}`;
    keys.set(spec, key);
  }
  return key;
}

const parsedKeys = new Map<string, { country: string; dates: readonly string[]; yearly: readonly string[] }>();
function parseKey(key: string) {
  let parsed = parsedKeys.get(key);
  if (!parsed) {
    const [country, dates, yearly] = key.split('|');
    parsed = {
      country,
      dates: dates ? dates.split(',') : [],
      yearly: yearly ? yearly.split(',') : [],
    };
    parsedKeys.set(key, parsed);
  }
  return parsed;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

const calendars = new Map<string, Holidays>();
const holidaysByYear = new Map<string, ReadonlySet<string>>();

function calendarFor(country: string): Holidays {
  const code = country.toUpperCase();
  let calendar = calendars.get(code);
  if (!calendar) {
    if (!(code in new Holidays().getCountries())) {
      throw new Error(`Unknown country code for holidays: ${country}`);
    }
    calendar = new Holidays(code);
    calendars.set(code, calendar);
  }
  return calendar;
}

/** The days off of a calendar (by its key) in one year: public holidays and the municipality's own. */
function daysOff(calendar: string, year: number): ReadonlySet<string> {
  const key = `${calendar}:${year}`;
  let dates = holidaysByYear.get(key);
  if (!dates) {
    const { country, dates: extra, yearly } = parseKey(calendar);
    const prefix = `${year}-`;
    dates = new Set([
      ...calendarFor(country)
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        // `date` is local to the country, e.g. '2026-04-02 00:00:00'.
        .map((holiday) => holiday.date.slice(0, 10)),
      ...extra.filter((d) => d.startsWith(prefix)),
      ...yearly.map((md) => `${prefix}${md}`).filter((d) => isCalendarDate(d)),
    ]);
    holidaysByYear.set(key, dates);
  }
  return dates;
}

/**
 * The days off on weekdays in [from, to] (YYYY-MM-DD), in order, each with whether it is a public holiday
 * or one of the municipality's own (for showing the calendar; at most a few years at a time).
 */
export function daysOffBetween(
  from: string,
  to: string,
  spec: CalendarSpec = 'DK',
): { date: string; kind: 'public_holiday' | 'day_off' }[] {
  const key = calendarKey(spec);
  const country = parseKey(key).country;
  const [start, end] = [toUtc(from), toUtc(to)];
  const out: { date: string; kind: 'public_holiday' | 'day_off' }[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const publicDays = daysOff(country, year);
    for (const date of [...daysOff(key, year)].sort()) {
      const utc = toUtc(date);
      const weekday = new Date(utc).getUTCDay();
      if (utc < start || utc > end || weekday === 0 || weekday === 6) continue;
      out.push({ date, kind: publicDays.has(date) ? 'public_holiday' : 'day_off' });
    }
  }
  return out;
}

/** Parses `YYYY-MM-DD` into a UTC timestamp (ms), rejecting impossible dates such as 2026-02-30. */
function toUtc(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = Date.UTC(year, month - 1, day);
    if (fromUtc(utc) === date) return utc;
  }
  throw new Error(`Invalid calendar date (expected YYYY-MM-DD): ${date}`);
}

function fromUtc(utc: number): string {
  return new Date(utc).toISOString().slice(0, 10);
}

function isWorkingUtc(utc: number, calendar: string): boolean {
  const weekday = new Date(utc).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const date = fromUtc(utc);
  return !daysOff(calendar, Number(date.slice(0, 4))).has(date);
}

export function isWorkingDay(date: string, calendar: CalendarSpec = 'DK'): boolean {
  return isWorkingUtc(toUtc(date), calendarKey(calendar));
}

/**
 * Moves `n` working days from `date` (backwards when `n` is negative). The
 * result is always a working day: adding 0 to a weekend or holiday gives the
 * next working day.
 */
export function addWorkingDays(date: string, n: number, calendar: CalendarSpec = 'DK'): string {
  if (!Number.isInteger(n)) throw new Error(`Working days must be a whole number: ${n}`);
  const key = calendarKey(calendar);
  let utc = toUtc(date);
  if (n === 0) {
    while (!isWorkingUtc(utc, key)) utc += DAY_MS;
    return fromUtc(utc);
  }
  const step = n > 0 ? DAY_MS : -DAY_MS;
  for (let remaining = Math.abs(n); remaining > 0;) {
    utc += step;
    if (isWorkingUtc(utc, key)) remaining -= 1;
  }
  return fromUtc(utc);
}

/**
 * Counts the working days after `from` up to and including `to`. Negative
 * when `to` is before `from`: `workingDaysBetween(a, b) === -workingDaysBetween(b, a)`.
 *
 * Constant time per span (the portfolio counts one span per decided
 * project): the weekdays come from arithmetic on day numbers, the public
 * holidays on weekdays from per-year counts kept once computed.
 */
export function workingDaysBetween(from: string, to: string, calendar: CalendarSpec = 'DK'): number {
  const key = calendarKey(calendar);
  const start = Math.round(toUtc(from) / DAY_MS);
  const end = Math.round(toUtc(to) / DAY_MS);
  if (end < start) return -workingDaysBetween(to, from, key);
  return weekdaysBefore(end + 4) - weekdaysBefore(start + 4) - (holidaysUpTo(end, key) - holidaysUpTo(start, key));
}

/**
 * The days off that fall on a weekday in the years [fromYear, toYear], as day numbers (days since
 * 1970-01-01), in order. With them a database counts working days in constant time per span, as
 * `workingDaysBetween` does: the weekdays by arithmetic, less the days off up to each end, which a
 * binary search over this list counts (PostgreSQL's `width_bucket(day, list)`).
 */
export function weekdayDaysOff(fromYear: number, toYear: number, calendar: CalendarSpec = 'DK'): number[] {
  const key = calendarKey(calendar);
  const out: number[] = [];
  for (let year = fromYear; year <= toYear; year++) out.push(...weekdayHolidaysOf(key, year));
  return out;
}

/** The day number (days since 1970-01-01) of a date `YYYY-MM-DD`. */
export function dayNumber(date: string): number {
  return Math.round(toUtc(date) / DAY_MS);
}

/**
 * The weekdays among the positions [0, m) of a week numbered from Monday = 0.
 * Day number d (days since 1970-01-01, a Thursday) sits at position d + 3, so
 * the weekdays in the days (s, e] are weekdaysBefore(e + 4) - weekdaysBefore(s + 4).
 */
function weekdaysBefore(m: number): number {
  const weeks = Math.floor(m / 7);
  return 5 * weeks + Math.min(m - 7 * weeks, 5);
}

/** Per calendar (key) and year: the day numbers of the days off that fall on a weekday, in order. */
const weekdayHolidays = new Map<string, readonly number[]>();
/** Per calendar (key) and year: the weekday days off of the years from 2000 up to that year (negative before 2000). */
const holidaysBeforeYear = new Map<string, number>();
const ANCHOR_YEAR = 2000;

function weekdayHolidaysOf(country: string, year: number): readonly number[] {
  const key = `${country}:${year}`;
  let days = weekdayHolidays.get(key);
  if (!days) {
    days = [...daysOff(country, year)]
      .map((date) => toUtc(date))
      .filter((utc) => {
        const weekday = new Date(utc).getUTCDay();
        return weekday !== 0 && weekday !== 6;
      })
      .map((utc) => Math.round(utc / DAY_MS))
      .sort((a, b) => a - b);
    weekdayHolidays.set(key, days);
  }
  return days;
}

/** The weekday holidays in the years [ANCHOR_YEAR, year), or minus those in [year, ANCHOR_YEAR). */
function beforeYear(country: string, year: number): number {
  if (year === ANCHOR_YEAR) return 0;
  const key = `${country}:${year}`;
  let count = holidaysBeforeYear.get(key);
  if (count === undefined) {
    count =
      year > ANCHOR_YEAR
        ? beforeYear(country, year - 1) + weekdayHolidaysOf(country, year - 1).length
        : beforeYear(country, year + 1) - weekdayHolidaysOf(country, year).length;
    holidaysBeforeYear.set(key, count);
  }
  return count;
}

/** The weekday days off up to and including day number `day`, counted from the anchor year (a calendar key). */
function holidaysUpTo(day: number, country: string): number {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  let within = 0;
  for (const holiday of weekdayHolidaysOf(country, year)) {
    if (holiday > day) break;
    within += 1;
  }
  return beforeYear(country, year) + within;
}
