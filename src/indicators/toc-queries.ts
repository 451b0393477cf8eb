import type { DataSource, EntityManager } from 'typeorm';
import type { GoalInterventionDto, TocActivityDto, TocToolDto } from './indicators.dto.js';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

interface ToolRow {
  id: string;
  goal_id: string;
  name: string;
  description: string;
  administration_id: string | null;
  sort_order: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface ActivityRow {
  id: string;
  tool_id: string;
  name: string;
  description: string;
  intervention_id: string | null;
  intervention_name: string | null;
  sort_order: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const ACTIVITY_SELECT = `SELECT a."id", a."tool_id", a."name", a."description", a."intervention_id", i."name" AS
  "intervention_name",
                                a."sort_order", a."version", a."created_at", a."updated_at"
                           FROM "toc_activity" a LEFT JOIN "intervention" i ON i."id" = a."intervention_id"`;

export const toActivityDto = (a: ActivityRow): TocActivityDto => ({
  id: a.id,
  toolId: a.tool_id,
  name: a.name,
  description: a.description,
  interventionId: a.intervention_id,
  interventionName: a.intervention_name,
  sortOrder: a.sort_order,
  version: a.version,
  createdAt: a.created_at,
  updatedAt: a.updated_at,
});

const toToolDto = (t: ToolRow, activities: TocActivityDto[]): TocToolDto => ({
  id: t.id,
  goalId: t.goal_id,
  name: t.name,
  description: t.description,
  administrationId: t.administration_id,
  sortOrder: t.sort_order,
  version: t.version,
  activities,
  createdAt: t.created_at,
  updatedAt: t.updated_at,
});

/** The tools of some goals (or some tools by id), each with its activities, in their order. */
export async function loadTools(
  q: Queryable,
  where: { goalIds?: string[]; toolIds?: string[] },
): Promise<TocToolDto[]> {
  const byGoal = where.goalIds !== undefined;
  const ids = [...new Set(byGoal ? where.goalIds! : (where.toolIds ?? []))];
  if (!ids.length) return [];
  const tools = (await q.query(
    `SELECT "id", "goal_id", "name", "description", "administration_id", "sort_order", "version", "created_at",
      "updated_at"
       FROM "toc_tool" WHERE "${byGoal ? 'goal_id' : 'id'}" = ANY($1::uuid[])
      ORDER BY "sort_order", "created_at", "id"`,
    [ids],
  )) as ToolRow[];
  if (!tools.length) return [];
  const activities = (await q.query(
    `${ACTIVITY_SELECT} WHERE a."tool_id" = ANY($1::uuid[]) ORDER BY a."sort_order", a."created_at", a."id"`,
    [tools.map((t) => t.id)],
  )) as ActivityRow[];
  return tools.map((t) => toToolDto(t, activities.filter((a) => a.tool_id === t.id).map(toActivityDto)));
}

/** One activity, or null. */
export async function loadActivity(q: Queryable, id: string): Promise<TocActivityDto | null> {
  const [row] = (await q.query(`${ACTIVITY_SELECT} WHERE a."id" = $1`, [id])) as ActivityRow[];
  return row ? toActivityDto(row) : null;
}

/** Activities carried out through some registered interventions. */
export async function loadActivitiesOfInterventions(
  q: Queryable,
  interventionIds: string[],
): Promise<TocActivityDto[]> {
  const ids = [...new Set(interventionIds)];
  if (!ids.length) return [];
  return (
    (await q.query(
      `${ACTIVITY_SELECT} WHERE a."intervention_id" = ANY($1::uuid[]) ORDER BY a."sort_order", a."created_at", a."id"`,
      [ids],
    )) as ActivityRow[]
  ).map(toActivityDto);
}

/**
 * The registered interventions serving each goal (their goal_ids); with an area, those in it or city-wide (no areas).
 */
export async function loadInterventionsByGoal(
  q: Queryable,
  goalIds: string[],
  areaId: string | null,
): Promise<Map<string, GoalInterventionDto[]>> {
  const result = new Map<string, GoalInterventionDto[]>();
  if (!goalIds.length) return result;
  const rows = (await q.query(
    `SELECT "id", "name", "kind", "owning_administration_id", "area_ids", to_char("period_start", 'YYYY-MM-DD') AS
      "period_start",
            to_char("period_end", 'YYYY-MM-DD') AS "period_end", "goal_ids"
       FROM "intervention"
      WHERE "goal_ids" && $1::uuid[] AND ($2::uuid IS NULL OR cardinality("area_ids") = 0 OR $2::uuid = ANY("area_ids"))
      ORDER BY "name", "id"`,
    [goalIds, areaId],
  )) as {
    id: string;
    name: string;
    kind: string;
    owning_administration_id: string;
    area_ids: string[];
    period_start: string;
    period_end: string | null;
    goal_ids: string[];
  }[];
  for (const r of rows) {
    const dto: GoalInterventionDto = {
      id: r.id,
      name: r.name,
      kind: r.kind,
      owningAdministrationId: r.owning_administration_id,
      areaIds: r.area_ids,
      periodStart: r.period_start,
      periodEnd: r.period_end,
    };
    for (const g of r.goal_ids) {
      if (!goalIds.includes(g)) continue;
      const list = result.get(g) ?? [];
      list.push(dto);
      result.set(g, list);
    }
  }
  return result;
}
