import type { Direction } from './identification.js';
import { periodToYear, type Period } from './period.js';

export type GoalStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';
export const GOAL_STATUSES: readonly GoalStatus[] = ['on_track', 'at_risk', 'off_track', 'no_data'];

export const GOAL_STATUS_LABELS: Record<GoalStatus, { da: string; en: string }> = {
  on_track: { da: 'På sporet', en: 'On track' },
  at_risk: { da: 'I risiko', en: 'At risk' },
  off_track: { da: 'Ikke på sporet', en: 'Off track' },
  no_data: { da: 'Ingen data', en: 'No data' },
};

export type NoDataReason = 'no_indicator' | 'no_target' | 'no_measurements' | 'no_baseline';

export interface YearValue {
  /** A year, possibly fractional (a quarter's start: 2012.5 is 2012-Q3). */
  year: number;
  value: number;
}

export interface MeasuredPoint {
  period: Period;
  value: number;
}

export interface GoalProgressInput {
  baseline: YearValue | null;
  target: YearValue | null;
  direction: Direction;
  /** The series the goal is measured by, in any order. */
  measurements: MeasuredPoint[];
  /** Behind the path by at most this share of the planned change is "at risk"; further behind is "off track". */
  tolerancePercent: number;
  /** "Now", in decimal years. */
  asOf: number;
  /** How many of the latest measurements the trend is fitted to (default 5). */
  trendPoints?: number;
}

export interface GoalTrend {
  /** Least-squares slope of the latest measurements, in units per year. */
  slopePerYear: number;
  points: number;
  direction: 'improving' | 'worsening' | 'flat';
  /** Where the trend leads by the target year (null without a target). */
  projectedAtTarget: number | null;
  /** Whether that projection reaches the target. */
  reachesTarget: boolean | null;
}

export interface GoalProgress {
  status: GoalStatus;
  reason: NoDataReason | null;
  baseline: YearValue | null;
  /** Where the baseline came from: the goal itself, or (lacking one) the first measurement. */
  baselineFrom: 'goal' | 'first_measurement' | null;
  target: YearValue | null;
  /** The value the straight path from baseline to target expects now. */
  expectedNow: number | null;
  latest: MeasuredPoint | null;
  /** The value the path expects at the latest measurement's period: what the status compares with. */
  expectedAtLatest: number | null;
  /** latest − expected, signed so that positive is better than the path. */
  gap: number | null;
  /** The tolerance in the indicator's units. */
  tolerance: number | null;
  trend: GoalTrend | null;
}

/**
 * The value expected at `year` on the straight line from baseline to target,
 * held at the baseline before it and at the target after it.
 */
export function expectedValue(baseline: YearValue, target: YearValue, year: number): number {
  if (target.year <= baseline.year) return target.value;
  const t = Math.min(1, Math.max(0, (year - baseline.year) / (target.year - baseline.year)));
  return baseline.value + (target.value - baseline.value) * t;
}

/** Least-squares slope of value over year; null with fewer than two distinct years. */
export function slope(points: YearValue[]): number | null {
  if (points.length < 2) return null;
  const mx = points.reduce((s, p) => s + p.year, 0) / points.length;
  const my = points.reduce((s, p) => s + p.value, 0) / points.length;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.year - mx) * (p.value - my);
    sxx += (p.year - mx) ** 2;
  }
  return sxx === 0 ? null : sxy / sxx;
}

const EPSILON = 1e-9;

/**
 * Whether a goal will be met: the expected value now on the straight path
 * from baseline to target, the latest value, the status and the trend.
 *
 * The status compares the latest value with what the path expected at that
 * value's own period (a 2016 figure is judged against the 2016 point of the
 * path, not against today's): at or ahead of the path is on track; behind by
 * no more than the tolerance is at risk; further behind is off track. The
 * tolerance is `tolerancePercent` of the planned change |target − baseline|
 * (of |target| when the goal is to hold a level). "Ahead" respects the
 * direction: for lower-is-better goals a value under the path is ahead.
 */
export function goalProgress(input: GoalProgressInput): GoalProgress {
  const series = [...input.measurements]
    .map((m) => ({ ...m, year: periodToYear(m.period) }))
    .sort((a, b) => a.year - b.year);
  const latestPoint = series.at(-1) ?? null;
  const latest = latestPoint ? { period: latestPoint.period, value: latestPoint.value } : null;
  const baselineFrom = input.baseline ? 'goal' : series.length ? 'first_measurement' : null;
  const baseline = input.baseline ?? (series[0] ? { year: series[0].year, value: series[0].value } : null);
  const target = input.target;
  const better = input.direction === 'higher_is_better' ? 1 : -1;

  const recent = series.slice(-(input.trendPoints ?? 5)).map((p) => ({ year: p.year, value: p.value }));
  const s = slope(recent);
  let trend: GoalTrend | null = null;
  if (s !== null && latestPoint) {
    const signed = s * better;
    const projectedAtTarget = target ? latestPoint.value + s * (target.year - latestPoint.year) : null;
    trend = {
      slopePerYear: s,
      points: recent.length,
      direction: Math.abs(s) < EPSILON ? 'flat' : signed > 0 ? 'improving' : 'worsening',
      projectedAtTarget,
      reachesTarget: projectedAtTarget === null || !target ? null : (projectedAtTarget - target.value) * better >= -EPSILON,
    };
  }

  const base = { baseline, baselineFrom, target, latest, trend } as const;
  const noData = (reason: NoDataReason): GoalProgress => ({
    status: 'no_data', reason, ...base, expectedNow: null, expectedAtLatest: null, gap: null, tolerance: null,
  });
  if (!target) return noData('no_target');
  if (!latestPoint) return noData('no_measurements');
  if (!baseline) return noData('no_baseline');

  const expectedNow = expectedValue(baseline, target, input.asOf);
  const expectedAtLatest = expectedValue(baseline, target, latestPoint.year);
  const change = Math.abs(target.value - baseline.value);
  const tolerance = (input.tolerancePercent / 100) * (change > 0 ? change : Math.abs(target.value));
  const gap = (latestPoint.value - expectedAtLatest) * better;
  const status: GoalStatus = gap >= -EPSILON ? 'on_track' : gap >= -tolerance - EPSILON ? 'at_risk' : 'off_track';
  return { status, reason: null, ...base, expectedNow, expectedAtLatest, gap, tolerance };
}

/** The current moment as a decimal year. */
export function decimalYear(date: Date): number {
  const y = date.getUTCFullYear();
  const start = Date.UTC(y, 0, 1);
  const end = Date.UTC(y + 1, 0, 1);
  return y + (date.getTime() - start) / (end - start);
}
