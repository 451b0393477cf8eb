import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, MAKE_SECRET, type EnvironmentVariables, type RuntimeConfig } from './app-config.js';
import {
  createEmbeddedCluster,
  isNewDataDir,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../database/embedded-postgres.js';

/**
 * Fills in the embedded defaults: with no DATABASE_URL an embedded
 * PostgreSQL keeping its data under DATA_DIR, and a signing secret kept
 * beside it. With DATABASE_URL (production) JWT_SECRET must be given.
 */
export async function resolveRuntime(
  env: EnvironmentVariables,
): Promise<{ config: RuntimeConfig; embedded: EmbeddedPostgres | null }> {
  if (env.DATABASE_URL) {
    if (env.SEED_SAMPLE_DATA === 'true')
      throw new ConfigError(
        'Invalid configuration:\n  - SEED_SAMPLE_DATA: only on the embedded default (no DATABASE_URL); ' +
          'illustrative figures never go into a production database',
      );
    if (!env.JWT_SECRET)
      throw new ConfigError(
        `Invalid configuration:\n  - JWT_SECRET: must be set (32+ random characters) when DATABASE_URL is set; ` +
          `${MAKE_SECRET}`,
      );
    return {
      config: {
        env,
        databaseUrl: env.DATABASE_URL,
        databaseKind: 'external',
        redisUrl: env.REDIS_URL ?? null,
        jwtSecret: env.JWT_SECRET,
        seedDemo: env.SEED_DEMO === 'true',
      },
      embedded: null,
    };
  }
  const dataDir = resolve(env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const seedDemo = env.SEED_DEMO !== 'false';
  const pgDir = join(dataDir, 'postgres');
  // A first start creates, migrates and seeds the database in a child process (memory, see createEmbeddedCluster).
  if (isNewDataDir(pgDir)) await createEmbeddedCluster(pgDir, seedDemo);
  const embedded = await startEmbeddedPostgres(pgDir);
  return {
    config: {
      env,
      databaseUrl: embedded.url,
      databaseKind: 'embedded',
      redisUrl: env.REDIS_URL ?? null,
      jwtSecret: env.JWT_SECRET ?? persistedSecret(join(dataDir, 'jwt-secret')),
      seedDemo,
    },
    embedded,
  };
}

function persistedSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
