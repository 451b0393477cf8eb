import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { INVESTMENT_TYPES, isPlanOverdue, negotiationMaterial, roundCoverage, type RoundItem } from '#domain';
import type { AuthUser } from '../auth/auth-user.js';
import { notFound, versionConflict } from '../platform/common/app-error.js';
import { fieldError } from '../platform/common/field-error.js';
import { today } from '../platform/common/local-day.js';
import { masterDataHistory, type MasterDataChange } from '../master-data/master-data-history.js';
import type {
  BudgetRoundDetailDto,
  BudgetRoundDto,
  BudgetRoundPlanDto,
  CreateBudgetRoundDto,
  NegotiationMaterialDto,
  UpdateBudgetRoundDto,
} from './budget-round.dto.js';

interface RoundRow {
  id: string;
  budget_year: number;
  area_ids: string[];
  proposals_due_on: string | null;
  version: number;
  created_by: string | null;
  created_by_name: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
  created_at: Date;
  updated_at: Date;
  plan_count: number;
  areas: { id: string; name: string; hasPlan: boolean }[];
}

const ROUND_SELECT = `
  SELECT r."id", r."budget_year", r."area_ids", to_char(r."proposals_due_on", 'YYYY-MM-DD') AS "proposals_due_on",
         r."version", r."created_by", cu."display_name" AS "created_by_name", r."updated_by",
         uu."display_name" AS "updated_by_name", r."created_at", r."updated_at",
         (SELECT count(*)::int FROM "plan" p WHERE p."budget_year" = r."budget_year") AS "plan_count",
         (SELECT coalesce(jsonb_agg(jsonb_build_object('id', a."id", 'name', a."name",
                   'hasPlan', EXISTS (SELECT 1 FROM "plan" p WHERE p."area_id" = a."id"
                                        AND p."budget_year" = r."budget_year"))
                   ORDER BY array_position(r."area_ids", a."id")), '[]')
            FROM "area" a WHERE a."id" = ANY(r."area_ids")) AS "areas"
    FROM "budget_round" r
    LEFT JOIN "app_user" cu ON cu."id" = r."created_by"
    LEFT JOIN "app_user" uu ON uu."id" = r."updated_by"`;

const toDto = (r: RoundRow): BudgetRoundDto => ({
  id: r.id,
  budgetYear: r.budget_year,
  areas: r.areas,
  proposalsDueOn: r.proposals_due_on,
  planCount: r.plan_count,
  version: r.version,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  updatedBy: r.updated_by,
  updatedByName: r.updated_by_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Budget rounds: one per budget year, created and changed by administrators
 * (on the master data record), with the plans of that budget year (a plan
 * joins the round of its year) and the material for the negotiations.
 */
@Injectable()
export class BudgetRoundsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(): Promise<BudgetRoundDto[]> {
    const rows = (await this.ds.query(`${ROUND_SELECT} ORDER BY r."budget_year"`)) as RoundRow[];
    return rows.map(toDto);
  }

  async get(year: number): Promise<BudgetRoundDetailDto> {
    const round = await this.round(this.ds.manager, year);
    const plans = (await this.ds.query(
      `SELECT p."id", p."title", p."area_id" AS "areaId", a."name" AS "areaName", p."stage", p."status",
              to_char(p."stage_due_date", 'YYYY-MM-DD') AS "stageDueDate",
              p."coordinating_administration_id" AS "coordinatingAdministrationId"
         FROM "plan" p JOIN "area" a ON a."id" = p."area_id"
        WHERE p."budget_year" = $1 ORDER BY a."name", p."created_at"`,
      [year],
    )) as Omit<BudgetRoundPlanDto, 'overdue' | 'inRoundAreas'>[];
    const { plansOutsideAreas } = roundCoverage(round.area_ids, plans);
    const day = today();
    return {
      ...toDto(round),
      plans: plans.map((p) => ({
        ...p,
        overdue: isPlanOverdue(p, day),
        inRoundAreas: !plansOutsideAreas.includes(p.id),
      })),
    };
  }

  async create(user: AuthUser, body: CreateBudgetRoundDto): Promise<BudgetRoundDetailDto> {
    await this.as(user, async (m) => {
      await this.checkAreas(m, body.areaIds);
      await m.query(
        `INSERT INTO "budget_round" ("budget_year", "area_ids", "proposals_due_on", "created_by", "updated_by")
         VALUES ($1, $2::uuid[], $3, $4, $4)`,
        [body.budgetYear, body.areaIds, body.proposalsDueOn ?? null, user.id],
      );
    });
    return this.get(body.budgetYear);
  }

  async update(user: AuthUser, year: number, body: UpdateBudgetRoundDto): Promise<BudgetRoundDetailDto> {
    await this.as(user, async (m) => {
      const current = await this.round(m, year);
      if (body.areaIds) await this.checkAreas(m, body.areaIds);
      const [, affected] = (await m.query(
        `UPDATE "budget_round" SET "area_ids" = $3::uuid[], "proposals_due_on" = $4, "updated_by" = $5,
                "updated_at" = now(), "version" = "version" + 1
          WHERE "budget_year" = $1 AND "version" = $2`,
        [
          year,
          body.version,
          body.areaIds ?? current.area_ids,
          body.proposalsDueOn === undefined ? current.proposals_due_on : body.proposalsDueOn,
          user.id,
        ],
      )) as [unknown, number];
      if (!affected) throw versionConflict(`Budget round ${year}`, body.version, current.version);
    });
    return this.get(year);
  }

  async history(year: number): Promise<MasterDataChange[]> {
    const round = await this.round(this.ds.manager, year);
    return masterDataHistory(this.ds, 'budget_round', round.id, 'Budget round');
  }

  /** The negotiation material: the round's proposals, asked vs granted, and the idea catalogue, from every plan. */
  async material(year: number): Promise<NegotiationMaterialDto & { municipality: string }> {
    const round = await this.round(this.ds.manager, year);
    const [plans, items, administrations, [municipality]] = (await Promise.all([
      this.ds.query(
        `SELECT p."id", p."title", p."area_id" AS "areaId", a."name" AS "areaName"
           FROM "plan" p JOIN "area" a ON a."id" = p."area_id" WHERE p."budget_year" = $1`,
        [year],
      ),
      this.ds.query(
        `SELECT i."id", i."plan_id" AS "planId", i."section", i."administration_id" AS "administrationId", i."data"
           FROM "plan_item" i JOIN "plan" p ON p."id" = i."plan_id"
          WHERE p."budget_year" = $1 AND i."section" IN ('goal', 'idea', 'budget_proposal', 'budget_decision')
          ORDER BY i."created_at", i."id"`,
        [year],
      ),
      this.ds.query(`SELECT "id", "code", "name" FROM "administration"`),
      this.ds.query(`SELECT "name" FROM "municipality" WHERE "id" = 1`),
    ])) as [
      { id: string; title: string; areaId: string; areaName: string }[],
      RoundItem[],
      { id: string; code: string; name: string }[],
      { name: string }[],
    ];
    return {
      ...negotiationMaterial({ budgetYear: year, plans, items, administrations, investmentTypes: INVESTMENT_TYPES }),
      proposalsDueOn: round.proposals_due_on,
      generatedAt: new Date(),
      municipality: municipality?.name ?? '',
    };
  }

  private async round(m: EntityManager, year: number): Promise<RoundRow> {
    const [row] = (await m.query(`${ROUND_SELECT} WHERE r."budget_year" = $1`, [year])) as RoundRow[];
    if (!row) throw notFound('Budget round', String(year));
    return row;
  }

  private async checkAreas(m: EntityManager, areaIds: string[]): Promise<void> {
    const [{ found }] = (await m.query(`SELECT count(*)::int AS "found" FROM "area" WHERE "id" = ANY($1::uuid[])`, [
      areaIds,
    ])) as { found: number }[];
    if (found !== areaIds.length) throw fieldError('areaIds', 'must name existing areas (GET /api/areas)');
  }

  /** A write that tells the record's trigger who made it. */
  private as<R>(user: AuthUser, work: (m: EntityManager) => Promise<R>): Promise<R> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [user.id]);
      return work(m);
    });
  }
}
