import { describe, expect, it } from '@jest/globals';
import { deadlineDayViolation } from './deadline-rule.js';
import { formatCalendarDate } from '../calendar/calendar-dates.js';

describe('a deadline is a working day', () => {
  it('accepts a working day', () => {
    expect(deadlineDayViolation('2026-04-07', 'DK')).toBeNull();
  });

  it('refuses a Sunday with the Monday suggested', () => {
    const v = deadlineDayViolation('2027-03-07', 'DK');
    expect(v).toMatchObject({ code: 'DEADLINE_NOT_A_WORKING_DAY', suggestedDate: '2027-03-08' });
    expect(v?.message).toBe(
      'Fristen skal være en arbejdsdag, og 7. marts 2027 er søndag. Næste arbejdsdag er mandag 8. marts 2027.',
    );
    expect(v?.messageEn).toContain('is a Sunday');
  });

  it('refuses Easter Sunday by its name and suggests the Tuesday after Easter Monday', () => {
    const v = deadlineDayViolation('2026-04-05', 'DK');
    expect(v?.suggestedDate).toBe('2026-04-07');
    expect(v?.message).toContain('5. april 2026 er påskedag');
    expect(v?.message).toContain('tirsdag 7. april 2026');
  });
});

describe('calendar dates as read', () => {
  it('says the date in Danish and English, never ISO', () => {
    expect(formatCalendarDate('2026-12-01', 'da')).toBe('1. december 2026');
    expect(formatCalendarDate('2026-12-01T19:51:00Z', 'en')).toBe('1 December 2026');
    expect(formatCalendarDate('soon', 'da')).toBe('soon');
  });
});
