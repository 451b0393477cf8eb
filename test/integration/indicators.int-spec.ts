import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import { startProject, viewProjectState } from '#domain';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/auth/auth-user.js';
import { ImportService, WRITE_BATCH, type ImportProgress } from '../../src/indicators/import.service.js';
import type { ImportAcceptedDto } from '../../src/indicators/indicators.dto.js';
import { goalLines, renderReportPdf } from '../../src/reports/report-pdf.js';
import { ReportsService } from '../../src/reports/reports.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { OWNED_BY_THE_AUDIT_CHAIN } from '../support/schema-check.js';

// PGlite serves one connection at a time, and a loaded CI machine is slow: allow more than Jest's 5 s per step.
jest.setTimeout(30_000);

/** The tables this feature adds; the entities must describe them exactly. */
const TABLES = [
  'goal_baseline',
  'goal_change',
  'indicator_import',
  'indicator_import_file',
  'measurement',
  'measurement_change',
  'plan_report',
  'plan_report_file',
];

interface ImportRow {
  status: string;
  rows_total: number | null;
  rows_done: number;
  inserted: number;
  updated: number;
  unchanged: number;
  error_count: number;
  errors: { row: number; column: string | null; message: string; messageEn: string }[];
}

/**
 * Imports on the real database, through ImportService (upload, then the
 * job's run): a good file, bad rows (nothing committed), the same file
 * twice, CSV and XLSX, overwritten values on the record, a file large enough
 * for several write batches, and two imports at once. The indicators are the
 * test's own, so no other test's figures are touched.
 */
describe('Measurement imports on the database', () => {
  let t: TestApp;
  let ds: DataSource;
  let imports: ImportService;
  let admin: AuthUser;
  const suffix = randomBytes(3).toString('hex');
  const ind = {
    a: `int-a-${suffix}`,
    b: `int-b-${suffix}`,
    c: `int-c-${suffix}`,
    d: `int-d-${suffix}`,
    e: `int-e-${suffix}`,
    f: `int-f-${suffix}`,
    g: `int-g-${suffix}`,
    h: `int-h-${suffix}`,
  };
  const indId: Record<string, string> = {};
  const areaId: Record<string, string> = {};

  /** Uploads a file and runs its import as the job would; the outcome is read back from the import record. */
  const importFile = async (
    content: Buffer | string,
    name: string,
  ): Promise<{ accepted: ImportAcceptedDto; row: ImportRow }> => {
    const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const accepted = await imports.upload(admin, { originalname: name, buffer, size: buffer.length });
    // Another test file's worker may pick the job up as well: the import runs once either way.
    await imports.run(accepted.id);
    return { accepted, row: await record(accepted.id) };
  };
  const record = async (id: string) =>
    (
      (await ds.query(
        `SELECT status, rows_total, rows_done, inserted, updated, unchanged, error_count, errors FROM
          indicator_import WHERE id = $1`,
        [id],
      )) as ImportRow[]
    )[0];
  const valueOf = async (indicator: string, area: string | null, period: string) =>
    (
      (await ds.query(
        `SELECT value::float8 AS value FROM measurement WHERE indicator_id = $1 AND area_id IS NOT DISTINCT FROM
          $2::uuid AND period = $3`,
        [indId[indicator], area, period],
      )) as { value: number }[]
    )[0]?.value ?? null;
  const countOf = async (indicators: string[]) =>
    (
      (await ds.query(`SELECT count(*)::int AS n FROM measurement WHERE indicator_id = ANY($1::uuid[])`, [
        indicators.map((i) => indId[i]),
      ])) as { n: number }[]
    )[0].n;
  const xlsx = async (rows: unknown[][]) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Målinger');
    for (const r of rows) sheet.addRow(r);
    return Buffer.from(await book.xlsx.writeBuffer());
  };

  // The good file: semicolons, Danish decimals, a BOM, names and codes, the city by name.
  const GOOD = [
    '\ufeffområde;indikator;periode;værdi;kilde',
    `København;${ind.a};2001;12,5;Danmarks Statistik`,
    `Nørrebro;${ind.a};2001;14,75;Danmarks Statistik`,
    `amager-sundby;${ind.a};2001;1.234,5;Danmarks Statistik`,
    `city;${ind.a};2002-Q3;13;`,
    `Nørrebro;Integrationsindikator A ${suffix};Q3 2002;15;`,
    ``,
    `København;${ind.b};2001;80;Tryghedsundersøgelsen`,
    `Nørrebro;${ind.b};2001;70;Tryghedsundersøgelsen`,
  ].join('\n');

  beforeAll(async () => {
    t = await createTestApp({}, { api: true, worker: false });
    ds = t.app.get<DataSource>(getDataSourceToken());
    imports = t.app.get(ImportService);
    const [u] = (await ds.query(
      `SELECT id, email, display_name, roles, administration_id FROM app_user WHERE email = 'admin@demo.byloeft.dk'`,
    )) as {
      id: string;
      email: string;
      display_name: string;
      roles: AuthUser['roles'];
      administration_id: string | null;
    }[];
    admin = {
      id: u.id,
      email: u.email,
      displayName: u.display_name,
      roles: u.roles,
      administrationId: u.administration_id,
    };
    for (const [key, code] of Object.entries(ind)) {
      const [row] = (await ds.query(
        `INSERT INTO indicator (code, name, kind, unit, direction) VALUES ($1, $2, 'supplementary', '%',
          'higher_is_better') RETURNING id`,
        [code, `Integrationsindikator ${key.toUpperCase()} ${suffix}`],
      )) as { id: string }[];
      indId[key] = row.id;
    }
    for (const a of (await ds.query(`SELECT id, code FROM area`)) as { id: string; code: string }[])
      areaId[a.code] = a.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('has tables that match the entities exactly', async () => {
    const { upQueries } = await ds.driver.createSchemaBuilder().log();
    const mine = upQueries
      .map((q) => q.query)
      .filter((q) => TABLES.some((table) => q.includes(`"${table}"`)) && !OWNED_BY_THE_AUDIT_CHAIN.test(q));
    expect(mine).toEqual([]);
  });

  let goodImportId = '';
  it('loads a good CSV, every row, with who loaded it and from which import', async () => {
    const { accepted, row } = await importFile(GOOD, 'god.csv');
    goodImportId = accepted.id;
    expect(accepted).toMatchObject({ duplicate: false, format: 'csv', fileName: 'god.csv' });
    expect(row).toMatchObject({
      status: 'succeeded',
      rows_total: 7,
      rows_done: 7,
      inserted: 7,
      updated: 0,
      unchanged: 0,
      error_count: 0,
      errors: [],
    });
    expect(await valueOf('a', null, '2001')).toBe(12.5);
    expect(await valueOf('a', areaId.norrebro, '2001')).toBe(14.75);
    expect(await valueOf('a', areaId['amager-sundby'], '2001')).toBe(1234.5);
    expect(await valueOf('a', areaId.norrebro, '2002-Q3')).toBe(15);
    const rows = (await ds.query(
      `SELECT DISTINCT loaded_by, import_id, source FROM measurement WHERE indicator_id = $1 AND period = '2001'
        ORDER BY source`,
      [indId.b],
    )) as {
      loaded_by: string;
      import_id: string;
      source: string;
    }[];
    expect(rows).toEqual([{ loaded_by: admin.id, import_id: accepted.id, source: 'Tryghedsundersøgelsen' }]);
  });

  it('keeps every measurement to an import and its uploader: no other loader, no row without an import', async () => {
    const [other] = (await ds.query(`SELECT id FROM app_user WHERE id <> $1 LIMIT 1`, [admin.id])) as { id: string }[];
    const insert = (loadedBy: string, importId: string | null) =>
      ds.query(
        `INSERT INTO measurement (indicator_id, area_id, period, value, loaded_by, import_id)
         VALUES ($1, NULL, '1999', 1, $2, $3)`,
        [indId.a, loadedBy, importId],
      );
    await expect(insert(other.id, goodImportId)).rejects.toMatchObject({
      constraint: 'FK_measurement_import_loader',
    });
    await expect(insert(admin.id, null)).rejects.toMatchObject({ code: '23502', column: 'import_id' });
    await expect(valueOf('a', null, '1999')).resolves.toBeNull();
  });

  it('adds nothing when the same file comes again, and runs a finished import no more', async () => {
    const before = await countOf(['a', 'b']);
    const again = await imports.upload(admin, {
      originalname: 'samme-fil.csv',
      buffer: Buffer.from(GOOD, 'utf8'),
      size: Buffer.byteLength(GOOD),
    });
    expect(again).toMatchObject({ id: goodImportId, duplicate: true, status: 'succeeded' });
    expect((await imports.run(goodImportId)).status).toBe('skipped');
    expect(await countOf(['a', 'b'])).toBe(before);
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM indicator_import WHERE checksum = $1`, [
      again.checksum,
    ])) as { n: number }[];
    expect(n).toBe(1);
  });

  it(
    'loads the same figures from XLSX without adding any, updates a changed one and keeps the old value on the ' +
      'record',
    async () => {
      const before = await countOf(['a', 'b']);
      const book = await xlsx([
        ['Area', 'Indicator', 'Period', 'Value', 'Source'],
        ['København', ind.a, 2001, 12.5, 'Danmarks Statistik'],
        ['Nørrebro', ind.a, '2001', 14.75, 'Danmarks Statistik'],
        ['amager-sundby', ind.a, 2001, 1234.5, 'Danmarks Statistik'],
        ['city', ind.a, '2002-Q3', 13, null],
        ['Nørrebro', ind.a, '2002 Q3', 15, null],
        ['København', ind.b, 2001, 80, 'Tryghedsundersøgelsen'],
        ['Nørrebro', ind.b, 2001, 72.5, 'Tryghedsundersøgelsen'], // was 70
      ]);
      const { accepted, row } = await importFile(book, 'samme-tal.xlsx');
      expect(accepted).toMatchObject({ duplicate: false, format: 'xlsx' });
      expect(row).toMatchObject({ status: 'succeeded', rows_total: 7, inserted: 0, updated: 1, unchanged: 6 });
      expect(await countOf(['a', 'b'])).toBe(before);
      expect(await valueOf('b', areaId.norrebro, '2001')).toBe(72.5);
      const changes = (await ds.query(
        `SELECT old_value::float8 AS old_value, new_value::float8 AS new_value, old_import_id, new_import_id,
          actor_id FROM measurement_change WHERE indicator_id = $1`,
        [indId.b],
      )) as Record<string, unknown>[];
      expect(changes).toEqual([
        { old_value: 70, new_value: 72.5, old_import_id: goodImportId, new_import_id: accepted.id, actor_id: admin.id },
      ]);
      await expect(
        ds.query(`UPDATE measurement_change SET new_value = 0 WHERE indicator_id = $1`, [indId.b]),
      ).rejects.toThrow(/append-only/);
    },
  );

  it('keeps the stored source when a file leaves the source out (no column, or a blank cell)', async () => {
    const sourceOf = async (area: string | null) =>
      (
        (await ds.query(
          `SELECT source FROM measurement WHERE indicator_id = $1 AND area_id IS NOT DISTINCT FROM $2::uuid AND
            period = '2001'`,
          [indId.b, area],
        )) as {
          source: string;
        }[]
      )[0]?.source;
    const changesBefore = (
      (await ds.query(`SELECT count(*)::int AS n FROM measurement_change WHERE indicator_id = $1`, [indId.b])) as {
        n: number;
      }[]
    )[0].n;
    // The same figures without the source column: nothing changes, nothing goes on the record, and the rows are not
    // even written (an upsert that only locked them would set xmax; an update would move them to a new ctid).
    const tuples = () =>
      ds.query(
        `SELECT ctid::text, xmin::text, xmax::text FROM measurement WHERE indicator_id = $1 AND period = '2001'
          ORDER BY id`,
        [indId.b],
      );
    const tuplesBefore = await tuples();
    const same = await importFile(
      `area,indicator,period,value\nKøbenhavn,${ind.b},2001,80\nNørrebro,${ind.b},2001,72.5\n`,
      'uden-kilde.csv',
    );
    expect(same.row).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 2 });
    expect(await tuples()).toEqual(tuplesBefore);
    expect([await sourceOf(null), await sourceOf(areaId.norrebro)]).toEqual([
      'Tryghedsundersøgelsen',
      'Tryghedsundersøgelsen',
    ]);
    // A new value without the column, and a blank source cell: the value changes, the source stays; a new row gets
    // none.
    const changed = await importFile(
      `area,indicator,period,value\nKøbenhavn,${ind.b},2001,81\nKøbenhavn,${ind.b},2002,82\n`,
      'ny-vaerdi-uden-kilde.csv',
    );
    expect(changed.row).toMatchObject({ status: 'succeeded', inserted: 1, updated: 1, unchanged: 0 });
    expect(await valueOf('b', null, '2001')).toBe(81);
    expect(await sourceOf(null)).toBe('Tryghedsundersøgelsen');
    const blank = await importFile(
      `area;indicator;period;value;source\nKøbenhavn;${ind.b};2001;80;\n`,
      'tom-kilde.csv',
    );
    expect(blank.row).toMatchObject({ status: 'succeeded', updated: 1 });
    expect([await valueOf('b', null, '2001'), await sourceOf(null)]).toEqual([80, 'Tryghedsundersøgelsen']);
    const changes = (await ds.query(
      `SELECT old_value::float8 AS old_value, new_value::float8 AS new_value, old_source, new_source FROM
        measurement_change WHERE indicator_id = $1 ORDER BY id OFFSET $2`,
      [indId.b, changesBefore],
    )) as Record<string, unknown>[];
    expect(changes).toEqual([
      { old_value: 80, new_value: 81, old_source: 'Tryghedsundersøgelsen', new_source: 'Tryghedsundersøgelsen' },
      { old_value: 81, new_value: 80, old_source: 'Tryghedsundersøgelsen', new_source: 'Tryghedsundersøgelsen' },
    ]);
    const [fresh] = (await ds.query(
      `SELECT source FROM measurement WHERE indicator_id = $1 AND area_id IS NULL AND period = '2002'`,
      [indId.b],
    )) as { source: string }[];
    expect(fresh.source).toBe('');
    // A source given still replaces the stored one.
    const replaced = await importFile(
      `area,indicator,period,value,source\nKøbenhavn,${ind.b},2002,82,Ny kilde\n`,
      'med-kilde.csv',
    );
    expect(replaced.row).toMatchObject({ status: 'succeeded', updated: 1 });
    const [after] = (await ds.query(
      `SELECT source FROM measurement WHERE indicator_id = $1 AND area_id IS NULL AND period = '2002'`,
      [indId.b],
    )) as { source: string }[];
    expect(after.source).toBe('Ny kilde');
  });

  it('commits nothing from a file with bad rows, and says per row and column what was wrong', async () => {
    const csv = [
      'area,indicator,period,value',
      `Nørrebro,${ind.a},2003,16`, // good, and new
      `Nørrebro,${ind.b},2001,99`, // good, and would change 72.5
      `Østerbro,${ind.a},2003,16`,
      `Nørrebro,ukendt-indikator,2003,16`,
      `Nørrebro,${ind.a},forår,16`,
      `Nørrebro,${ind.a},2004,`,
      `city,${ind.a},2003,12`,
      `København,${ind.a},2003,12`, // the same key as the row above
    ].join('\n');
    const { row } = await importFile(csv, 'fejl.csv');
    expect(row).toMatchObject({ status: 'failed', rows_total: 8, inserted: 0, updated: 0, error_count: 5 });
    expect(row.errors.map((e) => [e.row, e.column])).toEqual([
      [4, 'area'],
      [5, 'indicator'],
      [6, 'period'],
      [7, 'value'],
      [9, null],
    ]);
    expect(row.errors[4].messageEn).toBe('The same indicator, area and period is already in row 8');
    expect(await valueOf('a', areaId.norrebro, '2003')).toBeNull();
    expect(await valueOf('a', null, '2003')).toBeNull();
    expect(await valueOf('b', areaId.norrebro, '2001')).toBe(72.5);
  });

  it('refuses a file without the required columns, and one that is not a readable XLSX', async () => {
    const { row } = await importFile(`area;indicator;periode\nNørrebro;${ind.a};2005`, 'uden-vaerdi.csv');
    expect(row).toMatchObject({ status: 'failed', error_count: 1 });
    expect(row.errors[0]).toMatchObject({ row: 1, column: 'value' });
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(200)]);
    const { row: xl } = await importFile(broken, 'ødelagt.xlsx');
    expect(xl).toMatchObject({ status: 'failed', error_count: 1 });
    expect(xl.errors[0]).toMatchObject({ row: 0, column: null });
    expect(xl.errors[0].messageEn).toMatch(/could not be read as XLSX/);
  });

  it('loads a file of several write batches in one transaction, all its rows done', async () => {
    const places = [
      'city',
      'norrebro',
      'amager-sundby',
      'bispebjerg-nordvest',
      'tingbjerg-husum',
      'valby-vigerslev',
      'vesterbro-kongens-enghave',
    ];
    const lines = ['area,indicator,period,value'];
    for (let year = 1901; lines.length <= 2 * WRITE_BATCH + 500; year++) {
      for (let q = 1; q <= 4; q++)
        for (const p of places)
          for (const i of [ind.c, ind.d]) lines.push(`${p},${i},${year}-Q${q},${(year % 97) + q / 10}`);
    }
    const rows = lines.length - 1;
    const { row } = await importFile(lines.join('\n'), 'stor.csv');
    expect(row).toMatchObject({
      status: 'succeeded',
      rows_total: rows,
      rows_done: rows,
      inserted: rows,
      error_count: 0,
    });
    expect(await countOf(['c', 'd'])).toBe(rows);
    expect(await valueOf('c', areaId.norrebro, '1901-Q2')).toBe(58.2); // 1901 % 97 + 0.2
  }, 60_000);

  it(
    'reports real progress while reading and checking, then writing a file of many batches, and still commits all ' +
      'or nothing',
    async () => {
      const BATCH = 100;
      const places = [
        'city',
        'norrebro',
        'amager-sundby',
        'bispebjerg-nordvest',
        'tingbjerg-husum',
        'valby-vigerslev',
        'vesterbro-kongens-enghave',
      ];
      const linesOf = (indicator: string, years: number) => {
        const lines: string[] = [];
        for (let year = 1901; year < 1901 + years; year++)
          for (let q = 1; q <= 4; q++) for (const p of places) lines.push(`${p},${indicator},${year}-Q${q},${q}`);
        return lines;
      };
      type Seen = {
        status: string;
        phase: string | null;
        rows_done: number;
        rows_total: number | null;
        reported: ImportProgress;
      };
      /**
       * Runs an import with small batches; at each progress report, reads the import as a poller would (another
       * connection). The import is stored as upload stores it, but without its job, so that no other test file's worker
       * runs it as well.
       */
      const runWatched = async (content: string, name: string, atEachReport?: (p: ImportProgress) => Promise<void>) => {
        const buffer = Buffer.from(content, 'utf8');
        const [accepted] = (await ds.query(
          `INSERT INTO indicator_import (file_name, format, checksum, size_bytes, created_by) VALUES ($1, 'csv', $2,
            $3, $4) RETURNING id`,
          [name, randomBytes(32).toString('hex'), buffer.length, admin.id],
        )) as { id: string }[];
        await ds.query(`INSERT INTO indicator_import_file (import_id, content) VALUES ($1, $2)`, [accepted.id, buffer]);
        const seen: Seen[] = [];
        const run = imports.run(accepted.id, {
          batchRows: BATCH,
          progressEveryMs: 0,
          onProgress: async (reported) => {
            const [row] = (await ds.query(
              `SELECT status, phase, rows_done, rows_total FROM indicator_import WHERE id = $1`,
              [accepted.id],
            )) as Omit<Seen, 'reported'>[];
            seen.push({ ...row, reported });
            await atEachReport?.(reported);
          },
        });
        return { id: accepted.id, seen, run };
      };
      const between = (seen: Seen[], phase: string, total: number | null) =>
        seen.filter(
          (r) => r.phase === phase && r.rows_done > 0 && r.rows_done < (total ?? Infinity) && r.rows_total === total,
        );
      const [{ version }] = (await ds.query(`SELECT version() AS version`)) as { version: string }[];
      const pglite = /PGlite/.test(version);

      // 1. A good file of 1204 rows: 13 batches.
      const good = linesOf(ind.e, 43);
      const total = good.length;
      // While rows are being written, another run of the same import (a second worker) must leave it alone.
      let secondRun: string | undefined;
      const ok = await runWatched(
        ['area,indicator,period,value', ...good].join('\n'),
        'mange-batches.csv',
        async (p) => {
          if (p.phase === 'writing' && p.rowsDone > 0 && secondRun === undefined)
            secondRun = (await imports.run(ok.id)).status;
        },
      );
      const outcome = await ok.run;
      expect(outcome).toMatchObject({ status: 'succeeded', rows: total, inserted: total });
      // Reading: rows read and checked so far, the total not known yet (the rows are checked as they are read, so
      // there is no phase of checking after it).
      expect(between(ok.seen, 'reading', null).map((r) => r.rows_done)).toEqual(
        Array.from({ length: 12 }, (_, i) => (i + 1) * BATCH),
      );
      expect(ok.seen.filter((r) => r.phase === 'validating')).toEqual([]);
      // Writing: on a PostgreSQL server the rows written show while the one transaction runs, batch by batch up to the
      // last (those written while the file was still being read were counted then, and show as the first figure);
      // PGlite serves one session, the transaction's, so there they cannot show before it has committed.
      const writing = between(ok.seen, 'writing', total).map((r) => r.rows_done);
      if (pglite) expect(writing).toEqual([]);
      else {
        expect(writing.at(-1)).toBe(12 * BATCH);
        expect(writing).toEqual(Array.from({ length: writing.length }, (_, i) => (13 - writing.length + i) * BATCH));
      }
      expect(ok.seen.filter((r) => r.phase === 'writing').every((r) => r.status === 'writing')).toBe(true);
      expect(secondRun).toBe(pglite ? undefined : 'busy'); // the job then retries later instead of counting as done
      // What was read back is what was reported, never more rows done than there are; and at the end, all of them.
      expect(ok.seen.filter((r) => r.phase !== r.reported.phase || r.rows_done !== r.reported.rowsDone)).toEqual([]);
      expect(await record(ok.id)).toMatchObject({
        status: 'succeeded',
        rows_total: total,
        rows_done: total,
        inserted: total,
      });
      expect(
        ((await ds.query(`SELECT phase FROM indicator_import WHERE id = $1`, [ok.id])) as { phase: string | null }[])[0]
          .phase,
      ).toBeNull();
      expect(await countOf(['e'])).toBe(total);

      // 2. All or nothing: the rows of f fill eleven batches and part of the twelfth, those of g the rest; g's
      // indicator
      // goes away once eleven batches have been read (its rows are checked against the indicators as they were when the
      // import began), so the twelfth batch fails inside the transaction, after the eleven before it were written
      // (on a server). None of them was committed.
      const bad = [...linesOf(ind.f, 40), ...linesOf(ind.g, 3)];
      const doomed = await runWatched(
        ['area,indicator,period,value', ...bad].join('\n'),
        'sidste-batch-fejler.csv',
        async (p) => {
          if (p.phase === 'reading' && p.rowsDone === 11 * BATCH)
            await ds.query(`DELETE FROM indicator WHERE id = $1`, [indId.g]);
        },
      );
      const err = await doomed.run.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect(String((err as Error).message)).toMatch(/foreign key/i);
      expect(doomed.seen.filter((r) => r.phase === 'reading').length).toBeGreaterThan(0);
      await imports.giveUp(doomed.id, err); // as the job does after its last attempt
      expect(await record(doomed.id)).toMatchObject({ status: 'failed', inserted: 0, error_count: 1 });
      expect(await countOf(['f'])).toBe(0);
      expect(
        (
          (await ds.query(`SELECT count(*)::int AS n FROM measurement WHERE import_id = $1`, [doomed.id])) as {
            n: number;
          }[]
        )[0].n,
      ).toBe(0);
    },
    60_000,
  );

  it('runs two imports at once one after the other, without deadlock or loss', async () => {
    const file = (value: number, extra: string) =>
      [
        'area,indicator,period,value',
        `city,${ind.a},2010,${value}`,
        `Nørrebro,${ind.a},2010,${value}`,
        `Nørrebro,${ind.a},${extra},1`,
      ].join('\n');
    const upload = (name: string, text: string) =>
      imports.upload(admin, { originalname: name, buffer: Buffer.from(text), size: Buffer.byteLength(text) });
    const [one, two] = await Promise.all([upload('en.csv', file(1, '2011')), upload('to.csv', file(2, '2012'))]);
    await Promise.all([imports.run(one.id), imports.run(two.id)]);
    const [a, b] = [await record(one.id), await record(two.id)];
    expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
    expect(a.inserted + b.inserted).toBe(4); // 2010 twice (once each) + 2011 + 2012
    expect(a.updated + b.updated).toBe(2); // the second to write changed the first's 2010 values
    const final = await valueOf('a', null, '2010');
    expect([1, 2]).toContain(final);
    expect(await valueOf('a', areaId.norrebro, '2010')).toBe(final);
  }, 30_000);

  it('gathers a progress report: stage history in Danish, the area chart, and project decisions read defensively', async () => {
    const tmf = await t.tokenFor('tmf');
    const [tmfAdmin] = (await ds.query(`SELECT id FROM administration WHERE code = 'TMF'`)) as { id: string }[];
    const plan = await t.http
      .post('/api/plans')
      .auth(tmf, { type: 'bearer' })
      .send({ areaId: areaId['amager-sundby'], budgetYear: 2088, participatingAdministrationIds: [tmfAdmin.id] })
      .expect(201);
    const reports = t.app.get(ReportsService);
    const content = await reports.content(plan.body.id);
    expect(content.plan).toMatchObject({
      areaName: 'Amager/Sundby',
      budgetYear: 2088,
      stateLabel: 'Kortlægning (under udarbejdelse)',
    });
    expect(content.history.map((h) => [h.event, h.to])).toEqual([
      ['Planen oprettet', 'Kortlægning (under udarbejdelse)'],
    ]);
    expect(content.charts.map((c) => c.title)).toEqual(['Socioøkonomiske indikatorer']);
    expect(content.charts[0].svg.startsWith('<svg')).toBe(true);
    expect(content.goals.goals).toEqual([]);
    // The project register is another feature: with its table present and nothing for this plan or area, "ingen
    // projekter".
    expect(await reports.projects(randomUUID(), randomUUID())).toEqual({
      available: false,
      note: 'Ingen projekter.',
      adopted: [],
      terminated: [],
      overdue: [],
      other: [],
    });
  });

  it(
    'gathers what the progress report shows: goal status rows, the stage history and project decisions sorted by ' +
      'outcome',
    async () => {
      const tmf = await t.tokenFor('tmf');
      const adminToken = await t.tokenFor('admin');
      const [{ id: tmfAdmin }] = (await ds.query(`SELECT id FROM administration WHERE code = 'TMF'`)) as {
        id: string;
      }[];
      const [{ id: tmfUser }] = (await ds.query(`SELECT id FROM app_user WHERE email = 'tmf@demo.byloeft.dk'`)) as {
        id: string;
      }[];
      const areaCode = 'bispebjerg-nordvest';
      const plan = await t.http
        .post('/api/plans')
        .auth(tmf, { type: 'bearer' })
        .send({ areaId: areaId[areaCode], budgetYear: 2089, participatingAdministrationIds: [tmfAdmin] })
        .expect(201);
      const planId = plan.body.id as string;
      await t.http
        .post(`/api/plans/${planId}/deadline`)
        .auth(adminToken, { type: 'bearer' })
        .send({ dueDate: '2090-06-30', reason: 'Afventer nye tal', expectedVersion: plan.body.version })
        .expect(200);

      // A city goal of this test's own, at the city's level (lower is better), measured by indicator h: the area 25 →
      // 22,5 against the city's 20 (index 125 → 112,5), exactly on the path 125 → 100 over 2012–2020.
      const { row } = await importFile(
        `area,indicator,period,value\ncity,${ind.h},2012,20\ncity,${ind.h},2016,20\n${areaCode},${ind.h},2012,25\n${areaCode},${ind.h},2016,22.5\n`,
        'rapport-tal.csv',
      );
      expect(row.status).toBe('succeeded');
      const [{ id: cityGoalId }] = (await ds.query(
        `INSERT INTO goal (code, level, title, indicator_id, target_year, direction) VALUES ($1, 'concrete', $2, $3,
          2020, 'lower_is_better') RETURNING id`,
        [`int-goal-${suffix}`, `Som byen ${suffix}`, indId.h],
      )) as { id: string }[];
      await ds.query(`INSERT INTO goal_baseline (goal_id, target_kind) VALUES ($1, 'city_level')`, [cityGoalId]);
      await ds.query(
        `INSERT INTO plan_item (plan_id, section, administration_id, data, created_by, updated_by) VALUES ($1,
          'goal', $2, $3, $4, $4), ($1, 'goal', $2, $5, $4, $4)`,
        [
          planId,
          tmfAdmin,
          JSON.stringify({ title: 'På niveau med byen', cityGoalId }),
          tmfUser,
          JSON.stringify({ title: 'Uden indikator' }),
        ],
      );

      // Projects of the plan (and one of the area, one elsewhere), as the project register keeps them. The database is
      // shared with the other suites, which list these projects too: each carries a machine state the API can read.
      // Led by a leader of their own, so that no other suite's counts of a demo account's projects change.
      const [{ id: leader }] = (await ds.query(
        `INSERT INTO app_user (email, display_name, roles, administration_id) VALUES ($1, 'Rapportens projektleder',
          '{project_leader}', NULL) RETURNING id`,
        [`report-leader-${suffix}@kk.dk`],
      )) as { id: string }[];
      const machineState = (state: string, areaIds: string[]) => {
        const { persisted } = startProject({
          owningAdministrationId: tmfAdmin,
          projectLeaderId: leader,
          proposedBy: tmfUser,
          periodStart: '2018-01-01',
          periodEnd: '2019-12-31',
          evaluationDate: null,
          areaIds,
        });
        const restored = { ...(persisted as Record<string, unknown>), value: state };
        expect(viewProjectState(restored).state).toBe(state);
        return JSON.stringify(restored);
      };
      const project = (
        title: string,
        state: string,
        extra: { decidedAt?: string; deadline?: string; planIds?: string[]; areaIds?: string[] },
      ) =>
        ds.query(
          `INSERT INTO project (title, problem, proposed_solution, owning_administration_id, project_leader_id,
            proposed_by, funding_source, budget_dkk,
                              period_start, period_end, area_ids, plan_ids, state, machine_version, state_value, evaluation_due_on, evaluation_deadline,
                              decided_at, version)
         VALUES ($1, 'Problem', 'Løsning', $2, $10, $3, 'municipal_pool', 100000, '2018-01-01', '2019-12-31', $4, $5,
           $9::jsonb, 1, $6, '2019-12-31', $7, $8, 1)`,
          [
            `${title} ${suffix}`,
            tmfAdmin,
            tmfUser,
            extra.areaIds ?? [],
            extra.planIds ?? [planId],
            state,
            extra.deadline ?? '2099-01-01',
            extra.decidedAt ?? null,
            machineState(state, extra.areaIds ?? []),
            leader,
          ],
        );
      await project('Lektiecafé', 'adoptedIntoOperations', { decidedAt: '2025-03-01T10:00:00Z' });
      await project('Gademedarbejdere', 'terminated', { decidedAt: '2025-02-01T10:00:00Z' });
      await project('Jobbutik', 'running', { deadline: '2020-01-28' });
      await project('Tryghedsvandring', 'proposed', { planIds: [], areaIds: [areaId[areaCode]] }); // the area's, not the plan's
      await project('Andetsteds', 'adoptedIntoOperations', { planIds: [], areaIds: [areaId.norrebro] });

      const reports = t.app.get(ReportsService);
      const content = await reports.content(planId);
      expect(content.plan).toMatchObject({
        title: plan.body.title,
        areaName: 'Bispebjerg/Nordvest',
        budgetYear: 2089,
        stageDueDate: '2090-06-30',
      });

      // Goal status rows, as GET /api/plans/{id}/goal-status.
      const rows = [...content.goals.goals].sort((x, y) => x.title.localeCompare(y.title, 'da')); // items added in one statement: no order between them
      expect(rows.map((g) => [g.title, g.targetKind, g.status, g.reason])).toEqual([
        ['På niveau med byen', 'city_level', 'on_track', null],
        ['Uden indikator', 'absolute', 'no_data', 'no_indicator'],
      ]);
      const goal = rows[0];
      expect(goal).toMatchObject({
        cityGoalId,
        measuredAs: 'index',
        baseline: { year: 2012, value: 125 },
        baselineFrom: 'first_measurement',
        target: { year: 2020, value: 100 },
        latest: { period: '2016', value: 112.5 },
        expectedAtLatest: 112.5,
        latestCompared: { period: '2016', value: 22.5, cityValue: 20 },
      });
      // The lines the PDF prints under it, in Danish, in indices.
      const lines = goalLines(goal);
      expect(lines).toContain('Måltype: på niveau med byens gennemsnit: områdets indeks (byen = 100) højst 100 i 2020');
      expect(lines).toContain('Basis: indeks 125 (2012, første måling)   Mål: indeks 100 i 2020');
      expect(lines).toContain('Seneste: indeks 112,5 (2016)   Forventet da: indeks 112,5   Forventet nu: indeks 100');
      expect(lines).toContain('Området: 22,5, byen: 20 (2016)');
      expect(goalLines(rows[1])).toEqual([
        'Ingen indikator knyttet til målet',
        'Basis: –   Mål: –',
        'Seneste: –   Forventet da: –   Forventet nu: –',
      ]);
      // The charts: the area's indicators, and the goal's series against the city's own line (no target line in the
      // indicator's units).
      expect(content.charts.map((c) => c.title)).toEqual(['Socioøkonomiske indikatorer', 'På niveau med byen']);
      expect(content.charts[1].svg).toContain('mål: på niveau med København i 2020');
      expect(content.charts[1].svg).not.toContain('Mål 2020:');

      // The stage history, oldest first, in Danish.
      expect(content.history.map((h) => [h.event, h.from, h.to, h.comment])).toEqual([
        ['Planen oprettet', null, 'Kortlægning (under udarbejdelse)', null],
        ['Fristen flyttet', null, 'Kortlægning (under udarbejdelse)', 'Afventer nye tal'],
      ]);
      expect(content.history.map((h) => h.actor)).toEqual(['Torben TMF', 'Anne Administrator']);

      // Project decisions: adopted, terminated, overdue (evaluation deadline passed while running), the rest; the
      // plan's
      // and its area's only.
      const mine = (lines: { title: string; detail: string }[]) =>
        lines.filter((l) => l.title.endsWith(suffix)).map((l) => [l.title.replace(` ${suffix}`, ''), l.detail]);
      expect(content.projects.available).toBe(true);
      expect(mine(content.projects.adopted)).toEqual([['Lektiecafé', 'besluttet 2025-03-01']]);
      expect(mine(content.projects.terminated)).toEqual([['Gademedarbejdere', 'besluttet 2025-02-01']]);
      expect(mine(content.projects.overdue)).toEqual([
        ['Jobbutik', 'evalueringen skulle være indsendt senest 2020-01-28'],
      ]);
      expect(mine(content.projects.other)).toEqual([['Tryghedsvandring', 'foreslået']]);

      // And the PDF is made from it.
      const pdf = await renderReportPdf(content);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
  );
});
