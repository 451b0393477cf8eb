/**
 * THE project workflow, declared once. The XState machine is generated from
 * this table (project-machine.ts), and the "why not" explanations read the
 * same rows and evaluate the same named rules (project-rules.ts).
 */
import type { MachineTable } from '../workflow/machine-from-table.js';
import type { ProjectRuleName } from './project-rules.js';
import { FINAL_PROJECT_STATES, PROJECT_STATES } from './project-types.js';
import type { ProjectEventType, ProjectState } from './project-types.js';

/** Context updates a transition performs (implemented as assign actions in the machine). */
export const PROJECT_EFFECTS = [
  'setPeriod',
  'addAreas',
  'countExtension',
  'countScaling',
  'recordEvaluationSubmission',
  'clearEvaluationSubmission',
  'recordReview',
  'clearReview',
  'recordApproval',
  'recordDecision',
  'recordBudgetLine',
] as const;
export type ProjectEffect = (typeof PROJECT_EFFECTS)[number];

export interface ProjectTransition {
  event: ProjectEventType;
  from: ProjectState;
  /** `self`: stays in the state, only updates the context. */
  to: ProjectState | 'self';
  /** All must be met; every violation is reported. */
  rules: readonly ProjectRuleName[];
  effects: readonly ProjectEffect[];
}

const FORUM_AFTER_REVIEW = ['forumMember', 'notReviewer'] as const;

export const PROJECT_TRANSITIONS: readonly ProjectTransition[] = [
  {
    event: 'APPROVE',
    from: 'proposed',
    to: 'approved',
    rules: ['forumMember', 'notProposer'],
    effects: ['recordApproval'],
  },
  {
    event: 'REJECT',
    from: 'proposed',
    to: 'rejected',
    rules: ['forumMember', 'notProposer', 'reasonRequired'],
    effects: ['recordDecision'],
  },
  { event: 'START', from: 'approved', to: 'running', rules: ['ownerStaff'], effects: [] },
  {
    event: 'EXTEND',
    from: 'running',
    to: 'self',
    rules: ['ownerStaff', 'reasonRequired', 'newPeriodValid'],
    effects: ['setPeriod', 'countExtension'],
  },
  {
    event: 'SCALE',
    from: 'running',
    to: 'self',
    rules: ['ownerStaff', 'reasonRequired', 'areasAdded', 'newPeriodValid'],
    effects: ['addAreas', 'setPeriod', 'countScaling'],
  },
  // Sent by the deadline job at the evaluation date (or end date); staff may call for it earlier.
  { event: 'EVALUATION_DUE', from: 'running', to: 'evaluationDue', rules: ['ownerStaffOrSchedule'], effects: [] },
  {
    event: 'SUBMIT_EVALUATION',
    from: 'evaluationDue',
    to: 'evaluationSubmitted',
    rules: ['projectLeader', 'evaluationComplete'],
    effects: ['recordEvaluationSubmission'],
  },
  {
    event: 'RETURN_EVALUATION',
    from: 'evaluationSubmitted',
    to: 'evaluationDue',
    rules: ['ownerStaff', 'commentRequired'],
    effects: ['clearEvaluationSubmission'],
  },
  {
    event: 'ASSESS',
    from: 'evaluationSubmitted',
    to: 'assessed',
    rules: ['ownerStaff', 'notEvaluationSubmitter'],
    effects: ['recordReview'],
  },
  {
    event: 'TERMINATE',
    from: 'assessed',
    to: 'terminated',
    rules: [...FORUM_AFTER_REVIEW, 'reasonRequired'],
    effects: ['recordDecision'],
  },
  {
    event: 'ADOPT',
    from: 'assessed',
    to: 'adoptedIntoOperations',
    rules: [...FORUM_AFTER_REVIEW, 'budgetLineComplete'],
    effects: ['recordDecision', 'recordBudgetLine'],
  },
  // Scaling after the assessment: the project runs on in more areas and is evaluated again, for the scaled
  // period, with its own deadline, submission, return and assessment; the decision after that is terminate or
  // adopt (the cycle's last step: the new method in core operations).
  {
    event: 'SCALE',
    from: 'assessed',
    to: 'scaling',
    rules: [...FORUM_AFTER_REVIEW, 'reasonRequired', 'areasAdded', 'newPeriodValid'],
    effects: ['addAreas', 'setPeriod', 'countScaling', 'clearReview', 'clearEvaluationSubmission'],
  },
  {
    event: 'EXTEND',
    from: 'scaling',
    to: 'self',
    rules: ['ownerStaff', 'reasonRequired', 'newPeriodValid'],
    effects: ['setPeriod', 'countExtension'],
  },
  {
    event: 'SCALE',
    from: 'scaling',
    to: 'self',
    rules: ['ownerStaff', 'reasonRequired', 'areasAdded', 'newPeriodValid'],
    effects: ['addAreas', 'setPeriod', 'countScaling'],
  },
  {
    event: 'EVALUATION_DUE',
    from: 'scaling',
    to: 'scaledEvaluationDue',
    rules: ['ownerStaffOrSchedule'],
    effects: [],
  },
  {
    event: 'SUBMIT_EVALUATION',
    from: 'scaledEvaluationDue',
    to: 'scaledEvaluationSubmitted',
    rules: ['projectLeader', 'evaluationComplete'],
    effects: ['recordEvaluationSubmission'],
  },
  {
    event: 'RETURN_EVALUATION',
    from: 'scaledEvaluationSubmitted',
    to: 'scaledEvaluationDue',
    rules: ['ownerStaff', 'commentRequired'],
    effects: ['clearEvaluationSubmission'],
  },
  {
    event: 'ASSESS',
    from: 'scaledEvaluationSubmitted',
    to: 'scaledAssessed',
    rules: ['ownerStaff', 'notEvaluationSubmitter'],
    effects: ['recordReview'],
  },
  {
    event: 'TERMINATE',
    from: 'scaledAssessed',
    to: 'terminated',
    rules: [...FORUM_AFTER_REVIEW, 'reasonRequired'],
    effects: ['recordDecision'],
  },
  {
    event: 'ADOPT',
    from: 'scaledAssessed',
    to: 'adoptedIntoOperations',
    rules: [...FORUM_AFTER_REVIEW, 'budgetLineComplete'],
    effects: ['recordDecision', 'recordBudgetLine'],
  },
];

export const PROJECT_MACHINE_ID = 'project';

/** The table for the machine generator. */
export const PROJECT_TABLE: MachineTable<ProjectEventType, ProjectRuleName, ProjectEffect> = {
  id: PROJECT_MACHINE_ID,
  states: PROJECT_STATES,
  finalStates: FINAL_PROJECT_STATES,
  rows: PROJECT_TRANSITIONS.map((row) => ({
    event: row.event,
    from: row.from,
    to: row.to === 'self' ? null : row.to,
    rules: row.rules,
    actions: row.effects,
  })),
};

/** The row that handles `event` in `state`, if any (rows never overlap; project-machine.ts checks). */
export function findProjectTransition(event: ProjectEventType, state: ProjectState): ProjectTransition | undefined {
  return PROJECT_TRANSITIONS.find((row) => row.event === event && row.from === state);
}
