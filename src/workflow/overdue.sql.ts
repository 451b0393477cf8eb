/**
 * The domain's definitions of overdue (isPlanOverdue, isProjectOverdue) for
 * queries: list filters and their "overdue first" ordering. Written from the
 * same facts as the domain's functions, so a list and a plan's own `overdue`
 * always agree. `today` is the SQL of the municipality's today (a parameter).
 */
import { EVALUATION_OWED_STATES } from '#domain';

/** A plan is overdue while its stage is being worked on (status drafting; a closed plan has none) past its due date. */
export const planOverdueSql = (alias: string, today: string) =>
  `(${alias}.status = 'drafting' AND ${alias}.stage_due_date IS NOT NULL AND ${alias}.stage_due_date < ${today})`;

/** A project is overdue while its evaluation is owed past its deadline. */
export const projectOverdueSql = (alias: string, today: string) =>
  `(${alias}.state_value IN (${EVALUATION_OWED_STATES.map((s) => `'${s}'`).join(', ')}) AND ` +
  `${alias}.evaluation_deadline < ${today})`;
