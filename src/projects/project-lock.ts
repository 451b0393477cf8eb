import type { EntityManager } from 'typeorm';
import { notFound } from '../platform/common/app-error.js';
import { Project } from './project.entity.js';

/**
 * Reads a project under a row lock: `pessimistic_write` for workflow events
 * and deadline jobs (they serialise), `pessimistic_read` for changes to the
 * evaluation draft and its attachments (they wait for an event in flight).
 */
export async function lockProject(
  m: EntityManager,
  projectId: string,
  mode: 'pessimistic_read' | 'pessimistic_write',
): Promise<Project> {
  const project = await m
    .getRepository(Project)
    .createQueryBuilder('p')
    .setLock(mode)
    .where('p.id = :projectId', { projectId })
    .getOne();
  if (!project) throw notFound('Project', projectId);
  return project;
}
