import { describe, expect, it } from '@jest/globals';
import { readStatbankSettings } from './statbank-settings.js';

describe('StatBank settings', () => {
  it('defaults to the public API, and takes a base address of its own', () => {
    expect(readStatbankSettings({})).toEqual({
      baseUrl: 'https://api.statbank.dk/v1',
      timeoutMs: 30_000,
      yearlyMonth: 3,
      yearlyDay: 1,
    });
    expect(readStatbankSettings({ STATBANK_BASE_URL: 'http://127.0.0.1:8080/v1/' }).baseUrl).toBe(
      'http://127.0.0.1:8080/v1',
    );
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => readStatbankSettings({ STATBANK_BASE_URL: 'ftp://x' })).toThrow(/STATBANK_BASE_URL/);
    expect(() => readStatbankSettings({ STATBANK_TIMEOUT_MS: 'soon' })).toThrow(/STATBANK_TIMEOUT_MS/);
    expect(() => readStatbankSettings({ STATBANK_YEARLY_DATE: '02-30' })).toThrow(/STATBANK_YEARLY_DATE/);
  });
});
