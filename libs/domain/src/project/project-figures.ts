/**
 * Portfolio figures: the decision lead time (working days from a project's
 * end date to the decision that ends it) and its median and 90th percentile,
 * the number that shows whether the policy's "much faster" is met.
 */
import { workingDaysBetween, type CalendarSpec } from '../calendar/working-days.js';

/**
 * Working days after the end date up to and including the decision day
 * (0 when decided on the end date; negative when decided before it, e.g.
 * after an early evaluation).
 */
export function decisionLeadTime(periodEnd: string, decidedOn: string, country: CalendarSpec = 'DK'): number {
  return workingDaysBetween(periodEnd, decidedOn, country);
}

export interface LeadTimeStats {
  /** How many decisions the figures rest on. */
  decisions: number;
  /** null without decisions. The mean of the two middle values when their number is even. */
  medianWorkingDays: number | null;
  /** null without decisions. Nearest rank: the smallest value at or above which lie 90 % of the decisions. */
  p90WorkingDays: number | null;
}

export function leadTimeStats(leadTimes: readonly number[]): LeadTimeStats {
  const sorted = [...leadTimes].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { decisions: 0, medianWorkingDays: null, p90WorkingDays: null };
  const middle = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1];
  return { decisions: n, medianWorkingDays: median, p90WorkingDays: p90 };
}

/**
 * The same figures from a tally of lead times: [working days, how many decisions took that long]
 * pairs in any order (e.g. counted by a database), without listing every decision.
 */
export function leadTimeStatsOfCounts(counts: Iterable<readonly [days: number, decisions: number]>): LeadTimeStats {
  const tally = new Map<number, number>();
  for (const [days, n] of counts) if (n > 0) tally.set(days, (tally.get(days) ?? 0) + n);
  const sorted = [...tally].sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((sum, [, k]) => sum + k, 0);
  if (n === 0) return { decisions: 0, medianWorkingDays: null, p90WorkingDays: null };
  /** The value at 0-based rank `rank` of the decisions in order. */
  const at = (rank: number): number => {
    let seen = 0;
    for (const [days, k] of sorted) {
      seen += k;
      if (rank < seen) return days;
    }
    return sorted[sorted.length - 1][0];
  };
  const middle = Math.floor(n / 2);
  const median = n % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
  return { decisions: n, medianWorkingDays: median, p90WorkingDays: at(Math.ceil(0.9 * n) - 1) };
}
