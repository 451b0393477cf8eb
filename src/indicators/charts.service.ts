import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as echarts from 'echarts';
import { DataSource } from 'typeorm';
import { periodLabel, periodToYear, round } from '#domain';
import { notFound } from '../platform/common/app-error.js';
import { IndicatorDataService } from './indicator-data.service.js';

type Option = echarts.EChartsOption;

/** A goal's target (and the path to it from the baseline) to draw on a series chart. */
export interface GoalLine {
  title: string;
  /** A city-level goal has no line of its own: its target is the city's line (index 100). */
  cityLevel?: boolean;
  targetValue: number | null;
  targetYear: number | null;
  baselineValue: number | null;
  baselineYear: number | null;
}

const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));

const WIDTH = 800;
const HEIGHT = 450;
const FONT = 'Helvetica, Arial, sans-serif';
const WORSE = '#b03a2e';
const BETTER = '#2874a6';
const CITY = '#222222';
const GOAL = '#1e8449';
const PALETTE = ['#2874a6', '#b03a2e', '#1e8449', '#b9770e', '#6c3483', '#117a65', '#a04000', '#5d6d7e'];

const fmt = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 });
export const formatNumber = (n: number) => fmt.format(n);

/** Renders an ECharts option to an SVG string on the server (no DOM, no browser). */
export function renderSvg(option: Option, width = WIDTH, height = HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height, locale: 'EN' });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function periodRange(periods: string[]): string {
  const unique = [...new Set(periods)].sort((a, b) => periodToYear(a) - periodToYear(b));
  if (!unique.length) return 'ingen målinger';
  return unique.length === 1 ? periodLabel(unique[0]) : `${periodLabel(unique[0])}–${periodLabel(unique.at(-1)!)}`;
}

const noData = (text: string) => ({
  type: 'text' as const,
  left: 'center',
  top: 'middle',
  style: { text, fontSize: 16, fill: '#666', fontFamily: FONT },
});

/**
 * Server-side SVG charts with Danish labels, for the web interface and the
 * progress report: an area's socio-economic indicators as indices against
 * the city's 100, and an indicator over time with the goal's target line.
 */
@Injectable()
export class ChartsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly data: IndicatorDataService,
  ) {}

  /** The six socio-economic indicators of an area as bars, the city at 100 (as in the policy's own figure). */
  async socioeconomicSvg(areaId: string, period?: string): Promise<string> {
    const area = await this.data.area(areaId);
    const overview = await this.data.overview({ areaId, period });
    const city = await this.data.cityName();
    const cells = overview.areas[0].indicators.filter((c) => c.kind === 'socioeconomic');
    const withIndex = cells.filter((c) => c.index !== null);
    return renderSvg({
      title: {
        text: `${area.name}: socioøkonomiske indikatorer`,
        subtext: `Indeks, ${city} = 100 · ${periodRange(withIndex.map((c) => c.period!))}`,
        left: 'center',
        textStyle: { fontSize: 16 },
      },
      grid: { left: 230, right: 60, top: 90, bottom: 40 },
      xAxis: {
        type: 'value',
        name: 'Indeks',
        nameLocation: 'middle',
        nameGap: 26,
        min: 0,
        axisLabel: { formatter: (v: number) => formatNumber(v) },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: cells.map((c) => c.name),
        axisLabel: { width: 210, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: area.name,
          barMaxWidth: 28,
          data: cells.map((c) => ({
            value: c.index === null ? null : round(c.index, 1),
            itemStyle: { color: (c.index ?? 0) > 100 ? WORSE : BETTER },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatNumber(p.value) : 'ingen data'),
          },
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: CITY, type: 'dashed', width: 1.5 },
            label: { formatter: `${city} = 100`, position: 'start' }, // the top, as the category axis runs downwards
            data: [{ xAxis: 100 }],
          },
        },
      ],
      graphic: withIndex.length ? [] : [noData('Ingen målinger med byens værdi for samme periode')],
    });
  }

  /** An indicator over time for the city and some areas, with a city goal's target line and the path to it. */
  async seriesSvg(indicatorId: string, areaIds: string[] = [], goalId?: string): Promise<string> {
    const goal = await this.goal(indicatorId, goalId);
    const line: GoalLine | null = goal
      ? goal.target_kind === 'city_level'
        ? {
            title: goal.title,
            cityLevel: true,
            targetValue: null,
            targetYear: goal.target_year,
            baselineValue: null,
            baselineYear: null,
          }
        : {
            title: goal.title,
            // A relative goal's target_value is a change in per cent of each series' own baseline: no one line.
            targetValue: goal.target_kind === 'relative' ? null : num(goal.target_value),
            targetYear: goal.target_year,
            baselineValue: num(goal.baseline_value),
            baselineYear: goal.baseline_year,
          }
      : null;
    return this.seriesWithGoalSvg(indicatorId, areaIds, line);
  }

  /** The same chart with a target line given by the caller (a plan's own goal, in the progress report). */
  async seriesWithGoalSvg(indicatorId: string, areaIds: string[], goal: GoalLine | null): Promise<string> {
    const { indicator, series: measured } = await this.data.series(indicatorId, areaIds);
    // A city-level goal is measured in index points: each area's index against the city, and the city's 100 as
    // the line to reach. Without an area with an index there is nothing to compare: the values, as for any goal.
    const asIndex =
      goal?.cityLevel === true && measured.some((s) => s.areaId !== null && s.points.some((p) => p.index !== null));
    const cityName = measured[0]?.areaName ?? '';
    const series = asIndex
      ? measured
          .filter((s) => s.areaId !== null)
          .map((s) => ({
            ...s,
            points: s.points.filter((p) => p.index !== null).map((p) => ({ ...p, value: p.index as number })),
          }))
      : measured;
    const target = goal?.cityLevel ? null : (goal?.targetValue ?? null);
    const baseline = goal?.baselineValue ?? null;
    const years = series.flatMap((s) => s.points.map((p) => periodToYear(p.period)));
    if (target !== null && goal?.targetYear) years.push(goal.targetYear);
    if (baseline !== null && goal?.baselineYear) years.push(goal.baselineYear);
    const minYear = years.length ? Math.floor(Math.min(...years)) : new Date().getFullYear() - 1;
    const maxYear = years.length ? Math.max(Math.ceil(Math.max(...years)), minYear + 1) : new Date().getFullYear();
    // The city is series 0 and draws in black; without it (in index points) the areas take the palette from its start.
    const colour = (i: number) => PALETTE[(asIndex ? i : i - 1) % PALETTE.length];
    const lines: echarts.SeriesOption[] = series.map((s, i) => ({
      type: 'line',
      name: s.areaName,
      data: s.points.map((p) => [periodToYear(p.period), p.value]),
      symbolSize: 5,
      lineStyle: s.areaId === null ? { color: CITY, width: 2.5, type: 'dashed' } : { width: 2, color: colour(i) },
      itemStyle: { color: s.areaId === null ? CITY : colour(i) },
    }));
    if (asIndex)
      lines.push({
        type: 'line',
        name: `${cityName} = 100`,
        data: [
          [minYear, 100],
          [maxYear, 100],
        ],
        symbol: 'none',
        lineStyle: { color: CITY, width: 2.5, type: 'dashed' },
        itemStyle: { color: CITY },
      });
    const targetLabel = goal?.targetYear ? `Mål ${goal.targetYear}` : 'Mål';
    if (goal && target !== null) {
      lines.push({
        type: 'line',
        name: targetLabel,
        data:
          baseline !== null && goal.baselineYear !== null
            ? [
                [goal.baselineYear, baseline],
                [goal.targetYear ?? maxYear, target],
              ]
            : [],
        symbol: 'none',
        lineStyle: { color: GOAL, type: 'dotted', width: 1.5 },
        itemStyle: { color: GOAL },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: GOAL, type: 'solid', width: 2 },
          label: { formatter: `${targetLabel}: ${formatNumber(target)}`, position: 'insideEndTop' },
          data: [{ yAxis: target }],
        },
      });
    }
    const empty = series.every((s) => s.points.length === 0);
    return renderSvg({
      title: {
        text: indicator.name,
        subtext: asIndex
          ? `Indeks · ${goal?.title ?? ''} (mål: på niveau med ` +
            `${cityName}${goal?.targetYear ? ` i ${goal.targetYear}` : ''})`
          : goal?.cityLevel
            ? `Udvikling over tid · ${goal.title} (mål: på niveau med ` +
              `${cityName}${goal.targetYear ? ` i ${goal.targetYear}` : ''})`
            : goal && target !== null
              ? `Udvikling over tid · ${goal.title}`
              : 'Udvikling over tid',
        left: 'center',
        textStyle: { fontSize: 16 },
        subtextStyle: { width: WIDTH - 80, overflow: 'truncate' },
      },
      legend: { bottom: 5, type: 'plain' },
      grid: { left: 70, right: 40, top: 75, bottom: 70 },
      xAxis: {
        type: 'value',
        min: minYear,
        max: maxYear,
        minInterval: 1,
        axisLabel: { formatter: (v: number) => (Number.isInteger(v) ? String(v) : '') },
      },
      yAxis: {
        type: 'value',
        name: asIndex ? 'Indeks' : indicator.unit || undefined,
        scale: true,
        axisLabel: { formatter: (v: number) => formatNumber(v) },
        // A target line alone (markLine) does not widen the axis: keep the target in view.
        ...(target !== null
          ? {
              min: (v: { min: number }) => Math.min(v.min, target),
              max: (v: { max: number }) => Math.max(v.max, target),
            }
          : {}),
      },
      series: lines,
      graphic: empty ? [noData('Ingen målinger endnu')] : [],
    });
  }

  /** The goal to draw: the one asked for, or the first concrete city goal measured by the indicator with a target. */
  private async goal(indicatorId: string, goalId?: string) {
    const rows = (await this.dataSource.query(
      `SELECT g."id", g."title", g."target_value", g."target_year", b."baseline_value", b."baseline_year",
        b."target_kind"
         FROM "goal" g LEFT JOIN "goal_baseline" b ON b."goal_id" = g."id"
        WHERE CASE WHEN $2::uuid IS NOT NULL THEN g."id" = $2::uuid
                   ELSE g."indicator_id" = $1::uuid AND g."target_value" IS NOT NULL AND g."level" = 'concrete' END
        ORDER BY g."sort_order", g."code" LIMIT 1`,
      [indicatorId, goalId ?? null],
    )) as {
      id: string;
      title: string;
      target_value: string | null;
      target_year: number | null;
      baseline_value: string | null;
      baseline_year: number | null;
      target_kind: string | null;
    }[];
    if (goalId && !rows.length) throw notFound('Goal', goalId);
    return rows[0] ?? null;
  }
}
