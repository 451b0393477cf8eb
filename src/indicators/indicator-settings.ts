import type { Provider } from '@nestjs/common';
import { ConfigError, RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';

/** Settings of goals, indicators and imports, read from the environment and checked at start-up. */
export interface IndicatorSettings {
  /**
   * IDENTIFICATION_THRESHOLD: an area whose sum of socio-economic indices is
   * above this is marked deprived. Default 720: with six indicators, 20 %
   * above the city (600) on average.
   */
  identificationThreshold: number;
  /**
   * GOAL_TOLERANCE_PERCENT: a goal behind its path by at most this share of
   * its planned change (baseline → target) is "at risk"; further behind is
   * "off track". Default 10.
   */
  goalTolerancePercent: number;
  /** IMPORT_MAX_MB: the largest measurement file accepted, in megabytes. Default 50. */
  importMaxBytes: number;
  /**
   * IMPORT_BATCH_ROWS: rows read, validated or written between two progress
   * updates of an import (and rows per INSERT … ON CONFLICT). Default 5000.
   */
  importBatchRows: number;
}

export const INDICATOR_SETTINGS = Symbol('INDICATOR_SETTINGS');

export const DEFAULT_INDICATOR_SETTINGS: IndicatorSettings = {
  identificationThreshold: 720,
  goalTolerancePercent: 10,
  importMaxBytes: 50 * 1024 * 1024,
  importBatchRows: 5000,
};

function numberSetting(env: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = Number(String(raw).trim());
  if (String(raw).trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new ConfigError(
      `Invalid configuration:\n  - ${name}: must be a number from ${min} to ${max} (got ${JSON.stringify(raw)})`,
    );
  }
  return n;
}

/** Reads and checks the settings; a bad value throws a ConfigError naming the variable. */
export function readIndicatorSettings(env: Record<string, unknown>): IndicatorSettings {
  return {
    identificationThreshold: numberSetting(
      env,
      'IDENTIFICATION_THRESHOLD',
      DEFAULT_INDICATOR_SETTINGS.identificationThreshold,
      0,
      100_000,
    ),
    goalTolerancePercent: numberSetting(
      env,
      'GOAL_TOLERANCE_PERCENT',
      DEFAULT_INDICATOR_SETTINGS.goalTolerancePercent,
      0,
      100,
    ),
    importMaxBytes: Math.round(
      numberSetting(env, 'IMPORT_MAX_MB', DEFAULT_INDICATOR_SETTINGS.importMaxBytes / 1024 / 1024, 1, 1024) *
        1024 *
        1024,
    ),
    importBatchRows: Math.round(
      numberSetting(env, 'IMPORT_BATCH_ROWS', DEFAULT_INDICATOR_SETTINGS.importBatchRows, 10, 100_000),
    ),
  };
}

/**
 * From the validated environment (which keeps every variable it was given,
 * so these arrive with it, in tests through createTestApp's overrides too).
 */
export const indicatorSettingsProvider: Provider = {
  provide: INDICATOR_SETTINGS,
  inject: [RUNTIME_CONFIG],
  useFactory: (config: RuntimeConfig): IndicatorSettings =>
    readIndicatorSettings(config.env as unknown as Record<string, unknown>),
};
