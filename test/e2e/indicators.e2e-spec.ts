import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { XMLValidator } from 'fast-xml-parser';
import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';
import { OutboxRelay } from '../../src/platform/outbox/outbox.relay.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// PGlite serves one connection at a time, and a loaded CI machine is slow: allow more than Jest's 5 s per step.
jest.setTimeout(30_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Collects a binary (or SVG) response body as a Buffer (a supertest parser). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- supertest's parser signature
const binary = (res: any, done: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The bytes ExcelJS reads (its typings want an ArrayBuffer, not a Node Buffer). */
const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/**
 * Goals, indicators and progress over HTTP with the demo accounts: upload a
 * measurement file and follow its progress, refuse a bad one whole, read the
 * index, the identification and the goals' status, export, draw the charts,
 * and make a progress report (PDF) through the background job.
 */
describe('Goals, indicators and progress', () => {
  let t: TestApp;
  let ds: DataSource;
  let relay: OutboxRelay;
  const tok: Record<string, string> = {};
  const area: Record<string, string> = {};
  const ind: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });

  /** Hands queued jobs to the workers and polls `url` until `done` holds (bounded: no open-ended sleeps). */
  const until = async (
    who: string,
    url: string,
    done: (body: Json) => boolean,
    seen: Json[] = [],
    timeoutMs = 30_000,
  ): Promise<Json> => {
    const deadline = Date.now() + timeoutMs;
    let last: Json = {};
    while (Date.now() < deadline) {
      await relay.relayOnce();
      const res = await t.http.get(url).set(as(who)).expect(200);
      last = res.body as Json;
      seen.push(last);
      if (done(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${url} did not finish within ${timeoutMs} ms; last answer ${JSON.stringify(last)}`);
  };
  const upload = (who: string, content: string | Buffer, name: string) =>
    t.http
      .post('/api/indicators/imports')
      .set(as(who))
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);
  const finished = (b: Json) => b.status === 'succeeded' || b.status === 'failed';
  /** What a goal's status says, without when it was asked (expectedNow moves with the clock). */
  const judgement = (p: Json) => {
    const {
      targetKind,
      measuredAs,
      status,
      reason,
      baseline,
      baselineFrom,
      target,
      latest,
      expectedAtLatest,
      gap,
      tolerance,
      trend,
      targetReached,
      latestCompared,
    } = p;
    return {
      targetKind,
      measuredAs,
      status,
      reason,
      baseline,
      baselineFrom,
      target,
      latest,
      expectedAtLatest,
      gap,
      tolerance,
      trend,
      targetReached,
      latestCompared,
    };
  };

  // The city and two areas, 2012–2014, for the six socio-economic indicators (hand-checked indices below),
  // and the safety index for the city 2012–2016 (for the goal's path).
  const CITY = {
    'small-dwellings': 30,
    'lacking-installations': 2,
    'non-western-origin': 10,
    'outside-labour-market': 20,
    'low-education': 25,
    'low-income': 16,
  };
  const TINGBJERG = {
    'small-dwellings': 36,
    'lacking-installations': 2.5,
    'non-western-origin': 30,
    'outside-labour-market': 25,
    'low-education': 37.5,
    'low-income': 20,
  };
  const VALBY = {
    'small-dwellings': 30,
    'lacking-installations': 2,
    'non-western-origin': 12,
    'outside-labour-market': 22,
    'low-education': 27.5,
    'low-income': 17.6,
  };
  const da = (n: number) => String(n).replace('.', ',');
  const goodCsv = () => {
    const lines = ['Område;Indikator;Periode;Værdi;Kilde'];
    for (const year of [2012, 2013, 2014]) {
      for (const [code, v] of Object.entries(CITY)) lines.push(`København;${code};${year};${da(v)};SØK ${year}`);
      for (const [code, v] of Object.entries(TINGBJERG))
        lines.push(`Tingbjerg/Husum;${code};${year};${da(v)};SØK ${year}`);
      for (const [code, v] of Object.entries(VALBY)) lines.push(`valby-vigerslev;${code};${year};${da(v)};SØK ${year}`);
    }
    for (const [year, v] of [
      [2012, 60],
      [2013, 62],
      [2014, 63],
      [2015, 67],
      [2016, 69],
    ])
      lines.push(`city;Tryghedsindeks;${year};${v};Tryghedsindekset`);
    for (const [year, v] of [
      [2012, 50],
      [2014, 56],
      [2016, 61],
    ])
      lines.push(`Tingbjerg/Husum;safety-index;${year};${v};Tryghedsindekset`);
    return `${lines.join('\r\n')}\r\n`;
  };
  const GOOD_ROWS = 3 * 18 + 5 + 3;
  const BAD_CSV = [
    'area,indicator,period,value',
    'Tingbjerg/Husum,low-income,2015,21',
    'Østerbro,low-income,2015,12',
    'Tingbjerg/Husum,low-income,2015-Q5,12',
    'Tingbjerg/Husum,low-income,2016,mange',
    'Tingbjerg/Husum,low-income,2017,19',
  ].join('\n');
  let badImportId = '';
  let goodImportId = '';

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    relay = t.app.get(OutboxRelay);
    for (const who of ['admin', 'tmf', 'bif', 'observer']) tok[who] = await t.tokenFor(who);
    for (const a of (await t.http.get('/api/areas').set(as('observer'))).body as Json[]) area[a.code] = a.id;
    for (const i of (await t.http.get('/api/indicators').set(as('observer'))).body as Json[]) ind[i.code] = i.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports an uploaded CSV in the background, with progress to poll, and adds nothing twice', async () => {
    await upload('observer', goodCsv(), 'sok.csv').expect(403);
    const accepted = await upload('tmf', goodCsv(), 'sok.csv').expect(202);
    goodImportId = accepted.body.id;
    // The next test's bad file goes into the queue now, so the worker takes it right after this one.
    badImportId = (await upload('tmf', BAD_CSV, 'fejl.csv').expect(202)).body.id;
    expect(accepted.body).toMatchObject({
      status: 'queued',
      fileName: 'sok.csv',
      format: 'csv',
      duplicate: false,
      rowsDone: 0,
      errors: [],
    });
    expect(accepted.body.checksum).toMatch(/^[0-9a-f]{64}$/);
    const seen: Json[] = [];
    const done = await until('tmf', `/api/indicators/imports/${accepted.body.id}`, finished, seen);
    // Each answer on the way: a known status, moving forward, never more rows done than there are.
    const order = ['queued', 'validating', 'writing', 'succeeded'];
    const steps = seen.map((b) => order.indexOf(b.status));
    expect(steps.every((s) => s >= 0)).toBe(true);
    expect(steps).toEqual([...steps].sort((x, y) => x - y));
    expect(seen.every((b) => b.rowsTotal === null || b.rowsDone <= b.rowsTotal)).toBe(true);
    // The phase says where a running import is; the total is known from validation on.
    const phases: Record<string, (string | null)[]> = {
      queued: [null],
      validating: ['reading', 'validating'],
      writing: ['writing'],
      succeeded: [null],
    };
    expect(seen.filter((b) => !phases[b.status].includes(b.phase))).toEqual([]);
    expect(
      seen.filter((b) => (b.phase === 'validating' || b.phase === 'writing') && b.rowsTotal !== GOOD_ROWS),
    ).toEqual([]);
    expect(done).toMatchObject({
      status: 'succeeded',
      phase: null,
      rowsTotal: GOOD_ROWS,
      rowsDone: GOOD_ROWS,
      inserted: GOOD_ROWS,
      updated: 0,
      unchanged: 0,
      errorCount: 0,
      errors: [],
    });
    expect(done.finishedAt).not.toBeNull();

    const again = await upload('admin', goodCsv(), 'sok-igen.csv').expect(200);
    expect(again.body).toMatchObject({ id: accepted.body.id, duplicate: true, status: 'succeeded' });
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM measurement WHERE import_id = $1`, [
      accepted.body.id,
    ])) as { n: number }[];
    expect(n).toBe(GOOD_ROWS);
  }, 60_000);

  it('refuses a file with bad rows whole, naming row, column and reason', async () => {
    const done = await until('tmf', `/api/indicators/imports/${badImportId}`, finished);
    expect(done).toMatchObject({
      status: 'failed',
      phase: null,
      rowsTotal: 5,
      rowsDone: 5,
      inserted: 0,
      errorCount: 3,
    });
    expect(done.errors.map((e: Json) => [e.row, e.column])).toEqual([
      [3, 'area'],
      [4, 'period'],
      [5, 'value'],
    ]);
    expect(done.errors[0].message).toBe('Ukendt byområde "Østerbro"');
    expect(done.errors[2].messageEn).toBe('"mange" is not a number');
    const rows = (await ds.query(
      `SELECT period FROM measurement WHERE area_id = $1 AND indicator_id = $2 AND period IN ('2015', '2017')`,
      [area['tingbjerg-husum'], ind['low-income']],
    )) as unknown[];
    expect(rows).toEqual([]); // the good rows 2 and 6 were not loaded either
  }, 60_000);

  it('refuses what is not a measurement file, naming the field', async () => {
    const none = await t.http.post('/api/indicators/imports').set(as('tmf')).field('note', 'x').expect(400);
    expect(none.body.errors[0].field).toBe('file');
    const xls = await upload('tmf', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'gammel.xls').expect(415);
    expect(xls.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', errors: [{ field: 'file' }] });
    await t.http.get('/api/indicators/imports/not-a-uuid').set(as('tmf')).expect(400);
    await t.http.get('/api/indicators/imports/00000000-0000-4000-8000-000000000000').set(as('tmf')).expect(404);
  });

  it('shows an indicator as an index against the city for the same period', async () => {
    const res = await t.http
      .get(
        `/api/indicators/${ind['non-western-origin']}/series?areaIds=${area['tingbjerg-husum']},${area['valby-vigerslev']}`,
      )
      .set(as('observer'))
      .expect(200);
    expect(res.body.series.map((s: Json) => s.areaName)).toEqual(['København', 'Tingbjerg/Husum', 'Valby/Vigerslev']);
    const [{ id: tmfUser }] = (await ds.query(`SELECT id FROM app_user WHERE email = 'tmf@demo.byloeft.dk'`)) as {
      id: string;
    }[];
    // Each point says when, by whom and by which import it was loaded.
    expect(res.body.series[1].points[0]).toEqual({
      period: '2012',
      value: 30,
      cityValue: 10,
      index: 300,
      source: 'SØK 2012',
      loadedAt: expect.any(String),
      loadedBy: tmfUser,
      loadedByName: 'Torben TMF',
      importId: goodImportId,
    });
    expect(Date.now() - Date.parse(res.body.series[1].points[0].loadedAt)).toBeLessThan(10 * 60_000);
    expect(res.body.series[2].points[2].index).toBeCloseTo(120, 10);
    const bad = await t.http
      .get(`/api/indicators/${ind['low-income']}/series?areaIds=nope`)
      .set(as('observer'))
      .expect(400);
    expect(bad.body.errors[0].field).toBe('areaIds');
  });

  it('identifies deprived areas by the sum of the six indices, ranked, with the computation shown', async () => {
    const res = await t.http.get('/api/identification?limit=200').set(as('observer')).expect(200);
    expect(res.body).toMatchObject({ period: '2014', threshold: 720, indicatorCount: 6, cityTotal: 600 });
    const tingbjerg = res.body.areas.find((a: Json) => a.areaId === area['tingbjerg-husum']);
    const valby = res.body.areas.find((a: Json) => a.areaId === area['valby-vigerslev']);
    expect(tingbjerg).toMatchObject({
      complete: true,
      deprived: true,
      computation: '120,0 + 125,0 + 300,0 + 125,0 + 150,0 + 125,0 = 945,0 > 720,0: udsat byområde',
    });
    expect(tingbjerg.total).toBeCloseTo(945, 9);
    expect(valby).toMatchObject({ complete: true, deprived: false });
    expect(valby.total).toBeCloseTo(650, 9);
    expect(tingbjerg.rank).toBeLessThan(valby.rank);
    const norrebro = res.body.areas.find((a: Json) => a.areaId === area.norrebro);
    expect(norrebro).toMatchObject({ complete: false, deprived: false, rank: null });
    const overview = await t.http
      .get(`/api/areas/${area['tingbjerg-husum']}/overview?period=2013`)
      .set(as('observer'))
      .expect(200);
    expect(overview.body.indicators.find((c: Json) => c.code === 'low-education')).toMatchObject({
      period: '2013',
      value: 37.5,
      cityValue: 25,
      index: 150,
    });
    await t.http.get('/api/identification?period=2012-13').set(as('observer')).expect(400);
  });

  let goalId = '';
  it('keeps a goal’s baseline, judges it on track or not on its straight path, and keeps the record', async () => {
    const overall = ((await t.http.get('/api/goals').set(as('observer'))).body as Json[]).find(
      (g) => g.code === 'lift-to-city-level',
    )!;
    const created = await t.http
      .post('/api/goals')
      .set(as('admin'))
      .send({
        code: `e2e-safety-${Date.now()}`,
        level: 'concrete',
        parentId: overall.id,
        title: 'Trygheden i byen er mindst 80 i 2020',
        indicatorId: ind['safety-index'],
        targetYear: 2020,
        targetValue: 80,
        direction: 'higher_is_better',
      })
      .expect(201);
    goalId = created.body.id;

    await t.http
      .put(`/api/theory-of-change/goals/${goalId}/baseline`)
      .set(as('tmf'))
      .send({ baselineValue: 60, baselineYear: 2012, version: 0 })
      .expect(403);
    const bad = await t.http
      .put(`/api/theory-of-change/goals/${goalId}/baseline`)
      .set(as('admin'))
      .send({ baselineValue: 'tres', baselineYear: 2012, version: 0 })
      .expect(400);
    expect(bad.body.errors.map((e: Json) => e.field)).toEqual(['baselineValue']);
    const late = await t.http
      .put(`/api/theory-of-change/goals/${goalId}/baseline`)
      .set(as('admin'))
      .send({ baselineValue: 60, baselineYear: 2021, version: 0 })
      .expect(400);
    expect(late.body.errors[0].field).toBe('baselineYear');
    const set = await t.http
      .put(`/api/theory-of-change/goals/${goalId}/baseline`)
      .set(as('admin'))
      .send({ baselineValue: 60, baselineYear: 2012, version: 0 })
      .expect(200);
    expect(set.body).toEqual({ baselineValue: 60, baselineYear: 2012, targetKind: 'absolute', version: 1 });
    const stale = await t.http
      .put(`/api/theory-of-change/goals/${goalId}/baseline`)
      .set(as('admin'))
      .send({ baselineValue: 61, baselineYear: 2012, version: 0 })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });

    const toc = await t.http.get('/api/theory-of-change').set(as('observer')).expect(200);
    expect(toc.body).toMatchObject({
      municipality: 'Københavns Kommune',
      targetYear: 2020,
      measuredIn: 'København',
      tolerancePercent: 10,
    });
    const goal = toc.body.overallGoals.find((o: Json) => o.id === overall.id).goals.find((g: Json) => g.id === goalId);
    // Path 60 (2012) → 80 (2020): 70 expected in 2016; 69 measured → 1 behind, tolerance 10 % of 20 = 2 → at risk.
    expect(goal.progress).toMatchObject({
      status: 'at_risk',
      statusLabel: 'I risiko',
      baselineFrom: 'goal',
      latest: { period: '2016', value: 69 },
      expectedAtLatest: 70,
      tolerance: 2,
      target: { year: 2020, value: 80 },
      baseline: { year: 2012, value: 60 },
    });
    expect(goal.progress.gap).toBeCloseTo(-1, 9);
    expect(goal.progress.trend).toMatchObject({ points: 5, direction: 'improving', reachesTarget: false });
    expect(goal.progress.trend.slopePerYear).toBeCloseTo(2.3, 9); // Σdxdy 23 / Σdx² 10
    const inArea = await t.http
      .get(`/api/theory-of-change?areaId=${area['tingbjerg-husum']}`)
      .set(as('observer'))
      .expect(200);
    const there = inArea.body.overallGoals
      .find((o: Json) => o.id === overall.id)
      .goals.find((g: Json) => g.id === goalId);
    // In the area, from the area's own figure in the baseline year (50 in 2012), not the city's 60:
    // path 50 → 80 expects 65 in 2016; 61 is 4 behind, tolerance 10 % of 30 = 3 → off track.
    expect(there.progress).toMatchObject({
      targetKind: 'absolute',
      measuredAs: 'value',
      status: 'off_track',
      latest: { period: '2016', value: 61 },
      baseline: { year: 2012, value: 50 },
      baselineFrom: 'baseline_year',
      expectedAtLatest: 65,
      tolerance: 3,
    });

    await t.http
      .patch(`/api/goals/${goalId}`)
      .set(as('admin'))
      .send({ version: created.body.version, targetValue: 75 })
      .expect(200);
    const history = await t.http.get(`/api/theory-of-change/goals/${goalId}/history`).set(as('observer')).expect(200);
    expect(history.body.map((h: Json) => [h.subject, h.operation])).toEqual([
      ['goal', 'insert'],
      ['goal_baseline', 'insert'],
      ['goal', 'update'],
    ]);
    expect(history.body[1]).toMatchObject({
      actorName: 'Anne Administrator',
      after: { baseline_value: 60, baseline_year: 2012 },
    });
    expect(history.body[2].changed).toEqual(['target_value']);
    expect(history.body[2].actorName).toBe('Anne Administrator'); // a master-data edit says who made it
    await expect(ds.query(`DELETE FROM goal_change WHERE goal_id = $1`, [goalId])).rejects.toThrow(/append-only/);
  });

  let planId = '';
  it("reports a plan's goals measured in its area, and exports them as CSV and XLSX", async () => {
    const admins = (await t.http.get('/api/administrations').set(as('tmf'))).body as Json[];
    const tmfId = admins.find((a) => a.code === 'TMF')!.id;
    const plan = await t.http
      .post('/api/plans')
      .set(as('tmf'))
      .send({ areaId: area['tingbjerg-husum'], budgetYear: 2077, participatingAdministrationIds: [tmfId] })
      .expect(201);
    planId = plan.body.id;
    // Goals belong to the plan stage; this plan is still in mapping, so its content is written directly.
    const [{ id: tmfUser }] = (await ds.query(`SELECT id FROM app_user WHERE email = 'tmf@demo.byloeft.dk'`)) as {
      id: string;
    }[];
    // The report lists a plan's goals in the order they were made (created_at): each row is made a second after the
    // one before, so the order does not hang on the clock's resolution (the embedded database's is coarse).
    let made = 0;
    const item = (section: string, data: Json) =>
      ds.query(
        `INSERT INTO plan_item (plan_id, section, administration_id, data, created_by, updated_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $5, now() + make_interval(secs => $6))`,
        [planId, section, tmfId, JSON.stringify(data), tmfUser, made++],
      );
    await item('indicator', { indicatorId: ind['low-income'], baselineValue: 20, baselineYear: 2012 });
    await item('goal', {
      title: 'Færre med lav indkomst',
      indicatorId: ind['low-income'],
      targetValue: 16,
      targetYear: 2020,
    });
    await item('goal', { title: 'Tryghed som i resten af byen', cityGoalId: goalId });
    await item('goal', { title: 'Mere byliv' });

    const res = await t.http.get(`/api/plans/${planId}/goal-status`).set(as('observer')).expect(200);
    expect(res.body).toMatchObject({ planId, areaName: 'Tingbjerg/Husum', tolerancePercent: 10 });
    const byTitle = (title: string) => (res.body.goals as Json[]).find((g) => g.title === title)!;
    const [income, safety, cityLife] = [
      byTitle('Færre med lav indkomst'),
      byTitle('Tryghed som i resten af byen'),
      byTitle('Mere byliv'),
    ];
    // Low income 20 → 16 (lower is better) from 2012 to 2020: 19 expected in 2014, 20 measured → 1 behind, tolerance
    // 0.4 → off track.
    expect(income).toMatchObject({
      direction: 'lower_is_better',
      status: 'off_track',
      expectedAtLatest: 19,
      latest: { period: '2014', value: 20 },
      baselineFrom: 'goal',
    });
    // Refines the city goal: its indicator, target (now 75) and direction; baseline the area's own in the city goal's
    // baseline year (50 in 2012).
    expect(safety).toMatchObject({
      cityGoalId: goalId,
      indicator: { code: 'safety-index' },
      targetKind: 'absolute',
      target: { year: 2020, value: 75 },
      baselineFrom: 'baseline_year',
      baseline: { year: 2012, value: 50 },
    });
    expect(safety.expectedAtLatest).toBeCloseTo(62.5, 9); // 50 + 25 × 4/8
    expect(safety.status).toBe('at_risk'); // 61 is 1.5 behind; tolerance 2.5
    expect(cityLife).toMatchObject({ status: 'no_data', reason: 'no_indicator' });
    // The theory of change in the same area gives the same answer for the same goal.
    const toc = await t.http
      .get(`/api/theory-of-change?areaId=${area['tingbjerg-husum']}`)
      .set(as('observer'))
      .expect(200);
    const cityGoal = [...toc.body.overallGoals.flatMap((o: Json) => o.goals), ...toc.body.otherGoals].find(
      (g: Json) => g.id === goalId,
    );
    expect(judgement(cityGoal.progress)).toEqual(judgement(safety));

    const csv = await t.http.get(`/api/plans/${planId}/goal-status/export?format=csv`).set(as('observer')).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="maalstatus-.*\.csv"/);
    expect(csv.text.split('\n')[0]).toBe(
      '\ufeffMål,Indikator,Basisår,Basisværdi,Målår,Målværdi,Seneste periode,Seneste værdi,Forventet ved seneste ' +
        'periode,Forventet nu,Status,Tendens pr. år,Tendens,Måltype,Områdets værdi,Byens værdi',
    );
    expect(csv.text).toContain('Færre med lav indkomst,Beboere med lav indkomst,2012,20,2020,16,2014,20,19,');
    expect(csv.text).toMatch(/Færre med lav indkomst,.*,Absolut værdi,,\r?\n/);
    const xlsx = await t.http
      .get(`/api/plans/${planId}/goal-status/export?format=xlsx`)
      .set(as('observer'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(arrayBuffer(xlsx.body as Buffer));
    const sheet = book.worksheets[0];
    expect([sheet.getCell('A2').value, sheet.getCell('K2').value, sheet.getCell('K4').value]).toEqual([
      'Færre med lav indkomst',
      'Ikke på sporet',
      'Ingen data',
    ]);
    await t.http.get(`/api/plans/${planId}/goal-status/export?format=pdf`).set(as('observer')).expect(400);

    const series = await t.http
      .get(`/api/indicators/${ind['low-income']}/series/export?format=xlsx&areaIds=${area['valby-vigerslev']}`)
      .set(as('observer'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const seriesBook = new ExcelJS.Workbook();
    await seriesBook.xlsx.load(arrayBuffer(series.body as Buffer));
    const rows = seriesBook.worksheets[0]
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual([
      'area',
      'indicator',
      'period',
      'value',
      'source',
      'index',
      'loaded_at',
      'loaded_by',
      'import_id',
    ]);
    const valby2013 = rows.find((r) => r[0] === 'valby-vigerslev' && r[2] === '2013')!;
    expect(valby2013.slice(0, 6)).toEqual(['valby-vigerslev', 'low-income', '2013', 17.6, 'SØK 2013', 110]);
    expect(valby2013.slice(7)).toEqual(['Torben TMF', goodImportId]);
    expect(String(valby2013[6])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    const seriesCsv = await t.http
      .get(`/api/indicators/${ind['low-income']}/series/export?format=csv&areaIds=${area['valby-vigerslev']}`)
      .set(as('observer'))
      .expect(200);
    expect(seriesCsv.text.split('\n')[0]).toBe(
      '\ufeffarea,indicator,period,value,source,index,loaded_at,loaded_by,import_id',
    );
    expect(seriesCsv.text).toContain(`,Torben TMF,${goodImportId}`);
  });

  it(
    'judges the policy’s city-level goals by the area’s index against the city, the same in the theory of change ' +
      'and in a plan',
    async () => {
      const goals = (await t.http.get('/api/goals').set(as('observer'))).body as Json[];
      const employment = goals.find((g) => g.code === 'employment-city-level')!;
      const goalIn = async (areaId: string | null) => {
        const toc = await t.http
          .get(`/api/theory-of-change${areaId ? `?areaId=${areaId}` : ''}`)
          .set(as('observer'))
          .expect(200);
        return [...toc.body.overallGoals.flatMap((o: Json) => o.goals), ...toc.body.otherGoals].find(
          (g: Json) => g.id === employment.id,
        );
      };
      // Seeded as the policy says: "på niveau med københavnergennemsnittet" by 2020, lower is better (residents outside
      // the labour market).
      const inCity = await goalIn(null);
      expect(inCity).toMatchObject({
        targetKind: 'city_level',
        targetValue: null,
        targetYear: 2020,
        direction: 'lower_is_better',
        baseline: { targetKind: 'city_level' },
      });
      expect(inCity.progress).toMatchObject({
        status: 'no_data',
        reason: 'needs_area',
        target: { year: 2020, value: 100 },
      });
      const [{ n: cityLevelGoals }] = (await ds.query(
        `SELECT count(*)::int AS n FROM goal g JOIN goal_baseline b ON b.goal_id = g.id WHERE b.target_kind =
          'city_level' AND g.code = ANY($1)`,
        [
          [
            'schools-first-choice',
            'health-city-level',
            'cleaning-city-level',
            'safety-city-level',
            'employment-city-level',
            'culture-sports-satisfaction',
          ],
        ],
      )) as { n: number }[];
      expect(cityLevelGoals).toBe(6);

      // Tingbjerg/Husum: 25 % against the city's 20 % in 2012–2014, index 125. Path 125 → 100 over 2012–2020 expects
      // 118,75 in 2014: 6,25 behind (lower is better), tolerance 10 % of 25 = 2,5 → off track; a flat trend does not
      // reach 100.
      const tingbjerg = await goalIn(area['tingbjerg-husum']);
      expect(tingbjerg.progress).toMatchObject({
        targetKind: 'city_level',
        measuredAs: 'index',
        status: 'off_track',
        statusLabel: 'Ikke på sporet',
        baseline: { year: 2012, value: 125 },
        baselineFrom: 'first_measurement',
        target: { year: 2020, value: 100 },
        latest: { period: '2014', value: 125 },
        expectedAtLatest: 118.75,
        gap: -6.25,
        tolerance: 2.5,
        targetReached: false,
        latestCompared: { period: '2014', value: 25, cityValue: 20 },
        trend: { direction: 'flat', reachesTarget: false },
      });

      // A plan goal refining it without a target of its own is city-level too, and judged the same; with its own
      // targetValue it is absolute.
      const [{ id: tmfUser, administration_id: tmfId }] = (await ds.query(
        `SELECT id, administration_id FROM app_user WHERE email = 'tmf@demo.byloeft.dk'`,
      )) as {
        id: string;
        administration_id: string;
      }[];
      const item = (data: Json) =>
        ds.query(
          `INSERT INTO plan_item (plan_id, section, administration_id, data, created_by, updated_by) VALUES ($1,
            'goal', $2, $3, $4, $4)`,
          [planId, tmfId, JSON.stringify(data), tmfUser],
        );
      await item({ title: 'Beskæftigelse som i resten af byen', cityGoalId: employment.id });
      await item({ title: 'Højst 22 % uden for arbejdsmarkedet', cityGoalId: employment.id, targetValue: 22 });
      const status = await t.http.get(`/api/plans/${planId}/goal-status`).set(as('observer')).expect(200);
      const byTitle = (title: string) => (status.body.goals as Json[]).find((g) => g.title === title)!;
      const planGoal = byTitle('Beskæftigelse som i resten af byen');
      expect(planGoal).toMatchObject({
        cityGoalId: employment.id,
        targetKind: 'city_level',
        indicator: { code: 'outside-labour-market' },
      });
      expect(judgement(planGoal)).toEqual(judgement(tingbjerg.progress));
      // 25 → 22 over 2012–2020 expects 24,25 in 2014; 25 is 0,75 behind, tolerance 0,3 → off track.
      expect(byTitle('Højst 22 % uden for arbejdsmarkedet')).toMatchObject({
        targetKind: 'absolute',
        measuredAs: 'value',
        target: { year: 2020, value: 22 },
        baseline: { year: 2012, value: 25 },
        expectedAtLatest: 24.25,
        status: 'off_track',
      });
      const csv = await t.http
        .get(`/api/plans/${planId}/goal-status/export?format=csv`)
        .set(as('observer'))
        .expect(200);
      expect(csv.text).toContain(
        'Beskæftigelse som i resten af byen,Beboere uden for arbejdsmarkedet,2012,125,2020,100,2014,125,118.75,',
      );
      expect(csv.text).toMatch(
        /Beskæftigelse som i resten af byen,.*,"Byens niveau \(indeks, byen = 100\)",25,20\r?\n/,
      );
      const toc = await t.http.get(`/api/plans/${planId}/theory-of-change`).set(as('observer')).expect(200);
      expect((toc.body.goals as Json[]).find((g) => g.title === 'Beskæftigelse som i resten af byen')).toMatchObject({
        targetKind: 'city_level',
        target: { year: 2020, value: 100 },
        progress: { status: 'off_track', targetKind: 'city_level' },
      });
    },
  );

  it('lets administrators make a goal city-level, on the goal’s record', async () => {
    const overall = ((await t.http.get('/api/goals').set(as('observer'))).body as Json[]).find(
      (g) => g.code === 'lift-to-city-level',
    )!;
    const created = await t.http
      .post('/api/goals')
      .set(as('admin'))
      .send({
        code: `e2e-income-${Date.now()}`,
        level: 'concrete',
        parentId: overall.id,
        title: 'Lav indkomst på niveau med byen',
        indicatorId: ind['low-income'],
        targetYear: 2020,
        direction: 'lower_is_better',
      })
      .expect(201);
    const id = created.body.id as string;
    const url = `/api/theory-of-change/goals/${id}/target-kind`;
    await t.http.put(url).set(as('tmf')).send({ targetKind: 'city_level', version: 0 }).expect(403);
    const bad = await t.http.put(url).set(as('admin')).send({ targetKind: 'percentage', version: 0 }).expect(400);
    expect(bad.body.errors.map((e: Json) => e.field)).toEqual(['targetKind']);
    await t.http
      .put(`/api/theory-of-change/goals/${overall.id}/target-kind`)
      .set(as('admin'))
      .send({ targetKind: 'city_level', version: 0 })
      .expect(400);
    await t.http
      .put('/api/theory-of-change/goals/00000000-0000-4000-8000-000000000000/target-kind')
      .set(as('admin'))
      .send({ targetKind: 'city_level', version: 0 })
      .expect(404);
    const set = await t.http.put(url).set(as('admin')).send({ targetKind: 'city_level', version: 0 }).expect(200);
    expect(set.body).toEqual({ baselineValue: null, baselineYear: null, targetKind: 'city_level', version: 1 });
    const stale = await t.http.put(url).set(as('admin')).send({ targetKind: 'absolute', version: 0 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
    // The baseline year, set later under the same version, picks the area's own index that year.
    await t.http
      .put(`/api/theory-of-change/goals/${id}/baseline`)
      .set(as('admin'))
      .send({ baselineValue: 16, baselineYear: 2013, version: 1 })
      .expect(200);

    // Valby/Vigerslev: 17,6 against the city's 16 → index 110 in 2013 and 2014. Path 110 (2013) → 100 (2020) expects
    // 108,571 in 2014: 1,43 behind, tolerance 10 % of 10 = 1 → off track.
    const toc = await t.http
      .get(`/api/theory-of-change?areaId=${area['valby-vigerslev']}`)
      .set(as('observer'))
      .expect(200);
    const goal = toc.body.overallGoals.find((o: Json) => o.id === overall.id).goals.find((g: Json) => g.id === id);
    expect(goal).toMatchObject({
      targetKind: 'city_level',
      baseline: { baselineValue: 16, baselineYear: 2013, targetKind: 'city_level', version: 2 },
    });
    expect(goal.progress).toMatchObject({
      status: 'off_track',
      baselineFrom: 'baseline_year',
      baseline: { year: 2013 },
      latest: { period: '2014' },
    });
    expect(goal.progress.baseline.value).toBeCloseTo(110, 9);
    expect(goal.progress.tolerance).toBeCloseTo(1, 9);
    expect(goal.progress.expectedAtLatest).toBeCloseTo(110 - 10 / 7, 9);

    const history = (await t.http.get(`/api/theory-of-change/goals/${id}/history`).set(as('observer')).expect(200))
      .body as Json[];
    expect(history.map((h) => [h.subject, h.operation, h.actorName])).toEqual([
      ['goal', 'insert', 'Anne Administrator'],
      ['goal_baseline', 'insert', 'Anne Administrator'],
      ['goal_baseline', 'update', 'Anne Administrator'],
    ]);
    expect(history[1]).toMatchObject({ after: { target_kind: 'city_level' } });
  });

  let toolId = '';
  let interventionId = '';
  it(
    'keeps tools and activities under a concrete goal, written by their owners with versions, and on the goal’s ' +
      'record',
    async () => {
      const admins = (await t.http.get('/api/administrations').set(as('tmf'))).body as Json[];
      const [tmfId, bifId] = ['TMF', 'BIF'].map((code) => admins.find((a) => a.code === code)!.id as string);
      const overall = ((await t.http.get('/api/goals').set(as('observer'))).body as Json[]).find(
        (g) => g.code === 'lift-to-city-level',
      )!;
      const base = `/api/theory-of-change`;

      // Who may write: administrators, and staff for their own administration's tools.
      await t.http
        .post(`${base}/goals/${goalId}/tools`)
        .set(as('observer'))
        .send({ name: 'Tryghedsvandringer' })
        .expect(403);
      const other = await t.http
        .post(`${base}/goals/${goalId}/tools`)
        .set(as('tmf'))
        .send({ name: 'Tryghedsvandringer', administrationId: bifId })
        .expect(403);
      expect(other.body.violations[0].code).toBe('OTHER_ADMINISTRATIONS_TOOL');
      const onOverall = await t.http
        .post(`${base}/goals/${overall.id}/tools`)
        .set(as('admin'))
        .send({ name: 'Tryghedsvandringer' })
        .expect(400);
      expect(onOverall.body.errors[0].field).toBe('goalId');
      const short = await t.http
        .post(`${base}/goals/${goalId}/tools`)
        .set(as('tmf'))
        .send({ name: 'x', sortOrder: -1 })
        .expect(400);
      expect(short.body.errors.map((e: Json) => e.field).sort()).toEqual(['name', 'sortOrder']);
      await t.http
        .post(`${base}/goals/00000000-0000-4000-8000-000000000000/tools`)
        .set(as('tmf'))
        .send({ name: 'Tryghedsvandringer' })
        .expect(404);

      const created = await t.http
        .post(`${base}/goals/${goalId}/tools`)
        .set(as('tmf'))
        .send({ name: 'Tryghedsvandringer', description: 'Med beboerne' })
        .expect(201);
      expect(created.body).toMatchObject({
        goalId,
        name: 'Tryghedsvandringer',
        administrationId: tmfId,
        version: 1,
        activities: [],
        sortOrder: 0,
      });
      toolId = created.body.id;
      const spare = await t.http
        .post(`${base}/goals/${goalId}/tools`)
        .set(as('admin'))
        .send({ name: 'Belysning', sortOrder: 5, administrationId: null })
        .expect(201);
      expect(spare.body.administrationId).toBeNull();

      await t.http.patch(`${base}/tools/${toolId}`).set(as('bif')).send({ name: 'Andet', version: 1 }).expect(403);
      await t.http
        .patch(`${base}/tools/${spare.body.id}`)
        .set(as('tmf'))
        .send({ name: 'Andet', version: 1 })
        .expect(403); // nobody's tool: administrators only
      await t.http.patch(`${base}/tools/${toolId}`).set(as('tmf')).send({ goalId: overall.id, version: 1 }).expect(400); // a tool stays under its goal
      await t.http
        .patch(`${base}/tools/${toolId}`)
        .set(as('tmf'))
        .send({ administrationId: bifId, version: 1 })
        .expect(403);
      const renamed = await t.http
        .patch(`${base}/tools/${toolId}`)
        .set(as('tmf'))
        .send({ name: 'Tryghedsvandringer med boligsociale medarbejdere', version: 1 })
        .expect(200);
      expect(renamed.body).toMatchObject({ version: 2, description: 'Med beboerne', administrationId: tmfId });
      const stale = await t.http
        .patch(`${base}/tools/${toolId}`)
        .set(as('tmf'))
        .send({ name: 'For sent', version: 1 })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', expectedVersion: 1, currentVersion: 2 });

      // An activity under the tool, carried out through a registered intervention that serves the goal in
      // Tingbjerg/Husum.
      const intervention = await t.http
        .post('/api/interventions')
        .set(as('tmf'))
        .send({
          name: 'Tryghedsindsats Tingbjerg',
          kind: 'area_based',
          owningAdministrationId: tmfId,
          areaIds: [area['tingbjerg-husum']],
          fundingSource: 'base_budget',
          periodStart: '2013-01-01',
          goalIds: [goalId],
        })
        .expect(201);
      interventionId = intervention.body.id;
      const unknown = await t.http
        .post(`${base}/tools/${toolId}/activities`)
        .set(as('tmf'))
        .send({ name: 'Vandring hver måned', interventionId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(unknown.body.errors[0].field).toBe('interventionId');
      await t.http
        .post(`${base}/tools/${toolId}/activities`)
        .set(as('bif'))
        .send({ name: 'Vandring hver måned' })
        .expect(403);
      const activity = await t.http
        .post(`${base}/tools/${toolId}/activities`)
        .set(as('tmf'))
        .send({ name: 'Vandring hver måned', interventionId })
        .expect(201);
      expect(activity.body).toMatchObject({
        toolId,
        name: 'Vandring hver måned',
        interventionId,
        interventionName: 'Tryghedsindsats Tingbjerg',
        version: 1,
      });
      const extra = await t.http
        .post(`${base}/tools/${toolId}/activities`)
        .set(as('admin'))
        .send({ name: 'Workshop', sortOrder: 1 })
        .expect(201);
      await t.http
        .patch(`${base}/activities/${activity.body.id}`)
        .set(as('bif'))
        .send({ name: 'Nej', version: 1 })
        .expect(403);
      const moved = await t.http
        .patch(`${base}/activities/${activity.body.id}`)
        .set(as('tmf'))
        .send({ description: 'Første tirsdag', version: 1 })
        .expect(200);
      expect(moved.body).toMatchObject({ version: 2, interventionId, description: 'Første tirsdag' });
      await t.http
        .patch(`${base}/activities/${activity.body.id}`)
        .set(as('tmf'))
        .send({ description: 'x', version: 1 })
        .expect(409);

      // The tree: vision → overall goal → the concrete goal → its tools (with activities) and interventions.
      const toc = await t.http.get(base).set(as('observer')).expect(200);
      const goal = toc.body.overallGoals
        .find((o: Json) => o.id === overall.id)
        .goals.find((g: Json) => g.id === goalId);
      expect(goal.tools.map((x: Json) => [x.name, x.activities.map((a: Json) => a.name)])).toEqual([
        ['Tryghedsvandringer med boligsociale medarbejdere', ['Vandring hver måned', 'Workshop']],
        ['Belysning', []],
      ]);
      expect(goal.interventions).toEqual([
        expect.objectContaining({
          id: interventionId,
          name: 'Tryghedsindsats Tingbjerg',
          kind: 'area_based',
          periodStart: '2013-01-01',
          periodEnd: null,
        }),
      ]);
      const inValby = await t.http.get(`${base}?areaId=${area['valby-vigerslev']}`).set(as('observer')).expect(200);
      expect(
        inValby.body.overallGoals.find((o: Json) => o.id === overall.id).goals.find((g: Json) => g.id === goalId)
          .interventions,
      ).toEqual([]);

      // Removing: versioned, and a tool with activities stays until they are gone.
      const busy = await t.http.delete(`${base}/tools/${toolId}?version=2`).set(as('tmf')).expect(409);
      expect(busy.body.code).toBe('CONFLICT');
      await t.http.delete(`${base}/activities/${extra.body.id}?version=2`).set(as('admin')).expect(409);
      await t.http.delete(`${base}/activities/${extra.body.id}`).set(as('admin')).expect(400);
      await t.http.delete(`${base}/activities/${extra.body.id}?version=1`).set(as('admin')).expect(204);
      await t.http.delete(`${base}/tools/${spare.body.id}?version=1`).set(as('tmf')).expect(403);
      await t.http.delete(`${base}/tools/${spare.body.id}?version=1`).set(as('admin')).expect(204);
      await t.http
        .patch(`${base}/tools/${spare.body.id}`)
        .set(as('admin'))
        .send({ name: 'Borte', version: 1 })
        .expect(404);

      // On the goal's record, with who did it.
      const history = (await t.http.get(`${base}/goals/${goalId}/history`).set(as('observer')).expect(200))
        .body as Json[];
      const toc_ = history
        .filter((h) => h.subject.startsWith('toc_'))
        .map((h) => [h.subject, h.operation, h.actorName]);
      expect(toc_).toEqual([
        ['toc_tool', 'insert', 'Torben TMF'],
        ['toc_tool', 'insert', 'Anne Administrator'],
        ['toc_tool', 'update', 'Torben TMF'],
        ['toc_activity', 'insert', 'Torben TMF'],
        ['toc_activity', 'insert', 'Anne Administrator'],
        ['toc_activity', 'update', 'Torben TMF'],
        ['toc_activity', 'delete', 'Anne Administrator'],
        ['toc_tool', 'delete', 'Anne Administrator'],
      ]);
      expect(history.find((h) => h.subject === 'toc_tool' && h.operation === 'update')!.changed).toEqual(['name']);
      expect(history.find((h) => h.subject === 'toc_activity' && h.operation === 'delete')!.before).toMatchObject({
        name: 'Workshop',
        tool_id: toolId,
      });
      await expect(
        ds.query(`UPDATE goal_change SET after = NULL WHERE subject = 'toc_tool' AND goal_id = $1`, [goalId]),
      ).rejects.toThrow(/append-only/);
    },
  );

  it(
    "shows a plan's theory of change: its goals refining the city's, with their tools, interventions and " +
      'activities',
    async () => {
      const [{ id: tmfUser }] = (await ds.query(`SELECT id FROM app_user WHERE email = 'tmf@demo.byloeft.dk'`)) as {
        id: string;
      }[];
      const goals = (await ds.query(
        `SELECT id, data->>'title' AS title FROM plan_item WHERE plan_id = $1 AND section = 'goal'`,
        [planId],
      )) as { id: string; title: string }[];
      const goalItem = (title: string) => goals.find((g) => g.title === title)!.id;
      const intervention = (data: Json) =>
        ds.query(
          `INSERT INTO plan_item (plan_id, section, administration_id, data, created_by, updated_by)
                VALUES ($1, 'intervention', (SELECT administration_id FROM app_user WHERE id = $2), $3, $2, $2)`,
          [planId, tmfUser, JSON.stringify(data)],
        );
      await intervention({
        name: 'Tryghedsindsats Tingbjerg',
        kind: 'area_based',
        goalItemIds: [goalItem('Tryghed som i resten af byen')],
        interventionId,
      });
      await intervention({
        name: 'Jobcenter i området',
        kind: 'core_operations',
        goalItemIds: [goalItem('Færre med lav indkomst'), goalItem('Tryghed som i resten af byen')],
      });
      await intervention({ name: 'Sommerfest', kind: 'individual', goalItemIds: [] });

      const res = await t.http.get(`/api/plans/${planId}/theory-of-change`).set(as('observer')).expect(200);
      expect(res.body).toMatchObject({ planId, areaName: 'Tingbjerg/Husum', targetYear: 2020 });
      expect(res.body.vision.length).toBeGreaterThan(0);
      const byTitle = (title: string) => (res.body.goals as Json[]).find((g) => g.title === title)!;
      const safety = byTitle('Tryghed som i resten af byen');
      expect(safety.cityGoal).toMatchObject({
        id: goalId,
        overallGoalTitle: 'Udsatte byområder skal løftes til københavnerniveau',
      });
      expect(safety).toMatchObject({
        direction: 'higher_is_better',
        indicator: { code: 'safety-index' },
        targetKind: 'absolute',
        target: { year: 2020, value: 75 },
        progress: { status: 'at_risk' },
      });
      expect(safety.tools.map((x: Json) => x.id)).toEqual([toolId]);
      expect(safety.interventions.map((i: Json) => i.name)).toEqual([
        'Tryghedsindsats Tingbjerg',
        'Jobcenter i området',
      ]);
      expect(safety.interventions[0]).toMatchObject({
        interventionId,
        activities: [{ name: 'Vandring hver måned', toolId }],
      });
      expect(safety.interventions[1]).toMatchObject({ interventionId: null, activities: [] });
      const income = byTitle('Færre med lav indkomst');
      expect(income).toMatchObject({
        cityGoal: null,
        tools: [],
        direction: 'lower_is_better',
        progress: { status: 'off_track' },
      });
      expect(income.interventions.map((i: Json) => i.name)).toEqual(['Jobcenter i området']);
      expect(byTitle('Mere byliv')).toMatchObject({ interventions: [], progress: { status: 'no_data' } });
      expect(res.body.unlinkedInterventions.map((i: Json) => i.name)).toEqual(['Sommerfest']);
      await t.http
        .get(`/api/plans/00000000-0000-4000-8000-000000000000/theory-of-change`)
        .set(as('observer'))
        .expect(404);
    },
  );

  const svgOf = (res: Response) => {
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = (res.body as Buffer).toString('utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(XMLValidator.validate(svg)).toBe(true);
    return svg;
  };

  it('draws an area’s socio-economic indicators against the city’s 100 as valid SVG with Danish labels', async () => {
    const res = await t.http
      .get(`/api/areas/${area['tingbjerg-husum']}/charts/socioeconomic.svg`)
      .set(as('observer'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const svg = svgOf(res);
    expect(svg).toContain('Tingbjerg/Husum: socioøkonomiske indikatorer');
    expect(svg).toContain('København = 100');
    expect(svg).toContain('Små boliger (under 60 m²)');
    expect(svg).toContain('>300<'); // the non-Western index
    await t.http
      .get(`/api/areas/00000000-0000-4000-8000-000000000000/charts/socioeconomic.svg`)
      .set(as('observer'))
      .expect(404);
  });

  it('draws an indicator over time for several areas and the city, with the target line', async () => {
    const res = await t.http
      .get(
        `/api/indicators/${ind['safety-index']}/charts/series.svg?areaIds=${area['tingbjerg-husum']},${area['valby-vigerslev']}&goalId=${goalId}`,
      )
      .set(as('observer'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const svg = svgOf(res);
    for (const text of ['Tryghedsindeks', 'København', 'Tingbjerg/Husum', 'Valby/Vigerslev', 'Mål 2020: 75'])
      expect(svg).toContain(text);
    const empty = await t.http
      .get(`/api/indicators/${ind['voter-turnout']}/charts/series.svg`)
      .set(as('observer'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(svgOf(empty)).toContain('Ingen målinger endnu');
  });

  it('makes the progress report as a PDF in the background, downloadable when done', async () => {
    const requested = await t.http.post(`/api/plans/${planId}/reports`).set(as('observer')).expect(202);
    expect(requested.body).toMatchObject({ planId, status: 'queued', fileUrl: null });
    // Until a report has succeeded its file answers 409 (a report kept queued, so the worker cannot finish it first).
    const [{ id: pendingId }] = (await ds.query(
      `INSERT INTO plan_report (plan_id, status, requested_by) VALUES ($1, 'queued', (SELECT id FROM app_user WHERE
        email = 'observer@demo.byloeft.dk')) RETURNING id`,
      [planId],
    )) as { id: string }[];
    const early = await t.http.get(`/api/reports/${pendingId}/file`).set(as('observer')).expect(409);
    expect(early.body).toMatchObject({ code: 'CONFLICT' });
    expect(early.body.detail).toMatch(/not ready \(status queued\)/);
    const done = await until(
      'observer',
      `/api/reports/${requested.body.id}`,
      (b) => b.status === 'succeeded' || b.status === 'failed',
    );
    expect(done).toMatchObject({ status: 'succeeded', error: null, fileUrl: `/api/reports/${requested.body.id}/file` });
    expect(done.fileName).toMatch(/^fremdriftsrapport-.*\.pdf$/);
    const pdf = await t.http.get(done.fileUrl).set(as('observer')).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(body.subarray(-8).toString('latin1')).toContain('%%EOF');
    expect(body.length).toBe(done.sizeBytes);
    const list = await t.http.get(`/api/plans/${planId}/reports`).set(as('observer')).expect(200);
    expect(list.body.map((r: Json) => r.id)).toContain(requested.body.id);
    await t.http.post(`/api/plans/00000000-0000-4000-8000-000000000000/reports`).set(as('observer')).expect(404);
  }, 60_000);

  it('documents every endpoint in OpenAPI with its roles', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as Json;
    const paths = [
      ['/api/indicators/imports', 'post'],
      ['/api/indicators/imports/{id}', 'get'],
      ['/api/indicators/{id}/series', 'get'],
      ['/api/indicators/{id}/series/export', 'get'],
      ['/api/indicators/{id}/charts/series.svg', 'get'],
      ['/api/areas/{id}/overview', 'get'],
      ['/api/areas/{id}/charts/socioeconomic.svg', 'get'],
      ['/api/overview', 'get'],
      ['/api/identification', 'get'],
      ['/api/theory-of-change', 'get'],
      ['/api/theory-of-change/goals/{id}/baseline', 'put'],
      ['/api/theory-of-change/goals/{id}/target-kind', 'put'],
      ['/api/theory-of-change/goals/{id}/history', 'get'],
      ['/api/plans/{id}/goal-status', 'get'],
      ['/api/plans/{id}/goal-status/export', 'get'],
      ['/api/plans/{id}/reports', 'post'],
      ['/api/plans/{id}/reports', 'get'],
      ['/api/reports/{id}', 'get'],
      ['/api/reports/{id}/file', 'get'],
      ['/api/theory-of-change/goals/{id}/tools', 'post'],
      ['/api/theory-of-change/tools/{id}', 'patch'],
      ['/api/theory-of-change/tools/{id}', 'delete'],
      ['/api/theory-of-change/tools/{id}/activities', 'post'],
      ['/api/theory-of-change/activities/{id}', 'patch'],
      ['/api/theory-of-change/activities/{id}', 'delete'],
      ['/api/plans/{id}/theory-of-change', 'get'],
    ];
    for (const [path, method] of paths) {
      const op = doc.paths[path]?.[method];
      expect([path, method, Array.isArray(op?.['x-roles'])]).toEqual([path, method, true]);
    }
    expect(Object.keys(doc.paths['/api/indicators/imports'].post.requestBody.content)).toEqual(['multipart/form-data']);
  });
});
