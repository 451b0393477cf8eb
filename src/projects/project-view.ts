import { isProjectOverdue, PROJECT_STATE_LABELS, viewProjectState, type ProjectState } from '#domain';
import type { ProjectDto, ProjectTransitionDto } from './project.dto.js';
import type { ProjectTransition } from './project-transition.entity.js';
import type { Project } from './project.entity.js';

import { today } from '../platform/common/local-day.js';

/** The domain's one definition (isProjectOverdue), judged against the municipality's today by default. */
export function isOverdue(state: ProjectState, evaluationDeadline: string, on = today()): boolean {
  return isProjectOverdue(state, evaluationDeadline, on);
}

export function toProjectDto(p: Project): ProjectDto {
  const view = viewProjectState(p.state);
  const { context } = view;
  return {
    id: p.id,
    title: p.title,
    problem: p.problem,
    proposedSolution: p.proposedSolution,
    owningAdministrationId: p.owningAdministrationId,
    projectLeaderId: p.projectLeaderId,
    proposedBy: p.proposedBy,
    fundingSource: p.fundingSource,
    budgetDkk: p.budgetDkk,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    evaluationDate: p.evaluationDate,
    evaluationDueOn: p.evaluationDueOn,
    evaluationDeadline: p.evaluationDeadline,
    overdue: isOverdue(p.stateValue, p.evaluationDeadline),
    areaIds: p.areaIds,
    goalIds: p.goalIds,
    planIds: p.planIds,
    indicatorIds: p.indicatorIds,
    interventionId: p.interventionId,
    state: p.stateValue,
    stateLabel: PROJECT_STATE_LABELS[p.stateValue].da,
    final: view.final,
    reviewedBy: context.reviewedBy,
    evaluationSubmissions: context.evaluationSubmissions,
    extensions: context.extensions,
    scalings: context.scalings,
    budgetLine: context.budgetLine,
    decidedAt: p.decidedAt,
    version: p.version,
    machineVersion: p.machineVersion,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** A transition as stored, or as the store appended it. */
export function toTransitionDto(t: Omit<ProjectTransition, 'id' | 'projectId'>): ProjectTransitionDto {
  return {
    seq: t.seq,
    event: t.event,
    fromState: t.fromState,
    toState: t.toState,
    actorId: t.actorId,
    actorName: t.actorName,
    comment: t.comment,
    payload: t.payload,
    createdAt: t.createdAt,
  };
}
