import type { Actor } from '../actor.js';
import type { InterventionKind } from '../project/project-types.js';

/** The development plan's stages in order (identification happens before a plan exists). */
export const PLAN_STAGES = ['mapping', 'analysis', 'planning', 'implementation', 'followUp', 'closed'] as const;
export type PlanStage = (typeof PLAN_STAGES)[number];

/** Stages that are worked on and submitted to the mayors' forum. */
export const ACTIVE_PLAN_STAGES = ['mapping', 'analysis', 'planning', 'implementation', 'followUp'] as const;
export type ActivePlanStage = (typeof ACTIVE_PLAN_STAGES)[number];

/** `drafting`: the stage is being worked on; `submitted`: it awaits the mayors' forum. */
export const PLAN_STATUSES = ['drafting', 'submitted'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_EVENT_TYPES = [
  'SUBMIT',
  'WITHDRAW',
  'APPROVE',
  'APPROVE_WITH_CONDITIONS',
  'RETURN',
  'SIGN_COMMITMENT',
  'SEND_BACK_TO_PLANNING',
  'CLOSE',
] as const;
export type PlanEventType = (typeof PLAN_EVENT_TYPES)[number];

export interface PlanInput {
  coordinatingAdministrationId: string;
  participatingAdministrationIds: string[];
}

export interface CommitmentSignature {
  by: string;
  at: string;
}

export interface PlanContext {
  coordinatingAdministrationId: string;
  /** Always includes the coordinating administration. */
  participatingAdministrationIds: string[];
  /** Who submitted the stage now awaiting the forum; null while drafting. */
  submittedBy: string | null;
  submittedAt: string | null;
  /** Commitment sign-offs by administration id. */
  signatures: Record<string, CommitmentSignature>;
  progressReportsAccepted: number;
}

/** What the service reads from the database so the rules can judge a submission. */
export interface PlanFacts {
  /** Names for messages; covers all participating administrations. */
  administrations: { id: string; name: string }[];
  /** Ids of administrations that have registered at least one intervention in the mapping. */
  administrationsWithMappedInterventions: string[];
  problemCount: number;
  potentialCount: number;
  /** Names of the plan's indicators lacking a baseline value. */
  indicatorsWithoutBaseline: string[];
  /** Number of indicators attached to the plan. */
  indicatorCount: number;
  /** `hasTargetValue`: a target of its own or through the city goal it refines (`planGoalTarget`). */
  goals: { title: string; hasTargetValue: boolean; interventionCount: number }[];
  budgetDecisionRecorded: boolean;
  /** Texts of open condition tasks set by the mayors' forum. */
  openConditions: string[];
  /** Follow-up: a progress report draft exists. */
  progressReportReady: boolean;
  /** The intervention kinds the plan has no chosen intervention of (see plan-mix). */
  missingInterventionKinds?: InterventionKind[];
  /** The municipality's setting: the plan stage requires every kind of intervention. Off when absent. */
  requireInterventionMix?: boolean;
}

interface EventBase {
  actor: Actor;
  /** ISO timestamp of the event. */
  at: string;
}

export type PlanEvent =
  | (EventBase & { type: 'SUBMIT'; facts: PlanFacts })
  | (EventBase & { type: 'WITHDRAW' })
  | (EventBase & { type: 'APPROVE'; comment?: string })
  | (EventBase & { type: 'APPROVE_WITH_CONDITIONS'; conditions: string[]; comment?: string })
  | (EventBase & { type: 'RETURN'; comment: string })
  | (EventBase & { type: 'SIGN_COMMITMENT' })
  | (EventBase & { type: 'SEND_BACK_TO_PLANNING'; comment: string })
  | (EventBase & { type: 'CLOSE'; comment: string });

/** Danish and English names, for messages and user interfaces. */
export const PLAN_STAGE_LABELS: Record<PlanStage, { da: string; en: string }> = {
  mapping: { da: 'Kortlægning', en: 'Mapping' },
  analysis: { da: 'Analyse', en: 'Analysis' },
  planning: { da: 'Udviklingsplan', en: 'Plan' },
  implementation: { da: 'Implementering', en: 'Implementation' },
  followUp: { da: 'Opfølgning', en: 'Follow-up' },
  closed: { da: 'Afsluttet', en: 'Closed' },
};

export const PLAN_EVENT_LABELS: Record<PlanEventType, { da: string; en: string }> = {
  SUBMIT: { da: 'Indsend til borgmesterforum', en: "Submit to the mayors' forum" },
  WITHDRAW: { da: 'Træk indsendelsen tilbage', en: 'Withdraw the submission' },
  APPROVE: { da: 'Godkend', en: 'Approve' },
  APPROVE_WITH_CONDITIONS: { da: 'Godkend med betingelser', en: 'Approve with conditions' },
  RETURN: { da: 'Send retur med bemærkninger', en: 'Return with comments' },
  SIGN_COMMITMENT: { da: 'Underskriv forpligtelsen', en: 'Sign the commitment' },
  SEND_BACK_TO_PLANNING: { da: 'Send tilbage til udviklingsplanen', en: 'Send back to planning' },
  CLOSE: { da: 'Afslut planen med slutevaluering', en: 'Close the plan with the final evaluation' },
};
