import { describe, expect, it } from '@jest/globals';
import {
  addWorkingDays,
  dayNumber,
  daysOffBetween,
  isWorkingDay,
  isYearlyDay,
  weekdayDaysOff,
  workingDaysBetween,
  type CalendarSpec,
  type WorkingCalendar,
} from './working-days.js';

describe('isWorkingDay (Denmark)', () => {
  it('treats Monday to Friday as working days and weekends as not', () => {
    expect(isWorkingDay('2026-03-02')).toBe(true); // Monday
    expect(isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08')).toBe(false); // Sunday
  });

  it('excludes Easter 2026, Skærtorsdag to Anden påskedag', () => {
    expect(isWorkingDay('2026-04-01')).toBe(true); // Wednesday before
    for (const date of ['2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06']) {
      expect([date, isWorkingDay(date)]).toEqual([date, false]);
    }
    expect(isWorkingDay('2026-04-07')).toBe(true); // Tuesday after
  });

  it('excludes Christmas Day, Boxing Day and New Year, but not Christmas Eve (not a public holiday)', () => {
    expect(isWorkingDay('2025-12-24')).toBe(true);
    expect(isWorkingDay('2025-12-25')).toBe(false);
    expect(isWorkingDay('2025-12-26')).toBe(false);
    expect(isWorkingDay('2026-01-01')).toBe(false);
    expect(isWorkingDay('2026-01-02')).toBe(true);
  });

  it('knows Store Bededag was abolished from 2024', () => {
    expect(isWorkingDay('2023-05-05')).toBe(false); // Store Bededag 2023
    expect(isWorkingDay('2025-05-16')).toBe(true); // would have been Store Bededag
  });

  it('excludes Kristi Himmelfartsdag and Anden pinsedag', () => {
    expect(isWorkingDay('2026-05-14')).toBe(false);
    expect(isWorkingDay('2026-05-25')).toBe(false);
    expect(isWorkingDay('2026-05-15')).toBe(true);
  });

  it('takes the country as a parameter', () => {
    expect(isWorkingDay('2025-10-03')).toBe(true); // an ordinary Friday in Denmark
    expect(isWorkingDay('2025-10-03', 'DE')).toBe(false); // Tag der Deutschen Einheit
    expect(isWorkingDay('2026-04-02', 'DE')).toBe(true); // Maundy Thursday is no German holiday
  });

  it('rejects malformed dates and unknown countries', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow('Invalid calendar date');
    expect(() => isWorkingDay('2026/03/02')).toThrow('Invalid calendar date');
    expect(() => isWorkingDay('2026-03-02T10:00:00Z')).toThrow('Invalid calendar date');
    expect(() => isWorkingDay('2026-03-02', 'XX')).toThrow('Unknown country');
  });
});

describe('addWorkingDays', () => {
  it('skips the Easter holidays and the weekend', () => {
    expect(addWorkingDays('2026-04-01', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2026-03-31', 2)).toBe('2026-04-07');
  });

  it('goes backwards for negative n', () => {
    expect(addWorkingDays('2026-04-07', -1)).toBe('2026-04-01');
    expect(addWorkingDays('2026-01-02', -1)).toBe('2025-12-31');
    expect(addWorkingDays('2026-04-06', -1)).toBe('2026-04-01'); // from a holiday
  });

  it('with 0 keeps a working day and moves a non-working day to the next working day', () => {
    expect(addWorkingDays('2026-04-01', 0)).toBe('2026-04-01');
    expect(addWorkingDays('2026-04-03', 0)).toBe('2026-04-07');
    expect(addWorkingDays('2026-03-07', 0)).toBe('2026-03-09');
  });

  it('crosses Christmas and New Year', () => {
    expect(addWorkingDays('2025-12-24', 1)).toBe('2025-12-29');
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-02');
    // Jan 2; Jan 5–9; Jan 12–15
    expect(addWorkingDays('2026-01-01', 10)).toBe('2026-01-15');
  });

  it('counts from a weekend to the next working days', () => {
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-07', -1)).toBe('2026-03-06');
  });

  it('rejects fractional n', () => {
    expect(() => addWorkingDays('2026-03-02', 1.5)).toThrow('whole number');
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after from up to and including to', () => {
    expect(workingDaysBetween('2026-04-01', '2026-04-07')).toBe(1);
    expect(workingDaysBetween('2026-03-02', '2026-03-06')).toBe(4);
    expect(workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(workingDaysBetween('2025-12-24', '2026-01-02')).toBe(4); // 29, 30, 31 Dec, 2 Jan
  });

  it('is negative when to is before from', () => {
    expect(workingDaysBetween('2026-04-07', '2026-04-01')).toBe(-1);
    expect(workingDaysBetween('2026-03-06', '2026-03-02')).toBe(-4);
  });

  it('inverts addWorkingDays from a working day', () => {
    for (const start of ['2026-03-30', '2026-04-01', '2025-12-22', '2026-05-13']) {
      for (const n of [-12, -3, -1, 1, 2, 7, 25]) {
        expect([start, n, workingDaysBetween(start, addWorkingDays(start, n))]).toEqual([start, n, n]);
      }
    }
  });
});

describe('workingDaysBetween, counted in constant time per span', () => {
  /** The day-by-day count the constant-time one replaced. */
  const dayByDay = (from: string, to: string, country: CalendarSpec = 'DK'): number => {
    const step = 24 * 60 * 60 * 1000;
    const [a, b] = [Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`)];
    if (b < a) return -dayByDay(to, from, country);
    let n = 0;
    for (let t = a + step; t <= b; t += step) if (isWorkingDay(new Date(t).toISOString().slice(0, 10), country)) n++;
    return n;
  };
  const date = (n: number) => new Date(Date.UTC(1990, 0, 1) + n * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

  it('equals the day-by-day count for spans of every length and start, across years, both ways', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 600; i++) {
      const start = next() % 17_000; // 1990–2036
      const from = date(start);
      const to = date(start + (next() % 1_600) - 400); // up to a year back, three years on
      expect([from, to, workingDaysBetween(from, to)]).toEqual([from, to, dayByDay(from, to)]);
    }
  });

  it('equals it for every day of a year around its holidays, from weekends and holidays too, in another country', () => {
    for (let d = 0; d < 400; d++) {
      const from = date(12_400 + d); // late 2023 to 2025, Store Bededag's last year included
      for (const length of [0, 1, 2, 5, 7, 30]) {
        const to = date(12_400 + d + length);
        expect([from, to, workingDaysBetween(from, to)]).toEqual([from, to, dayByDay(from, to)]);
      }
      const to = date(12_400 + d + 45);
      expect([from, to, workingDaysBetween(from, to, 'DE')]).toEqual([from, to, dayByDay(from, to, 'DE')]);
    }
  });
});

describe("the municipality's days off (NON_WORKING_DAYS)", () => {
  const copenhagen: WorkingCalendar = {
    country: 'DK',
    nonWorkingDays: { dates: ['2026-05-15'], yearly: ['06-05', '12-24', '12-31', '02-29'] },
  };

  it(
    'makes the yearly days and the extra dates no working days, and leaves the rest as the public holidays have ' +
      'it',
    () => {
      expect(isWorkingDay('2026-12-24', copenhagen)).toBe(false); // Thursday
      expect(isWorkingDay('2026-12-24')).toBe(true); // without the setting: no public holiday
      expect(isWorkingDay('2025-12-31', copenhagen)).toBe(false);
      expect(isWorkingDay('2026-06-05', copenhagen)).toBe(false); // Grundlovsdag, a Friday
      expect(isWorkingDay('2026-05-15', copenhagen)).toBe(false); // the bridge day after Kristi Himmelfart
      expect(isWorkingDay('2027-05-14', copenhagen)).toBe(true); // an extra date is one date, not every year
      expect(isWorkingDay('2026-12-23', copenhagen)).toBe(true);
      expect(isWorkingDay('2028-02-29', copenhagen)).toBe(false); // 02-29 in a leap year (a Tuesday)
      expect(isWorkingDay('2027-03-01', copenhagen)).toBe(true); // and nothing in another year
    },
  );

  it('moves deadlines and counts spans with them', () => {
    expect(addWorkingDays('2026-12-23', 1, copenhagen)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-23', 1)).toBe('2026-12-24');
    expect(addWorkingDays('2026-12-30', 1, copenhagen)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-28', -1, copenhagen)).toBe('2026-12-23');
    expect(workingDaysBetween('2026-12-22', '2027-01-04', copenhagen)).toBe(5); // 23, 28, 29, 30 Dec, 4 Jan
    expect(workingDaysBetween('2026-12-22', '2027-01-04')).toBe(7); // + 24 and 31 Dec
  });

  it('counts in constant time as the day-by-day count does, with the days off', () => {
    const step = 24 * 60 * 60 * 1000;
    const date = (n: number) => new Date(Date.UTC(2018, 0, 1) + n * step).toISOString().slice(0, 10);
    let seed = 11;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 400; i++) {
      const start = next() % 4_000;
      const [from, to] = [date(start), date(start + (next() % 900) - 200)];
      const [a, b] = [Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`)];
      let n = 0;
      for (let t = Math.min(a, b) + step; t <= Math.max(a, b); t += step)
        if (isWorkingDay(new Date(t).toISOString().slice(0, 10), copenhagen)) n++;
      expect([from, to, workingDaysBetween(from, to, copenhagen)]).toEqual([from, to, b < a ? -n : n]);
    }
  });

  it("lists the days off on weekdays, telling public holidays from the municipality's own", () => {
    expect(daysOffBetween('2026-12-20', '2027-01-03', copenhagen)).toEqual([
      { date: '2026-12-24', kind: 'day_off' },
      { date: '2026-12-25', kind: 'public_holiday' },
      { date: '2026-12-31', kind: 'day_off' },
      { date: '2027-01-01', kind: 'public_holiday' },
    ]); // 26 December is a Saturday
  });

  it('is the same calendar whatever the order or repetition of its days, and a new object is a new calendar', () => {
    const shuffled: WorkingCalendar = {
      country: 'dk',
      nonWorkingDays: { dates: ['2026-05-15', '2026-05-15'], yearly: ['12-31', '02-29', '06-05', '12-24'] },
    };
    expect(workingDaysBetween('2026-01-01', '2027-01-01', shuffled)).toBe(
      workingDaysBetween('2026-01-01', '2027-01-01', copenhagen),
    );
    const none: WorkingCalendar = { country: 'DK', nonWorkingDays: { dates: [], yearly: [] } };
    expect(workingDaysBetween('2026-01-01', '2027-01-01', none)).toBe(workingDaysBetween('2026-01-01', '2027-01-01'));
  });

  it('checks its days: dates as YYYY-MM-DD, yearly rules as MM-DD', () => {
    expect(isYearlyDay('02-29')).toBe(true);
    expect(isYearlyDay('02-30')).toBe(false);
    expect(isYearlyDay('13-01')).toBe(false);
    expect(isYearlyDay('6-5')).toBe(false);
    expect(() =>
      isWorkingDay('2026-03-02', { country: 'DK', nonWorkingDays: { dates: [], yearly: ['24-12'] } }),
    ).toThrow('Invalid yearly day off');
  });
});

describe('weekdayDaysOff: the days off a database counts working days with', () => {
  const copenhagen: WorkingCalendar = { country: 'DK', nonWorkingDays: { dates: ['2026-05-15'], yearly: ['12-24'] } };

  it('lists the weekday days off of the years asked for, in order, as day numbers', () => {
    const days = weekdayDaysOff(2026, 2026, copenhagen);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    const dates = days.map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    expect(dates).toEqual(daysOffBetween('2026-01-01', '2026-12-31', copenhagen).map((d) => d.date));
    expect(dates).toContain('2026-05-15');
    expect(dates).not.toContain('2026-04-05'); // Easter Sunday: a Sunday anyway
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2026-01-01')).toBe(20_454);
  });

  it('gives the working days of any span by arithmetic and a binary search, as workingDaysBetween counts them', () => {
    // What the SQL does: weekdays by position in the week, less the days off up to each end (width_bucket).
    const days = weekdayDaysOff(2015, 2030, copenhagen);
    const upTo = (d: number) => {
      let [lo, hi] = [0, days.length];
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (days[mid] <= d) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const weekdaysBefore = (m: number) => {
      const r = ((m % 7) + 7) % 7;
      return 5 * ((m - r) / 7) + Math.min(r, 5);
    };
    let seed = 5;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 500; i++) {
      const s = dayNumber('2016-01-01') + (next() % 4_000);
      const e = s + (next() % 1_200) - 300;
      const date = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
      const counted = weekdaysBefore(e + 4) - weekdaysBefore(s + 4) - (upTo(e) - upTo(s));
      expect([date(s), date(e), counted]).toEqual([date(s), date(e), workingDaysBetween(date(s), date(e), copenhagen)]);
    }
  });
});
