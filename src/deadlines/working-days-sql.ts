/**
 * Working days counted by the database, in constant time per span and as the domain's `workingDaysBetween`
 * counts them: the weekdays after `from` up to and including `to` by arithmetic (day numbers since
 * 1970-01-01, a Thursday), less the weekday days off in that span, which `width_bucket` counts by binary
 * search over the sorted day numbers of the calendar's days off (`weekdayDaysOff` in the domain).
 * Negative when `to` is before `from`, as there.
 *
 * `from` and `to` are SQL expressions of whole day numbers (e.g. `d - DATE '1970-01-01'`), `daysOff` an
 * `int[]` expression (a parameter); each is written several times, so give it columns, not computations.
 */
export function workingDaysSql(from: string, to: string, daysOff: string): string {
  return (
    `(${weekdaysBefore(`${to} + 4`)} - ${weekdaysBefore(`${from} + 4`)}` +
    ` - (width_bucket(${to}, ${daysOff}) - width_bucket(${from}, ${daysOff})))`
  );
}

/** The weekdays among the positions [0, m) of weeks numbered from Monday = 0 (floor division, for any m). */
function weekdaysBefore(m: string): string {
  const position = `((((${m}) % 7) + 7) % 7)`;
  return `(5 * (((${m}) - ${position}) / 7) + least(${position}, 5))`;
}
