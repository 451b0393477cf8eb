import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppModule, type AppRole } from './app.module.js';
import { createRootLogger, PinoNestLogger } from './platform/common/logger.js';
import { ConfigError, validateEnvironment, type RuntimeConfig } from './platform/config/app-config.js';
import { resolveRuntime } from './platform/config/runtime.js';
import { configureApp } from './configure-app.js';
import { pendingMigrations, prepareEmbeddedDatabase } from './platform/database/prepare-database.js';
import { DataDirInUseError, type EmbeddedPostgres } from './platform/database/embedded-postgres.js';
import { queueBackend } from './platform/queue/queue-connection.js';

export interface Started {
  config: RuntimeConfig;
  logger: Logger;
  embedded: EmbeddedPostgres | null;
}

/**
 * Validates the configuration (a bad variable is a ConfigError, which
 * exitOnStartupError reports), brings up the embedded database when none is configured, and
 * says first which database and queue backend are in use.
 */
export async function prepare(processName: string): Promise<Started> {
  const env = validateEnvironment();
  const logger = createRootLogger(env.LOG_LEVEL).child({ process: processName });
  const { config, embedded } = await resolveRuntime(env);
  const dbTarget = embedded ? `embedded PostgreSQL (PGlite) in ${embedded.dataDir}` : redact(config.databaseUrl);
  logger.info({ database: config.databaseKind, target: dbTarget }, `Database: ${dbTarget}`);
  const backend = queueBackend(config);
  logger.info(
    { queue: backend },
    `Queue backend: BullMQ on ` +
      `${backend === 'redis' ? `Redis ${redact(config.redisUrl!)}` : 'PostgreSQL (same database, schema bullmq)'}`,
  );

  if (embedded) {
    await prepareEmbeddedDatabase(config.databaseUrl, config.seedDemo, logger);
  } else if (await pendingMigrations(config.databaseUrl)) {
    logger.error('The database has pending migrations: run `npm run migration:run` first.');
    process.exit(1);
  }
  return { config, logger, embedded };
}

/**
 * Runs a start-up; a configuration error anywhere in it (also from a feature
 * module's settings) or a data directory in use stops the process with its message.
 */
export async function exitOnStartupError(start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirInUseError) {
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
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(started.config, { api: false, worker: true }),
    {
      logger: new PinoNestLogger(started.logger),
      abortOnError: false,
    },
  );
  return app;
}

/**
 * On SIGINT or SIGTERM: close the app (workers finish, connections close),
 * then the embedded database, which must be closed cleanly, then exit.
 */
export function closeOnSignals(app: INestApplicationContext, started: Started): void {
  let closing = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    started.logger.info(`${signal}: shutting down`);
    try {
      await app.close();
      await started.embedded?.stop();
      process.exit(0);
    } catch (err) {
      started.logger.error({ err }, 'Shutdown failed');
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, (s) => void close(s));
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
