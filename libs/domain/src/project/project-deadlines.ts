/**
 * The project's deadlines, defined once: the evaluation becomes due on its
 * evaluation date (or the end date), must be submitted a number of working
 * days after that, and is overdue while it is owed and that deadline has
 * passed. A returned evaluation gets a fresh deadline, never an earlier one.
 */
import { addWorkingDays, type CalendarSpec } from '../calendar/working-days.js';
import { EVALUATION_OWED_STATES } from './project-types.js';
import type { ProjectContext, ProjectState } from './project-types.js';

export interface ProjectDeadlinePolicy {
  /** Working days after the day the evaluation is called for. */
  evaluationWorkingDays: number;
  /** The working-day calendar: public holidays of HOLIDAY_COUNTRY and the municipality's days off. */
  calendar: CalendarSpec;
}

/** The day the evaluation becomes due: the evaluation date when one is set, otherwise the end date. */
export function evaluationDueOn(context: Pick<ProjectContext, 'periodEnd' | 'evaluationDate'>): string {
  return context.evaluationDate ?? context.periodEnd;
}

/** The evaluation deadline for an evaluation called for on `dueOn`. */
export function evaluationDeadline(dueOn: string, policy: ProjectDeadlinePolicy): string {
  return addWorkingDays(dueOn, policy.evaluationWorkingDays, policy.calendar);
}

/** A returned evaluation: a fresh deadline from today, but never an earlier one than it had. */
export function returnedEvaluationDeadline(current: string, today: string, policy: ProjectDeadlinePolicy): string {
  const fresh = evaluationDeadline(today, policy);
  return fresh > current ? fresh : current;
}

/** Whether the project leader owes an evaluation in this state (and may be late with it, and may work on it). */
export function owesEvaluation(state: ProjectState): boolean {
  return (EVALUATION_OWED_STATES as readonly ProjectState[]).includes(state);
}

/** THE definition of an overdue project: its evaluation is owed and its deadline has passed. */
export function isProjectOverdue(state: ProjectState, deadline: string, today: string): boolean {
  return owesEvaluation(state) && deadline < today;
}
