import { describe, expect, it } from '@jest/globals';
import {
  decimalYear,
  expectedValue,
  goalProgress,
  planGoalTargetKind,
  slope,
  type GoalProgressInput,
} from './on-track.js';

const close = (n: number | null | undefined) => (n === null || n === undefined ? n : Math.round(n * 1e6) / 1e6);

// A higher-is-better goal: 60 % in 2012, 80 % by 2020 (2.5 points a year).
const employment = (
  measurements: GoalProgressInput['measurements'],
  extra: Partial<GoalProgressInput> = {},
): GoalProgressInput => ({
  baseline: { year: 2012, value: 60 },
  target: { year: 2020, value: 80 },
  direction: 'higher_is_better',
  measurements,
  tolerancePercent: 10,
  asOf: 2018,
  ...extra,
});

describe('the straight path from baseline to target', () => {
  it('expects the value in proportion to the time passed', () => {
    const b = { year: 2012, value: 60 };
    const t = { year: 2020, value: 80 };
    expect(expectedValue(b, t, 2016)).toBe(70);
    expect(expectedValue(b, t, 2014.5)).toBe(66.25);
    expect(expectedValue(b, t, 2010)).toBe(60); // before the baseline: the baseline
    expect(expectedValue(b, t, 2025)).toBe(80); // after the target year: the target
    expect(expectedValue({ year: 2012, value: 150 }, { year: 2020, value: 100 }, 2014.5)).toBe(134.375);
  });
});

describe('goal status', () => {
  it('is on track at or ahead of the path at the latest period', () => {
    const p = goalProgress(
      employment([
        { period: '2014', value: 64 },
        { period: '2016', value: 70.5 },
      ]),
    );
    expect(p).toMatchObject({
      status: 'on_track',
      reason: null,
      baselineFrom: 'goal',
      latest: { period: '2016', value: 70.5 },
      expectedAtLatest: 70,
    });
    expect(close(p.gap)).toBe(0.5);
    expect(p.tolerance).toBe(2); // 10 % of the planned change of 20 points
    expect(p.expectedNow).toBe(75); // asOf 2018
  });

  it('is at risk when behind by no more than the tolerance, off track when further behind', () => {
    expect(goalProgress(employment([{ period: '2016', value: 69 }])).status).toBe('at_risk'); // 1 behind, tolerance 2
    expect(goalProgress(employment([{ period: '2016', value: 68 }])).status).toBe('at_risk'); // exactly the tolerance
    const off = goalProgress(employment([{ period: '2016', value: 67 }]));
    expect(off.status).toBe('off_track');
    expect(off.gap).toBe(-3);
    expect(goalProgress(employment([{ period: '2016', value: 69 }], { tolerancePercent: 0 })).status).toBe('off_track');
  });

  it('respects the direction: for lower-is-better a value under the path is ahead', () => {
    // From index 150 in 2012 to 100 in 2020; 2014-Q3 expects 134.375; tolerance 10 % of 50 = 5.
    const g = (value: number) =>
      goalProgress({
        baseline: { year: 2012, value: 150 },
        target: { year: 2020, value: 100 },
        direction: 'lower_is_better',
        measurements: [{ period: '2014-Q3', value }],
        tolerancePercent: 10,
        asOf: 2015,
      });
    expect(g(133)).toMatchObject({ status: 'on_track', expectedAtLatest: 134.375 });
    expect(close(g(133).gap)).toBe(1.375);
    expect(g(136).status).toBe('at_risk');
    expect(close(g(136).gap)).toBe(-1.625);
    expect(g(140).status).toBe('off_track');
  });

  it('judges a goal to hold a level against a share of the level itself', () => {
    // Hold social housing at 20 %: tolerance 10 % of 20 = 2.
    const hold = (value: number) =>
      goalProgress({
        baseline: { year: 2012, value: 20 },
        target: { year: 2020, value: 20 },
        direction: 'higher_is_better',
        measurements: [{ period: '2015', value }],
        tolerancePercent: 10,
        asOf: 2015,
      });
    expect(hold(20).status).toBe('on_track');
    expect(hold(18.5).status).toBe('at_risk');
    expect(hold(17.5).status).toBe('off_track');
  });

  it('compares a figure after the target year with the target', () => {
    const p = goalProgress(employment([{ period: '2021', value: 79 }], { asOf: 2022 }));
    expect(p).toMatchObject({ expectedAtLatest: 80, expectedNow: 80, status: 'at_risk' });
  });

  it('says what is missing instead of guessing', () => {
    expect(goalProgress(employment([], {})).reason).toBe('no_measurements');
    expect(goalProgress(employment([{ period: '2016', value: 70 }], { target: null })).reason).toBe('no_target');
    const noData = goalProgress(employment([], { baseline: null }));
    expect(noData).toMatchObject({ status: 'no_data', reason: 'no_measurements', baselineFrom: null });
  });

  it('takes the first measurement as the baseline when the goal has none, and says so', () => {
    const p = goalProgress(
      employment(
        [
          { period: '2016', value: 69 },
          { period: '2012', value: 60 },
        ],
        { baseline: null },
      ),
    );
    expect(p).toMatchObject({
      baselineFrom: 'first_measurement',
      baseline: { year: 2012, value: 60 },
      expectedAtLatest: 70,
      status: 'at_risk',
    });
  });
});

describe('trend', () => {
  it('is the least-squares slope of the latest measurements, with where it leads by the target year', () => {
    // x 2012..2016, y 60 62 63 67 68: Σdxdy = 21, Σdx² = 10 → 2.1 a year; 68 + 2.1 × 4 = 76.4 by 2020.
    const p = goalProgress(
      employment(
        ['2012:60', '2013:62', '2014:63', '2015:67', '2016:68'].map((s) => ({
          period: s.split(':')[0],
          value: Number(s.split(':')[1]),
        })),
      ),
    );
    expect(close(p.trend!.slopePerYear)).toBe(2.1);
    expect(p.trend).toMatchObject({ points: 5, direction: 'improving', reachesTarget: false });
    expect(close(p.trend!.projectedAtTarget)).toBe(76.4);
  });

  it('uses only the latest points, and reads a falling line as improving when lower is better', () => {
    const measurements = [
      { period: '2008', value: 100 },
      { period: '2013', value: 150 },
      { period: '2014', value: 140 },
      { period: '2015', value: 130 },
    ];
    const p = goalProgress({
      baseline: { year: 2013, value: 150 },
      target: { year: 2020, value: 100 },
      direction: 'lower_is_better',
      measurements,
      tolerancePercent: 10,
      asOf: 2016,
      trendPoints: 3,
    });
    expect(p.trend).toMatchObject({
      slopePerYear: -10,
      points: 3,
      direction: 'improving',
      projectedAtTarget: 80,
      reachesTarget: true,
    });
  });

  it('has no trend from a single point, and a flat one from equal values', () => {
    expect(goalProgress(employment([{ period: '2016', value: 70 }])).trend).toBeNull();
    expect(
      goalProgress(
        employment([
          { period: '2015', value: 70 },
          { period: '2016', value: 70 },
        ]),
      ).trend!.direction,
    ).toBe('flat');
    expect(
      slope([
        { year: 2012, value: 1 },
        { year: 2012, value: 3 },
      ]),
    ).toBeNull();
  });
});

describe('decimalYear', () => {
  it('places a date within its year', () => {
    expect(decimalYear(new Date(Date.UTC(2024, 0, 1)))).toBe(2024);
    expect(close(decimalYear(new Date(Date.UTC(2023, 6, 2, 12))))).toBe(2023.5);
  });
});

describe('a relative goal ("halve the number")', () => {
  // Listed housing areas in an area: 4 in 2010, halved by 2020 (−50 %): the path 4 → 2, lower is better.
  const halve = (measurements: GoalProgressInput['measurements'], extra: Partial<GoalProgressInput> = {}) =>
    goalProgress({
      targetKind: 'relative',
      baseline: null,
      target: { year: 2020, value: -50 },
      direction: 'lower_is_better',
      measurements,
      tolerancePercent: 10,
      asOf: 2026,
      ...extra,
    });

  it('targets the baseline changed by its per cent, and judges the path to it', () => {
    const p = halve([
      { period: '2010', value: 4 },
      { period: '2015', value: 3 },
    ]);
    expect(p).toMatchObject({
      targetKind: 'relative',
      measuredAs: 'value',
      baseline: { year: 2010, value: 4 },
      baselineFrom: 'first_measurement',
      target: { year: 2020, value: 2 },
      expectedAtLatest: 3,
      status: 'on_track',
      targetReached: false,
    });
    // 4 still in 2015: 1 behind the path, tolerance 10 % of 2 → off track.
    expect(
      halve([
        { period: '2010', value: 4 },
        { period: '2015', value: 4 },
      ]).status,
    ).toBe('off_track');
  });

  it("starts from the baseline year's own figure, and from none listed means staying at none", () => {
    const p = halve(
      [
        { period: '2008', value: 6 },
        { period: '2010', value: 2 },
        { period: '2020', value: 1 },
      ],
      { baselineYear: 2010 },
    );
    expect(p).toMatchObject({ baseline: { year: 2010, value: 2 }, target: { value: 1 }, status: 'on_track' });
    const none = halve([
      { period: '2010', value: 0 },
      { period: '2024', value: 0 },
    ]);
    expect(none).toMatchObject({ target: { year: 2020, value: 0 }, status: 'on_track', targetReached: true });
    expect(
      halve([
        { period: '2010', value: 0 },
        { period: '2024', value: 1 },
      ]).status,
    ).toBe('off_track');
  });

  it('has no status without measurements, and a plan goal refining it without a target of its own is relative too', () => {
    expect(halve([])).toMatchObject({ status: 'no_data', reason: 'no_baseline' });
    expect(planGoalTargetKind('relative', null)).toBe('relative');
    expect(planGoalTargetKind('relative', 3)).toBe('absolute');
    expect(planGoalTargetKind('city_level', null)).toBe('city_level');
    expect(planGoalTargetKind(null, null)).toBe('absolute');
  });
});
