import { describe, expect, it } from '@jest/globals';
import { parseNumber } from '../../../web/app/numbers.js';

/** The web app's one parser for typed amounts and values (web/app/numbers.js). */
describe('parseNumber (Danish input)', () => {
  it.each([
    ['1.200.000', 1200000],
    ['1.200.000,50', 1200000.5],
    ['1200000,50', 1200000.5],
    ['1 200 000', 1200000],
    ['1\u00a0200\u00a0000 kr.', 1200000],
    ['1.200.000 kr.', 1200000],
    ['kr. 450', 450],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['0,75', 0.75],
    [',5', 0.5],
    ['-3,25', -3.25],
    ['−3,25', -3.25],
    ['2014', 2014],
    ['70', 70],
  ])('reads %s as %d', (typed, value) => {
    expect(parseNumber(typed, 'da')).toBe(value);
  });

  it('gives null for an empty field and keeps what is not a number as typed, for the API to refuse', () => {
    expect(parseNumber('', 'da')).toBeNull();
    expect(parseNumber('   ', 'da')).toBeNull();
    expect(parseNumber(undefined, 'da')).toBeNull();
    expect(parseNumber('mange', 'da')).toBe('mange');
    expect(parseNumber('1.2.3,4,5', 'da')).toBe('1.2.3,4,5');
    expect(parseNumber('12.34.5', 'da')).toBe('12.34.5');
    expect(parseNumber('kr.', 'da')).toBe('kr.');
  });

  it('is Danish by default', () => {
    expect(parseNumber('1.200,5')).toBe(1200.5);
  });
});

describe('parseNumber (English input, in the English locale)', () => {
  it.each([
    ['1,200,000', 1200000],
    ['1,200,000.50', 1200000.5],
    ['1200000.5', 1200000.5],
    ['DKK 1,200', 1200],
    ['12.5', 12.5],
    ['12,5', 12.5],
    ['1 200 000', 1200000],
  ])('reads %s as %d', (typed, value) => {
    expect(parseNumber(typed, 'en')).toBe(value);
  });

  it('reads a thousands dot as Danish only in Danish', () => {
    expect(parseNumber('1.200', 'da')).toBe(1200);
    expect(parseNumber('1.200', 'en')).toBe(1.2);
  });
});
