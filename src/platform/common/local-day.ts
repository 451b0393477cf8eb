import { localDay } from '#domain';

/**
 * Which day it is where the municipality is (TIME_ZONE, default
 * Europe/Copenhagen), for deadlines, "overdue" and decision days. Set once
 * at start-up from the validated configuration (AppModule.forRoot); the
 * default holds until then.
 */
let zone = 'Europe/Copenhagen';

export function configureTimeZone(timeZone: string): void {
  zone = timeZone;
}

export function timeZone(): string {
  return zone;
}

/** Today's date (YYYY-MM-DD) in the municipality's time zone. */
export const today = (): string => localDay(new Date(), zone);

/** The municipality's day of an instant. */
export const dayOf = (at: Date): string => localDay(at, zone);
