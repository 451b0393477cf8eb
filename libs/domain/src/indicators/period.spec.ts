import { describe, expect, it } from '@jest/globals';
import { comparePeriods, normalisePeriod, periodLabel, periodToYear } from './period.js';

describe('periods', () => {
  it('normalises years and the common spellings of quarters', () => {
    expect(normalisePeriod('2012')).toBe('2012');
    expect(normalisePeriod(2012)).toBe('2012');
    expect(normalisePeriod(' 2012-Q3 ')).toBe('2012-Q3');
    expect(normalisePeriod('2012q3')).toBe('2012-Q3');
    expect(normalisePeriod('2012 Q3')).toBe('2012-Q3');
    expect(normalisePeriod('Q3 2012')).toBe('2012-Q3');
    expect(normalisePeriod('K3-2012')).toBe('2012-Q3');
  });

  it('refuses what is not a year or a quarter', () => {
    for (const bad of ['', '12', '2012-Q5', '2012-13', 'Q0 2012', 'forår 2012', '1850', '2012.5']) {
      expect([bad, normalisePeriod(bad)]).toEqual([bad, null]);
    }
  });

  it('places periods in time at their start, and orders them', () => {
    expect(periodToYear('2012')).toBe(2012);
    expect(periodToYear('2012-Q1')).toBe(2012);
    expect(periodToYear('2012-Q3')).toBe(2012.5);
    expect(periodToYear('2012-Q4')).toBe(2012.75);
    expect(() => periodToYear('2012-3')).toThrow(/Not a normalised period/);
    expect(['2013', '2012-Q2', '2012', '2011-Q4'].sort(comparePeriods)).toEqual(['2011-Q4', '2012', '2012-Q2', '2013']);
  });

  it('labels quarters in Danish', () => {
    expect(periodLabel('2012-Q3')).toBe('3. kvt. 2012');
    expect(periodLabel('2012')).toBe('2012');
  });
});
