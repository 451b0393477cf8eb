import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { cityDisplayName, identifyDeprivedAreas, indexAgainstCity } from '#domain';
import { notFound } from '../platform/common/app-error.js';
import { INDICATOR_SETTINGS, type IndicatorSettings } from './indicator-settings.js';
import type {
  AreaOverviewDto,
  IdentificationDto,
  IndicatorRefDto,
  IndicatorSeriesDto,
  OverviewDto,
  SeriesDto,
} from './indicators.dto.js';

interface IndicatorRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  unit: string;
  direction: 'higher_is_better' | 'lower_is_better';
}

interface MeasurementRow {
  area_id: string | null;
  period: string;
  value: string;
  source: string;
  loaded_at: Date;
  loaded_by: string;
  loaded_by_name: string | null;
  import_id: string;
}

/**
 * Reading the measurements: series (with the index against the city for the
 * same period), the overview of areas × indicators, and the identification
 * of deprived areas.
 */
@Injectable()
export class IndicatorDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(INDICATOR_SETTINGS) private readonly settings: IndicatorSettings,
  ) {}

  async indicator(id: string): Promise<IndicatorRefDto> {
    const [row] = (await this.dataSource.query(
      `SELECT "id", "code", "name", "kind", "unit", "direction" FROM "indicator" WHERE "id" = $1`,
      [id],
    )) as IndicatorRow[];
    if (!row) throw notFound('Indicator', id);
    return row;
  }

  async indicators(where: { kind?: string } = {}): Promise<IndicatorRow[]> {
    return (await this.dataSource.query(
      `SELECT "id", "code", "name", "kind", "unit", "direction" FROM "indicator" WHERE ($1::text IS NULL OR "kind" =
        $1) ORDER BY "sort_order", "code"`,
      [where.kind ?? null],
    )) as IndicatorRow[];
  }

  async area(id: string): Promise<{ id: string; name: string; code: string }> {
    const [row] = (await this.dataSource.query(`SELECT "id", "name", "code" FROM "area" WHERE "id" = $1`, [id])) as {
      id: string;
      name: string;
      code: string;
    }[];
    if (!row) throw notFound('Area', id);
    return row;
  }

  /** How the city as a whole is named in charts and reports, e.g. "København". */
  async cityName(): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT "name" FROM "municipality" WHERE "id" = 1`)) as {
      name: string;
    }[];
    return row ? cityDisplayName(row.name) : 'Byen';
  }

  /** The indicator over time for the city and the areas asked for; each point with its index against the city. */
  async series(indicatorId: string, requestedAreaIds: string[] = []): Promise<IndicatorSeriesDto> {
    const indicator = await this.indicator(indicatorId);
    const areaIds = [...new Set(requestedAreaIds)];
    const areas = areaIds.length
      ? ((await this.dataSource.query(`SELECT "id", "name" FROM "area" WHERE "id" = ANY($1::uuid[])`, [areaIds])) as {
          id: string;
          name: string;
        }[])
      : [];
    const missing = areaIds.filter((id) => !areas.some((a) => a.id === id));
    if (missing.length) throw notFound('Area', missing[0]);
    const rows = (await this.dataSource.query(
      `SELECT m."area_id", m."period", m."value", m."source", m."loaded_at", m."loaded_by", u."display_name" AS
        "loaded_by_name", m."import_id"
         FROM "measurement" m LEFT JOIN "app_user" u ON u."id" = m."loaded_by"
        WHERE m."indicator_id" = $1 AND (m."area_id" IS NULL OR m."area_id" = ANY($2::uuid[]))
        ORDER BY m."period"`,
      [indicatorId, areaIds],
    )) as MeasurementRow[];
    const city = new Map(rows.filter((r) => r.area_id === null).map((r) => [r.period, Number(r.value)]));
    const seriesOf = (areaId: string | null, areaName: string): SeriesDto => ({
      areaId,
      areaName,
      points: rows
        .filter((r) => r.area_id === areaId)
        .map((r) => {
          const value = Number(r.value);
          const cityValue = city.get(r.period) ?? null;
          return {
            period: r.period,
            value,
            cityValue,
            index: indexAgainstCity(value, cityValue),
            source: r.source,
            loadedAt: r.loaded_at,
            loadedBy: r.loaded_by,
            loadedByName: r.loaded_by_name,
            importId: r.import_id,
          };
        }),
    });
    const ordered = areaIds.map((id) => areas.find((a) => a.id === id)!);
    return {
      indicator,
      series: [seriesOf(null, await this.cityName()), ...ordered.map((a) => seriesOf(a.id, a.name))],
    };
  }

  /**
   * Areas × indicators: each area's latest value of every indicator (or its
   * value for `period`), with the city's value for the same period and the
   * index. One page of areas (by name, then id) at a time: per area and
   * indicator one probe on the (area, indicator, period) index, read
   * backwards, and one on the unique key for the city's value.
   */
  async overview(
    options: { areaId?: string; period?: string; limit?: number; offset?: number } = {},
  ): Promise<OverviewDto> {
    const areaId = options.areaId ?? null;
    const period = options.period ?? null;
    const limit = options.limit ?? 50;
    const offset = options.offset ?? 0;
    if (areaId) await this.area(areaId);
    const [areas, [{ total }], indicators] = await Promise.all([
      this.dataSource.query(
        `SELECT "id", "name" FROM "area" WHERE ($1::uuid IS NULL OR "id" = $1) ORDER BY "name", "id" LIMIT $2 OFFSET
          $3`,
        [areaId, limit, offset],
      ) as Promise<{ id: string; name: string }[]>,
      this.dataSource.query(`SELECT count(*)::int AS "total" FROM "area" WHERE ($1::uuid IS NULL OR "id" = $1)`, [
        areaId,
      ]) as Promise<{ total: number }[]>,
      this.indicators(),
    ]);
    const cells = areas.length
      ? ((await this.dataSource.query(
          `SELECT a."area_id", i."id" AS "indicator_id", l."period", l."value", c."value" AS "city_value"
             FROM unnest($1::uuid[]) AS a("area_id")
            CROSS JOIN "indicator" i
             JOIN LATERAL (
               SELECT m."period", m."value" FROM "measurement" m
                WHERE m."area_id" = a."area_id" AND m."indicator_id" = i."id" AND ($2::text IS NULL OR m."period" = $2)
                ORDER BY m."period" DESC LIMIT 1
             ) l ON true
             LEFT JOIN "measurement" c ON c."indicator_id" = i."id" AND c."area_id" IS NULL AND c."period" =
               l."period"`,
          [areas.map((a) => a.id), period],
        )) as { area_id: string; indicator_id: string; period: string; value: string; city_value: string | null }[])
      : [];
    const byKey = new Map(cells.map((c) => [`${c.area_id}|${c.indicator_id}`, c]));
    return {
      period,
      total,
      limit,
      offset,
      areas: areas.map((a): AreaOverviewDto => ({
        areaId: a.id,
        areaName: a.name,
        indicators: indicators.map((i) => {
          const c = byKey.get(`${a.id}|${i.id}`);
          const value = c ? Number(c.value) : null;
          const cityValue = c?.city_value === null || c?.city_value === undefined ? null : Number(c.city_value);
          return {
            indicatorId: i.id,
            code: i.code,
            name: i.name,
            kind: i.kind,
            unit: i.unit,
            period: c?.period ?? null,
            value,
            cityValue,
            index: value === null ? null : indexAgainstCity(value, cityValue),
          };
        }),
      })),
    };
  }

  /**
   * The identification: the socio-economic indicators of every area as
   * indices for one period, summed and ranked against IDENTIFICATION_THRESHOLD.
   * By default the latest period in which the city has a value for each of them.
   */
  async identification(
    requestedPeriod?: string,
    page: { limit?: number; offset?: number } = {},
  ): Promise<IdentificationDto> {
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    const indicators = await this.indicators({ kind: 'socioeconomic' });
    const ids = indicators.map((i) => i.id);
    let period = requestedPeriod ?? null;
    if (!period && ids.length) {
      const [row] = (await this.dataSource.query(
        `SELECT "period" FROM "measurement" WHERE "area_id" IS NULL AND "indicator_id" = ANY($1::uuid[])
          GROUP BY "period" HAVING count(DISTINCT "indicator_id") = $2 ORDER BY "period" DESC LIMIT 1`,
        [ids, ids.length],
      )) as { period: string }[];
      period = row?.period ?? null;
    }
    // One range of the (period, indicator) index per indicator, read without touching the table.
    const [areas, rows] = await Promise.all([
      this.dataSource.query(`SELECT "id", "name" FROM "area" ORDER BY "name"`) as Promise<
        { id: string; name: string }[]
      >,
      period
        ? (this.dataSource.query(
            `SELECT "area_id", "indicator_id", "value" FROM "measurement" WHERE "period" = $1 AND "indicator_id" =
              ANY($2::uuid[])`,
            [period, ids],
          ) as Promise<{ area_id: string | null; indicator_id: string; value: string }[]>)
        : Promise.resolve([]),
    ]);
    const values = new Map<string | null, Record<string, number>>();
    for (const r of rows) {
      const of = values.get(r.area_id) ?? {};
      of[r.indicator_id] = Number(r.value);
      values.set(r.area_id, of);
    }
    const result = identifyDeprivedAreas({
      indicators,
      city: values.get(null) ?? {},
      areas: areas.map((a) => ({ id: a.id, name: a.name, values: values.get(a.id) ?? {} })),
      threshold: this.settings.identificationThreshold,
    });
    if (!period) result.notes.push('Ingen periode har byens værdi for alle de socioøkonomiske indikatorer endnu.');
    return {
      period,
      ...result,
      areas: result.areas.slice(offset, offset + limit),
      total: result.areas.length,
      deprivedCount: result.areas.filter((a) => a.deprived).length,
      limit,
      offset,
    };
  }
}
