/**
 * Benchmark (not a test): loads 100,000 measurement rows through the import
 * path (ImportService.upload, then the job's ImportService.run: stream-parse,
 * validate in batches, one transaction of multi-row INSERT … ON CONFLICT),
 * prints rows per second, and times the area-overview query with 100 areas ×
 * 20 indicators × 20 periods loaded.
 *
 *   npm run bench                 # embedded PGlite (in memory)
 *   DATABASE_URL=postgres://… npm run bench   # a fresh database on that server, dropped afterwards
 *   npm run bench -- --xlsx       # also import 100,000 rows from XLSX
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/platform/database/data-source-options.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/platform/database/embedded-postgres.js';
import { ImportService } from '../src/indicators/import.service.js';
import { IndicatorDataService } from '../src/indicators/indicator-data.service.js';
import { DEFAULT_INDICATOR_SETTINGS, type IndicatorSettings } from '../src/indicators/indicator-settings.js';
import { OutboxService } from '../src/platform/outbox/outbox.service.js';
import { COPENHAGEN } from '../src/seed/copenhagen.seed.js';
import { seedMasterData } from '../src/seed/seeder.js';
import { freshDatabase, type BenchDatabase } from './bench-database.js';

const AREAS = 100;
const INDICATORS = 20;
const IMPORT_PERIODS = 50; // 100 areas × 20 indicators × 50 periods = 100,000 rows
const OVERVIEW_PERIODS = 20;
const OVERVIEW_RUNS = 20;

const settings: IndicatorSettings = { ...DEFAULT_INDICATOR_SETTINGS, importMaxBytes: 1024 * 1024 * 1024 };
const out = (line: string) => process.stdout.write(`${line}\n`);
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const quarters = (firstYear: number, count: number) =>
  Array.from({ length: count }, (_, i) => `${firstYear + Math.floor(i / 4)}-Q${(i % 4) + 1}`);

async function target(): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) return freshDatabase(external);
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres(null);
  return { url: embedded.url, label: 'embedded PGlite (in memory)', cleanup: () => embedded.stop() };
}

/** Brings the master data up to 100 areas and 20 indicators. */
async function prepare(ds: DataSource): Promise<{ areas: string[]; indicators: string[]; adminId: string }> {
  await ds.runMigrations({ transaction: 'each' });
  await seedMasterData(ds, COPENHAGEN);
  const [{ id: adminId }] = (await ds.query(
    `INSERT INTO app_user (email, display_name, roles) VALUES ('bench@byloeft.local', 'Benchmark',
      '{administrator}') RETURNING id`,
  )) as { id: string }[];
  const [{ n: areaCount }] = (await ds.query(`SELECT count(*)::int AS n FROM area`)) as { n: number }[];
  for (let i = areaCount + 1; i <= AREAS; i++) {
    await ds.query(`INSERT INTO area (code, name) VALUES ($1, $2)`, [
      `bench-area-${String(i).padStart(3, '0')}`,
      `Benchmarkområde ${i}`,
    ]);
  }
  const [{ n: indicatorCount }] = (await ds.query(`SELECT count(*)::int AS n FROM indicator`)) as { n: number }[];
  for (let i = indicatorCount + 1; i <= INDICATORS; i++) {
    await ds.query(`INSERT INTO indicator (code, name, kind, unit) VALUES ($1, $2, 'supplementary', '%')`, [
      `bench-ind-${String(i).padStart(2, '0')}`,
      `Benchmarkindikator ${i}`,
    ]);
  }
  const areas = ((await ds.query(`SELECT code FROM area ORDER BY code LIMIT $1`, [AREAS])) as { code: string }[]).map(
    (a) => a.code,
  );
  const indicators = (
    (await ds.query(`SELECT code FROM indicator ORDER BY code LIMIT $1`, [INDICATORS])) as { code: string }[]
  ).map((i) => i.code);
  return { areas, indicators, adminId };
}

function rowsFor(places: string[], indicators: string[], periods: string[]): string[][] {
  const rows: string[][] = [];
  let k = 0;
  for (const p of places)
    for (const ind of indicators)
      for (const period of periods) rows.push([p, ind, period, String(10 + ((k++ * 7919) % 9000) / 100)]);
  return rows;
}

const csvOf = (rows: string[][]) =>
  Buffer.from(['area,indicator,period,value', ...rows.map((r) => r.join(','))].join('\n'), 'utf8');

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Data');
  sheet.addRow(['area', 'indicator', 'period', 'value']);
  for (const r of rows) sheet.addRow([r[0], r[1], r[2], Number(r[3])]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function importThrough(imports: ImportService, adminId: string, content: Buffer, name: string) {
  const actor = {
    id: adminId,
    email: 'bench@byloeft.local',
    displayName: 'Benchmark',
    roles: ['administrator' as const],
    administrationId: null,
  };
  const started = performance.now();
  const accepted = await imports.upload(actor, { originalname: name, buffer: content, size: content.length });
  const uploadMs = performance.now() - started;
  const outcome = await imports.run(accepted.id);
  const totalMs = performance.now() - started;
  if (outcome.status !== 'succeeded') throw new Error(`Import ${name} ${outcome.status}: ${outcome.errorCount} errors`);
  return { ...outcome, uploadMs, totalMs, importId: accepted.id };
}

const COPY_RUNS = 3;

/** COPY of the rows an import loaded into a copy of the measurement table (same keys, index, check); null on PGlite. */
async function copyRate(
  url: string,
  ds: DataSource,
  importId: string,
): Promise<{ ms: number; rate: number; times: number[] } | null> {
  if (/PGlite/i.test(((await ds.query(`SELECT version() AS v`)) as { v: string }[])[0].v)) return null;
  const rows = (await ds.query(
    `SELECT indicator_id, area_id, period, value::text, source, loaded_by, import_id FROM measurement WHERE
      import_id = $1`,
    [importId],
  )) as {
    indicator_id: string;
    area_id: string | null;
    period: string;
    value: string;
    source: string;
    loaded_by: string;
  }[];
  const text = rows
    .map((r) => [r.indicator_id, r.area_id ?? '\\N', r.period, r.value, r.source, r.loaded_by, importId].join('\t'))
    .join('\n');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The median of three loads, each into a new table: one COPY's time moved by half between runs here.
    const times: number[] = [];
    for (let run = 0; run < COPY_RUNS; run++) {
      await client.query(`DROP TABLE IF EXISTS bench_copy`);
      await client.query(`CREATE TABLE bench_copy (LIKE measurement INCLUDING ALL)`);
      const t0 = performance.now();
      await pipeline(
        Readable.from([Buffer.from(`${text}\n`)]),
        client.query(
          copyFrom(`COPY bench_copy (indicator_id, area_id, period, value, source, loaded_by, import_id) FROM STDIN`),
        ),
      );
      times.push(performance.now() - t0);
      const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM bench_copy`)).rows as { n: number }[];
      if (n !== rows.length) throw new Error(`COPY loaded ${n} of ${rows.length} rows`);
    }
    const elapsed = stats(times).median;
    return { ms: elapsed, rate: rows.length / (elapsed / 1000), times };
  } finally {
    await client.query(`DROP TABLE IF EXISTS bench_copy`).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { min: sorted[0], median: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const withXlsx = process.argv.includes('--xlsx');
  const db = await target();
  const ds = new DataSource(dataSourceOptions(db.url, { logging: ['error'] }));
  try {
    await ds.initialize();
    const [{ server_version: version }] = (await ds.query(`SHOW server_version`)) as { server_version: string }[];
    out(`Byløft benchmark: imports and the area overview`);
    out(`Database: ${db.label}${version ? `, server ${version}` : ''}; Node ${process.version}`);
    const { areas, indicators, adminId } = await prepare(ds);
    const imports = new ImportService(ds, new OutboxService(), settings);
    const data = new IndicatorDataService(ds, settings);

    // 1. 100,000 rows through the import path.
    const importRows = rowsFor(areas, indicators, quarters(2008, IMPORT_PERIODS));
    const csv = csvOf(importRows);
    out(
      `\nImport of ${importRows.length.toLocaleString('en')} rows (${AREAS} areas × ${INDICATORS} indicators × ` +
        `${IMPORT_PERIODS} periods), CSV ${(csv.length / 1024 / 1024).toFixed(1)} MB`,
    );
    const first = await importThrough(imports, adminId, csv, 'bench.csv');
    out(
      `  CSV, new rows:       ${ms(first.totalMs)} in all → ` +
        `${Math.round(first.rows / (first.totalMs / 1000)).toLocaleString('en')} rows/s ` +
        `(upload ${ms(first.uploadMs)}, read ${ms(first.timings.readMs)}, validate ${ms(first.timings.validateMs)}, ` +
        `write ${ms(first.timings.writeMs)}; inserted ${first.inserted})`,
    );
    // The yardstick: COPY of the same rows into a table with the same keys, index and check (no upsert, no checks of
    // references, no record of changes): how close the import comes to the database's own bulk load.
    const copy = await copyRate(db.url, ds, first.importId);
    const importRate = first.rows / (first.totalMs / 1000);
    if (copy) {
      out(
        `  COPY, same rows:     ${ms(copy.ms)} → ${Math.round(copy.rate).toLocaleString('en')} rows/s into a table ` +
          `with the same keys and indexes` +
          ` (median of ${copy.times.map(ms).join(', ')})`,
      );
      out(
        `  import / COPY:       ${(importRate / copy.rate).toFixed(2)} (the whole import), ` +
          `${(first.rows / (first.timings.writeMs / 1000) / copy.rate).toFixed(2)} (its write phase)`,
      );
    } else {
      out(`  COPY, same rows:     not available here (PGlite serves no COPY FROM STDIN)`);
    }
    // The same figures in a file that differs by a trailing newline (so not a checksum duplicate): nothing is written.
    const again = await importThrough(imports, adminId, Buffer.concat([csv, Buffer.from('\n')]), 'bench-again.csv');
    out(
      `  CSV, same figures:   ${ms(again.totalMs)} in all → ` +
        `${Math.round(again.rows / (again.totalMs / 1000)).toLocaleString('en')} rows/s ` +
        `(write ${ms(again.timings.writeMs)}; inserted ${again.inserted}, updated ${again.updated}, unchanged ` +
        `${again.unchanged})`,
    );
    if (withXlsx) {
      const xlsxRows = rowsFor(areas, indicators, quarters(1950, IMPORT_PERIODS));
      const book = await xlsxOf(xlsxRows);
      const x = await importThrough(imports, adminId, book, 'bench.xlsx');
      out(
        `  XLSX, new rows:      ${ms(x.totalMs)} in all → ` +
          `${Math.round(x.rows / (x.totalMs / 1000)).toLocaleString('en')} rows/s ` +
          `(${(book.length / 1024 / 1024).toFixed(1)} MB; read ${ms(x.timings.readMs)}, validate ` +
          `${ms(x.timings.validateMs)}, write ${ms(x.timings.writeMs)})`,
      );
    }

    // 2. The area overview with 100 areas × 20 indicators × 20 periods (and the city's values).
    await ds.query(`DELETE FROM measurement`);
    const overviewRows = rowsFor(['city', ...areas], indicators, quarters(2015, OVERVIEW_PERIODS));
    const loaded = await importThrough(imports, adminId, csvOf(overviewRows), 'bench-overview.csv');
    await ds.query(`ANALYZE measurement`);
    out(
      `\nArea overview with ${AREAS} areas × ${INDICATORS} indicators × ${OVERVIEW_PERIODS} periods loaded ` +
        `(${loaded.rows.toLocaleString('en')} rows incl. the city)`,
    );
    const time = async (what: string, fn: () => Promise<unknown>) => {
      await fn(); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < OVERVIEW_RUNS; i++) {
        const t0 = performance.now();
        await fn();
        samples.push(performance.now() - t0);
      }
      const s = stats(samples);
      out(`  ${what.padEnd(44)} median ${ms(s.median)}, min ${ms(s.min)}, p95 ${ms(s.p95)} (${OVERVIEW_RUNS} runs)`);
    };
    const someArea = ((await ds.query(`SELECT id FROM area ORDER BY code LIMIT 1 OFFSET 50`)) as { id: string }[])[0]
      .id;
    await time('every area × every indicator, latest values', async () => {
      const o = await data.overview({ limit: 200 });
      if (o.areas.length !== AREAS || o.areas[0].indicators.length !== INDICATORS)
        throw new Error('the overview is incomplete');
    });
    await time('one area, latest values', () => data.overview({ areaId: someArea }));
    await time('every area × every indicator, one period', () => data.overview({ period: '2017-Q2', limit: 200 }));
    await time('identification (sum of socio-economic indices)', () => data.identification());
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`Benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
