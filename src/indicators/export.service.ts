import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { GOAL_STATUS_LABELS, round, type GoalStatus } from '#domain';
import { notFound } from '../platform/common/app-error.js';
import { csvFile, csvFileName, type CsvLocale } from '../platform/common/csv.js';
import { GoalProgressService } from './goal-progress.service.js';
import { IndicatorDataService } from './indicator-data.service.js';
import type { TheoryOfChangeDto } from './indicators.dto.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const TREND_LABELS: Record<string, string> = { improving: 'forbedres', worsening: 'forværres', flat: 'uændret' };
const DANISH = new Intl.Collator('da');
/** The goal grid's colours in XLSX, as on the screen: green, amber, red; no data stays white. */
const STATUS_FILLS: Partial<Record<GoalStatus, string>> = {
  on_track: 'FFC8E6C9',
  at_risk: 'FFFFE0B2',
  off_track: 'FFFFCDD2',
};
export const TARGET_KIND_LABELS: Record<string, string> = {
  absolute: 'Absolut værdi',
  city_level: 'Byens niveau (indeks, byen = 100)',
  relative: 'Ændring i procent af udgangspunktet',
};

/** A file-name-safe slug of a Danish title. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 60) || 'eksport'
  );
}

/** An XLSX cell's background colour (ARGB), by row and column of the data (header excluded); none if undefined. */
export type CellFill = (row: number, column: number) => string | undefined;

/** Tables as CSV (the one CSV writer: the locale's separators, UTF-8 with BOM) or XLSX. */
export async function tableFile(
  format: ExportFormat,
  baseName: string,
  sheetName: string,
  header: string[],
  rows: unknown[][],
  locale: CsvLocale = 'en',
  fill?: CellFill,
): Promise<ExportFile> {
  if (format === 'csv') {
    return {
      fileName: csvFileName(baseName, locale),
      contentType: CONTENT_TYPES.csv,
      content: csvFile(header, rows, locale),
    };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Byløft';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(header).font = { bold: true };
  rows.forEach((r, i) => {
    const row = sheet.addRow(r.map((c) => (c === null || c === undefined ? null : c)));
    if (!fill) return;
    r.forEach((_c, j) => {
      const argb = fill(i, j);
      if (argb) row.getCell(j + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
    });
  });
  sheet.columns.forEach((col, i) => {
    col.width = Math.min(
      60,
      Math.max(10, header[i].length + 2, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length + 2)),
    );
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return {
    fileName: `${baseName}.xlsx`,
    contentType: CONTENT_TYPES.xlsx,
    content: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

/** Exports: an indicator's series (in the import format, so a file can go back in) and a plan's goal status. */
@Injectable()
export class ExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly data: IndicatorDataService,
    private readonly goals: GoalProgressService,
  ) {}

  /**
   * Columns area, indicator, period, value, source (the import's, so the file can go back in), plus the index and when,
   * by whom and by which import each value was loaded.
   */
  async series(
    indicatorId: string,
    areaIds: string[] | undefined,
    format: ExportFormat,
    locale: CsvLocale = 'en',
  ): Promise<ExportFile> {
    const indicator = await this.data.indicator(indicatorId);
    let ids = areaIds ?? [];
    if (!areaIds?.length)
      ids = ((await this.dataSource.query(`SELECT "id" FROM "area" ORDER BY "name"`)) as { id: string }[]).map(
        (a) => a.id,
      );
    const { series } = await this.data.series(indicatorId, ids);
    const codes = new Map(
      ((await this.dataSource.query(`SELECT "id", "code" FROM "area"`)) as { id: string; code: string }[]).map((a) => [
        a.id,
        a.code,
      ]),
    );
    const rows = series.flatMap((s) =>
      s.points.map((p) => [
        s.areaId ? codes.get(s.areaId)! : 'city',
        indicator.code,
        p.period,
        p.value,
        p.source,
        p.index === null ? null : round(p.index, 1),
        new Date(p.loadedAt).toISOString(),
        p.loadedByName ?? p.loadedBy,
        p.importId,
      ]),
    );
    return tableFile(
      format,
      `${indicator.code}-serie`,
      indicator.name,
      ['area', 'indicator', 'period', 'value', 'source', 'index', 'loaded_at', 'loaded_by', 'import_id'],
      rows,
      locale,
    );
  }

  /**
   * A plan's goals with baseline, target, latest value, expected value, status and trend (Danish headings).
   * For a city-level goal (Måltype) those figures are indices (the city = 100), and the last two columns
   * hold the area's and the city's own values behind the latest index.
   */
  async planGoalStatus(planId: string, format: ExportFormat, locale: CsvLocale = 'en'): Promise<ExportFile> {
    const status = await this.goals.planGoalStatus(planId);
    if (!status) throw notFound('Plan', planId);
    const r1 = (n: number | null | undefined) => (n === null || n === undefined ? null : round(n, 2));
    const rows = status.goals.map((g) => [
      g.title,
      g.indicator?.name ?? null,
      g.baseline?.year ?? null,
      r1(g.baseline?.value),
      g.target?.year ?? null,
      r1(g.target?.value),
      g.latest?.period ?? null,
      r1(g.latest?.value),
      r1(g.expectedAtLatest),
      r1(g.expectedNow),
      GOAL_STATUS_LABELS[g.status].da,
      g.trend ? r1(g.trend.slopePerYear) : null,
      g.trend ? TREND_LABELS[g.trend.direction] : null,
      TARGET_KIND_LABELS[g.targetKind],
      r1(g.latestCompared?.value),
      r1(g.latestCompared?.cityValue),
    ]);
    return tableFile(
      format,
      `maalstatus-${slug(status.planTitle)}`,
      'Målstatus',
      [
        'Mål',
        'Indikator',
        'Basisår',
        'Basisværdi',
        'Målår',
        'Målværdi',
        'Seneste periode',
        'Seneste værdi',
        'Forventet ved seneste periode',
        'Forventet nu',
        'Status',
        'Tendens pr. år',
        'Tendens',
        'Måltype',
        'Områdets værdi',
        'Byens værdi',
      ],
      rows,
      locale,
    );
  }

  /**
   * Goal status per area and concrete goal, as the areas-against-the-city page's grid: a row per concrete goal, a
   * column per area (those of areaIds in their order, else all by name), each cell the status and the trend in words
   * ("På sporet (forbedres)"); in XLSX coloured as on the screen.
   */
  async goalGrid(areaIds: string[] | undefined, format: ExportFormat, locale: CsvLocale = 'en'): Promise<ExportFile> {
    const areas = (await this.dataSource.query(
      areaIds?.length
        ? `SELECT "id", "name" FROM "area" WHERE "id" = ANY($1::uuid[])`
        : `SELECT "id", "name" FROM "area"`,
      areaIds?.length ? [areaIds] : [],
    )) as { id: string; name: string }[];
    // In the order asked for (the page's columns), else by name.
    if (areaIds?.length) areas.sort((a, b) => areaIds.indexOf(a.id) - areaIds.indexOf(b.id));
    else areas.sort((a, b) => DANISH.compare(a.name, b.name));
    const missing = (areaIds ?? []).find((id) => !areas.some((a) => a.id === id));
    if (missing) throw notFound('Area', missing);
    const tocs: TheoryOfChangeDto[] = [];
    for (const area of areas) tocs.push(await this.goals.theoryOfChange(area.id));
    const goalsOf = (toc: TheoryOfChangeDto) => [...toc.overallGoals.flatMap((o) => o.goals), ...toc.otherGoals];
    const goals = tocs.length ? goalsOf(tocs[0]) : [];
    const statuses = goals.map((goal) =>
      tocs.map((toc) => goalsOf(toc).find((g) => g.id === goal.id)?.progress ?? null),
    );
    const rows = goals.map((goal, i) => [
      goal.title,
      ...statuses[i].map((p) => {
        const label = GOAL_STATUS_LABELS[p?.status ?? 'no_data'].da;
        return p?.trend ? `${label} (${TREND_LABELS[p.trend.direction]})` : label;
      }),
    ]);
    return tableFile(
      format,
      'maalstatus-pr-byomraade',
      'Målstatus pr. byområde',
      ['Konkret mål', ...areas.map((a) => a.name)],
      rows,
      locale,
      (row, column) => (column === 0 ? undefined : STATUS_FILLS[statuses[row][column - 1]?.status ?? 'no_data']),
    );
  }
}
