import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { exitOnStartupError, prepare } from './bootstrap.js';

/**
 * The start itself (what `npm start` and the worker run), not only the
 * validation under it: docker-compose.yml's old default secret stopped
 * nothing and signed administrators' tokens (issue 10).
 */
describe('The start with a weak JWT_SECRET', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  it.each([
    ['docker-compose.yml’s old default', 'change-me-to-a-long-random-secret-of-32-plus-chars', /placeholder/],
    ['one character repeated', 'x'.repeat(64), /placeholder|pattern repeated/],
    ['a short value', 'short', /at least 32 characters/],
  ])('stops at %s, naming JWT_SECRET and how to make one', async (_what, secret, why) => {
    process.env = { DATABASE_URL: 'postgres://byloeft@127.0.0.1:5432/byloeft', JWT_SECRET: secret };
    const stderr: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((text) => stderr.push(String(text)) > 0);
    const exit = jest.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    let started = false;
    await expect(
      exitOnStartupError(async () => {
        await prepare('api');
        started = true;
      }),
    ).rejects.toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(started).toBe(false);
    const message = stderr.join('');
    expect(message).toMatch(/^\s+- JWT_SECRET: /m);
    expect(message).toMatch(why);
    expect(message).toMatch(/openssl rand -base64 48/);
  });
});
