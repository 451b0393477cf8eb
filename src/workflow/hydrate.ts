import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity from a raw row (`UPDATE … RETURNING *`), converted as TypeORM
 * converts what it loads itself (dates, json, transformers), so the answer
 * can be built from what the statement returned instead of a re-read.
 */
export function hydrate<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  raw: Record<string, unknown>,
): T {
  const metadata = m.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!(column.databaseName in raw)) continue;
    // The driver applies the column's transformer too.
    column.setEntityValue(entity, m.connection.driver.prepareHydratedValue(raw[column.databaseName], column));
  }
  return entity;
}
