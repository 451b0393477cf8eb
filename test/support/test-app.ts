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
  const started = performance.now();
  const app = await NestFactory.create(AppModule.forRoot(config, role), { logger: new PinoNestLogger(logger) });
  configureApp(app, config, logger);
  const created = performance.now();
  try {
    await app.init();
    reportSlow('createTestApp', performance.now() - started, {
      create: created - started,
      init: performance.now() - created,
    });
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
      const asked = performance.now();
      const res = await http.post('/api/auth/login').send({ email, password });
      reportSlow(`tokenFor(${email})`, performance.now() - asked);
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(email, res.body.accessToken as string);
      return res.body.accessToken as string;
    },
    close: () => app.close(),
  };
}

/**
 * A boot or a sign-in that takes seconds on a loaded CI machine is said on stderr with its phases, so that a hook
 * that runs out of time in CI shows where the time went (the run's log is all there is afterwards).
 */
function reportSlow(what: string, ms: number, phases: Record<string, number> = {}): void {
  if (ms < SLOW_MS) return;
  const parts = Object.entries(phases).map(([k, v]) => `${k} ${Math.round(v)} ms`);
  process.stderr.write(`[slow] ${what} took ${Math.round(ms)} ms${parts.length ? ` (${parts.join(', ')})` : ''}\n`);
}
const SLOW_MS = 3_000;
