import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { projectOverdueSql } from '../workflow/overdue.sql.js';
import type { AuthUser } from '../auth/auth-user.js';
import { notFound } from '../platform/common/app-error.js';
import { ProjectTransition } from './project-transition.entity.js';
import { today } from '../platform/common/local-day.js';
import { toProjectDto, toTransitionDto } from './project-view.js';
import { Project } from './project.entity.js';
import type { ProjectDto, ProjectListQueryDto, ProjectPageDto, ProjectTransitionDto } from './project.dto.js';

const OVERDUE = projectOverdueSql('p', ':today');

/** Reading projects: lists, one project, its record. */
@Injectable()
export class ProjectsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A page of projects: overdue evaluations first, then by evaluation deadline, creation and id (a stable order).
   * The two groups are read one after the other, each in the order of the (evaluation_deadline, created_at, id)
   * index, so a page never sorts the whole register; an area is matched with `area_ids @> ARRAY[…]`, which the
   * GIN index serves (`= ANY(area_ids)` cannot use it).
   */
  async list(actor: AuthUser, query: ProjectListQueryDto): Promise<ProjectPageDto> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const overdue = OVERDUE;
    const base = () => {
      const qb = this.dataSource.getRepository(Project).createQueryBuilder('p').setParameter('today', today());
      if (query.state) qb.andWhere('p.state_value = :state', { state: query.state });
      if (query.administrationId)
        qb.andWhere('p.owning_administration_id = :administrationId', { administrationId: query.administrationId });
      if (query.areaId) qb.andWhere('p.area_ids @> ARRAY[:areaId]::uuid[]', { areaId: query.areaId });
      if (query.leader === 'me') qb.andWhere('p.project_leader_id = :leaderId', { leaderId: actor.id });
      if (query.overdue === 'true') qb.andWhere(overdue);
      if (query.overdue === 'false') qb.andWhere(`NOT ${overdue}`);
      return qb;
    };
    // Two counts, each of which an index answers (a FILTER beside the total would read every row).
    const [total, overdueTotal] = await Promise.all([
      base().getCount(),
      query.overdue === 'false' ? 0 : base().andWhere(overdue).getCount(),
    ]);
    const counted = { total, overdue: overdueTotal };
    const page = (group: string, skip: number, take: number) =>
      base()
        .andWhere(group)
        .orderBy('p.evaluation_deadline', 'ASC')
        .addOrderBy('p.created_at', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .offset(skip)
        .limit(take)
        .getMany();
    const items: Project[] = [];
    if (offset < counted.overdue) items.push(...(await page(overdue, offset, limit)));
    if (items.length < limit && offset + items.length < counted.total)
      items.push(...(await page(`NOT ${overdue}`, Math.max(0, offset - counted.overdue), limit - items.length)));
    return { items: items.map(toProjectDto), total: counted.total, limit, offset };
  }

  async get(id: string): Promise<ProjectDto> {
    const project = await this.dataSource.getRepository(Project).findOne({ where: { id } });
    if (!project) throw notFound('Project', id);
    return toProjectDto(project);
  }

  async history(id: string): Promise<ProjectTransitionDto[]> {
    if (!(await this.dataSource.getRepository(Project).exists({ where: { id } }))) throw notFound('Project', id);
    const rows = await this.dataSource
      .getRepository(ProjectTransition)
      .find({ where: { projectId: id }, order: { seq: 'ASC' } });
    return rows.map(toTransitionDto);
  }
}
