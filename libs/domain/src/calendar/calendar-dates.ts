/**
 * Calendar dates (`YYYY-MM-DD`) as a person reads them, in Danish or English:
 * "5. april 2026", "5 April 2026". ISO dates stay in data (exports, the API's
 * date fields); every text a person reads says the date this way.
 */
import Holidays from 'date-holidays';

export type TextLanguage = 'da' | 'en';

const FORMATS: Record<TextLanguage, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const WEEKDAYS: Record<TextLanguage, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', { weekday: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }),
};

const asUtc = (date: string) => new Date(`${date.slice(0, 10)}T00:00:00Z`);

/** "5. april 2026" (Danish) or "5 April 2026" (English); anything not a date is returned as it is. */
export function formatCalendarDate(date: string, lang: TextLanguage = 'da'): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(date)) return date;
  const d = asUtc(date);
  return Number.isNaN(d.getTime()) ? date : FORMATS[lang].format(d);
}

/** "søndag" / "Sunday". */
export function weekdayName(date: string, lang: TextLanguage = 'da'): string {
  return WEEKDAYS[lang].format(asUtc(date));
}

const holidayCalendars = new Map<string, Holidays>();

/** The public holiday's name on that date in the language ("påskedag" / "Easter Sunday"), or null. */
export function publicHolidayName(date: string, country: string, lang: TextLanguage = 'da'): string | null {
  const key = `${country.toUpperCase()}:${lang}`;
  let calendar = holidayCalendars.get(key);
  if (!calendar) {
    calendar = new Holidays(country.toUpperCase(), { languages: [lang] });
    holidayCalendars.set(key, calendar);
  }
  const found = calendar
    .getHolidays(Number(date.slice(0, 4)), lang)
    .find((h) => h.type === 'public' && h.date.slice(0, 10) === date);
  if (!found) return null;
  return lang === 'da' ? found.name.toLowerCase() : found.name;
}
