import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { notFound, versionConflict } from './app-error.js';

/**
 * Optimistic locking that actually holds: TypeORM's save() does not enforce
 * @VersionColumn (it overwrote newer data in our trials), so an update is a
 * conditional UPDATE … WHERE id = :id AND version = :expected whose affected
 * count decides. A stale version is a 409 that changes nothing.
 */
export async function updateWithVersion<T extends ObjectLiteral & { id: string | number; version: number }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  what: string,
  id: T['id'],
  expectedVersion: number,
  changes: Partial<T>,
): Promise<T> {
  const repo = manager.getRepository(target);
  const result = await repo
    .createQueryBuilder()
    .update()
    .set({ ...changes, version: () => 'version + 1' })
    .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
    .execute();
  if (!result.affected) {
    const current = await repo.findOne({ where: { id } as never });
    if (!current) throw notFound(what, String(id));
    throw versionConflict(what, expectedVersion, current.version);
  }
  return await repo.findOneOrFail({ where: { id } as never });
}
