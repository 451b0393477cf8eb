/**
 * Deadlines are working days: a deadline moved by hand onto a weekend or a
 * public holiday is refused, with the next working day suggested.
 */
import { formatCalendarDate, publicHolidayName, weekdayName } from '../calendar/calendar-dates.js';
import { addWorkingDays, isWorkingDay } from '../calendar/working-days.js';
import type { RuleViolation } from '../rule-violation.js';

export interface DeadlineViolation extends RuleViolation {
  /** The first working day on or after the date asked for. */
  suggestedDate: string;
}

export function deadlineDayViolation(date: string, country: string): DeadlineViolation | null {
  if (isWorkingDay(date, country)) return null;
  const next = addWorkingDays(date, 0, country);
  const whatDa = publicHolidayName(date, country, 'da') ?? weekdayName(date, 'da');
  const whatEn = publicHolidayName(date, country, 'en') ?? `a ${weekdayName(date, 'en')}`;
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
