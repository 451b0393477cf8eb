import type { Provider } from '@nestjs/common';
import { ConfigError, RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';

/** Where and how Statistics Denmark's StatBank API is reached. */
export interface StatbankSettings {
  /**
   * STATBANK_BASE_URL: the API's base address (its `data` endpoint is {base}/data). Default https://api.statbank.dk/v1.
   */
  baseUrl: string;
  /** STATBANK_TIMEOUT_MS: how long one request may take. Default 30000. */
  timeoutMs: number;
  /** STATBANK_YEARLY_DATE: the day (MM-DD) the yearly fetch of bound indicators runs. Default 03-01. */
  yearlyMonth: number;
  yearlyDay: number;
}

export const STATBANK_SETTINGS = Symbol('STATBANK_SETTINGS');

const bad = (name: string, rule: string, raw: unknown) =>
  new ConfigError(`Invalid configuration:\n  - ${name}: ${rule} (got ${JSON.stringify(raw)})`);

/** Reads and checks the settings; a bad value throws a ConfigError naming the variable. */
export function readStatbankSettings(env: Record<string, unknown>): StatbankSettings {
  const rawBase = env.STATBANK_BASE_URL;
  const baseUrl = typeof rawBase === 'string' && rawBase.trim() !== '' ? rawBase.trim() : 'https://api.statbank.dk/v1';
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw bad('STATBANK_BASE_URL', 'must be an http(s) address, e.g. https://api.statbank.dk/v1', rawBase);
  }
  const rawTimeout = env.STATBANK_TIMEOUT_MS;
  const timeoutMs = rawTimeout === undefined || rawTimeout === '' ? 30_000 : Number(String(rawTimeout).trim());
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000)
    throw bad('STATBANK_TIMEOUT_MS', 'must be a whole number of milliseconds from 100 to 600000', rawTimeout);
  const rawDate = env.STATBANK_YEARLY_DATE;
  const date = rawDate === undefined || rawDate === '' ? '03-01' : String(rawDate).trim();
  const m = /^(\d{2})-(\d{2})$/.exec(date);
  const [month, day] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || month < 1 || month > 12 || day < 1 || day > 28)
    throw bad('STATBANK_YEARLY_DATE', 'must be a day as MM-DD (day 01–28), e.g. 03-01', rawDate);
  return { baseUrl: baseUrl.replace(/\/+$/, ''), timeoutMs, yearlyMonth: month, yearlyDay: day };
}

export const statbankSettingsProvider: Provider = {
  provide: STATBANK_SETTINGS,
  inject: [RUNTIME_CONFIG],
  useFactory: (config: RuntimeConfig): StatbankSettings =>
    readStatbankSettings(config.env as unknown as Record<string, unknown>),
};
