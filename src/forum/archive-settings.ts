import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { ConfigError, RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';

/** Where the forum's decisions are journalised (the case archive), and how hard to try. */
export interface ArchiveSettings {
  /** ARCHIVE_URL: POST each package there (the ESDH adapter); when set, ARCHIVE_DIR is not used. */
  url: string | null;
  /** ARCHIVE_TOKEN: sent as `Authorization: Bearer …` to ARCHIVE_URL, if set. */
  token: string | null;
  /** ARCHIVE_DIR: one folder per decision; default `<DATA_DIR>/archive`. */
  dir: string;
  /** ARCHIVE_TIMEOUT_MS: how long one POST may take. Default 30000. */
  timeoutMs: number;
  /** ARCHIVE_MAX_ATTEMPTS: attempts before a decision is marked failed (an administrator may retry). Default 8. */
  maxAttempts: number;
  /**
   * ARCHIVE_RETRY_MS: the wait after the first failed attempt, doubling each time (at most 10 minutes). Default 30000.
   */
  retryMs: number;
}

export const ARCHIVE_SETTINGS = Symbol('ARCHIVE_SETTINGS');

const bad = (name: string, rule: string, raw: unknown) =>
  new ConfigError(`Invalid configuration:\n  - ${name}: ${rule} (got ${JSON.stringify(raw)})`);

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function int(env: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(String(raw).trim());
  if (!Number.isInteger(value) || value < min || value > max)
    throw bad(name, `must be a whole number from ${min} to ${max}`, raw);
  return value;
}

/** Reads and checks the settings; a bad value throws a ConfigError naming the variable. */
export function readArchiveSettings(env: Record<string, unknown>): ArchiveSettings {
  const url = text(env.ARCHIVE_URL);
  if (url) {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    } catch {
      throw bad(
        'ARCHIVE_URL',
        'must be an http(s) address, e.g. https://esdh.kommune.dk/byloeft/packages',
        env.ARCHIVE_URL,
      );
    }
  }
  return {
    url,
    token: text(env.ARCHIVE_TOKEN),
    dir: text(env.ARCHIVE_DIR) ?? join(text(env.DATA_DIR) ?? './data', 'archive'),
    timeoutMs: int(env, 'ARCHIVE_TIMEOUT_MS', 30_000, 100, 600_000),
    maxAttempts: int(env, 'ARCHIVE_MAX_ATTEMPTS', 8, 1, 100),
    retryMs: int(env, 'ARCHIVE_RETRY_MS', 30_000, 10, 3_600_000),
  };
}

export const archiveSettingsProvider: Provider = {
  provide: ARCHIVE_SETTINGS,
  inject: [RUNTIME_CONFIG],
  useFactory: (config: RuntimeConfig): ArchiveSettings =>
    readArchiveSettings(config.env as unknown as Record<string, unknown>),
};
