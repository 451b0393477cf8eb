import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { OutboxRelay } from '../../src/platform/outbox/outbox.relay.js';
import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const LIST_2010 = [
  'boligområde;boligorganisation;byområde;liste;beskæftigelse;kriminalitet;uddannelse;indkomst;herkomst',
  'Tingbjerg;fsb;Tingbjerg/Husum;særligt udsatte boligområder;x;x;;;x',
  'Husumgård;AKB;tingbjerg-husum;especially_deprived;x;;;;x',
  'Mjølnerparken;Lejerbo;Nørrebro;ghettolisten;x;x;;;x',
  'Aldersrogade;SAB;Nørrebro;especially_deprived;ja;ja;;;ja',
  'Utterslevhuse;fsb;;especially_deprived;x;;;;x',
  '',
].join('\n');

const BAD_LIST = [
  'boligområde;boligorganisation;byområde;liste;kriminalitet',
  'Tingbjerg;fsb;Tingbjerg/Husum;especially_deprived;x',
  ';fsb;Tingbjerg/Husum;especially_deprived;x',
  'Bispeparken;fsb;Østerbro;especially_deprived;',
  'Akacieparken;AKB;Valby/Vigerslev;ghetto;',
  'Lundtoftegade;AAB;Nørrebro;parallel_society;måske',
  'Tingbjerg;fsb;Tingbjerg/Husum;særligt udsat;x',
].join('\n');

/**
 * The government's lists of housing areas over HTTP: a year's list imported
 * from CSV or XLSX (all or nothing, errors row by row, on the record), edited
 * by hand, and the goal "halve the list" measured from them, per area and for
 * the city. The housing areas, listings and counts of listed-housing-areas are this file's alone:
 * no other test writes them.
 */
describe("The government's lists of housing areas", () => {
  let t: TestApp;
  let ds: DataSource;
  let relay: OutboxRelay;
  const tok: Record<string, string> = {};
  const area: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const upload = (who: string, content: Buffer | string, name: string, year?: number) => {
    const req = t.http.post('/api/housing-areas/imports').set(as(who));
    if (year !== undefined) void req.field('year', String(year));
    return req.attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);
  };
  /** Hands queued jobs to the workers until the measurement import is finished. */
  const measured = async (importId: string): Promise<Json> => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await relay.relayOnce();
      const res = await t.http.get(`/api/indicators/imports/${importId}`).set(as('admin')).expect(200);
      if (res.body.status === 'succeeded' || res.body.status === 'failed') return res.body as Json;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`measurement import ${importId} did not finish`);
  };
  const halved = async (areaId?: string): Promise<Json> => {
    const toc = (await t.http.get(`/api/theory-of-change${areaId ? `?areaId=${areaId}` : ''}`).set(as('observer')))
      .body as Json;
    return (toc.overallGoals as Json[])
      .flatMap((o) => o.goals as Json[])
      .find((g) => g.code === 'deprived-housing-halved')!;
  };

  let db: TestDatabase;
  beforeAll(async () => {
    // A database and queue of its own: the list's counts are written for every area there is, so an area another
    // test file creates in the shared database would add a count here.
    db = await createTestDatabase('byloeft_housing');
    t = await createTestApp({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `byloeft-housing-${randomBytes(4).toString('hex')}`,
    });
    ds = t.app.get<DataSource>(getDataSourceToken());
    relay = t.app.get(OutboxRelay);
    for (const who of ['admin', 'tmf', 'observer']) tok[who] = await t.tokenFor(who);
    for (const a of (await t.http.get('/api/areas').set(as('observer'))).body as Json[]) area[a.code] = a.id;
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it(
    "imports a year's list from CSV, writes the counts through the measurement import, and adds nothing " + 'twice',
    async () => {
      await upload('tmf', LIST_2010, 'liste-2010.csv', 2010).expect(403);
      const res = await upload('admin', LIST_2010, 'liste-2010.csv', 2010).expect(201);
      expect(res.body).toMatchObject({
        year: 2010,
        status: 'succeeded',
        rowsTotal: 5,
        listed: 5,
        housingAreasAdded: 5,
        errorCount: 0,
        errors: [],
        duplicate: false,
      });
      const counts = await measured(res.body.measurementImportId);
      // The city and each of the six areas, for the one indicator measured from the lists.
      expect(counts).toMatchObject({ status: 'succeeded', inserted: 7 });
      const rows = (await ds.query(
        `SELECT coalesce(a.code, 'city') AS area, m.value::float AS value FROM measurement m
         JOIN indicator i ON i.id = m.indicator_id LEFT JOIN area a ON a.id = m.area_id
        WHERE i.code = 'listed-housing-areas' AND m.period = '2010' ORDER BY 1`,
      )) as { area: string; value: number }[];
      expect(Object.fromEntries(rows.map((r) => [r.area, r.value]))).toEqual({
        'amager-sundby': 0,
        'bispebjerg-nordvest': 0,
        city: 5, // Utterslevhuse lies in none of the six areas, but in the city
        norrebro: 2,
        'tingbjerg-husum': 2,
        'valby-vigerslev': 0,
        'vesterbro-kongens-enghave': 0,
      });
      const again = await upload('admin', LIST_2010, 'igen.csv', 2010).expect(200);
      expect(again.body).toMatchObject({ id: res.body.id, duplicate: true });

      const listed = (await t.http.get(`/api/housing-areas?areaId=${area['tingbjerg-husum']}`).set(as('observer')))
        .body as Json;
      expect(listed.housingAreas.map((h: Json) => [h.name, h.housingAssociation])).toEqual([
        ['Husumgård', 'AKB'],
        ['Tingbjerg', 'fsb'],
      ]);
      expect(listed.housingAreas[1].listings).toEqual([
        expect.objectContaining({
          year: 2010,
          list: 'especially_deprived',
          criteria: ['crime', 'employment', 'origin'],
        }),
      ]);
      expect(listed.counts).toEqual([{ year: 2010, count: 2 }]);
    },
  );

  it('refuses a list with bad rows whole, naming row, column and reason, and keeps the failed import', async () => {
    const res = await upload('admin', BAD_LIST, 'fejl-2011.csv', 2011).expect(201);
    expect(res.body).toMatchObject({ year: 2011, status: 'failed', rowsTotal: 6, listed: 0, errorCount: 5 });
    expect(res.body.errors.map((e: Json) => [e.row, e.column])).toEqual([
      [3, 'name'],
      [4, 'area'],
      [5, 'list'],
      [6, 'crime'],
      [7, null],
    ]);
    expect(res.body.errors[1]).toMatchObject({
      message: 'Ukendt byområde "Østerbro"',
      messageEn: 'Unknown area "Østerbro"',
    });
    expect(res.body.errors[4].messageEn).toBe('The same housing area and list is already in row 2');
    expect(res.body.measurementImportId).toBeNull();
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM housing_area_listing WHERE year = 2011`)) as {
      n: number;
    }[];
    expect(n).toBe(0); // the good row 2 was not loaded either
    expect(
      (await t.http.get(`/api/housing-areas/imports/${res.body.id}`).set(as('tmf')).expect(200)).body,
    ).toMatchObject({
      status: 'failed',
      errorCount: 5,
    });

    const noList = await upload('admin', 'boligområde;byområde\nTingbjerg;Tingbjerg/Husum\n', 'uden-liste.csv', 2011);
    expect(noList.body).toMatchObject({ status: 'failed', errors: [{ row: 1, column: 'list' }] });
    const none = await t.http.post('/api/housing-areas/imports').set(as('admin')).field('year', '2011').expect(400);
    expect(none.body.errors[0].field).toBe('file');
    const noYear = await upload('admin', LIST_2010, 'liste.csv').expect(400);
    expect(noYear.body.errors.map((e: Json) => e.field)).toEqual(['year']);
    const xls = await upload('admin', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'gammel.xls', 2011).expect(
      415,
    );
    expect(xls.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', errors: [{ field: 'file' }] });
    const fakeXlsx = await upload('admin', 'not a zip', 'liste.xlsx', 2011).expect(415);
    expect(fakeXlsx.body.errors[0].field).toBe('file');
  });

  it('judges "halve the list" by the count per year against the baseline year, per area and for the city', async () => {
    // 2020, as XLSX: Tingbjerg is still listed, now as a parallel society; Husumgård, Aldersrogade and Utterslevhuse
    // are off.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Liste 2020');
    ws.addRow(['Boligområde', 'Boligorganisation', 'Byområde', 'Liste', 'Beskæftigelse', 'Herkomst']);
    ws.addRow(['Tingbjerg', 'fsb', 'Tingbjerg/Husum', 'Parallelsamfund', 'x', 'x']);
    ws.addRow(['Mjølnerparken', 'Lejerbo', 'Nørrebro', 'Omdannelsesområder (hårde ghettoområder)', 'x', 'x']);
    ws.addRow(['Mjølnerparken', 'Lejerbo', 'Nørrebro', 'parallel_society', 'x', 'x']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload('admin', xlsx, 'liste-2020.xlsx', 2020).expect(201);
    expect(res.body).toMatchObject({ status: 'succeeded', format: 'xlsx', listed: 3, housingAreasAdded: 0 });
    expect(await measured(res.body.measurementImportId)).toMatchObject({ status: 'succeeded' });

    // Tingbjerg/Husum: 2 in 2010, halved is 1 by 2020; 1 in 2020 → on track, target reached.
    const tingbjerg = await halved(area['tingbjerg-husum']);
    expect(tingbjerg).toMatchObject({ targetKind: 'relative', targetValue: -50 });
    expect(tingbjerg.progress).toMatchObject({
      targetKind: 'relative',
      status: 'on_track',
      baseline: { year: 2010, value: 2 },
      target: { year: 2020, value: 1 },
      latest: { period: '2020', value: 1 },
      targetReached: true,
    });
    // The city: 5 in 2010 → 2.5 by 2020; 2 in 2020 (Mjølnerparken counts once, whatever lists it is on).
    const city = await halved();
    expect(city.progress).toMatchObject({
      status: 'on_track',
      baseline: { year: 2010, value: 5 },
      target: { year: 2020, value: 2.5 },
      latest: { period: '2020', value: 2 },
    });
    const listed = (await t.http.get(`/api/housing-areas?areaId=${area.norrebro}`).set(as('observer'))).body as Json;
    const mjolner = listed.housingAreas.find((h: Json) => h.name === 'Mjølnerparken');
    expect(mjolner.listings.map((l: Json) => [l.year, l.list])).toEqual([
      [2020, 'parallel_society'],
      [2020, 'transformation'],
      [2010, 'especially_deprived'],
    ]);
    expect(listed.counts).toEqual([
      { year: 2010, count: 2 },
      { year: 2020, count: 1 },
    ]);
  });

  it('lets administrators edit the lists by hand, writes the counts again, and keeps the record', async () => {
    const list = (await t.http.get(`/api/housing-areas?areaId=${area['tingbjerg-husum']}`).set(as('observer')))
      .body as Json;
    const tingbjerg = list.housingAreas.find((h: Json) => h.name === 'Tingbjerg');
    const listing2020 = tingbjerg.listings.find((l: Json) => l.year === 2020);
    await t.http.delete(`/api/housing-areas/${tingbjerg.id}/listings/${listing2020.id}`).set(as('tmf')).expect(403);
    const removed = await t.http
      .delete(`/api/housing-areas/${tingbjerg.id}/listings/${listing2020.id}`)
      .set(as('admin'))
      .expect(200);
    expect(removed.body.listings.map((l: Json) => l.year)).toEqual([2010]);
    // The recount's import is the newest measurement import; wait for it and read the status again.
    const [{ id: recount }] = (await ds.query(
      `SELECT id FROM indicator_import WHERE file_name = 'boligomraader-2020-optaelling.csv' ORDER BY created_at
        DESC LIMIT 1`,
    )) as { id: string }[];
    expect(await measured(recount)).toMatchObject({ status: 'succeeded', updated: 2 }); // the area's and the city's
    expect((await halved(area['tingbjerg-husum'])).progress).toMatchObject({ latest: { period: '2020', value: 0 } });

    const back = await t.http
      .post(`/api/housing-areas/${tingbjerg.id}/listings`)
      .set(as('admin'))
      .send({ year: 2020, list: 'parallel_society', criteria: ['employment', 'origin'] })
      .expect(201);
    expect(back.body.listings.map((l: Json) => [l.year, l.list])).toEqual([
      [2020, 'parallel_society'],
      [2010, 'especially_deprived'],
    ]);
    const twice = await t.http
      .post(`/api/housing-areas/${tingbjerg.id}/listings`)
      .set(as('admin'))
      .send({ year: 2020, list: 'parallel_society' })
      .expect(409);
    expect(twice.body.code).toBe('CONFLICT');
    const bad = await t.http
      .post(`/api/housing-areas/${tingbjerg.id}/listings`)
      .set(as('admin'))
      .send({ year: 2020, list: 'ghetto', criteria: ['weather'] })
      .expect(400);
    expect(bad.body.errors.map((e: Json) => e.field).sort()).toEqual(['criteria', 'list']);

    const stale = await t.http
      .patch(`/api/housing-areas/${tingbjerg.id}`)
      .set(as('admin'))
      .send({ housingAssociation: 'KAB', version: tingbjerg.version - 1 })
      .expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const changed = await t.http
      .patch(`/api/housing-areas/${tingbjerg.id}`)
      .set(as('admin'))
      .send({ housingAssociation: 'KAB', version: tingbjerg.version })
      .expect(200);
    expect(changed.body).toMatchObject({ housingAssociation: 'KAB', version: tingbjerg.version + 1 });

    const history = (await t.http.get(`/api/housing-areas/${tingbjerg.id}/history`).set(as('observer'))).body as Json[];
    expect(history.map((h) => [h.subject, h.operation, h.actorName])).toEqual([
      ['housing_area', 'insert', 'Anne Administrator'],
      ['housing_area_listing', 'insert', 'Anne Administrator'],
      ['housing_area_listing', 'insert', 'Anne Administrator'],
      ['housing_area_listing', 'delete', 'Anne Administrator'],
      ['housing_area_listing', 'insert', 'Anne Administrator'],
      ['housing_area', 'update', 'Anne Administrator'],
    ]);
    await expect(ds.query(`DELETE FROM housing_area_change`)).rejects.toThrow();
  });

  it('lets administrators choose which lists an indicator counts, and writes its counts again', async () => {
    const counted = (await t.http.get('/api/housing-areas/counted-indicators').set(as('observer')).expect(200))
      .body as Json[];
    expect(counted.map((c) => [c.indicatorCode, c.lists])).toEqual([
      ['listed-housing-areas', ['especially_deprived', 'parallel_society']],
    ]);
    const { indicatorId } = counted[0];
    const url = `/api/housing-areas/counted-indicators/${indicatorId}`;
    await t.http
      .put(url)
      .set(as('tmf'))
      .send({ lists: ['transformation'] })
      .expect(403);
    const bad = await t.http.put(url).set(as('admin')).send({ lists: [] }).expect(400);
    expect(bad.body.errors[0].field).toBe('lists');
    const put = await t.http
      .put(url)
      .set(as('admin'))
      .send({ lists: ['transformation'] })
      .expect(200);
    expect(put.body.lists).toEqual(['transformation']);
    // Only Mjølnerparken is a transformation area (2020); Tingbjerg, a parallel society, no longer counts.
    const [{ id: recount }] = (await ds.query(
      `SELECT id FROM indicator_import WHERE file_name = 'boligomraader-2020-optaelling.csv' ORDER BY created_at
        DESC LIMIT 1`,
    )) as { id: string }[];
    expect(await measured(recount)).toMatchObject({ status: 'succeeded' });
    const [{ value }] = (await ds.query(
      `SELECT m.value::float AS value FROM measurement m WHERE m.indicator_id = $1 AND m.area_id = $2 AND m.period =
        '2020'`,
      [indicatorId, area['tingbjerg-husum']],
    )) as { value: number }[];
    expect(value).toBe(0);
    expect((await halved(area['tingbjerg-husum'])).progress).toMatchObject({ latest: { period: '2020', value: 0 } });
    // As the seed has it again, for whatever reads the database after this file.
    await t.http
      .put(url)
      .set(as('admin'))
      .send({ lists: ['especially_deprived', 'parallel_society'] })
      .expect(200);
  });
});
