/**
 * THE plan workflow, declared once. The XState machine is generated from this
 * table (plan-machine.ts), and the "why not" explanations read the same rows
 * and evaluate the same named rules (plan-rules.ts).
 */
import type { PlanRuleName } from './plan-rules.js';
import { ACTIVE_PLAN_STAGES } from './plan-types.js';
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

/** The row that handles `event` in `stage`.`status`, if any (rows never overlap; plan-machine.ts checks). */
export function findPlanTransition(
  event: PlanEventType,
  stage: ActivePlanStage,
  status: PlanStatus,
): PlanTransition | undefined {
  return PLAN_TRANSITIONS.find((row) => row.event === event && row.from === status && row.stages.includes(stage));
}
