import type { Direction } from './identification.js';
import { indexAgainstCity } from './indicator-index.js';
import { periodToYear, type Period } from './period.js';

export type GoalStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';
export const GOAL_STATUSES: readonly GoalStatus[] = ['on_track', 'at_risk', 'off_track', 'no_data'];

export const GOAL_STATUS_LABELS: Record<GoalStatus, { da: string; en: string }> = {
  on_track: { da: 'På sporet', en: 'On track' },
  at_risk: { da: 'I risiko', en: 'At risk' },
  off_track: { da: 'Ikke på sporet', en: 'Off track' },
  no_data: { da: 'Ingen data', en: 'No data' },
};

/**
 * What a goal's target is. `absolute`: a value of the indicator (95 %, 80 %).
 * `city_level`: "på niveau med byens gennemsnit": the area's index against
 * the city for the same period (city = 100) reaches 100 by the target year,
 * the direction saying which side of 100 is good (higher-is-better: index
 * ≥ 100; lower-is-better, e.g. residents outside the labour market: ≤ 100).
 * `relative`: a change from the baseline, in per cent of it ("halve the
 * number": −50): the target is the baseline × (1 + change / 100), so in an
 * area it is the area's own baseline halved.
 */
export type TargetKind = 'absolute' | 'city_level' | 'relative';
export const TARGET_KIND_VALUES: readonly TargetKind[] = ['absolute', 'city_level', 'relative'];

export type NoDataReason =
  | 'no_indicator'
  | 'no_target'
  | 'no_measurements'
  | 'no_baseline'
  /** city_level: the area has figures, but the city has none for the same periods. */
  | 'no_city_values'
  /** city_level: measured in an area only (the city against itself is always 100). */
  | 'needs_area';

/**
 * Where the baseline came from: stated for the goal (or, in a plan, for the
 * area), the series' own value in the goal's baseline year, or (lacking
 * both) the first measurement.
 */
export type BaselineSource = 'goal' | 'baseline_year' | 'first_measurement';

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
  /**
   * A stated baseline. Absolute: in the indicator's units. City level: the
   * area's own value (not an index), made an index with the city's value in
   * the same year (when the city has none that year, the year alone counts).
   */
  baseline: YearValue | null;
  /** Without a stated baseline: take the series' own value in this year (a year's figure before its quarters). */
  baselineYear?: number | null;
  /**
   * Absolute: the target. City level: only its year is used (when targetYear is not given). Relative: its
   * value is the change in per cent of the baseline (−50: halved).
   */
  target: YearValue | null;
  /** Default 'absolute'. */
  targetKind?: TargetKind;
  /** City level: the target year (the target itself is index 100). */
  targetYear?: number | null;
  /** City level: the city's series of the same indicator; absent when the goal is measured in the city itself. */
  city?: MeasuredPoint[] | null;
  direction: Direction;
  /** The series the goal is measured by (the area's, or the city's), in any order. */
  measurements: MeasuredPoint[];
  /** Behind the path by at most this share of the planned change is "at risk"; further behind is "off track". */
  tolerancePercent: number;
  /** "Now", in decimal years. */
  asOf: number;
  /** How many of the latest measurements the trend is fitted to (default 5). */
  trendPoints?: number;
}

export interface GoalTrend {
  /** Least-squares slope of the latest measurements, in units per year (index points for city-level goals). */
  slopePerYear: number;
  points: number;
  direction: 'improving' | 'worsening' | 'flat';
  /** Where the trend leads by the target year (null without a target). */
  projectedAtTarget: number | null;
  /** Whether that projection reaches the target. */
  reachesTarget: boolean | null;
}

export interface GoalProgress {
  targetKind: TargetKind;
  /**
   * What baseline, target, latest, expected values, gap and tolerance are in: the indicator's values, or the index
   * (city = 100).
   */
  measuredAs: 'value' | 'index';
  status: GoalStatus;
  reason: NoDataReason | null;
  baseline: YearValue | null;
  baselineFrom: BaselineSource | null;
  target: YearValue | null;
  /** The value the straight path from baseline to target expects now. */
  expectedNow: number | null;
  latest: MeasuredPoint | null;
  /** The value the path expects at the latest measurement's period: what the status compares with. */
  expectedAtLatest: number | null;
  /** latest − expected, signed so that positive is better than the path. */
  gap: number | null;
  /** The tolerance in the units of `measuredAs`. */
  tolerance: number | null;
  trend: GoalTrend | null;
  /** Whether the latest figure is at or beyond the target (direction respected); null without both. */
  targetReached: boolean | null;
  /** City level: the figures behind the latest index (the area's value and the city's, same period). */
  latestCompared: { period: Period; value: number; cityValue: number } | null;
}

/**
 * The value expected at `year` on the straight line from baseline to target,
 * held at the baseline before it and at the target after it.
 */
/** The city's level as an index: the target of every city-level goal. */
export const CITY_LEVEL_INDEX = 100;

/** A city-level goal's target: index 100 in its target year (none without a year). */
export function cityLevelTarget(targetYear: number | null | undefined): YearValue | null {
  return typeof targetYear === 'number' ? { year: targetYear, value: CITY_LEVEL_INDEX } : null;
}

/**
 * A plan's goal refines a city goal: it is city-level when the city goal is
 * and the plan sets no target value of its own; with one, it is absolute.
 */
export function planGoalTargetKind(
  cityGoalKind: TargetKind | null | undefined,
  ownTargetValue: number | null,
): TargetKind {
  return cityGoalKind && cityGoalKind !== 'absolute' && ownTargetValue === null ? cityGoalKind : 'absolute';
}

/** What a plan's goal refines: the city goal's target kind and value (null when it refines none). */
export interface RefinedCityGoal {
  targetKind: TargetKind | null;
  targetValue: number | null;
}

/**
 * A plan goal's target, the one rule the theory of change's status and the
 * plan stage's completeness both read: its own target value; else, tied to a
 * city-level goal, the city's level (index 100, no value of its own needed);
 * else the city goal's target value (absolute or relative). Null when the
 * goal has no target at all, which is what the plan stage refuses.
 */
export function planGoalTarget(
  ownTargetValue: number | null,
  city: RefinedCityGoal | null,
): { kind: TargetKind; value: number | null } | null {
  const kind = planGoalTargetKind(city?.targetKind, ownTargetValue);
  if (ownTargetValue !== null) return { kind, value: ownTargetValue };
  if (kind === 'city_level') return { kind, value: null };
  const inherited = city?.targetValue ?? null;
  return inherited !== null ? { kind, value: inherited } : null;
}

/** A relative goal's target: the baseline changed by `changePercent` of it (−50 halves it). */
export function relativeTarget(baseline: number, changePercent: number): number {
  return baseline * (1 + changePercent / 100);
}

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

interface YearPoint extends MeasuredPoint {
  year: number;
}

const withYears = (points: MeasuredPoint[]): YearPoint[] =>
  points
    .map((m) => ({ ...m, year: periodToYear(m.period) }))
    .sort((a, b) => a.year - b.year || a.period.localeCompare(b.period));

/** A series' point in a year: the year's own figure ('2012') before its quarters, else the year's first quarter. */
export function pointInYear<T extends YearPoint>(points: T[], year: number): T | null {
  return points.find((p) => p.period === String(year)) ?? points.find((p) => Math.floor(p.year) === year) ?? null;
}

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
 *
 * The baseline is the one stated; without one, the series' own value in
 * `baselineYear`; without that, the first measurement.
 *
 * A city-level goal is judged the same way on the area's index against the
 * city for the same period (periods without a city value are left out),
 * along the path from the baseline index to 100 by the target year. An area
 * already at or better than the city's level at its baseline is expected to
 * stay there: its path is 100 throughout.
 */
export function goalProgress(input: GoalProgressInput): GoalProgress {
  return input.targetKind === 'city_level' ? cityLevelProgress(input) : absoluteProgress(input);
}

/**
 * An absolute goal, or a relative one: its target is then the baseline
 * changed by the target's per cent (a halving from an area's 4 listed housing
 * areas in 2010 is 2 by 2020; from 0, it is to stay at 0).
 */
function absoluteProgress(input: GoalProgressInput): GoalProgress {
  const kind: TargetKind = input.targetKind === 'relative' ? 'relative' : 'absolute';
  const series = withYears(input.measurements);
  let baseline: YearValue | null = input.baseline;
  let baselineFrom: BaselineSource | null = baseline ? 'goal' : null;
  if (!baseline && typeof input.baselineYear === 'number') {
    const p = pointInYear(series, input.baselineYear);
    if (p) [baseline, baselineFrom] = [{ year: p.year, value: p.value }, 'baseline_year'];
  }
  if (!baseline && series[0])
    [baseline, baselineFrom] = [{ year: series[0].year, value: series[0].value }, 'first_measurement'];
  let target = input.target;
  if (kind === 'relative' && target) {
    if (!baseline) return noData(input, kind, 'no_baseline', null, series, null, null, null);
    target = { year: target.year, value: relativeTarget(baseline.value, target.value) };
  }
  return judge(input, kind, series, baseline, baselineFrom, target, baseline, null);
}

function cityLevelProgress(input: GoalProgressInput): GoalProgress {
  const targetYear = input.targetYear ?? input.target?.year ?? null;
  const target = cityLevelTarget(targetYear);
  if (!input.city) return noData(input, 'city_level', 'needs_area', target, [], null, null, null);
  const city = withYears(input.city);
  const cityByPeriod = new Map(city.map((p) => [p.period, p.value]));
  const area = withYears(input.measurements);
  const index: (YearPoint & { areaValue: number; cityValue: number })[] = area.flatMap((p) => {
    const cityValue = cityByPeriod.get(p.period);
    const i = indexAgainstCity(p.value, cityValue);
    return i === null ? [] : [{ period: p.period, year: p.year, value: i, areaValue: p.value, cityValue: cityValue! }];
  });

  let baseline: YearValue | null = null;
  let baselineFrom: BaselineSource | null = null;
  if (input.baseline) {
    const cityThen = pointInYear(city, Math.floor(input.baseline.year));
    const i = cityThen ? indexAgainstCity(input.baseline.value, cityThen.value) : null;
    if (i !== null) [baseline, baselineFrom] = [{ year: input.baseline.year, value: i }, 'goal'];
  }
  const year = input.baselineYear ?? (input.baseline ? Math.floor(input.baseline.year) : null);
  if (!baseline && typeof year === 'number') {
    const p = pointInYear(index, year);
    if (p) [baseline, baselineFrom] = [{ year: p.year, value: p.value }, 'baseline_year'];
  }
  if (!baseline && index[0])
    [baseline, baselineFrom] = [{ year: index[0].year, value: index[0].value }, 'first_measurement'];

  const last = index.at(-1) ?? null;
  const compared = last ? { period: last.period, value: last.areaValue, cityValue: last.cityValue } : null;
  if (area.length && !index.length) return noData(input, 'city_level', 'no_city_values', target, [], null, null, null);
  // The path starts at the baseline, or at 100 when the baseline is already at or better than the city's level.
  const better = input.direction === 'higher_is_better' ? 1 : -1;
  const pathStart = baseline && (baseline.value - 100) * better >= 0 ? { year: baseline.year, value: 100 } : baseline;
  return judge(input, 'city_level', index, baseline, baselineFrom, target, pathStart, compared);
}

function noData(
  input: GoalProgressInput,
  kind: TargetKind,
  reason: NoDataReason,
  target: YearValue | null,
  series: YearPoint[],
  baseline: YearValue | null,
  baselineFrom: BaselineSource | null,
  latestCompared: GoalProgress['latestCompared'],
): GoalProgress {
  const last = series.at(-1);
  return {
    targetKind: kind,
    measuredAs: kind === 'city_level' ? 'index' : 'value',
    status: 'no_data',
    reason,
    baseline,
    baselineFrom,
    target,
    expectedNow: null,
    latest: last ? { period: last.period, value: last.value } : null,
    expectedAtLatest: null,
    gap: null,
    tolerance: null,
    trend: trendOf(input, series, target),
    targetReached: null,
    latestCompared,
  };
}

function trendOf(input: GoalProgressInput, series: YearPoint[], target: YearValue | null): GoalTrend | null {
  const latestPoint = series.at(-1);
  const recent = series.slice(-(input.trendPoints ?? 5)).map((p) => ({ year: p.year, value: p.value }));
  const s = slope(recent);
  if (s === null || !latestPoint) return null;
  const better = input.direction === 'higher_is_better' ? 1 : -1;
  const projectedAtTarget = target ? latestPoint.value + s * (target.year - latestPoint.year) : null;
  return {
    slopePerYear: s,
    points: recent.length,
    direction: Math.abs(s) < EPSILON ? 'flat' : s * better > 0 ? 'improving' : 'worsening',
    projectedAtTarget,
    reachesTarget:
      projectedAtTarget === null || !target ? null : (projectedAtTarget - target.value) * better >= -EPSILON,
  };
}

/** The status of a series (values, or indices) against the straight path from `pathStart` to `target`. */
function judge(
  input: GoalProgressInput,
  kind: TargetKind,
  series: YearPoint[],
  baseline: YearValue | null,
  baselineFrom: BaselineSource | null,
  target: YearValue | null,
  pathStart: YearValue | null,
  latestCompared: GoalProgress['latestCompared'],
): GoalProgress {
  const latestPoint = series.at(-1) ?? null;
  if (!target) return noData(input, kind, 'no_target', target, series, baseline, baselineFrom, latestCompared);
  if (!latestPoint)
    return noData(input, kind, 'no_measurements', target, series, baseline, baselineFrom, latestCompared);
  if (!baseline || !pathStart)
    return noData(input, kind, 'no_baseline', target, series, baseline, baselineFrom, latestCompared);
  const better = input.direction === 'higher_is_better' ? 1 : -1;
  const expectedNow = expectedValue(pathStart, target, input.asOf);
  const expectedAtLatest = expectedValue(pathStart, target, latestPoint.year);
  const change = Math.abs(target.value - pathStart.value);
  const tolerance = (input.tolerancePercent / 100) * (change > 0 ? change : Math.abs(target.value));
  const gap = (latestPoint.value - expectedAtLatest) * better;
  const status: GoalStatus = gap >= -EPSILON ? 'on_track' : gap >= -tolerance - EPSILON ? 'at_risk' : 'off_track';
  return {
    targetKind: kind,
    measuredAs: kind === 'city_level' ? 'index' : 'value',
    status,
    reason: null,
    baseline,
    baselineFrom,
    target,
    expectedNow,
    latest: { period: latestPoint.period, value: latestPoint.value },
    expectedAtLatest,
    gap,
    tolerance,
    trend: trendOf(input, series, target),
    targetReached: (latestPoint.value - target.value) * better >= -EPSILON,
    latestCompared,
  };
}

/** The current moment as a decimal year. */
export function decimalYear(date: Date): number {
  const y = date.getUTCFullYear();
  const start = Date.UTC(y, 0, 1);
  const end = Date.UTC(y + 1, 0, 1);
  return y + (date.getTime() - start) / (end - start);
}
