import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound, versionConflict } from '../platform/common/app-error.js';
import { fieldError } from '../platform/common/field-error.js';
import { newToolAdministration, toolMoveRefusal, toolWriteRefusal, type RuleViolation } from '#domain';
import { GoalProgressService } from './goal-progress.service.js';
import type {
  CreateTocActivityDto,
  CreateTocToolDto,
  PlanTheoryOfChangeDto,
  PlanTocGoalDto,
  PlanTocInterventionDto,
  TocActivityDto,
  TocToolDto,
  UpdateTocActivityDto,
  UpdateTocToolDto,
} from './indicators.dto.js';
import { loadActivitiesOfInterventions, loadActivity, loadTools } from './toc-queries.js';

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * The theory of change below the concrete goals: tools (redskaber) under a
 * city goal and activities under a tool, written by administrators and by
 * staff of the tool's owning administration, with versioned updates. Every
 * change goes on the goal's record (goal_change, by database trigger, with
 * who made it). And a plan's theory of change: its goals, refining the
 * city's, with the plan's interventions for each.
 */
@Injectable()
export class TheoryOfChangeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly goals: GoalProgressService,
  ) {}

  async createTool(actor: AuthUser, goalId: string, dto: CreateTocToolDto): Promise<TocToolDto> {
    return this.as(actor, async (m) => {
      const [goal] = (await m.query(`SELECT "level" FROM "goal" WHERE "id" = $1`, [goalId])) as { level: string }[];
      if (!goal) throw notFound('Goal', goalId);
      if (goal.level !== 'concrete')
        throw fieldError('goalId', 'must be a concrete goal: tools work towards concrete goals, not overall ones');
      const administrationId = newToolAdministration(actor, dto.administrationId);
      assertMayWrite(actor, administrationId);
      await assertExists(m, 'administration', 'administrationId', administrationId);
      const [row] = (await m.query(
        `INSERT INTO "toc_tool" ("goal_id", "name", "description", "administration_id", "sort_order", "created_by",
          "updated_by")
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING "id"`,
        [goalId, dto.name.trim(), dto.description?.trim() ?? '', administrationId, dto.sortOrder ?? 0, actor.id],
      )) as { id: string }[];
      return this.tool(m, row.id);
    });
  }

  async updateTool(actor: AuthUser, id: string, dto: UpdateTocToolDto): Promise<TocToolDto> {
    return this.as(actor, async (m) => {
      const current = await this.tool(m, id);
      assertMayWrite(actor, current.administrationId);
      if (dto.administrationId !== undefined && dto.administrationId !== current.administrationId) {
        refuseWith(toolMoveRefusal(actor));
        await assertExists(m, 'administration', 'administrationId', dto.administrationId);
      }
      const rows = (await m.query(
        `UPDATE "toc_tool"
            SET "name" = COALESCE($3, "name"), "description" = COALESCE($4, "description"),
                "administration_id" = CASE WHEN $5::boolean THEN $6::uuid ELSE "administration_id" END,
                "sort_order" = COALESCE($7, "sort_order"), "updated_by" = $8, "updated_at" = now(), "version" =
                  "version" + 1
          WHERE "id" = $1 AND "version" = $2 RETURNING "id"`,
        [
          id,
          dto.version,
          dto.name?.trim() ?? null,
          dto.description?.trim() ?? null,
          dto.administrationId !== undefined,
          dto.administrationId ?? null,
          dto.sortOrder ?? null,
          actor.id,
        ],
      )) as [{ id: string }[], number];
      if (!rows[0].length) throw versionConflict('The tool', dto.version, current.version);
      return this.tool(m, id);
    });
  }

  async removeTool(actor: AuthUser, id: string, version: number): Promise<void> {
    await this.as(actor, async (m) => {
      const current = await this.tool(m, id);
      assertMayWrite(actor, current.administrationId);
      if (current.activities.length) {
        throw new AppError(
          'CONFLICT',
          `The tool still has ${current.activities.length} activities: remove them first.`,
          {
            violations: [
              {
                code: 'TOOL_HAS_ACTIVITIES',
                message: 'Fjern først redskabets aktiviteter.',
                messageEn: 'Remove the tool’s activities first.',
              },
            ],
          },
        );
      }
      const [rows] = (await m.query(`DELETE FROM "toc_tool" WHERE "id" = $1 AND "version" = $2 RETURNING "id"`, [
        id,
        version,
      ])) as [{ id: string }[], number];
      if (!rows.length) throw versionConflict('The tool', version, current.version);
    });
  }

  async createActivity(actor: AuthUser, toolId: string, dto: CreateTocActivityDto): Promise<TocActivityDto> {
    return this.as(actor, async (m) => {
      const tool = await this.tool(m, toolId);
      assertMayWrite(actor, tool.administrationId);
      await assertExists(m, 'intervention', 'interventionId', dto.interventionId ?? null);
      const [row] = (await m.query(
        `INSERT INTO "toc_activity" ("tool_id", "name", "description", "intervention_id", "sort_order",
          "created_by", "updated_by")
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING "id"`,
        [
          toolId,
          dto.name.trim(),
          dto.description?.trim() ?? '',
          dto.interventionId ?? null,
          dto.sortOrder ?? 0,
          actor.id,
        ],
      )) as { id: string }[];
      return (await loadActivity(m, row.id))!;
    });
  }

  async updateActivity(actor: AuthUser, id: string, dto: UpdateTocActivityDto): Promise<TocActivityDto> {
    return this.as(actor, async (m) => {
      const current = await this.activity(m, id);
      assertMayWrite(actor, (await this.tool(m, current.toolId)).administrationId);
      if (dto.interventionId) await assertExists(m, 'intervention', 'interventionId', dto.interventionId);
      const rows = (await m.query(
        `UPDATE "toc_activity"
            SET "name" = COALESCE($3, "name"), "description" = COALESCE($4, "description"),
                "intervention_id" = CASE WHEN $5::boolean THEN $6::uuid ELSE "intervention_id" END,
                "sort_order" = COALESCE($7, "sort_order"), "updated_by" = $8, "updated_at" = now(), "version" =
                  "version" + 1
          WHERE "id" = $1 AND "version" = $2 RETURNING "id"`,
        [
          id,
          dto.version,
          dto.name?.trim() ?? null,
          dto.description?.trim() ?? null,
          dto.interventionId !== undefined,
          dto.interventionId ?? null,
          dto.sortOrder ?? null,
          actor.id,
        ],
      )) as [{ id: string }[], number];
      if (!rows[0].length) throw versionConflict('The activity', dto.version, current.version);
      return (await loadActivity(m, id))!;
    });
  }

  async removeActivity(actor: AuthUser, id: string, version: number): Promise<void> {
    await this.as(actor, async (m) => {
      const current = await this.activity(m, id);
      assertMayWrite(actor, (await this.tool(m, current.toolId)).administrationId);
      const [rows] = (await m.query(`DELETE FROM "toc_activity" WHERE "id" = $1 AND "version" = $2 RETURNING "id"`, [
        id,
        version,
      ])) as [{ id: string }[], number];
      if (!rows.length) throw versionConflict('The activity', version, current.version);
    });
  }

  /**
   * A plan's theory of change: its goals (plan items of section goal), each
   * refining a city goal (cityGoalId) and measured in the plan's area, with
   * the city goal's tools and the plan's interventions (items of section
   * intervention) that name the goal in data.goalItemIds; an intervention
   * linked to a registered one carries the activities done through it.
   */
  async planTheoryOfChange(planId: string): Promise<PlanTheoryOfChangeDto> {
    const status = await this.goals.planGoalStatus(planId); // 404 for an unknown plan
    const [municipality] = (await this.dataSource.query(
      `SELECT "vision", "target_year" FROM "municipality" WHERE "id" = 1`,
    )) as { vision: string; target_year: number }[];
    const items = (await this.dataSource.query(
      `SELECT "id", "section", "administration_id", "data" FROM "plan_item" WHERE "plan_id" = $1 AND "section" =
        'intervention' ORDER BY "created_at", "id"`,
      [planId],
    )) as { id: string; section: string; administration_id: string | null; data: Record<string, unknown> }[];
    const cityGoalIds = [...new Set(status.goals.map((g) => g.cityGoalId).filter((x): x is string => x !== null))];
    const cityGoals = new Map(
      (cityGoalIds.length
        ? ((await this.dataSource.query(
            `SELECT g."id", g."code", g."title", p."id" AS "overall_id", p."title" AS "overall_title"
               FROM "goal" g LEFT JOIN "goal" p ON p."id" = g."parent_id" AND p."level" = 'overall'
              WHERE g."id" = ANY($1::uuid[])`,
            [cityGoalIds],
          )) as { id: string; code: string; title: string; overall_id: string | null; overall_title: string | null }[])
        : []
      ).map((g) => [g.id, g]),
    );
    const tools = await loadTools(this.dataSource, { goalIds: cityGoalIds });
    const activities = await loadActivitiesOfInterventions(
      this.dataSource,
      items.map((i) => str(i.data.interventionId)).filter((x): x is string => x !== null),
    );
    const intervention = (i: (typeof items)[number]): PlanTocInterventionDto => {
      const interventionId = str(i.data.interventionId);
      return {
        itemId: i.id,
        name: String(i.data.name ?? ''),
        kind: String(i.data.kind ?? ''),
        description: String(i.data.description ?? ''),
        administrationId: i.administration_id,
        interventionId,
        activities: interventionId ? activities.filter((a) => a.interventionId === interventionId) : [],
      };
    };
    const goalItemIds = new Set(status.goals.map((g) => g.itemId));
    return {
      planId: status.planId,
      planTitle: status.planTitle,
      areaId: status.areaId,
      areaName: status.areaName,
      vision: municipality?.vision ?? '',
      targetYear: municipality?.target_year ?? 0,
      goals: status.goals.map((g): PlanTocGoalDto => {
        const { itemId, title, cityGoalId, indicator, direction, cityGoalTitle, ...progress } = g;
        const city = cityGoalId ? (cityGoals.get(cityGoalId) ?? null) : null;
        return {
          itemId,
          title,
          indicator,
          direction,
          targetKind: progress.targetKind,
          target: progress.target,
          cityGoal: city
            ? {
                id: city.id,
                code: city.code,
                title: cityGoalTitle ?? city.title,
                overallGoalId: city.overall_id,
                overallGoalTitle: city.overall_title,
              }
            : null,
          progress,
          tools: city ? tools.filter((t) => t.goalId === city.id) : [],
          interventions: items.filter((i) => strings(i.data.goalItemIds).includes(itemId)).map(intervention),
        };
      }),
      unlinkedInterventions: items
        .filter((i) => !strings(i.data.goalItemIds).some((id) => goalItemIds.has(id)))
        .map(intervention),
    };
  }

  private async tool(m: EntityManager, id: string): Promise<TocToolDto> {
    const [found] = await loadTools(m, { toolIds: [id] });
    if (!found) throw notFound('Tool', id);
    return found;
  }

  private async activity(m: EntityManager, id: string): Promise<TocActivityDto> {
    const found = await loadActivity(m, id);
    if (!found) throw notFound('Activity', id);
    return found;
  }

  /** A write in a transaction that tells the record's triggers who made it (byloeft.actor_id). */
  private as<R>(actor: AuthUser, work: (m: EntityManager) => Promise<R>): Promise<R> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [actor.id]);
      return work(m);
    });
  }
}

/** Administrators write any tool; staff only the tools (and their activities) of their own administration. */
function assertMayWrite(actor: AuthUser, administrationId: string | null): void {
  refuseWith(toolWriteRefusal(actor, administrationId));
}

function refuseWith(refusal: RuleViolation | null): void {
  if (refusal) throw new AppError('FORBIDDEN', refusal.messageEn, { violations: [refusal] });
}

async function assertExists(
  m: EntityManager,
  table: 'administration' | 'intervention',
  field: string,
  id: string | null,
): Promise<void> {
  if (id === null) return;
  const found = (await m.query(`SELECT 1 FROM "${table}" WHERE "id" = $1`, [id])) as unknown[];
  if (!found.length) throw fieldError(field, `names no existing ${table}: ${id}`);
}
