import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ConfigError, type EnvironmentVariables, type RuntimeConfig } from '../platform/config/app-config.js';
import { resolveRuntime } from '../platform/config/runtime.js';
import type { ImportService } from '../indicators/import.service.js';
import { SAMPLE_FILE, SampleDataLoader } from './sample-data.loader.js';

const ADMIN = { id: 'u1', email: 'a@kk.dk', display_name: 'Anne', roles: ['administrator'], administration_id: null };

/** The loader with a stand-in database (one administrator) and import service that records its uploads. */
function sut(databaseKind: RuntimeConfig['databaseKind'], env: Partial<EnvironmentVariables>) {
  const uploads: { by: string; file: string; bytes: number }[] = [];
  const dataSource = { query: async () => [ADMIN] } as unknown as DataSource;
  const imports = {
    upload: async (user: { email: string }, file: { originalname: string; size: number }) => {
      uploads.push({ by: user.email, file: file.originalname, bytes: file.size });
      return { id: 'i1', duplicate: false, fileName: file.originalname };
    },
  } as unknown as ImportService;
  const config = { databaseKind, env } as unknown as RuntimeConfig;
  return { loader: new SampleDataLoader(dataSource, imports, config), uploads };
}

/**
 * SEED_SAMPLE_DATA (issue 17): the embedded default offers the illustrative figures and loads them at start-up
 * when asked, as an upload by the first administrator; a production database (DATABASE_URL) never gets them.
 */
describe('Sample data at start-up', () => {
  it('loads the sample file on the embedded default with SEED_SAMPLE_DATA=true, as the first admin', async () => {
    const { loader, uploads } = sut('embedded', { SEED_SAMPLE_DATA: 'true' });
    await loader.onApplicationBootstrap();
    expect(uploads).toEqual([{ by: 'a@kk.dk', file: SAMPLE_FILE, bytes: expect.any(Number) }]);
    expect(uploads[0].bytes).toBeGreaterThan(10_000);
  });

  it('loads nothing without the flag, nor on an external database even with it', async () => {
    const off = sut('embedded', {});
    await off.loader.onApplicationBootstrap();
    expect(off.uploads).toEqual([]);
    const external = sut('external', { SEED_SAMPLE_DATA: 'true' });
    await external.loader.onApplicationBootstrap();
    expect(external.uploads).toEqual([]);
  });

  it('refuses SEED_SAMPLE_DATA=true with DATABASE_URL at start-up, naming the variable', async () => {
    const env = {
      DATABASE_URL: 'postgres://db.example/byloeft',
      JWT_SECRET: 'a-signing-secret-of-at-least-32-characters',
      SEED_SAMPLE_DATA: 'true',
    } as EnvironmentVariables;
    await expect(resolveRuntime(env)).rejects.toThrow(ConfigError);
    await expect(resolveRuntime(env)).rejects.toThrow(/SEED_SAMPLE_DATA: only on the embedded default/);
    const production = await resolveRuntime({ ...env, SEED_SAMPLE_DATA: 'false' });
    expect(production.config).toMatchObject({ databaseKind: 'external', databaseUrl: env.DATABASE_URL });
  });
});
