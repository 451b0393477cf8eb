export { ROLES, hasRole } from './actor.js';
export type { Actor, Role } from './actor.js';
export type { RuleViolation } from './rule-violation.js';
export { needsAdministration, ownAccountViolations, sameRoles } from './users/own-account.js';
export type { AccountChange } from './users/own-account.js';
export {
  NO_DAYS_OFF,
  addWorkingDays,
  daysOffBetween,
  isWorkingDay,
  isYearlyDay,
  workingDaysBetween,
  weekdayDaysOff,
  dayNumber,
} from './calendar/working-days.js';
export type { CalendarSpec, NonWorkingDays, WorkingCalendar } from './calendar/working-days.js';
export { atLocalHour, isTimeZone, localDay } from './calendar/local-time.js';
export { formatCalendarDate, publicHolidayName, weekdayName } from './calendar/calendar-dates.js';
export type { TextLanguage } from './calendar/calendar-dates.js';
export { deadlineDayViolation } from './plan/deadline-rule.js';
export {
  MESSAGES,
  PLAN_DECISION_RECORD,
  agendaText,
  isMessageKey,
  message,
  notifyText,
  renderMessage,
} from './messages.js';
export type { MessageKey, MessageParams, MessageRef } from './messages.js';
export type { DeadlineViolation } from './plan/deadline-rule.js';
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
export { PLAN_SECTIONS, PLAN_SECTION_LABELS, PLAN_SECTION_NAMES, findOverlaps } from './plan/plan-content.js';
export { PLAN_ITEM_FIELDS, PLAN_ITEM_NOUNS, diffPlanContent, referencedIds } from './plan/plan-diff.js';
export type { ContentChange, DiffNames } from './plan/plan-diff.js';
export { formatDay, formatKroner, formatNumberText } from './text/formats.js';
export type { TextLocale } from './text/formats.js';
export type { MappedIntervention, PlanContentSnapshot, PlanItemView, PlanSection } from './plan/plan-content.js';
export {
  EVALUATION_OWED_STATES,
  PROJECT_RUNNING_STATES,
  SCALED_PROJECT_STATES,
  EVIDENCE_STRENGTHS,
  EVIDENCE_STRENGTH_SCALE,
  FINAL_PROJECT_STATES,
  FUNDING_SOURCES,
  INTERVENTION_KINDS,
  PROJECT_EVENT_LABELS,
  PROJECT_EVENT_RECORDED_LABELS,
  PROJECT_EVENT_TYPES,
  PROJECT_STATES,
  PROJECT_STATE_LABELS,
  RECOMMENDATIONS,
} from './project/project-types.js';
export type {
  BudgetLine,
  EvidenceStrength,
  FundingSource,
  GoalResult,
  IndicatorResult,
  InterventionKind,
  ProjectContext,
  ProjectEvaluation,
  ProjectEvent,
  ProjectEventType,
  ProjectFacts,
  ProjectInput,
  ProjectState,
  Recommendation,
} from './project/project-types.js';
export {
  PROJECT_RULES,
  evaluateProjectRules,
  evaluationCompleteness,
  isCalendarDate,
  projectPeriodViolations,
} from './project/project-rules.js';
export type { ProjectRule, ProjectRuleInput, ProjectRuleName } from './project/project-rules.js';
export { PROJECT_EFFECTS, PROJECT_TRANSITIONS, findProjectTransition } from './project/project-transitions.js';
export type { ProjectEffect, ProjectTransition } from './project/project-transitions.js';
export { PROJECT_MACHINE_ID, PROJECT_MACHINE_VERSION, projectMachine } from './project/project-machine.js';
export type { ProjectMachine, ProjectRulesGuardParams } from './project/project-machine.js';
export {
  decideProjectEvent,
  evaluationDueOn,
  projectActions,
  startProject,
  viewProjectState,
} from './project/project-workflow.js';
export type {
  PersistedProjectState,
  ProjectAction,
  ProjectDecision,
  ProjectStateView,
} from './project/project-workflow.js';
export { decisionLeadTime, leadTimeStats, leadTimeStatsOfCounts } from './project/project-figures.js';
export type { LeadTimeStats } from './project/project-figures.js';
export { comparePeriods, normalisePeriod, periodLabel, periodToYear } from './indicators/period.js';
export type { Period } from './indicators/period.js';
export { indexAgainstCity, round } from './indicators/indicator-index.js';
export { identifyDeprivedAreas } from './indicators/identification.js';
export type {
  Direction,
  IdentificationComponent,
  IdentificationIndicator,
  IdentificationInput,
  IdentificationResult,
  IdentifiedArea,
} from './indicators/identification.js';
export {
  CITY_LEVEL_INDEX,
  GOAL_STATUSES,
  GOAL_STATUS_LABELS,
  cityLevelTarget,
  decimalYear,
  expectedValue,
  goalProgress,
  planGoalTarget,
  planGoalTargetKind,
  relativeTarget,
  slope,
  TARGET_KIND_VALUES,
} from './indicators/on-track.js';
export type {
  GoalProgress,
  GoalProgressInput,
  GoalStatus,
  GoalTrend,
  MeasuredPoint,
  NoDataReason,
  RefinedCityGoal,
  TargetKind,
  YearValue,
} from './indicators/on-track.js';
export {
  IMPORT_COLUMNS,
  IMPORT_COLUMN_ALIASES,
  ImportRowValidator,
  REQUIRED_IMPORT_COLUMNS,
  cellText,
  cityDisplayName,
  cityNames,
  isBlankRow,
  mapImportHeader,
  parseDecimal,
} from './indicators/import-rows.js';
export type {
  ImportColumn,
  ImportColumnMap,
  ImportError,
  ImportReferences,
  ValidMeasurementRow,
} from './indicators/import-rows.js';
export {
  HOUSING_COLUMNS,
  HOUSING_COLUMN_ALIASES,
  HOUSING_CRITERIA,
  HOUSING_CRITERION_LABELS,
  HOUSING_LISTS,
  HOUSING_LIST_LABELS,
  HousingListRowValidator,
  housingAreaKey,
  mapHousingHeader,
  parseHousingList,
  parseMet,
} from './housing/housing-lists.js';
export type {
  HousingColumn,
  HousingColumnMap,
  HousingCriterion,
  HousingList,
  HousingListError,
  HousingListReferences,
  ValidListingRow,
} from './housing/housing-lists.js';
export { readStatbankAnswer, statbankBindingProblems, statbankPeriod, statbankRequest } from './indicators/statbank.js';
export type { StatbankBinding, StatbankRowError, StatbankValue } from './indicators/statbank.js';
export { machineFromTable, findRow } from './workflow/machine-from-table.js';
export type { MachineTable, TableRow, RulesGuardParams } from './workflow/machine-from-table.js';
export { defineWorkflow } from './workflow/workflow.js';
export type {
  PersistedState,
  StateAndContext,
  Workflow,
  WorkflowAction,
  WorkflowDecision,
  WorkflowSpec,
} from './workflow/workflow.js';
export type { AgendaItemKind, Effect, EffectKind, EffectOf, Recipients } from './workflow/effects.js';
export type { Reason } from './workflow/rules.js';
export {
  REFUSALS,
  conditionCloseRefusal,
  interventionWriteRefusal,
  isAdministrator,
  isStaffOf,
  newToolAdministration,
  planStartRefusal,
  projectProposalRefusal,
  toolMoveRefusal,
  toolWriteRefusal,
  withinRoles,
} from './permissions.js';
export { PLAN_WORKFLOW } from './plan/plan-workflow.js';
export { planFactsFrom } from './plan/plan-content.js';
export { interventionMix, interventionMixViolations } from './plan/plan-mix.js';
export type { InterventionMix, MixCell } from './plan/plan-mix.js';
export type { PlanContentRead } from './plan/plan-content.js';
export { editableSections, sectionEditRefusal } from './plan/plan-permissions.js';
export type { PlanEditItem, PlanEditSubject } from './plan/plan-permissions.js';
export { isPlanOverdue, planDeadlineRuns, planStageDueDate } from './plan/plan-deadlines.js';
export type { PlanDeadlinePolicy, PlanDeadlineSubject } from './plan/plan-deadlines.js';
export {
  PLAN_GATE_DECISIONS,
  cleanConditions,
  isGateDecision,
  planDeadlineJobEffects,
  planDeadlineMoveEffects,
  planOutcome,
} from './plan/plan-effects.js';
export type { PlanDeadlineJob, PlanInHand, PlanOutcome, PlanOutcomeInput } from './plan/plan-effects.js';
export { PROJECT_WORKFLOW } from './project/project-workflow.js';
export {
  evaluationDeadline,
  isProjectOverdue,
  owesEvaluation,
  returnedEvaluationDeadline,
} from './project/project-deadlines.js';
export type { ProjectDeadlinePolicy } from './project/project-deadlines.js';
export { evaluationEditRefusal, evaluationEditable } from './project/project-permissions.js';
export {
  PROJECT_FINAL_DECISIONS,
  PROJECT_SCHEDULING_EVENTS,
  projectDeadlineJobEffects,
  projectOutcome,
  projectProposalEffects,
} from './project/project-effects.js';
export type {
  ProjectColumns,
  ProjectDeadlineJob,
  ProjectInHand,
  ProjectOutcome,
  ProjectOutcomeInput,
} from './project/project-effects.js';
export {
  FUNDING_SOURCE_LABELS,
  INTERVENTION_KIND_LABELS,
  INVESTMENT_TYPES,
  INVESTMENT_TYPE_LABELS,
  PLAN_SECTION_TITLES,
  PLAN_STATUS_LABELS,
  PROJECT_STATE_LIST_ORDER,
  RECOMMENDATION_LABELS,
  vocabulary,
} from './vocabulary.js';
export type { InvestmentType, Label, Vocabulary } from './vocabulary.js';
export {
  AGENDA_GROUPS,
  AGENDA_GROUP_LABELS,
  AGENDA_GROUP_QUESTIONS,
  DECISION_PROCEDURES,
  DECISION_PROCEDURE_LABELS,
  JOURNAL_STATES,
  JOURNAL_STATE_LABELS,
  PROJECT_FORUM_DECISIONS,
  agendaGroup,
  archiveRetryDelay,
  creditDecision,
  isProjectForumDecision,
  meetingDateRefusal,
} from './forum/forum-decisions.js';
export type {
  AgendaGroup,
  DecisionCredit,
  DecisionProcedure,
  JournalState,
  MeetingOnDate,
} from './forum/forum-decisions.js';
export { PROJECT_CYCLE_LABELS, PROJECT_CYCLE_STEPS, projectCycle } from './project/project-cycle.js';
export type {
  ProjectCycleEntry,
  ProjectCycleStatus,
  ProjectCycleStep,
  ProjectRecordEntry,
} from './project/project-cycle.js';
export {
  NETWORK_MEMBER_CAPACITIES,
  NETWORK_MEMBER_CAPACITY_LABELS,
  networkHandoverRefusal,
  networkMemberRefusal,
  networkMembershipRefusal,
  networkStartRefusal,
  planWithoutNetworkRefusal,
} from './network/network-permissions.js';
export type {
  NetworkCandidate,
  NetworkCandidateProject,
  NetworkMemberCapacity,
} from './network/network-permissions.js';
export {
  decisionGrantProblem,
  grantsByProposal,
  negotiationMaterial,
  proposalTotals,
  roundCoverage,
} from './budget/budget-round.js';
export type {
  AdministrationGroup,
  AreaGroup,
  IdeaGroup,
  IdeaLine,
  NegotiationMaterial,
  ProposalLine,
  RoundAdministration,
  RoundItem,
  RoundPlan,
  Totals,
  UnlinkedDecision,
} from './budget/budget-round.js';
