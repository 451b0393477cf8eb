export { ROLES, hasRole } from './actor.js';
export type { Actor, Role } from './actor.js';
export type { RuleViolation } from './rule-violation.js';
export { addWorkingDays, isWorkingDay, workingDaysBetween } from './calendar/working-days.js';
export {
  ACTIVE_PLAN_STAGES,
  PLAN_EVENT_LABELS,
  PLAN_EVENT_TYPES,
  PLAN_STAGES,
  PLAN_STAGE_LABELS,
  PLAN_STATUSES,
} from './plan/plan-types.js';
export type {
  ActivePlanStage,
  CommitmentSignature,
  PlanContext,
  PlanEvent,
  PlanEventType,
  PlanFacts,
  PlanInput,
  PlanStage,
  PlanStatus,
} from './plan/plan-types.js';
export { PLAN_RULES, evaluatePlanRules, stageCompleteness } from './plan/plan-rules.js';
export type { PlanRule, PlanRuleInput, PlanRuleName } from './plan/plan-rules.js';
export { PLAN_EFFECTS, PLAN_TRANSITIONS, findPlanTransition } from './plan/plan-transitions.js';
export type { PlanEffect, PlanTarget, PlanTransition } from './plan/plan-transitions.js';
export { PLAN_MACHINE_ID, PLAN_MACHINE_VERSION, planMachine } from './plan/plan-machine.js';
export type { PlanMachine, PlanRulesGuardParams } from './plan/plan-machine.js';
export { decidePlanEvent, planActions, startPlan, viewPlanState } from './plan/plan-workflow.js';
export type { PersistedPlanState, PlanAction, PlanDecision, PlanStateView } from './plan/plan-workflow.js';
export { PLAN_SECTIONS, PLAN_SECTION_LABELS, PLAN_SECTION_NAMES, diffPlanContent, findOverlaps } from './plan/plan-content.js';
export type { ContentChange, MappedIntervention, PlanContentSnapshot, PlanItemView, PlanSection } from './plan/plan-content.js';
