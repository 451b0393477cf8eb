import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { interventionMix, type InterventionMix, type PlanItemView } from '#domain';
import { notFound } from '../platform/common/app-error.js';
import { itemsJson } from './plan-content.queries.js';

/** A plan's mix of chosen interventions (count and funding per kind, per goal), and whether its stage requires it. */
@Injectable()
export class PlanMixService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async mix(planId: string): Promise<InterventionMix & { required: boolean }> {
    const [row] = (await this.ds.query(
      `SELECT ${itemsJson('p."id"')} AS "items",
              COALESCE((SELECT m."require_intervention_mix" FROM "municipality" m WHERE m."id" = 1), false) AS
                "required"
         FROM "plan" p WHERE p."id" = $1`,
      [planId],
    )) as { items: PlanItemView[]; required: boolean }[];
    if (!row) throw notFound('Plan', planId);
    return { ...interventionMix(row.items), required: row.required };
  }
}
