/**
 * THE plan workflow, declared once. The XState machine is generated from this
 * table (plan-machine.ts), and the "why not" explanations read the same rows
 * and evaluate the same named rules (plan-rules.ts).
 */
import type { MachineTable, TableRow } from '../workflow/machine-from-table.js';
import type { PlanRuleName } from './plan-rules.js';
import { ACTIVE_PLAN_STAGES, PLAN_STATUSES } from './plan-types.js';
import type { ActivePlanStage, PlanEventType, PlanStatus } from './plan-types.js';

/**
 * Where a transition leads, relative to the stage it starts in:
 * `drafting`/`submitted` of the same stage, the `nextStage`'s drafting, a
 * named stage's drafting, `closed`, or `self` (stays, only updates context).
 */
export type PlanTarget = PlanStatus | 'nextStage' | 'self' | 'closed' | { stage: ActivePlanStage };

/** Context updates a transition performs (implemented as assign actions in the machine). */
export const PLAN_EFFECTS = [
  'recordSubmission',
  'clearSubmission',
  'recordSignature',
  'clearSignatures',
  'countProgressReport',
] as const;
export type PlanEffect = (typeof PLAN_EFFECTS)[number];

export interface PlanTransition {
  event: PlanEventType;
  /** The sub-state of `stages` in which the event applies. */
  from: PlanStatus;
  stages: readonly ActivePlanStage[];
  /** All must be met; every violation is reported. */
  rules: readonly PlanRuleName[];
  to: PlanTarget;
  effects: readonly PlanEffect[];
}

const DECIDING_STAGES = ['mapping', 'analysis', 'planning', 'implementation'] as const;
const FORUM = ['forumMember', 'fourEyes'] as const;

export const PLAN_TRANSITIONS: readonly PlanTransition[] = [
  {
    event: 'SUBMIT',
    from: 'drafting',
    stages: ACTIVE_PLAN_STAGES,
    rules: ['coordinatorStaff', 'noOpenConditions', 'stageComplete'],
    to: 'submitted',
    effects: ['recordSubmission'],
  },
  {
    event: 'WITHDRAW',
    from: 'submitted',
    stages: ACTIVE_PLAN_STAGES,
    rules: ['coordinatorStaff'],
    to: 'drafting',
    effects: ['clearSubmission'],
  },
  {
    event: 'APPROVE',
    from: 'submitted',
    stages: DECIDING_STAGES,
    rules: FORUM,
    to: 'nextStage',
    effects: ['clearSubmission'],
  },
  // In follow-up, approving accepts the recurring progress report.
  {
    event: 'APPROVE',
    from: 'submitted',
    stages: ['followUp'],
    rules: FORUM,
    to: 'drafting',
    effects: ['clearSubmission', 'countProgressReport'],
  },
  {
    event: 'APPROVE_WITH_CONDITIONS',
    from: 'submitted',
    stages: DECIDING_STAGES,
    rules: [...FORUM, 'conditionsRequired'],
    to: 'nextStage',
    effects: ['clearSubmission'],
  },
  {
    event: 'RETURN',
    from: 'submitted',
    stages: ACTIVE_PLAN_STAGES,
    rules: [...FORUM, 'commentRequired'],
    to: 'drafting',
    effects: ['clearSubmission'],
  },
  // Sign-offs run in parallel, in any order, while the plan is being drafted.
  {
    event: 'SIGN_COMMITMENT',
    from: 'drafting',
    stages: ['planning'],
    rules: ['staff', 'administrationParticipates', 'notYetSigned'],
    to: 'self',
    effects: ['recordSignature'],
  },
  // Course correction: the commitments must be signed again.
  {
    event: 'SEND_BACK_TO_PLANNING',
    from: 'submitted',
    stages: ['followUp'],
    rules: [...FORUM, 'commentRequired'],
    to: { stage: 'planning' },
    effects: ['clearSubmission', 'clearSignatures'],
  },
  // The final evaluation closes the plan.
  {
    event: 'CLOSE',
    from: 'submitted',
    stages: ['followUp'],
    rules: [...FORUM, 'commentRequired'],
    to: 'closed',
    effects: ['clearSubmission'],
  },
];

export const PLAN_MACHINE_ID = 'plan';

function targetOf(row: PlanTransition, stage: ActivePlanStage): string | null {
  const to = row.to;
  if (to === 'self') return null;
  if (to === 'closed') return 'closed';
  if (to === 'nextStage') {
    const next = ACTIVE_PLAN_STAGES[ACTIVE_PLAN_STAGES.indexOf(stage) + 1];
    if (!next) throw new Error(`${row.event}: stage ${stage} has no next stage`);
    return `${next}.drafting`;
  }
  if (typeof to === 'object') return `${to.stage}.drafting`;
  return `${stage}.${to}`;
}

/** The table for the machine generator: each row once per stage it applies in, with its states as paths. */
export const PLAN_TABLE: MachineTable<PlanEventType, PlanRuleName, PlanEffect> = {
  id: PLAN_MACHINE_ID,
  states: [...ACTIVE_PLAN_STAGES.flatMap((stage) => PLAN_STATUSES.map((status) => `${stage}.${status}`)), 'closed'],
  finalStates: ['closed'],
  rows: PLAN_TRANSITIONS.flatMap((row) =>
    row.stages.map((stage): TableRow<PlanEventType, PlanRuleName, PlanEffect> => ({
      event: row.event,
      from: `${stage}.${row.from}`,
      to: targetOf(row, stage),
      rules: row.rules,
      actions: row.effects,
    })),
  ),
};

/** The row that handles `event` in `stage`.`status`, if any (rows never overlap; plan-machine.ts checks). */
export function findPlanTransition(
  event: PlanEventType,
  stage: ActivePlanStage,
  status: PlanStatus,
): PlanTransition | undefined {
  return PLAN_TRANSITIONS.find((row) => row.event === event && row.from === status && row.stages.includes(stage));
}
