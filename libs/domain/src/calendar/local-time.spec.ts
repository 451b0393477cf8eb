import { describe, expect, it } from '@jest/globals';
import { atLocalHour, isTimeZone, localDay } from './local-time.js';

const CPH = 'Europe/Copenhagen';

describe('local days and hours (Europe/Copenhagen: UTC+1 in winter, UTC+2 in summer)', () => {
  it('gives the Danish day, which starts an hour (winter) or two (summer) before the UTC one', () => {
    expect(localDay(new Date('2026-12-01T22:59:59Z'), CPH)).toBe('2026-12-01');
    expect(localDay(new Date('2026-12-01T23:00:00Z'), CPH)).toBe('2026-12-02');
    expect(localDay(new Date('2026-07-01T21:59:59Z'), CPH)).toBe('2026-07-01');
    expect(localDay(new Date('2026-07-01T22:00:00Z'), CPH)).toBe('2026-07-02');
    expect(localDay(new Date('2026-12-31T23:30:00Z'), CPH)).toBe('2027-01-01');
    expect(localDay(new Date('2026-12-01T23:30:00Z'), 'UTC')).toBe('2026-12-01');
  });

  it('finds the instant of a Danish hour, across the changes to and from summer time', () => {
    expect(atLocalHour('2026-12-01', 8, CPH).toISOString()).toBe('2026-12-01T07:00:00.000Z');
    expect(atLocalHour('2024-06-28', 8, CPH).toISOString()).toBe('2024-06-28T06:00:00.000Z');
    expect(atLocalHour('2026-03-29', 8, CPH).toISOString()).toBe('2026-03-29T06:00:00.000Z'); // summer time began at 02:00 that day
    expect(atLocalHour('2026-10-25', 8, CPH).toISOString()).toBe('2026-10-25T07:00:00.000Z'); // and ended at 03:00
    expect(atLocalHour('2026-12-01', 8, 'UTC').toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it('answers the same within a minute as a fresh count does, second by second, in zones a quarter hour off', () => {
    // localDay keeps its last answer for the UTC minute: right only if no zone's day changes inside a minute.
    const fresh = (at: Date, timeZone: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
    const zones = [CPH, 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Eucla', 'America/St_Johns'];
    // Around each zone's midnight, and the night Copenhagen leaves summer time.
    const around = ['2026-12-01T18:14:00Z', '2026-12-01T18:29:00Z', '2026-12-01T15:14:00Z', '2026-12-02T03:29:00Z'];
    let mismatches = 0;
    let seen = 0;
    for (const zone of zones) {
      for (const start of [...around, '2026-10-24T21:58:00Z', '2026-12-01T22:58:00Z']) {
        for (let s = 0; s < 240; s += 7) {
          const at = new Date(Date.parse(start) + s * 1000);
          seen++;
          if (localDay(at, zone) !== fresh(at, zone)) mismatches++;
        }
      }
    }
    expect({ seen, mismatches }).toEqual({ seen: 5 * 6 * 35, mismatches: 0 });
  });

  it('knows an IANA time zone from a typo', () => {
    expect(isTimeZone(CPH)).toBe(true);
    expect(isTimeZone('Europe/Kopenhagen')).toBe(false);
  });
});
