import { describe, expect, it } from '@jest/globals';
import { validateEnvironment } from '../platform/config/app-config.js';
import { readIndicatorSettings } from './indicator-settings.js';

describe('indicator settings', () => {
  it('defaults to a threshold of 720, a tolerance of 10 %, 50 MB files and batches of 5000 rows', () => {
    expect(readIndicatorSettings({})).toEqual({
      identificationThreshold: 720,
      goalTolerancePercent: 10,
      importMaxBytes: 50 * 1024 * 1024,
      importBatchRows: 5000,
    });
  });

  it('reads the variables, also when they come through the validated environment', () => {
    const env = validateEnvironment({
      IDENTIFICATION_THRESHOLD: '650',
      GOAL_TOLERANCE_PERCENT: '12.5',
      IMPORT_MAX_MB: '5',
      IMPORT_BATCH_ROWS: '250',
    });
    expect(readIndicatorSettings(env as unknown as Record<string, unknown>)).toEqual({
      identificationThreshold: 650,
      goalTolerancePercent: 12.5,
      importMaxBytes: 5 * 1024 * 1024,
      importBatchRows: 250,
    });
  });

  it('stops with a message naming the bad variable', () => {
    expect(() => readIndicatorSettings({ IDENTIFICATION_THRESHOLD: 'high' })).toThrow(
      /IDENTIFICATION_THRESHOLD: must be a number from 0 to 100000/,
    );
    expect(() => readIndicatorSettings({ GOAL_TOLERANCE_PERCENT: '150' })).toThrow(
      /GOAL_TOLERANCE_PERCENT: must be a number from 0 to 100/,
    );
    expect(() => readIndicatorSettings({ IMPORT_MAX_MB: '0' })).toThrow(/IMPORT_MAX_MB/);
    expect(() => readIndicatorSettings({ IMPORT_BATCH_ROWS: '5' })).toThrow(
      /IMPORT_BATCH_ROWS: must be a number from 10 to 100000/,
    );
  });
});
