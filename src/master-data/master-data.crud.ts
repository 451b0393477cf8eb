import type { DataSource, EntityManager, EntityTarget, FindOptionsOrder, ObjectLiteral } from 'typeorm';
import { notFound } from '../platform/common/app-error.js';
import { updateWithVersion } from '../platform/common/optimistic-update.js';

type Versioned = ObjectLiteral & { id: string | number; version: number };

/**
 * The one way master data is read and written: plain create, versioned
 * update (stale version → 409), delete. Unique and foreign-key violations
 * become 409s in the problem-details filter.
 */
export class MasterDataCrud<T extends Versioned> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly target: EntityTarget<T>,
    private readonly what: string,
    private readonly order: FindOptionsOrder<T>,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(this.target);
  }

  list(where: Partial<T> = {}): Promise<T[]> {
    return this.repo.find({ where: where as never, order: this.order });
  }

  async get(id: T['id']): Promise<T> {
    const found = await this.repo.findOne({ where: { id } as never });
    if (!found) throw notFound(this.what, String(id));
    return found;
  }

  async create(values: Partial<T>, actorId: string): Promise<T> {
    return this.as(actorId, async (m) => {
      const repo = m.getRepository(this.target);
      return (await repo.save(repo.create(values as never))) as unknown as T;
    });
  }

  update(id: T['id'], expectedVersion: number, changes: Partial<T>, actorId: string): Promise<T> {
    return this.as(actorId, (m) => updateWithVersion(m, this.target, this.what, id, expectedVersion, changes));
  }

  async remove(id: T['id'], actorId: string): Promise<void> {
    await this.as(actorId, async (m) => {
      const result = await m.getRepository(this.target).delete(id);
      if (!result.affected) throw notFound(this.what, String(id));
    });
  }

  /** A write in a transaction that tells the audit triggers who made it (byloeft.actor_id). */
  private as<R>(actorId: string, work: (m: EntityManager) => Promise<R>): Promise<R> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [actorId]);
      return work(m);
    });
  }
}
