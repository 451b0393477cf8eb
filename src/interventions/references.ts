import type { EntityManager } from 'typeorm';
import { AppError } from '../platform/common/app-error.js';

/** Tables whose ids requests may name in arrays (which no foreign key can guard). */
export type ReferencedTable = 'administration' | 'area' | 'goal' | 'indicator' | 'plan' | 'intervention';

export interface Reference {
  field: string;
  table: ReferencedTable;
  ids: readonly string[];
}

export { fieldError } from '../platform/common/field-error.js';

/**
 * Checks that every id named in a request exists, and answers 400 naming
 * each field with the ids that do not.
 */
export async function assertReferences(m: EntityManager, references: readonly Reference[]): Promise<void> {
  const errors: { field: string; messages: string[] }[] = [];
  for (const { field, table, ids } of references) {
    if (ids.length === 0) continue;
    const found = (await m.query(`SELECT id FROM "${table}" WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]])) as {
      id: string;
    }[];
    const known = new Set(found.map((r) => r.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0)
      errors.push({ field, messages: [`${field} names no existing ${table}: ${missing.join(', ')}`] });
  }
  if (errors.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The request is invalid: ${errors.map((e) => e.messages.join('; ')).join(' | ')}`,
      { errors },
    );
  }
}

/** Escapes LIKE wildcards so that a search text matches literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
