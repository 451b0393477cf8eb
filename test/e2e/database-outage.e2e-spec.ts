import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { pino } from 'pino';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { PinoNestLogger } from '../../src/platform/common/logger.js';
import { configureApp } from '../../src/configure-app.js';
import { DEMO_PASSWORD } from '../../src/seed/seeder.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { testRuntimeConfig } from '../support/test-env.js';

/**
 * A database outage answers 503 with Retry-After, as /health/ready does,
 * never 500 (issue 11, defect 3). The app reaches its database through a
 * loopback proxy that the test cuts and restores. On a database of its own: on the embedded default every file
 * shares one PGlite session, and the cut connections must not be the ones other files' requests wait behind.
 */
describe('Database outage', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let proxy: TcpProxy;
  let http: ReturnType<typeof request>;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase('byloeft_outage');
    const base = testRuntimeConfig({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `byloeft-outage-${randomBytes(4).toString('hex')}`,
    });
    const target = new URL(base.databaseUrl);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const port = await proxy.start();
    target.port = String(port);
    const config = { ...base, databaseUrl: target.toString() };
    const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    app = await NestFactory.create(AppModule.forRoot(config, { api: true, worker: false }), {
      logger: new PinoNestLogger(logger),
    });
    configureApp(app, config, logger);
    await app.init();
    http = request(app.getHttpServer());
    const res = await http.post('/api/auth/login').send({ email: 'observer@demo.byloeft.dk', password: DEMO_PASSWORD });
    token = (res.body as { accessToken: string }).accessToken;
  }, 60_000);

  afterAll(async () => {
    await proxy?.start().catch(() => undefined);
    await app?.close();
    await proxy?.stop();
    await db?.drop();
  });

  it('answers 503 with Retry-After while the database is away, and 200 once it is back', async () => {
    await http.get('/api/areas').auth(token, { type: 'bearer' }).expect(200);
    await proxy.stop();
    for (const path of ['/api/areas', '/api/plans', '/api/projects']) {
      const res = await http.get(path).auth(token, { type: 'bearer' });
      expect({ path, status: res.status, code: (res.body as { code?: string }).code }).toEqual({
        path,
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
      });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    const login = await http.post('/api/auth/login').send({ email: 'tmf@demo.byloeft.dk', password: DEMO_PASSWORD });
    expect(login.status).toBe(503);
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(503);

    await proxy.start();
    // The pool opens new connections on demand; the first request after the outage succeeds.
    await http.get('/api/areas').auth(token, { type: 'bearer' }).expect(200);
  }, 30_000);
});
