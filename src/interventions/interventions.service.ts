import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound, versionConflict } from '../platform/common/app-error.js';
import { interventionWriteRefusal } from '#domain';
import { updateWithVersion } from '../platform/common/optimistic-update.js';
import { Intervention } from './intervention.entity.js';
import type {
  CreateInterventionDto,
  InterventionChangeDto,
  InterventionDto,
  InterventionListQueryDto,
  InterventionPageDto,
  UpdateInterventionDto,
} from './intervention.dto.js';
import { assertReferences, fieldError, likePattern } from './references.js';

/**
 * The register of interventions (indsatser). Everyone signed in reads;
 * staff of the owning administration and administrators write, with
 * versioned updates (a stale version is a 409 that changes nothing).
 */
@Injectable()
export class InterventionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: InterventionListQueryDto): Promise<InterventionPageDto> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const qb = this.dataSource.getRepository(Intervention).createQueryBuilder('i');
    if (query.q?.trim()) qb.andWhere('(i.name ILIKE :q OR i.description ILIKE :q)', { q: likePattern(query.q.trim()) });
    if (query.kind) qb.andWhere('i.kind = :kind', { kind: query.kind });
    if (query.administrationId)
      qb.andWhere('i.owning_administration_id = :administrationId', { administrationId: query.administrationId });
    if (query.areaId) qb.andWhere(':areaId = ANY(i.area_ids)', { areaId: query.areaId });
    if (query.fundingSource) qb.andWhere('i.funding_source = :fundingSource', { fundingSource: query.fundingSource });
    if (query.goalId) qb.andWhere(':goalId = ANY(i.goal_ids)', { goalId: query.goalId });
    if (query.planId) qb.andWhere(':planId = ANY(i.plan_ids)', { planId: query.planId });
    if (query.activeOn)
      qb.andWhere('i.period_start <= :activeOn AND (i.period_end IS NULL OR i.period_end >= :activeOn)', {
        activeOn: query.activeOn,
      });
    qb.orderBy('i.name', 'ASC').addOrderBy('i.id', 'ASC');
    const [items, total] = await qb.skip(offset).take(limit).getManyAndCount();
    return { items: items.map(toDto), total, limit, offset };
  }

  async get(id: string): Promise<InterventionDto> {
    return toDto(await this.find(this.dataSource.manager, id));
  }

  async create(actor: AuthUser, dto: CreateInterventionDto): Promise<InterventionDto> {
    assertMayWrite(actor, dto.owningAdministrationId);
    checkPeriod(dto.periodStart, dto.periodEnd ?? null);
    return this.dataSource.transaction(async (m) => {
      await onTheRecordAs(m, actor);
      await this.assertReferences(m, { ...dto, goalIds: dto.goalIds ?? [], planIds: dto.planIds ?? [] });
      const repo = m.getRepository(Intervention);
      const saved = await repo.save(
        repo.create({
          name: dto.name.trim(),
          description: dto.description?.trim() ?? '',
          kind: dto.kind,
          owningAdministrationId: dto.owningAdministrationId,
          areaIds: dto.areaIds,
          fundingSource: dto.fundingSource,
          periodStart: dto.periodStart,
          periodEnd: dto.periodEnd ?? null,
          goalIds: dto.goalIds ?? [],
          planIds: dto.planIds ?? [],
          version: 1,
          createdBy: actor.id,
          updatedBy: actor.id,
        }),
      );
      return toDto(await repo.findOneByOrFail({ id: saved.id }));
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateInterventionDto): Promise<InterventionDto> {
    return this.dataSource.transaction(async (m) => {
      await onTheRecordAs(m, actor);
      const current = await this.find(m, id);
      assertMayWrite(actor, current.owningAdministrationId);
      if (dto.owningAdministrationId !== undefined) assertMayWrite(actor, dto.owningAdministrationId);
      const { version, ...changes } = dto;
      const merged = { ...current, ...definedOnly(changes) };
      checkPeriod(merged.periodStart, merged.periodEnd ?? null);
      await this.assertReferences(m, merged);
      const updated = await updateWithVersion(m, Intervention, 'The intervention', id, version, {
        ...definedOnly(changes),
        ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
        ...(changes.description !== undefined ? { description: changes.description.trim() } : {}),
        updatedBy: actor.id,
      });
      return toDto(updated);
    });
  }

  async remove(actor: AuthUser, id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await onTheRecordAs(m, actor);
      const current = await this.find(m, id);
      assertMayWrite(actor, current.owningAdministrationId);
      const result = await m
        .createQueryBuilder()
        .delete()
        .from(Intervention)
        .where('id = :id AND version = :version', { id, version })
        .execute();
      if (!result.affected) throw versionConflict('The intervention', version, current.version);
    });
  }

  /** Every change to an intervention, oldest first; a removed one keeps its record. */
  async history(id: string): Promise<InterventionChangeDto[]> {
    const rows: {
      id: string;
      operation: 'baseline' | 'insert' | 'update' | 'delete';
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      actor_id: string | null;
      actor_name: string | null;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT c."id", c."operation", c."before", c."after", c."actor_id", u."display_name" AS actor_name, c."created_at"
           FROM "intervention_change" c LEFT JOIN "app_user" u ON u."id" = c."actor_id"
          WHERE c."intervention_id" = $1 ORDER BY c."id"`,
      [id],
    );
    if (rows.length === 0) throw notFound('Intervention', id);
    const bookkeeping = new Set(['version', 'updated_at', 'updated_by']);
    return rows.map((r) => ({
      operation: r.operation,
      at: r.created_at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      changedFields:
        r.before && r.after
          ? Object.keys(r.after).filter(
              (k) => !bookkeeping.has(k) && JSON.stringify(r.before![k]) !== JSON.stringify(r.after![k]),
            )
          : [],
      before: r.before,
      after: r.after,
    }));
  }

  private async find(m: EntityManager, id: string): Promise<Intervention> {
    const found = await m.getRepository(Intervention).findOne({ where: { id } });
    if (!found) throw notFound('Intervention', id);
    return found;
  }

  private assertReferences(
    m: EntityManager,
    v: { owningAdministrationId: string; areaIds: string[]; goalIds: string[]; planIds: string[] },
  ) {
    return assertReferences(m, [
      { field: 'owningAdministrationId', table: 'administration', ids: [v.owningAdministrationId] },
      { field: 'areaIds', table: 'area', ids: v.areaIds },
      { field: 'goalIds', table: 'goal', ids: v.goalIds },
      { field: 'planIds', table: 'plan', ids: v.planIds },
    ]);
  }
}

/** Administrators, or staff of the administration concerned (a domain rule). */
function assertMayWrite(actor: AuthUser, administrationId: string): void {
  const refusal = interventionWriteRefusal(actor, administrationId);
  if (refusal) throw new AppError('FORBIDDEN', refusal.messageEn, { violations: [refusal] });
}

function checkPeriod(start: string, end: string | null): void {
  if (end !== null && end < start) throw fieldError('periodEnd', 'must not be before periodStart');
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function toDto(i: Intervention): InterventionDto {
  return {
    id: i.id,
    name: i.name,
    description: i.description,
    kind: i.kind,
    owningAdministrationId: i.owningAdministrationId,
    areaIds: i.areaIds,
    fundingSource: i.fundingSource,
    periodStart: i.periodStart,
    periodEnd: i.periodEnd,
    goalIds: i.goalIds,
    planIds: i.planIds,
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

/** Tells the record's trigger who makes the changes of this transaction. */
async function onTheRecordAs(m: EntityManager, actor: AuthUser): Promise<void> {
  await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [actor.id]);
}
