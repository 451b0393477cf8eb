/**
 * The plan's deadlines, defined once: each stage gets a due date in working
 * days when it is entered (or a follow-up period begins); a stage is overdue
 * when its due date has passed while it is being worked on. A stage
 * awaiting the forum is not late: the delay is then the forum's, which is
 * also why the deadline jobs do nothing for a submitted stage, and why a
 * stage handed back after its deadline escalates at once.
 */
import { addWorkingDays, type CalendarSpec } from '../calendar/working-days.js';
import type { ActivePlanStage, PlanStage, PlanStatus } from './plan-types.js';

export interface PlanDeadlinePolicy {
  /** Working days per stage; a stage without an entry has no deadline. */
  stageWorkingDays: Partial<Record<ActivePlanStage, number>>;
  /** The working-day calendar: public holidays of HOLIDAY_COUNTRY and the municipality's days off. */
  calendar: CalendarSpec;
}

/** The due date of a stage entered on `today` (YYYY-MM-DD); null for a closed plan or a stage without a deadline. */
export function planStageDueDate(stage: PlanStage, today: string, policy: PlanDeadlinePolicy): string | null {
  if (stage === 'closed') return null;
  const days = policy.stageWorkingDays[stage];
  return days ? addWorkingDays(today, days, policy.calendar) : null;
}

export interface PlanDeadlineSubject {
  stage: PlanStage;
  status: PlanStatus | null;
  stageDueDate: string | null;
}

/** Whether the deadline counts now: an open stage being worked on (not one awaiting the forum). */
export function planDeadlineRuns(plan: Pick<PlanDeadlineSubject, 'stage' | 'status'>): boolean {
  return plan.stage !== 'closed' && plan.status === 'drafting';
}

/** THE definition of an overdue plan: its stage is being worked on and its due date has passed. */
export function isPlanOverdue(plan: PlanDeadlineSubject, today: string): boolean {
  return planDeadlineRuns(plan) && plan.stageDueDate !== null && plan.stageDueDate < today;
}
