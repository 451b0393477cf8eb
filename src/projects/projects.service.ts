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

  async list(actor: AuthUser, query: ProjectListQueryDto): Promise<ProjectPageDto> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const qb = this.dataSource.getRepository(Project).createQueryBuilder('p');
    if (query.state) qb.andWhere('p.state_value = :state', { state: query.state });
    if (query.administrationId)
      qb.andWhere('p.owning_administration_id = :administrationId', { administrationId: query.administrationId });
    if (query.areaId) qb.andWhere(':areaId = ANY(p.area_ids)', { areaId: query.areaId });
    if (query.leader === 'me') qb.andWhere('p.project_leader_id = :leaderId', { leaderId: actor.id });
    if (query.overdue === 'true') qb.andWhere(OVERDUE);
    if (query.overdue === 'false') qb.andWhere(`NOT ${OVERDUE}`);
    // Overdue evaluations first, then the nearest deadline.
    qb.orderBy(`CASE WHEN ${OVERDUE} THEN 0 ELSE 1 END`, 'ASC')
      .setParameter('today', today())
      .addOrderBy('p.evaluation_deadline', 'ASC')
      .addOrderBy('p.created_at', 'ASC');
    const total = await qb.getCount();
    const items = await qb.offset(offset).limit(limit).getMany();
    return { items: items.map(toProjectDto), total, limit, offset };
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
