import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppModule, type AppRole } from './app.module.js';
import { createRootLogger, PinoNestLogger } from './common/logger.js';
import { ConfigError, validateEnvironment, type RuntimeConfig } from './config/app-config.js';
import { resolveRuntime } from './config/runtime.js';
import { configureApp } from './configure-app.js';
import { pendingMigrations, prepareEmbeddedDatabase } from './database/prepare-database.js';
import type { EmbeddedPostgres } from './database/embedded-postgres.js';
import { queueBackend } from './queue/queue-connection.js';

export interface Started {
  config: RuntimeConfig;
  logger: Logger;
  embedded: EmbeddedPostgres | null;
}

/**
 * Validates the configuration (exiting with a message that names a bad
 * variable), brings up the embedded database when none is configured, and
 * says first which database and queue backend are in use.
 */
export async function prepare(processName: string): Promise<Started> {
  let env;
  try {
    env = validateEnvironment();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createRootLogger(env.LOG_LEVEL).child({ process: processName });
  let resolved;
  try {
    resolved = await resolveRuntime(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const { config, embedded } = resolved;
  const dbTarget = embedded ? `embedded PostgreSQL (PGlite) in ${embedded.dataDir}` : redact(config.databaseUrl);
  logger.info({ database: config.databaseKind, target: dbTarget }, `Database: ${dbTarget}`);
  const backend = queueBackend(config);
  logger.info({ queue: backend }, `Queue backend: BullMQ on ${backend === 'redis' ? `Redis ${redact(config.redisUrl!)}` : 'PostgreSQL (same database, schema bullmq)'}`);

  if (embedded) {
    await prepareEmbeddedDatabase(config.databaseUrl, config.seedDemo, logger);
  } else if (await pendingMigrations(config.databaseUrl)) {
    logger.error('The database has pending migrations: run `npm run migration:run` first.');
    process.exit(1);
  }
  return { config, logger, embedded };
}

/** Runs a start-up; a configuration error anywhere in it (also from a feature module's settings) stops the process with its message. */
export async function exitOnConfigError(start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

export async function createApi(started: Started, role: AppRole): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(started.config, role), {
    logger: new PinoNestLogger(started.logger),
    bufferLogs: true,
    abortOnError: false,
  });
  configureApp(app, started.config, started.logger);
  return app;
}

export async function createWorker(started: Started): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(started.config, { api: false, worker: true }), {
    logger: new PinoNestLogger(started.logger),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  return app;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
