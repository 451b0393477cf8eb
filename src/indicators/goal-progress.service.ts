import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  cityLevelTarget,
  decimalYear,
  GOAL_STATUS_LABELS,
  goalProgress,
  planGoalTarget,
  type GoalProgress,
  type MeasuredPoint,
  type YearValue,
} from '#domain';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound, versionConflict } from '../platform/common/app-error.js';
import { fieldError } from '../platform/common/field-error.js';
import { IndicatorDataService } from './indicator-data.service.js';
import { INDICATOR_SETTINGS, type IndicatorSettings } from './indicator-settings.js';
import { loadInterventionsByGoal, loadTools } from './toc-queries.js';
import type { TargetKind } from './goal-baseline.entity.js';
import type {
  ConcreteGoalDto,
  GoalBaselineDto,
  GoalChangeDto,
  GoalProgressDto,
  IndicatorRefDto,
  PlanGoalStatusDto,
  PlanGoalsStatusDto,
  SetBaselineDto,
  SetTargetKindDto,
  TheoryOfChangeDto,
} from './indicators.dto.js';

type Direction = 'higher_is_better' | 'lower_is_better';

interface GoalRow {
  id: string;
  code: string;
  level: 'overall' | 'concrete';
  parent_id: string | null;
  title: string;
  measure: string;
  data_source: string;
  indicator_id: string | null;
  target_year: number | null;
  target_value: string | null;
  direction: Direction;
  baseline_value: string | null;
  baseline_year: number | null;
  baseline_version: number | null;
  target_kind: TargetKind | null;
}

/** A city goal as a plan goal refines it. */
interface CityGoalRow {
  id: string;
  title: string;
  indicator_id: string | null;
  target_value: string | null;
  target_year: number | null;
  direction: Direction;
  baseline_year: number | null;
  target_kind: TargetKind | null;
}

const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
const yearValue = (year: number | null | undefined, value: number | null | undefined): YearValue | null =>
  typeof year === 'number' && typeof value === 'number' && Number.isFinite(value) ? { year, value } : null;

function toProgressDto(p: GoalProgress): GoalProgressDto {
  return { ...p, statusLabel: GOAL_STATUS_LABELS[p.status].da };
}

const noIndicator = (targetKind: TargetKind, target: GoalProgressDto['target']): GoalProgressDto => ({
  targetKind,
  measuredAs: targetKind === 'city_level' ? 'index' : 'value',
  status: 'no_data',
  statusLabel: GOAL_STATUS_LABELS.no_data.da,
  reason: 'no_indicator',
  baseline: null,
  baselineFrom: null,
  target,
  expectedNow: null,
  latest: null,
  expectedAtLatest: null,
  gap: null,
  tolerance: null,
  trend: null,
  targetReached: null,
  latestCompared: null,
});

/** A city-level goal's target: index 100 in the target year. */

/**
 * The theory of change, measured: the city's goals with their baselines and
 * status, a plan's goals (which refine the city's) with theirs, baselines
 * edited by administrators, and the record of every goal change.
 */
@Injectable()
export class GoalProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly data: IndicatorDataService,
    @Inject(INDICATOR_SETTINGS) private readonly settings: IndicatorSettings,
  ) {}

  /**
   * Vision → overall goals → concrete goals, each with measure, source,
   * baseline, target and status (in an area, or the city) → the tools and the
   * registered interventions serving it → the tools' activities.
   *
   * In the city, a goal starts from its own baseline (or the city's first
   * measurement). In an area, from the area's own figures: its value in the
   * goal's baseline year, or its first measurement (never the city's
   * baseline), as a plan's goals in that area do. A city-level goal is
   * measured by the area's index against the city; in the city as a whole
   * it has no status (reason needs_area).
   */
  async theoryOfChange(areaId?: string): Promise<TheoryOfChangeDto> {
    const area = areaId ? await this.data.area(areaId) : null;
    const [municipality] = (await this.dataSource.query(
      `SELECT "name", "vision", "target_year" FROM "municipality" WHERE "id" = 1`,
    )) as {
      name: string;
      vision: string;
      target_year: number;
    }[];
    const goals = (await this.dataSource.query(
      `SELECT g."id", g."code", g."level", g."parent_id", g."title", g."measure", g."data_source", g."indicator_id",
        g."target_year", g."target_value",
              g."direction", b."baseline_value", b."baseline_year", b."version" AS "baseline_version", b."target_kind"
         FROM "goal" g LEFT JOIN "goal_baseline" b ON b."goal_id" = g."id"
        ORDER BY g."sort_order", g."code"`,
    )) as GoalRow[];
    const indicators = new Map((await this.data.indicators()).map((i) => [i.id, i]));
    const indicatorIds = goals.map((g) => g.indicator_id).filter((x): x is string => x !== null);
    const series = await this.series(indicatorIds, area?.id ?? null);
    const cityLevelIds = goals
      .filter((g) => g.target_kind === 'city_level')
      .map((g) => g.indicator_id)
      .filter((x): x is string => x !== null);
    const citySeries =
      area && cityLevelIds.length ? await this.series(cityLevelIds, null) : new Map<string, MeasuredPoint[]>();
    const asOf = decimalYear(new Date());
    const concreteIds = goals.filter((g) => g.level === 'concrete').map((g) => g.id);
    const [tools, interventions] = await Promise.all([
      loadTools(this.dataSource, { goalIds: concreteIds }),
      loadInterventionsByGoal(this.dataSource, concreteIds, area?.id ?? null),
    ]);
    const concrete = (g: GoalRow): ConcreteGoalDto => {
      const indicator = g.indicator_id ? (indicators.get(g.indicator_id) ?? null) : null;
      const targetValue = num(g.target_value);
      const targetKind: TargetKind = g.target_kind ?? 'absolute';
      return {
        id: g.id,
        code: g.code,
        title: g.title,
        measure: g.measure,
        dataSource: g.data_source,
        indicator,
        direction: g.direction,
        targetKind,
        targetValue,
        targetYear: g.target_year,
        baseline: {
          baselineValue: num(g.baseline_value),
          baselineYear: g.baseline_year,
          targetKind,
          version: g.baseline_version ?? 0,
        },
        progress: indicator
          ? toProgressDto(
              goalProgress({
                targetKind,
                // The goal's stated baseline is the city's: in an area, the area's own figures are the baseline.
                baseline: area ? null : yearValue(g.baseline_year, num(g.baseline_value)),
                baselineYear: g.baseline_year,
                target: yearValue(g.target_year, targetValue),
                targetYear: g.target_year,
                city: area ? (citySeries.get(indicator.id) ?? []) : null,
                direction: g.direction,
                measurements: series.get(indicator.id) ?? [],
                tolerancePercent: this.settings.goalTolerancePercent,
                asOf,
              }),
            )
          : noIndicator(
              targetKind,
              targetKind === 'city_level' ? cityLevelTarget(g.target_year) : yearValue(g.target_year, targetValue),
            ),
        tools: tools.filter((t) => t.goalId === g.id),
        interventions: interventions.get(g.id) ?? [],
      };
    };
    const overall = goals.filter((g) => g.level === 'overall');
    const overallIds = new Set(overall.map((g) => g.id));
    return {
      municipality: municipality?.name ?? '',
      vision: municipality?.vision ?? '',
      targetYear: municipality?.target_year ?? 0,
      areaId: area?.id ?? null,
      measuredIn: area?.name ?? (await this.data.cityName()),
      tolerancePercent: this.settings.goalTolerancePercent,
      overallGoals: overall.map((o) => ({
        id: o.id,
        code: o.code,
        title: o.title,
        goals: goals.filter((g) => g.level === 'concrete' && g.parent_id === o.id).map(concrete),
      })),
      otherGoals: goals
        .filter((g) => g.level === 'concrete' && (!g.parent_id || !overallIds.has(g.parent_id)))
        .map(concrete),
    };
  }

  /** Sets (or clears) a city goal's baseline; on the record with who did it. */
  async setBaseline(actor: AuthUser, goalId: string, dto: SetBaselineDto): Promise<GoalBaselineDto> {
    if ((dto.baselineValue === null) !== (dto.baselineYear === null)) {
      const missing = dto.baselineValue === null ? 'baselineValue' : 'baselineYear';
      throw fieldError(
        missing,
        `${missing} must be given together with ${missing === 'baselineValue' ? 'baselineYear' : 'baselineValue'} ` +
          `(or both null)`,
      );
    }
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [actor.id]);
      const [goal] = (await m.query(`SELECT "id", "target_year", "level" FROM "goal" WHERE "id" = $1`, [goalId])) as {
        id: string;
        target_year: number | null;
        level: string;
      }[];
      if (!goal) throw notFound('Goal', goalId);
      if (dto.baselineYear !== null && goal.target_year !== null && dto.baselineYear >= goal.target_year) {
        throw fieldError('baselineYear', `baselineYear must be before the goal's target year (${goal.target_year})`);
      }
      const current = async () =>
        (
          (await m.query(`SELECT "version" FROM "goal_baseline" WHERE "goal_id" = $1`, [goalId])) as {
            version: number;
          }[]
        )[0]?.version ?? 0;
      let version: number;
      let targetKind: TargetKind;
      if (dto.version === 0) {
        const inserted = (await m.query(
          `INSERT INTO "goal_baseline" ("goal_id", "baseline_value", "baseline_year", "updated_by") VALUES ($1, $2,
            $3, $4)
           ON CONFLICT ("goal_id") DO NOTHING RETURNING "version", "target_kind"`,
          [goalId, dto.baselineValue, dto.baselineYear, actor.id],
        )) as { version: number; target_kind: TargetKind }[];
        if (!inserted.length) throw versionConflict('The baseline', 0, await current());
        [version, targetKind] = [inserted[0].version, inserted[0].target_kind];
      } else {
        const [rows] = (await m.query(
          `UPDATE "goal_baseline" SET "baseline_value" = $2, "baseline_year" = $3, "updated_by" = $4, "updated_at" =
            now(), "version" = "version" + 1
            WHERE "goal_id" = $1 AND "version" = $5 RETURNING "version", "target_kind"`,
          [goalId, dto.baselineValue, dto.baselineYear, actor.id, dto.version],
        )) as [{ version: number; target_kind: TargetKind }[], number];
        if (!rows.length) throw versionConflict('The baseline', dto.version, await current());
        [version, targetKind] = [rows[0].version, rows[0].target_kind];
      }
      return { baselineValue: dto.baselineValue, baselineYear: dto.baselineYear, targetKind, version };
    });
  }

  /**
   * Sets what a concrete city goal's target is: absolute (its targetValue) or
   * city_level (in an area, the index against the city reaches 100 by the
   * target year). In the same row, and under the same version, as the
   * baseline; on the record with who did it.
   */
  async setTargetKind(actor: AuthUser, goalId: string, dto: SetTargetKindDto): Promise<GoalBaselineDto> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [actor.id]);
      const [goal] = (await m.query(`SELECT "id", "level" FROM "goal" WHERE "id" = $1`, [goalId])) as {
        id: string;
        level: string;
      }[];
      if (!goal) throw notFound('Goal', goalId);
      if (goal.level !== 'concrete') {
        throw new AppError('VALIDATION_FAILED', 'goalId: must be a concrete goal: only concrete goals have targets', {
          errors: [{ field: 'goalId', messages: ['goalId must be a concrete goal: only concrete goals have targets'] }],
        });
      }
      type Row = {
        baseline_value: string | null;
        baseline_year: number | null;
        target_kind: TargetKind;
        version: number;
      };
      const current = async () =>
        (
          (await m.query(`SELECT "version" FROM "goal_baseline" WHERE "goal_id" = $1`, [goalId])) as {
            version: number;
          }[]
        )[0]?.version ?? 0;
      let row: Row | undefined;
      if (dto.version === 0) {
        [row] = (await m.query(
          `INSERT INTO "goal_baseline" ("goal_id", "target_kind", "updated_by") VALUES ($1, $2, $3)
           ON CONFLICT ("goal_id") DO NOTHING RETURNING "baseline_value", "baseline_year", "target_kind", "version"`,
          [goalId, dto.targetKind, actor.id],
        )) as Row[];
      } else {
        [[row]] = (await m.query(
          `UPDATE "goal_baseline" SET "target_kind" = $2, "updated_by" = $3, "updated_at" = now(), "version" =
            "version" + 1
            WHERE "goal_id" = $1 AND "version" = $4 RETURNING "baseline_value", "baseline_year", "target_kind",
              "version"`,
          [goalId, dto.targetKind, actor.id, dto.version],
        )) as [Row[], number];
      }
      if (!row) throw versionConflict('The baseline', dto.version, await current());
      return {
        baselineValue: num(row.baseline_value),
        baselineYear: row.baseline_year,
        targetKind: row.target_kind,
        version: row.version,
      };
    });
  }

  /** Every change to a goal and its baseline, oldest first. */
  async history(goalId: string): Promise<GoalChangeDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT c."id", c."subject", c."operation", c."before", c."after", c."actor_id", u."display_name", c."created_at"
         FROM "goal_change" c LEFT JOIN "app_user" u ON u."id" = c."actor_id"
        WHERE c."goal_id" = $1 ORDER BY c."id"`,
      [goalId],
    )) as {
      id: string;
      subject: string;
      operation: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      actor_id: string | null;
      display_name: string | null;
      created_at: Date;
    }[];
    if (
      !rows.length &&
      !((await this.dataSource.query(`SELECT 1 FROM "goal" WHERE "id" = $1`, [goalId])) as unknown[]).length
    )
      throw notFound('Goal', goalId);
    return rows.map((r) => ({
      id: String(r.id),
      subject: r.subject,
      operation: r.operation,
      before: r.before,
      after: r.after,
      changed: [...new Set([...Object.keys(r.before ?? {}), ...Object.keys(r.after ?? {})])].filter(
        (k) =>
          !['version', 'updated_at'].includes(k) &&
          JSON.stringify(r.before?.[k] ?? null) !== JSON.stringify(r.after?.[k] ?? null),
      ),
      actorId: r.actor_id,
      actorName: r.display_name,
      createdAt: r.created_at,
    }));
  }

  /**
   * A plan's goals (plan items of section goal) measured in the plan's area.
   * A plan goal refines a city goal: what it leaves out (indicator, target,
   * direction) it takes from the city goal. One that refines a city-level
   * city goal and sets no targetValue of its own is city-level too (plan
   * goal data has no target kind of its own). Its baseline is the plan's
   * indicator baseline (section indicator) for the same indicator; else,
   * as in GET /api/theory-of-change?areaId=, the area's value in the city
   * goal's baseline year, or its first measurement.
   */
  async planGoalStatus(planId: string): Promise<PlanGoalsStatusDto> {
    const [plan] = (await this.dataSource.query(
      `SELECT p."id", p."title", p."area_id", a."name" AS "area_name" FROM "plan" p JOIN "area" a ON a."id" =
        p."area_id" WHERE p."id" = $1`,
      [planId],
    )) as { id: string; title: string; area_id: string; area_name: string }[];
    if (!plan) throw notFound('Plan', planId);
    const items = (await this.dataSource.query(
      `SELECT "id", "section", "data" FROM "plan_item" WHERE "plan_id" = $1 AND "section" IN ('goal', 'indicator')
        ORDER BY "created_at", "id"`,
      [planId],
    )) as { id: string; section: 'goal' | 'indicator'; data: Record<string, unknown> }[];
    const goals = items.filter((i) => i.section === 'goal');
    const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    const cityGoalIds = [...new Set(goals.map((g) => str(g.data.cityGoalId)).filter((x): x is string => x !== null))];
    const cityGoals = new Map(
      (cityGoalIds.length
        ? ((await this.dataSource.query(
            `SELECT g."id", g."title", g."indicator_id", g."target_value", g."target_year", g."direction",
              b."baseline_year", b."target_kind"
               FROM "goal" g LEFT JOIN "goal_baseline" b ON b."goal_id" = g."id" WHERE g."id" = ANY($1::uuid[])`,
            [cityGoalIds],
          )) as CityGoalRow[])
        : []
      ).map((g) => [g.id, g]),
    );
    const indicators = new Map((await this.data.indicators()).map((i) => [i.id, i]));
    const cityOf = (g: (typeof goals)[number]) => cityGoals.get(str(g.data.cityGoalId) ?? '') ?? null;
    const indicatorOf = (g: (typeof goals)[number]) => str(g.data.indicatorId) ?? cityOf(g)?.indicator_id ?? null;
    // The one rule of a plan goal's target (also the plan stage's completeness): city-level without a value of its own.
    const targetOf = (g: (typeof goals)[number]) => {
      const city = cityOf(g);
      return planGoalTarget(
        n(g.data.targetValue),
        city ? { targetKind: city.target_kind ?? null, targetValue: num(city.target_value) } : null,
      );
    };
    const kindOf = (g: (typeof goals)[number]): TargetKind => targetOf(g)?.kind ?? 'absolute';
    const measured = goals.map(indicatorOf).filter((x): x is string => x !== null);
    const series = await this.series(measured, plan.area_id);
    const cityLevelIds = goals
      .filter((g) => kindOf(g) === 'city_level')
      .map(indicatorOf)
      .filter((x): x is string => x !== null);
    const citySeries = cityLevelIds.length ? await this.series(cityLevelIds, null) : new Map<string, MeasuredPoint[]>();
    const baselines = new Map(
      items
        .filter(
          (i) =>
            i.section === 'indicator' &&
            str(i.data.indicatorId) &&
            yearValue(n(i.data.baselineYear), n(i.data.baselineValue)),
        )
        .map((i) => [str(i.data.indicatorId)!, yearValue(n(i.data.baselineYear), n(i.data.baselineValue))!]),
    );
    const asOfDate = new Date();
    const asOf = decimalYear(asOfDate);
    return {
      planId: plan.id,
      planTitle: plan.title,
      areaId: plan.area_id,
      areaName: plan.area_name,
      asOf: asOfDate.toISOString(),
      tolerancePercent: this.settings.goalTolerancePercent,
      goals: goals.map((g): PlanGoalStatusDto => {
        const city = cityOf(g);
        const indicatorId = indicatorOf(g);
        const indicator: IndicatorRefDto | null = indicatorId ? (indicators.get(indicatorId) ?? null) : null;
        const direction: Direction =
          city?.direction ?? (indicator?.direction as Direction | undefined) ?? 'higher_is_better';
        const targetKind = kindOf(g);
        const targetYear = n(g.data.targetYear) ?? city?.target_year ?? null;
        const target = yearValue(targetYear, n(g.data.targetValue) ?? num(city?.target_value));
        const progress = indicator
          ? toProgressDto(
              goalProgress({
                targetKind,
                baseline: baselines.get(indicator.id) ?? null,
                baselineYear: city?.baseline_year ?? null,
                target,
                targetYear,
                city: targetKind === 'city_level' ? (citySeries.get(indicator.id) ?? []) : null,
                direction,
                measurements: series.get(indicator.id) ?? [],
                tolerancePercent: this.settings.goalTolerancePercent,
                asOf,
              }),
            )
          : noIndicator(targetKind, targetKind === 'city_level' ? cityLevelTarget(targetYear) : target);
        return {
          itemId: g.id,
          title: String(g.data.title ?? ''),
          cityGoalId: city?.id ?? null,
          cityGoalTitle: city?.title ?? null,
          indicator,
          direction,
          ...progress,
        };
      }),
    };
  }

  /** The measurements of some indicators in one area (or, with null, the city), by indicator. */
  private async series(indicatorIds: string[], areaId: string | null): Promise<Map<string, MeasuredPoint[]>> {
    const result = new Map<string, MeasuredPoint[]>();
    const ids = [...new Set(indicatorIds)];
    if (!ids.length) return result;
    const rows = (await this.dataSource.query(
      `SELECT "indicator_id", "period", "value" FROM "measurement"
        WHERE "indicator_id" = ANY($1::uuid[]) AND "area_id" IS NOT DISTINCT FROM $2::uuid ORDER BY "period"`,
      [ids, areaId],
    )) as { indicator_id: string; period: string; value: string }[];
    for (const r of rows) {
      const list = result.get(r.indicator_id) ?? [];
      list.push({ period: r.period, value: Number(r.value) });
      result.set(r.indicator_id, list);
    }
    return result;
  }
}
