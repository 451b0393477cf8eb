/**
 * Working days on calendar dates written as `YYYY-MM-DD`.
 *
 * A working day is Monday–Friday and not a public holiday (type `public` in
 * `date-holidays`) of the given country. Dates are handled as plain calendar
 * dates in UTC arithmetic, so no time zone can shift a date by one.
 */
import Holidays from 'date-holidays';

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

function publicHolidays(country: string, year: number): ReadonlySet<string> {
  const key = `${country.toUpperCase()}:${year}`;
  let dates = holidaysByYear.get(key);
  if (!dates) {
    dates = new Set(
      calendarFor(country)
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        // `date` is local to the country, e.g. '2026-04-02 00:00:00'.
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidaysByYear.set(key, dates);
  }
  return dates;
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

function isWorkingUtc(utc: number, country: string): boolean {
  const weekday = new Date(utc).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const date = fromUtc(utc);
  return !publicHolidays(country, Number(date.slice(0, 4))).has(date);
}

export function isWorkingDay(date: string, country = 'DK'): boolean {
  return isWorkingUtc(toUtc(date), country);
}

/**
 * Moves `n` working days from `date` (backwards when `n` is negative). The
 * result is always a working day: adding 0 to a weekend or holiday gives the
 * next working day.
 */
export function addWorkingDays(date: string, n: number, country = 'DK'): string {
  if (!Number.isInteger(n)) throw new Error(`Working days must be a whole number: ${n}`);
  let utc = toUtc(date);
  if (n === 0) {
    while (!isWorkingUtc(utc, country)) utc += DAY_MS;
    return fromUtc(utc);
  }
  const step = n > 0 ? DAY_MS : -DAY_MS;
  for (let remaining = Math.abs(n); remaining > 0;) {
    utc += step;
    if (isWorkingUtc(utc, country)) remaining -= 1;
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
export function workingDaysBetween(from: string, to: string, country = 'DK'): number {
  const start = Math.round(toUtc(from) / DAY_MS);
  const end = Math.round(toUtc(to) / DAY_MS);
  if (end < start) return -workingDaysBetween(to, from, country);
  return (
    weekdaysBefore(end + 4) - weekdaysBefore(start + 4) - (holidaysUpTo(end, country) - holidaysUpTo(start, country))
  );
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

/** Per country and year: the day numbers of the public holidays that fall on a weekday, in order. */
const weekdayHolidays = new Map<string, readonly number[]>();
/** Per country and year: the weekday holidays of the years from 2000 up to that year (negative before 2000). */
const holidaysBeforeYear = new Map<string, number>();
const ANCHOR_YEAR = 2000;

function weekdayHolidaysOf(country: string, year: number): readonly number[] {
  const key = `${country}:${year}`;
  let days = weekdayHolidays.get(key);
  if (!days) {
    days = [...publicHolidays(country, year)]
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

/** The weekday holidays up to and including day number `day`, counted from the anchor year (country in capitals). */
function holidaysUpTo(day: number, country: string): number {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  let within = 0;
  for (const holiday of weekdayHolidaysOf(country, year)) {
    if (holiday > day) break;
    within += 1;
  }
  return beforeYear(country, year) + within;
}
