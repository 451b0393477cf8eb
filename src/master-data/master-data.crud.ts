import type { DataSource, EntityTarget, FindOptionsOrder, ObjectLiteral } from 'typeorm';
import { notFound } from '../common/app-error.js';
import { updateWithVersion } from '../common/optimistic-update.js';

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

  async create(values: Partial<T>): Promise<T> {
    return (await this.repo.save(this.repo.create(values as never))) as unknown as T;
  }

  update(id: T['id'], expectedVersion: number, changes: Partial<T>): Promise<T> {
    return updateWithVersion(this.dataSource.manager, this.target, this.what, id, expectedVersion, changes);
  }

  async remove(id: T['id']): Promise<void> {
    const result = await this.repo.delete(id as never);
    if (!result.affected) throw notFound(this.what, String(id));
  }
}
