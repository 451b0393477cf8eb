import { describe, expect, it } from '@jest/globals';
import {
  cityLevelTarget,
  goalProgress,
  planGoalTargetKind,
  pointInYear,
  type GoalProgressInput,
  type MeasuredPoint,
} from './on-track.js';

const close = (n: number | null | undefined, digits = 6) =>
  n === null || n === undefined ? n : Math.round(n * 10 ** digits) / 10 ** digits;
const points = (...pairs: [string, number][]): MeasuredPoint[] => pairs.map(([period, value]) => ({ period, value }));

/**
 * "Beskæftigelsesgraden i de udsatte byområder er på niveau med
 * københavnergennemsnittet", measured by residents outside the labour market
 * (lower is better): the area's share against the city's, city = 100.
 * Area 25 / 22,5 in 2012 / 2016 against the city's 20: index 125 → 112,5.
 */
const employment = (area: MeasuredPoint[], extra: Partial<GoalProgressInput> = {}): GoalProgressInput => ({
  targetKind: 'city_level',
  baseline: null,
  target: null,
  targetYear: 2020,
  direction: 'lower_is_better',
  measurements: area,
  city: points(['2012', 20], ['2014', 20], ['2016', 20]),
  tolerancePercent: 10,
  asOf: 2018,
  ...extra,
});

describe('a goal at the city’s level (index against the city reaches 100)', () => {
  it('follows the straight path from the baseline index to 100 by the target year', () => {
    const p = goalProgress(employment(points(['2012', 25], ['2014', 24], ['2016', 22.5])));
    // Index 125 (2012), 120 (2014), 112,5 (2016). Path 125 → 100 over 2012–2020: 112,5 expected in 2016, 106,25 in
    // 2018.
    expect(p).toMatchObject({
      targetKind: 'city_level',
      measuredAs: 'index',
      status: 'on_track',
      reason: null,
      baseline: { year: 2012, value: 125 },
      baselineFrom: 'first_measurement',
      target: { year: 2020, value: 100 },
      latest: { period: '2016', value: 112.5 },
      expectedAtLatest: 112.5,
      expectedNow: 106.25,
      tolerance: 2.5,
      targetReached: false,
      latestCompared: { period: '2016', value: 22.5, cityValue: 20 },
    });
    expect(p.gap).toBeCloseTo(0, 9);
    // Trend on the index: Σdxdy = (−2)(5,8333) + 2(−6,6667) = −25, Σdx² = 8 → −3,125 a year: improving, and 112,5 − 4 ×
    // 3,125 = 100 by 2020.
    expect(close(p.trend!.slopePerYear)).toBe(-3.125);
    expect(p.trend).toMatchObject({ points: 3, direction: 'improving', reachesTarget: true });
    expect(close(p.trend!.projectedAtTarget)).toBe(100);
  });

  it('is at risk within the tolerance of the planned change of the index, off track beyond it', () => {
    const in2016 = (value: number) => goalProgress(employment(points(['2012', 25], ['2016', value])));
    // 23 → index 115: 2,5 behind 112,5, exactly 10 % of the change of 25 → at risk.
    expect(in2016(23)).toMatchObject({ status: 'at_risk', tolerance: 2.5 });
    expect(close(in2016(23).gap)).toBe(-2.5);
    // 24 → index 120: 7,5 behind → off track.
    expect(in2016(24).status).toBe('off_track');
    expect(close(in2016(24).gap)).toBe(-7.5);
    // 19 → index 95: under the city's level, which is good for lower-is-better: ahead of the path, and the target
    // reached.
    expect(in2016(19)).toMatchObject({ status: 'on_track', targetReached: true });
    expect(close(in2016(19).gap)).toBe(17.5);
  });

  it('respects the direction: for higher-is-better the index must come up to 100', () => {
    // Safety index: area 50 → 61 against the city's 60 → 69 (2012, 2016): index 83,33 → 88,41.
    const p = goalProgress({
      targetKind: 'city_level',
      baseline: null,
      target: null,
      targetYear: 2020,
      direction: 'higher_is_better',
      measurements: points(['2012', 50], ['2014', 56], ['2016', 61]),
      city: points(['2012', 60], ['2013', 62], ['2014', 63], ['2015', 67], ['2016', 69]),
      tolerancePercent: 10,
      asOf: 2018,
    });
    // Path 83,33 → 100: 91,67 expected in 2016; 88,41 is 3,26 behind; tolerance 10 % of 16,67 = 1,67 → off track.
    expect(close(p.baseline!.value, 4)).toBe(83.3333);
    expect(close(p.expectedAtLatest, 4)).toBe(91.6667);
    expect(close(p.latest!.value, 4)).toBe(88.4058);
    expect(close(p.gap, 4)).toBe(-3.2609);
    expect(close(p.tolerance, 4)).toBe(1.6667);
    expect(p).toMatchObject({
      status: 'off_track',
      targetReached: false,
      latestCompared: { period: '2016', value: 61, cityValue: 69 },
    });
    // The trend of the index: (83,33; 88,89; 88,41) over 2012, 2014, 2016 → Σdxdy 10,145 / 8 = 1,268 a year, improving,
    // 93,48 by 2020.
    expect(close(p.trend!.slopePerYear, 3)).toBe(1.268);
    expect(p.trend).toMatchObject({ direction: 'improving', reachesTarget: false });
  });

  it('expects an area already at or better than the city’s level to stay there', () => {
    // Index 110 in 2012, higher is better: the path is 100 throughout; tolerance 10 % of 100.
    const hold = (value: number) =>
      goalProgress({
        targetKind: 'city_level',
        baseline: null,
        target: null,
        targetYear: 2020,
        direction: 'higher_is_better',
        measurements: points(['2012', 66], ['2016', value]),
        city: points(['2012', 60], ['2016', 50]),
        tolerancePercent: 10,
        asOf: 2018,
      });
    expect(hold(51)).toMatchObject({ status: 'on_track', expectedAtLatest: 100, tolerance: 10, targetReached: true });
    expect(close(hold(51).baseline!.value)).toBe(110);
    expect(close(hold(51).gap)).toBe(2); // index 102
    expect(hold(46)).toMatchObject({ status: 'at_risk', targetReached: false }); // index 92: 8 behind, within 10
    expect(hold(44)).toMatchObject({ status: 'off_track' }); // index 88: 12 behind
  });

  it('takes the baseline from the goal’s baseline year, or turns an area’s stated baseline into an index', () => {
    const area = points(['2010', 30], ['2012', 28], ['2014', 26]);
    const city = points(['2010', 20], ['2012', 20], ['2014', 20]);
    // The year's own figure, not the first measurement: 2012 → 140.
    const byYear = goalProgress(employment(area, { city, baselineYear: 2012 }));
    expect(byYear).toMatchObject({ baselineFrom: 'baseline_year', baseline: { year: 2012, value: 140 } });
    // Path 140 → 100 over 2012–2020: 130 expected in 2014; 130 measured → on track.
    expect(byYear).toMatchObject({ expectedAtLatest: 130, status: 'on_track' });
    expect(goalProgress(employment(area, { city })).baseline).toEqual({ year: 2010, value: 150 });
    // A stated baseline of the area's own (a plan's analysis): 27 in 2012 against the city's 20 → 135.
    const stated = goalProgress(employment(area, { city, baseline: { year: 2012, value: 27 } }));
    expect(stated).toMatchObject({ baselineFrom: 'goal', baseline: { year: 2012, value: 135 } });
    // Stated for a year the city has no figure for: that year's index is used if there is one, else the first.
    const noCityThen = goalProgress(
      employment(area, { city: points(['2012', 20], ['2014', 20]), baseline: { year: 2010, value: 27 } }),
    );
    expect(noCityThen).toMatchObject({ baselineFrom: 'first_measurement', baseline: { year: 2012, value: 140 } });
  });

  it('says what is missing instead of guessing', () => {
    expect(goalProgress(employment(points(['2012', 25]), { city: null }))).toMatchObject({
      status: 'no_data',
      reason: 'needs_area',
      target: { year: 2020, value: 100 },
    });
    expect(goalProgress(employment(points(['2012', 25]), { targetYear: null })).reason).toBe('no_target');
    expect(goalProgress(employment([])).reason).toBe('no_measurements');
    expect(goalProgress(employment(points(['2011', 25]), { city: points(['2012', 20]) }))).toMatchObject({
      status: 'no_data',
      reason: 'no_city_values',
      latest: null,
    });
    // A city value of 0 gives no index: that period is left out.
    expect(
      goalProgress(employment(points(['2012', 25], ['2014', 22]), { city: points(['2012', 20], ['2014', 0]) })).latest,
    ).toEqual({ period: '2012', value: 125 });
  });

  it('takes the target year from the target when no targetYear is given, and ignores its value', () => {
    const p = goalProgress(
      employment(points(['2012', 25], ['2016', 22.5]), { targetYear: undefined, target: { year: 2020, value: 80 } }),
    );
    expect(p.target).toEqual({ year: 2020, value: 100 });
  });
});

describe('an absolute goal measured in an area', () => {
  // Safety 50 (2010), 60 (2012), 69 (2016); target 80 by 2020.
  const safety = (extra: Partial<GoalProgressInput> = {}) =>
    goalProgress({
      baseline: null,
      target: { year: 2020, value: 80 },
      direction: 'higher_is_better',
      measurements: points(['2010', 50], ['2012', 60], ['2016', 69]),
      tolerancePercent: 10,
      asOf: 2018,
      ...extra,
    });

  it('starts from the area’s own value in the goal’s baseline year', () => {
    // 60 → 80 over 2012–2020: 70 expected in 2016, 69 is 1 behind (tolerance 2) → at risk.
    expect(safety({ baselineYear: 2012 })).toMatchObject({
      targetKind: 'absolute',
      measuredAs: 'value',
      baselineFrom: 'baseline_year',
      baseline: { year: 2012, value: 60 },
      expectedAtLatest: 70,
      status: 'at_risk',
      targetReached: false,
      latestCompared: null,
    });
    // Without a baseline year: the first measurement, 50 → 80 over 2010–2020: 68 expected in 2016 → on track.
    expect(safety()).toMatchObject({
      baselineFrom: 'first_measurement',
      baseline: { year: 2010, value: 50 },
      expectedAtLatest: 68,
      status: 'on_track',
    });
    // A baseline year without a figure: the first measurement.
    expect(safety({ baselineYear: 2011 }).baselineFrom).toBe('first_measurement');
    // A stated baseline wins.
    expect(safety({ baselineYear: 2012, baseline: { year: 2012, value: 64 } })).toMatchObject({
      baselineFrom: 'goal',
      baseline: { year: 2012, value: 64 },
    });
  });
});

describe('pointInYear', () => {
  it('prefers the year’s own figure to its quarters, and otherwise takes the first quarter', () => {
    const series = [
      { period: '2012-Q1', value: 1, year: 2012 },
      { period: '2012', value: 2, year: 2012 },
      { period: '2013-Q2', value: 3, year: 2013.25 },
      { period: '2013-Q3', value: 4, year: 2013.5 },
    ];
    expect(pointInYear(series, 2012)!.value).toBe(2);
    expect(pointInYear(series, 2013)!.value).toBe(3);
    expect(pointInYear(series, 2014)).toBeNull();
  });
});

describe("a plan goal's target kind (it refines a city goal)", () => {
  it('is city-level only when the city goal is and the plan sets no target value of its own', () => {
    expect(planGoalTargetKind('city_level', null)).toBe('city_level');
    expect(planGoalTargetKind('city_level', 75)).toBe('absolute');
    expect(planGoalTargetKind('absolute', null)).toBe('absolute');
    expect(planGoalTargetKind(null, null)).toBe('absolute');
    expect(cityLevelTarget(2020)).toEqual({ year: 2020, value: 100 });
    expect(cityLevelTarget(null)).toBeNull();
  });
});
