import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxRelay } from '../../src/platform/outbox/outbox.relay.js';
import { StatbankService } from '../../src/statbank/statbank.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const fixture = (name: string) => readFileSync(new URL(`../fixtures/statbank/${name}`, import.meta.url));

/**
 * Reference values from Statistics Denmark over HTTP: an indicator bound to a
 * StatBank table, fetched by the statbank-fetch job from a local server
 * answering as StatBank does (recorded answers, port 0), and loaded through
 * the measurement import; an error answer loads nothing and says why.
 */
describe('Reference values from StatBank', () => {
  let t: TestApp;
  let db: TestDatabase | undefined;
  let ds: DataSource;
  let relay: OutboxRelay;
  let server: Server;
  const requests: { url: string; body: Json }[] = [];
  const tok: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const suffix = Date.now().toString(36);
  let indicatorId: string;

  const finished = async (fetchId: string): Promise<Json> => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await relay.relayOnce();
      const res = await t.http.get(`/api/statbank/fetches/${fetchId}`).set(as('admin')).expect(200);
      const done =
        res.body.status === 'failed' || (res.body.status === 'succeeded' && res.body.importStatus === 'succeeded');
      if (done || res.body.importStatus === 'failed') return res.body as Json;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`fetch ${fetchId} did not finish`);
  };

  beforeAll(async () => {
    // StatBank, as recorded: FOLK1A answers CSV, a monthly table answers months, anything else the error answer.
    server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const body = JSON.parse(raw || '{}') as Json;
        requests.push({ url: `${req.method} ${req.url}`, body });
        if (req.url === '/v1/data' && body.table === 'FOLK1A') {
          res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(fixture('folk1a-101.csv'));
        } else if (req.url === '/v1/data' && body.table === 'HANGUP') {
          req.socket.destroy(); // no answer at all
        } else if (req.url === '/v1/data' && body.table === 'AULK01') {
          res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(fixture('months-101.csv'));
        } else {
          res.writeHead(400, { 'content-type': 'application/json' }).end(fixture('error-table-not-found.json'));
        }
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    // A database and queue of its own: another test file's app (whose StatBank address is the real one, out of
    // reach here) must never be the one that picks up this file's fetch jobs.
    db = await createTestDatabase('byloeft_statbank');
    t = await createTestApp({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `byloeft-statbank-${randomBytes(4).toString('hex')}`,
      STATBANK_BASE_URL: `http://127.0.0.1:${port}/v1/`,
    });
    ds = t.app.get<DataSource>(getDataSourceToken());
    relay = t.app.get(OutboxRelay);
    for (const who of ['admin', 'tmf']) tok[who] = await t.tokenFor(who);
    const created = await t.http
      .post('/api/indicators')
      .set(as('admin'))
      .send({
        code: `population-${suffix}`,
        name: 'Befolkning (StatBank-test)',
        kind: 'supplementary',
        unit: 'personer',
      })
      .expect(201);
    indicatorId = created.body.id;
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
    server?.close();
  });

  it('binds an indicator to a table, refusing a selection that would give more than one figure per period', async () => {
    const url = `/api/indicators/${indicatorId}/statbank`;
    await t.http.get(url).set(as('admin')).expect(404);
    const binding = {
      tableId: 'FOLK1A',
      municipalityCode: '101',
      variables: [
        { code: 'KØN', values: ['TOT'] },
        { code: 'ALDER', values: ['IALT'] },
      ],
      yearly: false,
      version: 0,
    };
    await t.http.put(url).set(as('tmf')).send(binding).expect(403);
    const two = await t.http
      .put(url)
      .set(as('admin'))
      .send({ ...binding, variables: [{ code: 'KØN', values: ['1', '2'] }] })
      .expect(400);
    expect(two.body.errors[0].field).toBe('variables[0].values');
    const star = await t.http
      .put(url)
      .set(as('admin'))
      .send({ ...binding, variables: [{ code: 'KØN', values: ['*'] }] })
      .expect(400);
    expect(star.body.errors[0]).toMatchObject({ field: 'variables' });
    expect(star.body.errors[0].messages[0]).toMatch(/exactly one value of KØN/);
    const put = await t.http.put(url).set(as('admin')).send(binding).expect(200);
    expect(put.body).toMatchObject({ tableId: 'FOLK1A', areaVariable: 'OMRÅDE', timeVariable: 'Tid', version: 1 });
    await t.http.put(url).set(as('admin')).send(binding).expect(409); // version 0 again: it exists
  });

  it(
    "fetches the city's values from the data endpoint as CSV and loads them through the measurement " + 'import',
    async () => {
      const started = await t.http.post(`/api/indicators/${indicatorId}/statbank/fetches`).set(as('admin')).expect(202);
      expect(started.body).toMatchObject({ status: 'queued', trigger: 'manual' });
      const done = await finished(started.body.id);
      expect(done).toMatchObject({
        status: 'succeeded',
        importStatus: 'succeeded',
        valuesFound: 3,
        valuesSkipped: 1, // 2020K2 is ".." in StatBank's answer
        message: null,
      });
      const request = requests.at(-1)!;
      expect(request.url).toBe('POST /v1/data');
      expect(request.body).toMatchObject({
        table: 'FOLK1A',
        format: 'CSV',
        valuePresentation: 'Code',
        variables: [
          { code: 'OMRÅDE', values: ['101'] },
          { code: 'KØN', values: ['TOT'] },
          { code: 'ALDER', values: ['IALT'] },
          { code: 'Tid', values: ['*'] },
        ],
      });
      const series = (await t.http.get(`/api/indicators/${indicatorId}/series`).set(as('tmf')).expect(200))
        .body as Json;
      const city = series.series.find((s: Json) => s.areaId === null);
      expect(city.points.map((p: Json) => [p.period, p.value])).toEqual([
        ['2019-Q4', 632340],
        ['2020-Q1', 633021],
        ['2020-Q3', 638117],
      ]);
      expect(city.points[0]).toMatchObject({
        source: 'Danmarks Statistik, Statistikbanken tabel FOLK1A',
        importId: done.measurementImportId,
      });
      const list = (await t.http.get(`/api/indicators/${indicatorId}/statbank/fetches`).set(as('tmf')).expect(200))
        .body;
      expect(list.map((f: Json) => f.id)).toEqual([started.body.id]);
    },
  );

  it('loads nothing from an error answer or an answer it cannot keep, and says why in Danish and English', async () => {
    const url = `/api/indicators/${indicatorId}/statbank`;
    const current = (await t.http.get(url).set(as('admin')).expect(200)).body as Json;
    await t.http
      .put(url)
      .set(as('admin'))
      .send({ tableId: 'NOSUCH', municipalityCode: '101', variables: [], yearly: false, version: current.version })
      .expect(200);
    const before = (await ds.query(`SELECT count(*)::int AS n FROM measurement WHERE indicator_id = $1`, [
      indicatorId,
    ])) as { n: number }[];
    const failed = await finished(
      (await t.http.post(`/api/indicators/${indicatorId}/statbank/fetches`).set(as('admin')).expect(202)).body.id,
    );
    expect(failed).toMatchObject({ status: 'failed', measurementImportId: null, valuesFound: 0 });
    expect(failed.messageEn).toBe(
      'StatBank answered 400: EXTRACT-NOTFOUND: Tabellen "NOSUCH" blev ikke fundet.; nothing was loaded',
    );
    expect(failed.message).toMatch(/^Statistikbanken svarede 400: .*intet er indlæst$/);

    await t.http
      .put(url)
      .set(as('admin'))
      .send({ tableId: 'AULK01', municipalityCode: '101', variables: [], yearly: false, version: current.version + 1 })
      .expect(200);
    const months = await finished(
      (await t.http.post(`/api/indicators/${indicatorId}/statbank/fetches`).set(as('admin')).expect(202)).body.id,
    );
    expect(months).toMatchObject({ status: 'failed', measurementImportId: null });
    expect(months.errors.map((e: Json) => e.line)).toEqual([2, 3]);
    expect(months.errors[0].messageEn).toBe('The period "2020M01" cannot be kept (years and quarters only)');

    // No answer at all: where it was sent, why there was none, and nothing loaded.
    await t.http
      .put(url)
      .set(as('admin'))
      .send({ tableId: 'HANGUP', municipalityCode: '101', variables: [], yearly: false, version: current.version + 2 })
      .expect(200);
    const silent = await finished(
      (await t.http.post(`/api/indicators/${indicatorId}/statbank/fetches`).set(as('admin')).expect(202)).body.id,
    );
    expect(silent).toMatchObject({ status: 'failed', measurementImportId: null, valuesFound: 0, errors: [] });
    expect(silent.messageEn).toMatch(
      /^StatBank \(http:\/\/127\.0\.0\.1:\d+\/v1\/data\) could not be reached: .+; nothing was loaded$/,
    );
    expect(silent.messageEn).not.toMatch(/: fetch failed;/); // the reason, not fetch's own words
    expect(silent.message).toMatch(/^Statistikbanken \(.*\) kunne ikke nås: .+; intet er indlæst$/);
    const after = (await ds.query(`SELECT count(*)::int AS n FROM measurement WHERE indicator_id = $1`, [
      indicatorId,
    ])) as { n: number }[];
    expect(after[0].n).toBe(before[0].n);
  });

  it('schedules a yearly fetch of a yearly binding, once per indicator and year', async () => {
    const url = `/api/indicators/${indicatorId}/statbank`;
    const current = (await t.http.get(url).set(as('admin')).expect(200)).body as Json;
    await t.http
      .put(url)
      .set(as('admin'))
      .send({
        tableId: 'FOLK1A',
        municipalityCode: '101',
        variables: [
          { code: 'KØN', values: ['TOT'] },
          { code: 'ALDER', values: ['IALT'] },
        ],
        yearly: true,
        version: current.version,
      })
      .expect(200);
    const jobs = (await ds.query(
      `SELECT job_id, run_at FROM outbox_message WHERE name = 'statbank-fetch' AND job_id LIKE $1`,
      [`statbank-yearly.${indicatorId}.%`],
    )) as { job_id: string; run_at: Date }[];
    expect(jobs).toHaveLength(1);
    const year = Number(jobs[0].job_id.split('.').at(-1));
    expect(jobs[0].run_at.toISOString()).toBe(`${year}-03-01T07:00:00.000Z`);
    expect(jobs[0].run_at.getTime()).toBeGreaterThan(Date.now());

    // The job for that year, run twice (a job may run twice): one fetch, and the next year's run scheduled.
    const statbank = t.app.get(StatbankService);
    await statbank.runJob({ yearly: { indicatorId, year } });
    await statbank.runJob({ yearly: { indicatorId, year } });
    const yearly = (await t.http.get(`/api/indicators/${indicatorId}/statbank/fetches`).set(as('admin')))
      .body as Json[];
    expect(yearly.filter((f) => f.trigger === 'yearly').map((f) => f.status)).toEqual(['succeeded']);
    const next = (await ds.query(`SELECT job_id FROM outbox_message WHERE job_id = $1`, [
      `statbank-yearly.${indicatorId}.${year + 1}`,
    ])) as unknown[];
    expect(next.length).toBeGreaterThan(0);
  });
});
