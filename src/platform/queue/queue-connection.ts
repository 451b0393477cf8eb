import { createPostgresBackend, setDefaultBackendFactory, type ConnectionOptions } from 'bullmq';
import type { RuntimeConfig } from '../config/app-config.js';

export type QueueBackend = 'redis' | 'postgres';

export function queueBackend(config: RuntimeConfig): QueueBackend {
  return config.redisUrl ? 'redis' : 'postgres';
}

/** The schema that holds BullMQ's tables when it runs on PostgreSQL. */
export const BULLMQ_SCHEMA = 'bullmq';

/**
 * BullMQ's connection: Redis when REDIS_URL is set; otherwise BullMQ 6's
 * PostgreSQL backend in the app's own database (selected process-wide,
 * before any Queue or Worker is created, as @nestjs/bullmq has no option).
 */
export function queueConnection(config: RuntimeConfig): ConnectionOptions {
  if (config.redisUrl) {
    const u = new URL(config.redisUrl);
    return {
      host: u.hostname,
      port: Number(u.port || 6379),
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
      tls: u.protocol === 'rediss:' ? {} : undefined,
      maxRetriesPerRequest: null,
    };
  }
  setDefaultBackendFactory(createPostgresBackend);
  return { connectionString: config.databaseUrl, schema: BULLMQ_SCHEMA, migrate: true, max: 5 };
}
