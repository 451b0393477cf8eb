import { describe, expect, it } from '@jest/globals';
import { readArchiveSettings } from './archive-settings.js';

describe('readArchiveSettings', () => {
  it('defaults to a directory inside DATA_DIR', () => {
    const s = readArchiveSettings({ DATA_DIR: '/var/lib/byloeft' });
    expect(s).toMatchObject({ url: null, dir: '/var/lib/byloeft/archive', maxAttempts: 8, retryMs: 30_000 });
  });

  it('takes ARCHIVE_URL and ARCHIVE_DIR as given', () => {
    const s = readArchiveSettings({ ARCHIVE_URL: 'https://esdh.example/pk', ARCHIVE_DIR: '/srv/arkiv' });
    expect(s).toMatchObject({ url: 'https://esdh.example/pk', dir: '/srv/arkiv' });
  });

  it('names the variable of a bad value', () => {
    expect(() => readArchiveSettings({ ARCHIVE_URL: 'ftp://x' })).toThrow(/ARCHIVE_URL/);
    expect(() => readArchiveSettings({ ARCHIVE_MAX_ATTEMPTS: '0' })).toThrow(/ARCHIVE_MAX_ATTEMPTS/);
    expect(() => readArchiveSettings({ ARCHIVE_RETRY_MS: 'soon' })).toThrow(/ARCHIVE_RETRY_MS/);
  });
});
