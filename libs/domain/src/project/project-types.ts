import type { Actor } from '../actor.js';

/**
 * The project's way (the Young Foundation cycle in the policy: problem →
 * proposal → intervention → evaluation → scaling → new method in core
 * operations): proposed → approved | rejected → running → evaluation due →
 * evaluation submitted (returned → due again) → assessed → terminated |
 * adopted into operations | scaled. A scaled project runs in its wider areas
 * and is evaluated again for the scaled period (scaling → scaled evaluation
 * due → submitted, returned → assessed), and the decision after that is
 * terminate or adopt. (Machine version 1 had no scaled states: its scaled
 * projects ran again in `running`, and such a project goes on that way.)
 */
export const PROJECT_STATES = [
  'proposed',
  'approved',
  'rejected',
  'running',
  'evaluationDue',
  'evaluationSubmitted',
  'assessed',
  'scaling',
  'scaledEvaluationDue',
  'scaledEvaluationSubmitted',
  'scaledAssessed',
  'terminated',
  'adoptedIntoOperations',
] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];

/** States a project never leaves. */
export const FINAL_PROJECT_STATES = [
  'rejected',
  'terminated',
  'adoptedIntoOperations',
] as const satisfies readonly ProjectState[];

/** States in which the project leader owes an evaluation (and may be late with it). */
export const EVALUATION_OWED_STATES = [
  'running',
  'evaluationDue',
  'scaling',
  'scaledEvaluationDue',
] as const satisfies readonly ProjectState[];

/** States in which the project runs and its evaluation is called for when the evaluation date comes. */
export const PROJECT_RUNNING_STATES = ['running', 'scaling'] as const satisfies readonly ProjectState[];

/** The steps of the scaled period (the second round of the cycle), in order. */
export const SCALED_PROJECT_STATES = [
  'scaling',
  'scaledEvaluationDue',
  'scaledEvaluationSubmitted',
  'scaledAssessed',
] as const satisfies readonly ProjectState[];

export const PROJECT_EVENT_TYPES = [
  'APPROVE',
  'REJECT',
  'START',
  'EXTEND',
  'SCALE',
  'EVALUATION_DUE',
  'SUBMIT_EVALUATION',
  'RETURN_EVALUATION',
  'ASSESS',
  'TERMINATE',
  'ADOPT',
] as const;
export type ProjectEventType = (typeof PROJECT_EVENT_TYPES)[number];

/** Funding sources of interventions and projects. Projects are funded outside the base budget as a rule. */
export const FUNDING_SOURCES = ['base_budget', 'municipal_pool', 'state_pool', 'housing_association', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** The three kinds of intervention (indsats) in the policy. */
export const INTERVENTION_KINDS = ['core_operations', 'individual', 'area_based'] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

/**
 * The stated scale of evidence strength, weakest first (rank 1–5). An
 * evaluation names the strongest kind of evidence it rests on.
 */
export const EVIDENCE_STRENGTHS = [
  'anecdotal',
  'descriptive',
  'before_after',
  'comparison_group',
  'controlled',
] as const;
export type EvidenceStrength = (typeof EVIDENCE_STRENGTHS)[number];

export const EVIDENCE_STRENGTH_SCALE: Record<EvidenceStrength, { rank: number; da: string; en: string }> = {
  anecdotal: { rank: 1, da: 'Enkeltfortællinger og indtryk', en: 'Anecdotes and impressions' },
  descriptive: {
    rank: 2,
    da: 'Systematisk beskrivelse af aktiviteter og deltagere (uden sammenligning)',
    en: 'Systematic description of activities and participants (no comparison)',
  },
  before_after: {
    rank: 3,
    da: 'Før- og eftermåling hos deltagerne',
    en: 'Measured before and after among the participants',
  },
  comparison_group: {
    rank: 4,
    da: 'Sammenligning med en lignende gruppe eller et lignende område uden indsatsen',
    en: 'Compared with a similar group or area without the intervention',
  },
  controlled: {
    rank: 5,
    da: 'Kontrolleret forsøg (tilfældig fordeling eller tilsvarende)',
    en: 'Controlled trial (random assignment or equivalent)',
  },
};

/** What the evaluation recommends the mayors' forum to decide. */
export const RECOMMENDATIONS = ['terminate', 'scale', 'adopt'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export interface GoalResult {
  goalId: string;
  /** What the project achieved against the goal. */
  description: string;
  /** A measured value, when the goal has one. */
  value?: number | null;
}

export interface IndicatorResult {
  indicatorId: string;
  /** The measured value; either this or a description is needed. */
  value?: number | null;
  description?: string | null;
}

/** The structured evaluation (a draft may lack any of it; a submission may not). */
export interface ProjectEvaluation {
  goalResults: GoalResult[];
  indicatorResults: IndicatorResult[];
  evidenceStrength: EvidenceStrength | null;
  evidenceNote?: string | null;
  /** What the project has cost, in DKK. */
  costsDkk: number | null;
  whatWorked: string | null;
  whatDidNotWork: string | null;
  recommendation: Recommendation | null;
  recommendationNote?: string | null;
}

/** The base-budget line that carries an adopted project (administration, yearly amount, first budget year). */
export interface BudgetLine {
  administrationId: string;
  yearlyAmountDkk: number;
  firstBudgetYear: number;
}

export interface ProjectInput {
  owningAdministrationId: string;
  projectLeaderId: string;
  proposedBy: string;
  /** YYYY-MM-DD */
  periodStart: string;
  periodEnd: string;
  /** An evaluation earlier than the end date, if set (≤ periodEnd). */
  evaluationDate: string | null;
  areaIds: string[];
}

/** The project's input, as it stands after extensions and scalings, plus what the workflow records. */
export interface ProjectContext extends ProjectInput {
  /** The current round's evaluation submission; cleared when it is returned or the project is scaled. */
  evaluationSubmittedBy: string | null;
  evaluationSubmittedAt: string | null;
  /** How many evaluations have been submitted, over all rounds. */
  evaluationSubmissions: number;
  /** Who assessed (reviewed) the evaluation: the decision must be someone else's (four eyes). */
  reviewedBy: string | null;
  reviewedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  extensions: number;
  scalings: number;
  /** Set on adoption. */
  budgetLine: BudgetLine | null;
  /** Who made the final decision (reject, terminate, adopt), and when. */
  decidedBy: string | null;
  decidedAt: string | null;
}

/** What the service reads from the database so the rules can judge an evaluation. */
export interface ProjectFacts {
  /** The goals the project serves, with titles for messages. */
  goals: { id: string; title: string }[];
  /** The indicators the project serves (its goals' indicators and any named on the project). */
  indicators: { id: string; name: string }[];
  /** The saved draft, or null when none has been saved. */
  evaluation: ProjectEvaluation | null;
}

interface EventBase {
  actor: Actor;
  /** ISO timestamp of the event. */
  at: string;
}

/**
 * A new period: the end date, and optionally a new (earlier) evaluation date; without one, the evaluation follows the
 * end date.
 */
interface NewPeriod {
  newEndDate: string;
  evaluationDate?: string | null;
}

export type ProjectEvent =
  | (EventBase & { type: 'APPROVE'; comment?: string })
  | (EventBase & { type: 'REJECT'; reason: string })
  | (EventBase & { type: 'START' })
  | (EventBase & NewPeriod & { type: 'EXTEND'; reason: string })
  | (EventBase & NewPeriod & { type: 'SCALE'; addAreaIds: string[]; reason: string })
  /** `bySchedule`: sent by the deadline job when the evaluation date (or end date) is reached. */
  | (EventBase & { type: 'EVALUATION_DUE'; bySchedule?: boolean })
  | (EventBase & { type: 'SUBMIT_EVALUATION'; facts: ProjectFacts })
  | (EventBase & { type: 'RETURN_EVALUATION'; comment: string })
  | (EventBase & { type: 'ASSESS'; comment?: string })
  | (EventBase & { type: 'TERMINATE'; reason: string })
  | (EventBase & { type: 'ADOPT'; budgetLine: Partial<BudgetLine> | null; comment?: string });

/** Danish and English names, for messages and user interfaces. */
export const PROJECT_STATE_LABELS: Record<ProjectState, { da: string; en: string }> = {
  proposed: { da: 'Foreslået', en: 'Proposed' },
  approved: { da: 'Godkendt', en: 'Approved' },
  rejected: { da: 'Afvist', en: 'Rejected' },
  running: { da: 'I gang', en: 'Running' },
  evaluationDue: { da: 'Evaluering skal afleveres', en: 'Evaluation due' },
  evaluationSubmitted: { da: 'Evaluering afleveret', en: 'Evaluation submitted' },
  assessed: { da: 'Vurderet, afventer beslutning', en: 'Assessed, awaiting decision' },
  scaling: { da: 'Skaleret, i gang', en: 'Scaled, running' },
  scaledEvaluationDue: { da: 'Evaluering af skaleringen skal afleveres', en: 'Evaluation of the scaling due' },
  scaledEvaluationSubmitted: { da: 'Evaluering af skaleringen afleveret', en: 'Evaluation of the scaling submitted' },
  scaledAssessed: {
    da: 'Skalering vurderet, afventer beslutning',
    en: 'Scaling assessed, awaiting decision',
  },
  terminated: { da: 'Afsluttet', en: 'Terminated' },
  adoptedIntoOperations: { da: 'Forankret i drift', en: 'Adopted into core operations' },
};

export const PROJECT_EVENT_LABELS: Record<ProjectEventType, { da: string; en: string }> = {
  APPROVE: { da: 'Godkend projektet', en: 'Approve the project' },
  REJECT: { da: 'Afvis projektet', en: 'Reject the project' },
  START: { da: 'Start projektet', en: 'Start the project' },
  EXTEND: { da: 'Forlæng perioden', en: 'Extend the period' },
  SCALE: { da: 'Skalér til flere områder', en: 'Scale to more areas' },
  EVALUATION_DUE: { da: 'Kræv evalueringen', en: 'Call for the evaluation' },
  SUBMIT_EVALUATION: { da: 'Aflever evalueringen', en: 'Submit the evaluation' },
  RETURN_EVALUATION: { da: 'Send evalueringen retur', en: 'Return the evaluation' },
  ASSESS: { da: 'Vurdér evalueringen', en: 'Assess the evaluation' },
  TERMINATE: { da: 'Afslut projektet', en: 'Terminate the project' },
  ADOPT: { da: 'Forankr i drift', en: 'Adopt into core operations' },
};

/** What the record says once an event has happened (the history's wording, not the button's). */
export const PROJECT_EVENT_RECORDED_LABELS: Record<ProjectEventType, { da: string; en: string }> = {
  APPROVE: { da: 'Projektet er godkendt', en: 'The project was approved' },
  REJECT: { da: 'Projektet er afvist', en: 'The project was rejected' },
  START: { da: 'Projektet er startet', en: 'The project was started' },
  EXTEND: { da: 'Perioden er forlænget', en: 'The period was extended' },
  SCALE: { da: 'Projektet er skaleret til flere områder', en: 'The project was scaled to more areas' },
  EVALUATION_DUE: { da: 'Evalueringen er krævet', en: 'The evaluation was called for' },
  SUBMIT_EVALUATION: { da: 'Evalueringen er afleveret', en: 'The evaluation was submitted' },
  RETURN_EVALUATION: { da: 'Evalueringen er sendt retur', en: 'The evaluation was returned' },
  ASSESS: { da: 'Evalueringen er vurderet', en: 'The evaluation was assessed' },
  TERMINATE: { da: 'Projektet er afsluttet', en: 'The project was terminated' },
  ADOPT: { da: 'Projektet er forankret i drift', en: 'The project was adopted into core operations' },
};
