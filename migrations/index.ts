import { Foundation1764180000000 } from './1764180000000-foundation.js';

/** Every migration, in order. Listed explicitly so ESM builds need no glob loading. */
export const MIGRATIONS = [Foundation1764180000000];
