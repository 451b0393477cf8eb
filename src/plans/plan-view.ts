import { isPlanOverdue, viewPlanState } from '#domain';
import type { Plan } from './plan.entity.js';
import type { PlanDto, TransitionDto } from './plan.dto.js';
import type { PlanTransition } from './plan-transition.entity.js';

import { today } from '../platform/common/local-day.js';

export function toPlanDto(plan: Plan, areaName: string, openConditions: number): PlanDto {
  const { context } = viewPlanState(plan.state);
  return {
    id: plan.id,
    areaId: plan.areaId,
    areaName,
    budgetYear: plan.budgetYear,
    title: plan.title,
    stage: plan.stage,
    status: plan.status,
    stateValue: plan.stateValue,
    coordinatingAdministrationId: plan.coordinatingAdministrationId,
    participatingAdministrationIds: context.participatingAdministrationIds,
    signatures: Object.entries(context.signatures).map(([administrationId, s]) => ({
      administrationId,
      by: s.by,
      at: s.at,
    })),
    submittedBy: context.submittedBy,
    stageDueDate: plan.stageDueDate,
    overdue: isPlanOverdue(plan, today()),
    openConditions,
    version: plan.version,
    machineVersion: plan.machineVersion,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}

/** A transition as stored, or as the store appended it. */
export function toTransitionDto(
  t: Omit<PlanTransition, 'id' | 'planId' | 'actorId'> & { actorId: string | null },
): TransitionDto {
  return {
    seq: t.seq,
    event: t.event,
    fromState: t.fromState,
    toState: t.toState,
    actorId: t.actorId ?? '',
    actorName: t.actorName,
    comment: t.comment,
    payload: t.payload,
    meetingId: t.meetingId,
    createdAt: t.createdAt,
  };
}
