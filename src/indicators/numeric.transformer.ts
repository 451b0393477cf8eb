import type { ValueTransformer } from 'typeorm';

/** PostgreSQL numeric arrives as a string; the app works with numbers. */
export const numeric: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};
