/**
 * Days and hours as the municipality lives them, not as UTC counts them: a
 * deadline falls on a Danish day, and 00:30 in Copenhagen is already the next
 * day there while it is still the previous one in UTC. Plain Intl, so any
 * IANA time zone works.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(at: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Whether `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The last day computed per zone and the UTC minute it was computed for. Every zone's offset is a whole number
 * of minutes, so the local day can only change on a UTC minute: within one, the answer is the same. (formatToParts
 * is slow, and "today" is asked several times by every request.)
 */
const lastDay = new Map<string, { minute: number; day: string }>();

/** The calendar day (YYYY-MM-DD) that `at` falls on in `timeZone`. */
export function localDay(at: Date, timeZone: string): string {
  const minute = Math.floor(at.getTime() / 60_000);
  const last = lastDay.get(timeZone);
  if (last?.minute === minute) return last.day;
  const p = parts(at, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}`;
  lastDay.set(timeZone, { minute, day });
  return day;
}

/** The instant at which it is `hour`:00 on `day` (YYYY-MM-DD) in `timeZone`. */
export function atLocalHour(day: string, hour: number, timeZone: string): Date {
  const wanted = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  // The zone's offset at a moment, in ms: its wall clock read as if it were UTC, minus the moment.
  const offset = (ms: number) => {
    const p = parts(new Date(ms), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms;
  };
  let guess = wanted - offset(wanted);
  guess = wanted - offset(guess); // once more, for an offset that changes between the two
  return new Date(guess);
}
