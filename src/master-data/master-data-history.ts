import type { DataSource } from 'typeorm';
import { notFound } from '../platform/common/app-error.js';

/** The tables whose changes the master_data_change record keeps (see migration 1765500000000). */
export type RecordedEntity =
  'administration' | 'area' | 'indicator' | 'local_network' | 'municipality' | 'app_user' | 'budget_round';

export interface MasterDataChange {
  operation: 'insert' | 'update' | 'delete';
  at: Date;
  actorId: string | null;
  actorName: string | null;
  changedFields: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const BOOKKEEPING = new Set([
  'version',
  'updated_at',
  'created_at',
  'failed_logins',
  'locked_until',
  'last_sign_in_at',
]);

/**
 * Every change to one row of master data, oldest first, with who made it
 * (their name too, also once they are deactivated). `what` names it in a 404.
 */
export async function masterDataHistory(
  ds: DataSource,
  entity: RecordedEntity,
  id: string | number,
  what: string,
): Promise<MasterDataChange[]> {
  const rows: {
    operation: MasterDataChange['operation'];
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    actor_id: string | null;
    actor_name: string | null;
    created_at: Date;
  }[] = await ds.query(
    `SELECT c."operation", c."before", c."after", c."actor_id", u."display_name" AS actor_name, c."created_at"
       FROM "master_data_change" c LEFT JOIN "app_user" u ON u."id" = c."actor_id"
      WHERE c."entity" = $1 AND c."entity_id" = $2 ORDER BY c."id"`,
    [entity, String(id)],
  );
  if (rows.length === 0) {
    const [exists] = (await ds.query(`SELECT 1 FROM "${entity}" WHERE "id"::text = $1`, [String(id)])) as unknown[];
    if (!exists) throw notFound(what, String(id));
  }
  return rows.map((r) => ({
    operation: r.operation,
    at: r.created_at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    changedFields:
      r.before && r.after
        ? [...new Set([...Object.keys(r.after), ...Object.keys(r.before)])].filter(
            (k) => !BOOKKEEPING.has(k) && JSON.stringify(r.before![k]) !== JSON.stringify(r.after![k]),
          )
        : [],
    before: r.before,
    after: r.after,
  }));
}
