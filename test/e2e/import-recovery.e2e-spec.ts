import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxRelay } from '../../src/platform/outbox/outbox.relay.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * An import whose job was lost (its worker died more often than the stall
 * limit allows, so the job failed and its outbox row stayed delivered) used
 * to stay `writing` for ever, and the same file uploaded again returned that
 * stuck import (issue 11, defect 1). The reconciler enqueues the job again;
 * a failed import can be retried, and the same file after a failure is a new try.
 */
describe('Imports survive a lost job', () => {
  let db: TestDatabase;
  let t: TestApp;
  let ds: DataSource;
  let relay: OutboxRelay;
  let token: string;

  beforeAll(async () => {
    // The relay and the reconciler only run when the test says so, on a database and queue of the file's own: in
    // the shared ones another file's relay could deliver or requeue this file's import first.
    db = await createTestDatabase('byloeft_import_recovery');
    t = await createTestApp({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `byloeft-import-recovery-${randomBytes(4).toString('hex')}`,
      OUTBOX_POLL_MS: '3600000',
      OUTBOX_LISTEN: 'false',
      OUTBOX_RECONCILE_MS: '3600000',
    });
    ds = t.app.get<DataSource>(getDataSourceToken());
    relay = t.app.get(OutboxRelay);
    token = await t.tokenFor('tmf');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const csv = (value: string) => `område;indikator;periode;værdi\nKøbenhavn;small-dwellings;1991;${value}\n`;
  const upload = (content: string) =>
    t.http
      .post('/api/indicators/imports')
      .auth(token, { type: 'bearer' })
      .attach('file', Buffer.from(content, 'utf8'), 'recovery.csv');
  const status = async (id: string) =>
    (await t.http.get(`/api/indicators/imports/${id}`).auth(token, { type: 'bearer' }).expect(200)).body as Json;
  async function until(id: string, wanted: string[]): Promise<Json> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const body = await status(id);
      if (wanted.includes(body.status as string)) return body;
      if (Date.now() > deadline) throw new Error(`import ${id} still ${String(body.status)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('finishes an import left writing by a job that was lost, and the same file then finds it done', async () => {
    const content = csv(`${10 + randomBytes(1)[0] / 10}`.replace('.', ','));
    const accepted = await upload(content).expect(202);
    const id = accepted.body.id as string;
    // What a worker that died twice inside the job leaves behind: the row delivered, the job gone, the import writing.
    await ds.query(`UPDATE "outbox_message" SET "delivered_at" = now(), "attempts" = 1 WHERE "job_id" = $1`, [
      `indicator-import.${id}`,
    ]);
    await ds.query(`UPDATE "indicator_import" SET "status" = 'writing', "phase" = 'writing' WHERE "id" = $1`, [id]);
    const stuck = await upload(content).expect(200);
    expect(stuck.body).toMatchObject({ id, status: 'writing', duplicate: true });

    const pass = await relay.reconcileOnce();
    expect(pass.requeued).toBeGreaterThanOrEqual(1);
    const done = await until(id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'succeeded', rowsTotal: 1, errors: [] });
    expect((await upload(content).expect(200)).body).toMatchObject({ id, status: 'succeeded', duplicate: true });
  });

  it('retries a failed import as a new try, and takes the same file after a failure as a new try', async () => {
    const content = `område;indikator;periode;værdi\nNowhere-${randomBytes(3).toString('hex')};small-dwellings;1991;1\n`;
    const first = (await upload(content).expect(202)).body as Json;
    await relay.relayOnce();
    expect(await until(first.id as string, ['succeeded', 'failed'])).toMatchObject({ status: 'failed' });

    const retried = await t.http
      .post(`/api/indicators/imports/${String(first.id)}/retry`)
      .auth(token, { type: 'bearer' })
      .expect(202);
    expect(retried.body).toMatchObject({ status: 'queued', duplicate: false, checksum: first.checksum });
    expect(retried.body.id).not.toBe(first.id);
    await relay.relayOnce();
    await until(retried.body.id as string, ['succeeded', 'failed']);

    const again = await upload(content).expect(202);
    expect(again.body.id).not.toBe(first.id);
    expect(again.body.id).not.toBe(retried.body.id);

    // Only a failed import can be retried.
    const good = (await upload(csv('7,5')).expect((r) => expect([200, 202]).toContain(r.status))).body as Json;
    await relay.relayOnce();
    await until(good.id as string, ['succeeded']);
    const refused = await t.http
      .post(`/api/indicators/imports/${String(good.id)}/retry`)
      .auth(token, { type: 'bearer' })
      .expect(409);
    expect(refused.body.detail).toMatch(/only a failed import can be retried/);
  });
});
