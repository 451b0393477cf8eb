import { afterEach, describe, expect, it } from '@jest/globals';
import { formatFixed, formatNumber, setLocale } from '../../../web/app/i18n.js';

/** The web app's figures (web/app/i18n.js): in running text as short as they are, in a table's column aligned. */
describe('formatFixed and formatNumber', () => {
  afterEach(() => setLocale('da'));

  it('writes a column figure with exactly the decimals asked for, in the language shown', () => {
    expect(formatFixed(100, 1)).toBe('100,0');
    expect(formatFixed(812.66, 1)).toBe('812,7');
    expect(formatFixed(1234.5, 1)).toBe('1.234,5');
    setLocale('en');
    expect(formatFixed(100, 1)).toBe('100.0');
    expect(formatFixed('25', 2)).toBe('25.00');
  });

  it('drops trailing zeros in running text', () => {
    expect(formatNumber(100, 1)).toBe('100');
    expect(formatNumber(27.14, 1)).toBe('27,1');
  });

  it('leaves a missing figure blank and a non-number as it came', () => {
    expect(formatFixed(null, 1)).toBe('');
    expect(formatFixed(undefined, 1)).toBe('');
    expect(formatFixed('n/a', 1)).toBe('n/a');
  });
});
