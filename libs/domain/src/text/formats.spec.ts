import { describe, expect, it } from '@jest/globals';
import { formatDay, formatKroner, formatNumberText } from './formats.js';

describe('formatDay', () => {
  it('reads a calendar day in Danish and English', () => {
    expect(formatDay('2026-12-01')).toBe('1. december 2026');
    expect(formatDay('2026-12-01', 'en')).toBe('1 December 2026');
    expect(formatDay('2025-05-31')).toBe('31. maj 2025');
  });

  it('reads an instant as the day it is in Copenhagen, not in UTC', () => {
    // 23:30 UTC on 30 November is 00:30 on 1 December in Copenhagen.
    expect(formatDay('2026-11-30T23:30:00.000Z')).toBe('1. december 2026');
    expect(formatDay(new Date('2026-07-28T10:00:00Z'), 'en')).toBe('28 July 2026');
  });

  it('leaves what is not a date as it was', () => {
    expect(formatDay('soon')).toBe('soon');
  });
});

describe('formatNumberText and formatKroner', () => {
  it('groups thousands and uses the decimal comma in Danish, the point in English', () => {
    expect(formatNumberText(1200000.5)).toBe('1.200.000,5');
    expect(formatNumberText(1200000.5, 'en')).toBe('1,200,000.5');
    expect(formatNumberText(70)).toBe('70');
    expect(formatNumberText(-3.25)).toBe('−3,25');
  });

  it('writes amounts as the web app does', () => {
    expect(formatKroner(1200000)).toBe('1.200.000 kr.');
    expect(formatKroner(1200000, 'en')).toBe('DKK 1,200,000');
  });
});
