import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxRelay } from '../../src/platform/outbox/outbox.relay.js';
import { SampleDataLoader } from '../../src/sample-data/sample-data.loader.js';
import { COPENHAGEN } from '../../src/seed/copenhagen.seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The illustrative sample file (samples/eksempeldata-illustrativ.csv), loaded once the way
 * SEED_SAMPLE_DATA loads it, gives every concrete goal of the seed a status in every seeded
 * area. On a database of its own, so its figures meet no other test's.
 */
describe('Sample data: every goal measured after one upload', () => {
  let db: TestDatabase;
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase('byloeft_sample');
    t = await createTestApp({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `byloeft-sample-${randomBytes(4).toString('hex')}`,
    });
    token = await t.tokenFor('admin');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('loads through the measurement import, and every concrete goal has a status in every area', async () => {
    const accepted = (await t.app.get(SampleDataLoader).load())!;
    expect(accepted).toMatchObject({ duplicate: false, fileName: 'eksempeldata-illustrativ.csv' });
    const relay = t.app.get(OutboxRelay);
    let done: Json = {};
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await relay.relayOnce();
      done = (await t.http.get(`/api/indicators/imports/${accepted.id}`).auth(token, { type: 'bearer' }).expect(200))
        .body as Json;
      if (done.status === 'succeeded' || done.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(done).toMatchObject({ status: 'succeeded', errorCount: 0, rowsTotal: 1785, inserted: 1785 });
    // Every seeded indicator, for the city and the six areas, every year 2010–2024, each figure labelled illustrative.
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const cover = (await ds.query(
      `SELECT i.code, count(DISTINCT coalesce(m.area_id::text, 'city'))::int AS places,
              min(m.period) AS first, max(m.period) AS last, count(*)::int AS n,
              bool_and(m.source LIKE '%ILLUSTRATIVE%') AS labelled
         FROM measurement m JOIN indicator i ON i.id = m.indicator_id GROUP BY i.code ORDER BY i.code`,
    )) as { code: string; places: number; first: string; last: string; n: number; labelled: boolean }[];
    expect(cover.map((c) => c.code)).toEqual(COPENHAGEN.indicators.map((i) => i.code).sort());
    for (const c of cover)
      expect(c).toEqual({ code: c.code, places: 7, first: '2010', last: '2024', n: 105, labelled: true });
    // Loading it again (a restart with SEED_SAMPLE_DATA=true) adds nothing.
    expect(await t.app.get(SampleDataLoader).load()).toMatchObject({ id: accepted.id, duplicate: true });

    const areas = (await t.http.get('/api/areas').auth(token, { type: 'bearer' }).expect(200)).body as Json[];
    expect(areas.map((a) => a.code).sort()).toEqual(COPENHAGEN.areas.map((a) => a.code).sort());
    const concreteCodes = COPENHAGEN.goals.filter((g) => g.level === 'concrete').map((g) => g.code);
    expect(concreteCodes).toHaveLength(11);
    for (const area of areas) {
      const toc = (await t.http.get(`/api/theory-of-change?areaId=${area.id}`).auth(token, { type: 'bearer' }))
        .body as Json;
      const goals = [...(toc.overallGoals as Json[]).flatMap((o) => o.goals as Json[]), ...(toc.otherGoals as Json[])];
      expect(goals.map((g) => g.code).sort()).toEqual([...concreteCodes].sort());
      const withoutStatus = goals
        .filter((g) => !['on_track', 'at_risk', 'off_track'].includes(g.progress.status))
        .map((g) => `${area.code}/${g.code}: ${g.progress.reason}`);
      expect(withoutStatus).toEqual([]);
    }
    // The halving is judged against the area's own baseline year: Tingbjerg/Husum's 2 listed housing areas in 2010 → 1.
    const tingbjerg = areas.find((a) => a.code === 'tingbjerg-husum')!;
    const toc = (await t.http.get(`/api/theory-of-change?areaId=${tingbjerg.id}`).auth(token, { type: 'bearer' }))
      .body as Json;
    const halved = (toc.overallGoals as Json[])
      .flatMap((o) => o.goals as Json[])
      .find((g) => g.code === 'deprived-housing-halved')!;
    expect(halved).toMatchObject({
      targetKind: 'relative',
      targetValue: -50,
      indicator: { code: 'listed-housing-areas' },
    });
    expect(halved.progress).toMatchObject({
      targetKind: 'relative',
      baseline: { year: 2010, value: 2 },
      target: { year: 2020, value: 1 },
      latest: { period: '2024', value: 2 },
      status: 'off_track',
    });
  }, 120_000);

  it('exports goal status per area and concrete goal as the grid on the screen, CSV and coloured XLSX', async () => {
    const bearer = { type: 'bearer' } as const;
    const areas = ((await t.http.get('/api/areas').auth(token, bearer).expect(200)).body as Json[]).slice(0, 3);
    const tocs = await Promise.all(
      areas.map(
        async (a) => (await t.http.get(`/api/theory-of-change?areaId=${a.id}`).auth(token, bearer).expect(200)).body,
      ),
    );
    const goalsOf = (toc: Json) => [
      ...(toc.overallGoals as Json[]).flatMap((o) => o.goals as Json[]),
      ...toc.otherGoals,
    ];
    const goals = goalsOf(tocs[0]) as Json[];
    expect(goals).toHaveLength(11);
    const columns = [...areas].reverse(); // the columns come in the order asked for
    const status = (goal: Json, area: Json) =>
      goalsOf(tocs[areas.indexOf(area)]).find((x: Json) => x.id === goal.id).progress.status as string;
    // The sample gives every goal a status in every area: the grid is coloured, not all 'no data'.
    const statuses = goals.flatMap((goal) => columns.map((area) => status(goal, area)));
    expect(statuses.filter((s) => s === 'no_data')).toEqual([]);
    expect(new Set(statuses).size).toBeGreaterThan(1);
    const LABELS: Record<string, string> = { on_track: 'På sporet', at_risk: 'I risiko', off_track: 'Ikke på sporet' };
    const query = `areaIds=${columns.map((a) => a.id).join(',')}`;

    const csv = await t.http
      .get(`/api/theory-of-change/goal-status/export?${query}&format=csv&locale=da`)
      .auth(token, bearer)
      .expect(200);
    expect(csv.headers['content-disposition']).toMatch(/filename="maalstatus-pr-byomraade-da\.csv"/);
    const lines = csv.text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe(['Konkret mål', ...columns.map((a) => a.name)].join(';'));
    expect(lines).toHaveLength(goals.length + 1);
    expect(lines[1].startsWith(`${goals[0].title};${LABELS[status(goals[0], columns[0])]}`)).toBe(true);

    const xlsx = await t.http
      .get(`/api/theory-of-change/goal-status/export?${query}&format=xlsx`)
      .auth(token, bearer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Målstatus pr. byområde');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Konkret mål', ...columns.map((a) => a.name)]);
    expect(sheet.rowCount).toBe(goals.length + 1);
    const FILLS: Record<string, string> = { on_track: 'FFC8E6C9', at_risk: 'FFFFE0B2', off_track: 'FFFFCDD2' };
    goals.forEach((goal, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(goal.title);
      columns.forEach((area, j) => {
        const cell = row.getCell(j + 2);
        expect(String(cell.value).startsWith(LABELS[status(goal, area)])).toBe(true);
        expect((cell.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe(FILLS[status(goal, area)]);
      });
    });

    const unknown = '00000000-0000-4000-8000-000000000000';
    await t.http
      .get(`/api/theory-of-change/goal-status/export?areaIds=${unknown}&format=csv`)
      .auth(token, bearer)
      .expect(404);
    const bad = await t.http
      .get('/api/theory-of-change/goal-status/export?areaIds=nope&format=xlsx')
      .auth(token, bearer)
      .expect(400);
    expect((bad.body.errors as Json[]).map((e) => e.field)).toEqual(['areaIds']);
    await t.http.get('/api/theory-of-change/goal-status/export?format=csv').expect(401);
  }, 60_000);
});
