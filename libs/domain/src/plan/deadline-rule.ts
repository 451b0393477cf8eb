/**
 * Deadlines are working days: a deadline moved by hand onto a weekend or a
 * public holiday is refused, with the next working day suggested.
 */
import { formatCalendarDate, publicHolidayName, weekdayName } from '../calendar/calendar-dates.js';
import { addWorkingDays, isWorkingDay, type CalendarSpec } from '../calendar/working-days.js';
import type { RuleViolation } from '../rule-violation.js';

export interface DeadlineViolation extends RuleViolation {
  /** The first working day on or after the date asked for. */
  suggestedDate: string;
}

export function deadlineDayViolation(date: string, calendar: CalendarSpec): DeadlineViolation | null {
  if (isWorkingDay(date, calendar)) return null;
  const country = typeof calendar === 'string' ? calendar : calendar.country;
  const next = addWorkingDays(date, 0, calendar);
  const weekend = [0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
  // Neither a weekend nor a public holiday: one of the municipality's own days off (NON_WORKING_DAYS).
  const whatDa =
    publicHolidayName(date, country, 'da') ?? (weekend ? weekdayName(date, 'da') : 'en af kommunens lukkedage');
  const whatEn =
    publicHolidayName(date, country, 'en') ??
    (weekend ? `a ${weekdayName(date, 'en')}` : "one of the municipality's days off");
  return {
    code: 'DEADLINE_NOT_A_WORKING_DAY',
    message:
      `Fristen skal være en arbejdsdag, og ${formatCalendarDate(date, 'da')} er ${whatDa}. ` +
      `Næste arbejdsdag er ${weekdayName(next, 'da')} ${formatCalendarDate(next, 'da')}.`,
    messageEn:
      `The deadline must be a working day, and ${formatCalendarDate(date, 'en')} is ${whatEn}. ` +
      `The next working day is ${weekdayName(next, 'en')} ${formatCalendarDate(next, 'en')}.`,
    suggestedDate: next,
  };
}
