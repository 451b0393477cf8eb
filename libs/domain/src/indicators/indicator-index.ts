/**
 * The index of an area's value against the city's for the same period, the
 * city being 100: 15 % low-income residents where the city has 12 % is 125.
 * Null when there is no city value to compare with, or it is zero.
 */
export function indexAgainstCity(value: number, cityValue: number | null | undefined): number | null {
  if (cityValue === null || cityValue === undefined || !Number.isFinite(cityValue) || cityValue === 0) return null;
  if (!Number.isFinite(value)) return null;
  return (value / cityValue) * 100;
}

/** Rounds for display (one decimal by default), without -0. */
export function round(value: number, decimals = 1): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}
