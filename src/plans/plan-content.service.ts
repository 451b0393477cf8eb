import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  decisionGrantProblem,
  findOverlaps,
  REFUSALS,
  sectionEditRefusal,
  viewPlanState,
  type PlanContentSnapshot,
  type PlanSection,
} from '#domain';
import { conditionsJson, itemsJson } from './plan-content.queries.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound, versionConflict } from '../platform/common/app-error.js';
import { fieldError } from '../platform/common/field-error.js';
import { Goal } from '../master-data/goal.entity.js';
import { Indicator } from '../master-data/indicator.entity.js';
import { Intervention } from '../interventions/intervention.entity.js';
import { PlanCondition } from './plan-condition.entity.js';
import { PlanItem } from './plan-item.entity.js';
import { Plan } from './plan.entity.js';
import type {
  CreatePlanItemDto,
  MapFromRegisterDto,
  PlanContentDto,
  PlanItemDto,
  UpdatePlanItemDto,
} from './plan.dto.js';
import { validateSectionData } from './plan-section.schemas.js';

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * A plan's content: items per section, owned by the contributing
 * administration, editable only while their stage is being drafted; the
 * facts the completeness rules judge; and whole-content snapshots.
 */
@Injectable()
export class PlanContentService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async content(planId: string): Promise<PlanContentDto> {
    const m = this.dataSource.manager;
    if (!(await m.getRepository(Plan).exists({ where: { id: planId } }))) throw notFound('Plan', planId);
    const items = await this.items(m, planId);
    const overlaps = findOverlaps(
      items
        .filter((i) => i.section === 'mapping')
        .map((i) => ({
          id: i.id,
          administrationId: i.administrationId,
          goalIds: strings(i.data.goalIds),
          periodStart: str(i.data.periodStart),
          periodEnd: str(i.data.periodEnd),
        })),
    );
    const conditions = await m.getRepository(PlanCondition).find({ where: { planId }, order: { createdAt: 'ASC' } });
    return {
      planId,
      items: items.map((i) => ({
        ...toItemDto(i),
        ...(i.section === 'mapping' ? { overlapsWith: overlaps[i.id] ?? [] } : {}),
      })),
      conditions: conditions.map((c) => ({
        id: c.id,
        stage: c.stage,
        text: c.text,
        status: c.status,
        closingNote: c.closingNote,
        closedAt: c.closedAt,
      })),
    };
  }

  async addItem(actor: AuthUser, planId: string, dto: CreatePlanItemDto): Promise<PlanItemDto> {
    return this.dataSource.transaction(async (m) => {
      const plan = await this.lockPlan(m, planId, 'pessimistic_read');
      this.checkEditable(actor, plan, dto.section);
      const data = await this.validate(m, planId, dto.section, dto.data);
      const repo = m.getRepository(PlanItem);
      const item = await repo.save(
        repo.create({
          planId,
          section: dto.section,
          administrationId: actor.administrationId,
          data,
          createdBy: actor.id,
          updatedBy: actor.id,
        }),
      );
      return toItemDto(item);
    });
  }

  /**
   * The mapping drawn from the register: each of the caller's
   * administration's registered interventions becomes a mapping item (name,
   * kind, goals, period and description as registered, with its id), and the
   * intervention records that it belongs to this plan. One already mapped
   * in this plan is not mapped twice.
   */
  async mapFromRegister(actor: AuthUser, planId: string, dto: MapFromRegisterDto): Promise<PlanItemDto[]> {
    return this.dataSource.transaction(async (m) => {
      const plan = await this.lockPlan(m, planId, 'pessimistic_write');
      this.checkEditable(actor, plan, 'mapping');
      const found = await m.getRepository(Intervention).find({ where: { id: In(dto.interventionIds) } });
      const missing = dto.interventionIds.filter((id) => !found.some((i) => i.id === id));
      if (missing.length) {
        throw new AppError('VALIDATION_FAILED', `interventionIds: not in the register: ${missing.join(', ')}`, {
          errors: [{ field: 'interventionIds', messages: [`not in the register: ${missing.join(', ')}`] }],
        });
      }
      const foreign = found.filter((i) => i.owningAdministrationId !== actor.administrationId);
      if (foreign.length) {
        const names = foreign.map((i) => i.name).join(', ');
        throw new AppError(
          'FORBIDDEN',
          `Only your own administration's interventions can be mapped by you: ${names}.`,
          {
            violations: [REFUSALS.otherAdministrationsInterventionsMapped(names)],
          },
        );
      }
      const mapped = new Set(
        (await this.items(m, planId))
          .filter((i) => i.section === 'mapping')
          .map((i) => str(i.data.interventionId))
          .filter((id): id is string => id !== null),
      );
      const repo = m.getRepository(PlanItem);
      const created: PlanItemDto[] = [];
      for (const i of dto.interventionIds.map((id) => found.find((f) => f.id === id)!)) {
        if (mapped.has(i.id)) continue;
        const data = await this.validate(m, planId, 'mapping', {
          name: i.name,
          kind: i.kind,
          goalIds: i.goalIds,
          periodStart: i.periodStart,
          periodEnd: i.periodEnd,
          interventionId: i.id,
          ...(i.description ? { description: i.description } : {}),
        });
        created.push(
          toItemDto(
            await repo.save(
              repo.create({
                planId,
                section: 'mapping',
                administrationId: actor.administrationId,
                data,
                createdBy: actor.id,
                updatedBy: actor.id,
              }),
            ),
          ),
        );
        await m.query(
          `UPDATE intervention SET plan_ids = array_append(plan_ids, $2::uuid), version = version + 1, updated_by =
            $3, updated_at = now()
           WHERE id = $1 AND NOT ($2::uuid = ANY(plan_ids))`,
          [i.id, planId, actor.id],
        );
      }
      return created;
    });
  }

  async updateItem(actor: AuthUser, planId: string, itemId: string, dto: UpdatePlanItemDto): Promise<PlanItemDto> {
    return this.dataSource.transaction(async (m) => {
      const plan = await this.lockPlan(m, planId, 'pessimistic_read');
      const item = await this.item(m, planId, itemId);
      this.checkEditable(actor, plan, item.section, item);
      const data = await this.validate(m, planId, item.section, dto.data, item.data);
      const result = await m
        .createQueryBuilder()
        .update(PlanItem)
        .set({ data: () => ':data::jsonb', updatedBy: actor.id, version: () => 'version + 1' })
        .setParameter('data', JSON.stringify(data))
        .where('id = :id AND version = :version', { id: itemId, version: dto.version })
        .execute();
      if (!result.affected) throw versionConflict('The item', dto.version, item.version);
      return toItemDto(await m.getRepository(PlanItem).findOneByOrFail({ id: itemId }));
    });
  }

  async removeItem(actor: AuthUser, planId: string, itemId: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const plan = await this.lockPlan(m, planId, 'pessimistic_read');
      const item = await this.item(m, planId, itemId);
      this.checkEditable(actor, plan, item.section, item);
      const result = await m.getRepository(PlanItem).delete({ id: itemId, version });
      if (!result.affected) throw versionConflict('The item', version, item.version);
    });
  }

  /** The plan's whole content as it is now, as a gate decision stores it (the same SQL). */
  async snapshot(m: EntityManager, plan: Plan): Promise<PlanContentSnapshot> {
    const { context } = viewPlanState(plan.state, plan.machineVersion);
    const [row] = (await m.query(`SELECT ${itemsJson('$1')} AS "items", ${conditionsJson('$1')} AS "conditions"`, [
      plan.id,
    ])) as Pick<PlanContentSnapshot, 'items' | 'conditions'>[];
    return {
      plan: {
        title: plan.title,
        budgetYear: plan.budgetYear,
        stage: plan.stage,
        coordinatingAdministrationId: plan.coordinatingAdministrationId,
        participatingAdministrationIds: context.participatingAdministrationIds,
        signatures: context.signatures,
        stageDueDate: plan.stageDueDate,
      },
      items: row.items,
      conditions: row.conditions,
    };
  }

  lockPlan(m: EntityManager, planId: string, mode: 'pessimistic_read' | 'pessimistic_write'): Promise<Plan> {
    return m
      .getRepository(Plan)
      .createQueryBuilder('p')
      .setLock(mode)
      .where('p.id = :planId', { planId })
      .getOne()
      .then((p) => {
        if (!p) throw notFound('Plan', planId);
        return p;
      });
  }

  private items(m: EntityManager, planId: string): Promise<PlanItem[]> {
    return m.getRepository(PlanItem).find({ where: { planId }, order: { section: 'ASC', createdAt: 'ASC' } });
  }

  private async item(m: EntityManager, planId: string, itemId: string): Promise<PlanItem> {
    const item = await m.getRepository(PlanItem).findOne({ where: { id: itemId, planId } });
    if (!item) throw notFound('Plan item', itemId);
    return item;
  }

  private checkEditable(actor: AuthUser, plan: Plan, section: PlanSection, item?: PlanItem): void {
    const { context } = viewPlanState(plan.state, plan.machineVersion);
    const refusal = sectionEditRefusal(
      actor,
      {
        stage: plan.stage,
        status: plan.status,
        participatingAdministrationIds: context.participatingAdministrationIds,
      },
      section,
      item && {
        section: item.section,
        administrationId: item.administrationId,
        submitted: item.data.submittedSeq !== undefined,
      },
    );
    if (!refusal) return;
    if (refusal.code === 'SECTION_FROZEN')
      throw new AppError('WORKFLOW_REFUSED', refusal.messageEn, { violations: [refusal] });
    throw new AppError('FORBIDDEN', refusal.messageEn, { violations: [refusal] });
  }

  /**
   * `previous`: the item's data before an update (a link kept as it was is not checked again: its intervention may
   * since have been removed).
   */
  private async validate(
    m: EntityManager,
    planId: string,
    section: PlanSection,
    raw: Record<string, unknown>,
    previous?: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const data = await validateSectionData(section, raw);
    if (section === 'intervention' || section === 'budget_proposal') {
      const goalItemIds = strings(data.goalItemIds);
      const found = goalItemIds.length
        ? await m.getRepository(PlanItem).count({ where: { planId, section: 'goal', id: In(goalItemIds) } })
        : 0;
      if (found !== goalItemIds.length)
        throw fieldError('data.goalItemIds', "each entry must be the id of one of this plan's goals");
    }
    if (section === 'budget_decision') {
      const proposals = await m
        .getRepository(PlanItem)
        .find({ where: { planId, section: 'budget_proposal' }, select: { id: true } });
      const problem = decisionGrantProblem(
        data,
        proposals.map((p) => p.id),
      );
      if (problem) throw fieldError(problem.field, problem.message);
    }
    if (
      section === 'indicator' &&
      !(await m.getRepository(Indicator).exists({ where: { id: String(data.indicatorId) } }))
    ) {
      throw fieldError('data.indicatorId', 'must name an existing indicator');
    }
    // References to the register and the master data must name something that exists, or the plan would silently show
    // nothing.
    if (
      section === 'goal' &&
      data.indicatorId &&
      !(await m.getRepository(Indicator).exists({ where: { id: String(data.indicatorId) } }))
    ) {
      throw fieldError('data.indicatorId', 'must name an existing indicator');
    }
    if (
      section === 'goal' &&
      data.cityGoalId &&
      !(await m.getRepository(Goal).exists({ where: { id: String(data.cityGoalId) } }))
    ) {
      throw fieldError('data.cityGoalId', "must name one of the city's goals");
    }
    if (section === 'mapping') {
      const goalIds = strings(data.goalIds);
      if (
        goalIds.length &&
        (await m.getRepository(Goal).count({ where: { id: In(goalIds) } })) !== new Set(goalIds).size
      ) {
        throw fieldError('data.goalIds', "each entry must name one of the city's goals");
      }
    }
    if (
      (section === 'mapping' || section === 'intervention') &&
      data.interventionId &&
      data.interventionId !== previous?.interventionId
    ) {
      const registered = await m.getRepository(Intervention).findOne({ where: { id: String(data.interventionId) } });
      if (!registered)
        throw fieldError('data.interventionId', 'must name an intervention in the register (GET /api/interventions)');
    }
    return data;
  }
}

function toItemDto(i: PlanItem): PlanItemDto {
  return {
    id: i.id,
    section: i.section,
    administrationId: i.administrationId,
    data: i.data,
    version: i.version,
    updatedAt: i.updatedAt,
  };
}
