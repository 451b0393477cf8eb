import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { diffPlanContent, referencedIds, type DiffNames, type PlanContentSnapshot } from '#domain';
import { AppError, notFound } from '../platform/common/app-error.js';
import { PlanContentService } from './plan-content.service.js';
import { PlanGateVersion } from './plan-gate-version.entity.js';
import { PlanTransition } from './plan-transition.entity.js';
import { Plan } from './plan.entity.js';
import type {
  GateVersionDto,
  GateVersionSummaryDto,
  HistoryQueryDto,
  PlanDiffDto,
  PlanDto,
  PlanListQueryDto,
  PlanPageDto,
  TransitionPageDto,
} from './plan.dto.js';
import { today } from '../platform/common/local-day.js';
import { planOverdueSql } from '../workflow/overdue.sql.js';
import { toPlanDto, toTransitionDto } from './plan-view.js';

/** Reading plans: lists, one plan, its record, its stored versions and their diff. */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly content: PlanContentService,
  ) {}

  async list(query: PlanListQueryDto): Promise<PlanPageDto> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const qb = this.dataSource
      .getRepository(Plan)
      .createQueryBuilder('p')
      .innerJoin('area', 'a', 'a.id = p.area_id')
      .addSelect('a.name', 'area_name')
      .addSelect(
        `(SELECT count(*) FROM plan_condition c WHERE c.plan_id = p.id AND c.status = 'open')::int`,
        'open_conditions',
      );
    if (query.areaId) qb.andWhere('p.area_id = :areaId', { areaId: query.areaId });
    if (query.stage) qb.andWhere('p.stage = :stage', { stage: query.stage });
    if (query.budgetYear) qb.andWhere('p.budget_year = :budgetYear', { budgetYear: query.budgetYear });
    const overdue = planOverdueSql('p', ':today');
    if (query.overdue === 'true') qb.andWhere(overdue, { today: today() });
    if (query.overdue === 'false') qb.andWhere(`NOT ${overdue}`, { today: today() });
    // Overdue first, then the nearest deadline.
    qb.orderBy(`CASE WHEN ${overdue} THEN 0 ELSE 1 END`, 'ASC')
      .setParameter('today', today())
      .addOrderBy('p.stage_due_date', 'ASC', 'NULLS LAST')
      .addOrderBy('p.created_at', 'ASC');
    const total = await qb.getCount();
    const { entities, raw } = await qb.offset(offset).limit(limit).getRawAndEntities();
    const extra = new Map(
      (raw as { p_id: string; area_name: string; open_conditions: number }[]).map((r) => [r.p_id, r]),
    );
    return {
      items: entities.map((p) => toPlanDto(p, extra.get(p.id)?.area_name ?? '', extra.get(p.id)?.open_conditions ?? 0)),
      total,
      limit,
      offset,
    };
  }

  async get(id: string): Promise<PlanDto> {
    const plan = await this.dataSource.getRepository(Plan).findOne({ where: { id } });
    if (!plan) throw notFound('Plan', id);
    const [{ name }] = (await this.dataSource.query(`SELECT name FROM area WHERE id = $1`, [plan.areaId])) as {
      name: string;
    }[];
    const [{ open }] = (await this.dataSource.query(
      `SELECT count(*)::int AS open FROM plan_condition WHERE plan_id = $1 AND status = 'open'`,
      [id],
    )) as { open: number }[];
    return toPlanDto(plan, name, open);
  }

  /** One page of the record, by seq (a plan at national scale has thousands of transitions), and their number. */
  async history(id: string, page: HistoryQueryDto = {}): Promise<TransitionPageDto> {
    await this.assertExists(id);
    const limit = page.limit ?? 100;
    const offset = page.offset ?? 0;
    const repository = this.dataSource.getRepository(PlanTransition);
    const [rows, total] = await Promise.all([
      repository.find({
        where: { planId: id },
        order: { seq: page.order === 'desc' ? 'DESC' : 'ASC' },
        skip: offset,
        take: limit,
      }),
      repository.count({ where: { planId: id } }),
    ]);
    return { items: rows.map(toTransitionDto), total, limit, offset };
  }

  async versions(id: string): Promise<GateVersionSummaryDto[]> {
    await this.assertExists(id);
    const rows = await this.dataSource.getRepository(PlanGateVersion).find({
      where: { planId: id },
      order: { seq: 'ASC' },
      select: { seq: true, stage: true, decision: true, createdAt: true },
    });
    return rows.map((r) => ({ seq: r.seq, stage: r.stage, decision: r.decision, createdAt: r.createdAt }));
  }

  async version(id: string, seq: number): Promise<GateVersionDto> {
    const row = await this.dataSource.getRepository(PlanGateVersion).findOne({ where: { planId: id, seq } });
    if (!row) throw notFound('Stored version', `${id}@${seq}`);
    return {
      seq: row.seq,
      stage: row.stage,
      decision: row.decision,
      createdAt: row.createdAt,
      content: row.content as unknown as Record<string, unknown>,
    };
  }

  /** A readable diff between two stored versions, or a stored version and the current content. */
  async diff(id: string, from: string, to = 'current'): Promise<PlanDiffDto> {
    const before = await this.contentAt(id, from);
    const after = await this.contentAt(id, to);
    return { from, to, changes: diffPlanContent(before, after, await this.names(before, after)) };
  }

  /**
   * Names for every id the two snapshots refer to (administrations by code, as the record names them), in one query.
   */
  private async names(...snapshots: PlanContentSnapshot[]): Promise<DiffNames> {
    const ids = referencedIds(...snapshots);
    const [row] = (await this.dataSource.query(
      `SELECT
        (SELECT COALESCE(jsonb_object_agg(x."id", x."code"), '{}') FROM "administration" x
          WHERE x."id"::text = ANY($1::text[])) AS "administrations",
        (SELECT COALESCE(jsonb_object_agg(x."id", x."name"), '{}') FROM "indicator" x
          WHERE x."id"::text = ANY($2::text[])) AS "indicators",
        (SELECT COALESCE(jsonb_object_agg(x."id", x."title"), '{}') FROM "goal" x
          WHERE x."id"::text = ANY($3::text[])) AS "goals",
        (SELECT COALESCE(jsonb_object_agg(x."id", x."name"), '{}') FROM "intervention" x
          WHERE x."id"::text = ANY($4::text[])) AS "interventions"`,
      [ids.administrations, ids.indicators, ids.goals, ids.interventions],
    )) as DiffNames[];
    return row;
  }

  private async contentAt(id: string, ref: string): Promise<PlanContentSnapshot> {
    if (ref === 'current') {
      const plan = await this.dataSource.getRepository(Plan).findOne({ where: { id } });
      if (!plan) throw notFound('Plan', id);
      return this.content.snapshot(this.dataSource.manager, plan);
    }
    if (!/^\d+$/.test(ref)) {
      throw new AppError('VALIDATION_FAILED', `'${ref}' is not a stored version: give its seq or 'current'`, {
        errors: [{ field: 'from/to', messages: ["must be a stored version's seq or 'current'"] }],
      });
    }
    return (await this.version(id, Number(ref))).content as unknown as PlanContentSnapshot;
  }

  private async assertExists(id: string): Promise<void> {
    if (!(await this.dataSource.getRepository(Plan).exists({ where: { id } }))) throw notFound('Plan', id);
  }
}
