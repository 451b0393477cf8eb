import type { INestApplication } from '@nestjs/common';
import { pino } from 'pino';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { PinoNestLogger } from '../../src/platform/common/logger.js';
import { configureApp } from '../../src/configure-app.js';
import { NestFactory } from '@nestjs/core';
import { DEMO_PASSWORD } from '../../src/seed/seeder.js';
import { testRuntimeConfig } from './test-env.js';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  /** A bearer token for a demo account, e.g. tokenFor('tmf'). */
  tokenFor(who: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The whole app, booted with the same module and HTTP set-up as production. */
export async function createTestApp(env: NodeJS.ProcessEnv = {}, role = { api: true, worker: true }): Promise<TestApp> {
  const config = testRuntimeConfig(env);
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await NestFactory.create(AppModule.forRoot(config, role), { logger: new PinoNestLogger(logger) });
  configureApp(app, config, logger);
  try {
    await app.init();
  } catch (err) {
    // A failed start (e.g. a job without a handler) must not leave workers running.
    await app.close().catch(() => undefined);
    throw err;
  }
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    app,
    http,
    async tokenFor(who: string, password = DEMO_PASSWORD) {
      const email = who.includes('@') ? who : `${who}@demo.byloeft.dk`;
      const cached = tokens.get(email);
      if (cached) return cached;
      const res = await http.post('/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(email, res.body.accessToken as string);
      return res.body.accessToken as string;
    },
    close: () => app.close(),
  };
}
