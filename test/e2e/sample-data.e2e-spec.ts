import { randomBytes } from 'node:crypto';
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
});
