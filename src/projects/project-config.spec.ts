import { describe, expect, it } from '@jest/globals';
import { ConfigError, validateEnvironment } from '../platform/config/app-config.js';

/** The two settings projects add: the evaluation deadline and the attachment size limit. */
describe('project settings', () => {
  it('default to 20 working days and 10 MiB', () => {
    const env = validateEnvironment({});
    expect(env.PROJECT_EVALUATION_WORKING_DAYS).toBe(20);
    expect(env.ATTACHMENT_MAX_BYTES).toBe(10 * 1024 * 1024);
  });

  it('are read as whole numbers', () => {
    const env = validateEnvironment({ PROJECT_EVALUATION_WORKING_DAYS: '15', ATTACHMENT_MAX_BYTES: '2097152' });
    expect(env.PROJECT_EVALUATION_WORKING_DAYS).toBe(15);
    expect(env.ATTACHMENT_MAX_BYTES).toBe(2_097_152);
  });

  it.each([
    [
      { PROJECT_EVALUATION_WORKING_DAYS: 'twenty' },
      /PROJECT_EVALUATION_WORKING_DAYS: PROJECT_EVALUATION_WORKING_DAYS must be a whole number/,
    ],
    [{ PROJECT_EVALUATION_WORKING_DAYS: '0' }, /PROJECT_EVALUATION_WORKING_DAYS must be at least 1/],
    [{ ATTACHMENT_MAX_BYTES: '10mb' }, /ATTACHMENT_MAX_BYTES: ATTACHMENT_MAX_BYTES must be a whole number of bytes/],
    [{ ATTACHMENT_MAX_BYTES: '500' }, /ATTACHMENT_MAX_BYTES must be at least 1024/],
    [{ ATTACHMENT_MAX_BYTES: String(200 * 1024 * 1024) }, /ATTACHMENT_MAX_BYTES must be at most 104857600/],
  ])('refuse %j, naming the variable', (env, message) => {
    expect(() => validateEnvironment(env)).toThrow(ConfigError);
    expect(() => validateEnvironment(env)).toThrow(message);
  });
});
