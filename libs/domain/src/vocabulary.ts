/**
 * The app's vocabulary, from one place: stages, sections, states, events and
 * the enumerations, each with its Danish and English label. The API serves
 * it at GET /api/meta; the web app takes its lists and labels from there.
 */
import { PLAN_SECTIONS, PLAN_SECTION_NAMES } from './plan/plan-content.js';
import type { PlanSection } from './plan/plan-content.js';
import {
  PLAN_EVENT_LABELS,
  PLAN_EVENT_TYPES,
  PLAN_STAGES,
  PLAN_STAGE_LABELS,
  PLAN_STATUSES,
} from './plan/plan-types.js';
import type { PlanStatus } from './plan/plan-types.js';
import {
  EVALUATION_OWED_STATES,
  EVIDENCE_STRENGTHS,
  EVIDENCE_STRENGTH_SCALE,
  FINAL_PROJECT_STATES,
  FUNDING_SOURCES,
  INTERVENTION_KINDS,
  PROJECT_EVENT_LABELS,
  PROJECT_EVENT_RECORDED_LABELS,
  PROJECT_EVENT_TYPES,
  PROJECT_STATE_LABELS,
  RECOMMENDATIONS,
} from './project/project-types.js';
import type { FundingSource, InterventionKind, ProjectState, Recommendation } from './project/project-types.js';
import type { Reason } from './workflow/rules.js';

export type Label = Reason;

/** A plan section's heading, as the plan page shows it. */
export const PLAN_SECTION_TITLES: Record<PlanSection, Label> = {
  mapping: { da: 'Eksisterende indsatser', en: 'Existing interventions' },
  problem: { da: 'Problemer', en: 'Problems' },
  potential: { da: 'Potentialer', en: 'Potentials' },
  indicator: { da: 'Indikatorer og baseline', en: 'Indicators and baseline' },
  goal: { da: 'Mål', en: 'Goals' },
  intervention: { da: 'Valgte indsatser', en: 'Chosen interventions' },
  idea: { da: 'Idékatalog', en: 'Idea catalogue' },
  budget_proposal: { da: 'Budgetforslag', en: 'Budget proposals' },
  budget_decision: { da: 'Budgetbeslutning', en: 'Budget decision' },
  progress_report: { da: 'Fremdriftsrapport', en: 'Progress report' },
};

export const PLAN_STATUS_LABELS: Record<PlanStatus, Label> = {
  drafting: { da: 'under udarbejdelse', en: 'being worked on' },
  submitted: { da: 'indsendt til borgmesterforum', en: "submitted to the mayors' forum" },
};

/** The order in which project states are listed: the way through, then the two endings, then a rejection. */
export const PROJECT_STATE_LIST_ORDER = [
  'proposed',
  'approved',
  'running',
  'evaluationDue',
  'evaluationSubmitted',
  'assessed',
  'scaling',
  'scaledEvaluationDue',
  'scaledEvaluationSubmitted',
  'scaledAssessed',
  'adoptedIntoOperations',
  'terminated',
  'rejected',
] as const satisfies readonly ProjectState[];

export const INTERVENTION_KIND_LABELS: Record<InterventionKind, Label> = {
  core_operations: { da: 'Drift', en: 'Core operations' },
  individual: { da: 'Individrettet', en: 'Individual-oriented' },
  area_based: { da: 'Områdebaseret', en: 'Area-based' },
};

export const FUNDING_SOURCE_LABELS: Record<FundingSource, Label> = {
  base_budget: { da: 'Grundbudget', en: 'Base budget' },
  municipal_pool: { da: 'Kommunal pulje', en: 'Municipal pool' },
  state_pool: { da: 'Statslig pulje', en: 'State pool' },
  housing_association: { da: 'Boligorganisation', en: 'Housing association' },
  other: { da: 'Andet', en: 'Other' },
};

/** The idea catalogue's investments (plan section `idea`). */
export const INVESTMENT_TYPES = ['public', 'private'] as const;
export type InvestmentType = (typeof INVESTMENT_TYPES)[number];
export const INVESTMENT_TYPE_LABELS: Record<InvestmentType, Label> = {
  public: { da: 'Offentlig', en: 'Public' },
  private: { da: 'Privat', en: 'Private' },
};

export const RECOMMENDATION_LABELS: Record<Recommendation, Label> = {
  terminate: { da: 'Afslut projektet', en: 'Terminate the project' },
  scale: { da: 'Skalér til flere områder', en: 'Scale to more areas' },
  adopt: { da: 'Forankr i drift', en: 'Adopt into core operations' },
};

const entries = <K extends string>(ids: readonly K[], labels: Record<K, Label>) =>
  ids.map((id) => ({ id, label: labels[id] }));

/** Everything GET /api/meta serves. */
export function vocabulary() {
  return {
    plan: {
      stages: PLAN_STAGES.map((id) => ({
        id,
        label: PLAN_STAGE_LABELS[id],
        /** The sections worked on in this stage, in order (none for closed). */
        sections: PLAN_SECTION_NAMES.filter((s) => PLAN_SECTIONS[s] === id),
      })),
      statuses: entries(PLAN_STATUSES, PLAN_STATUS_LABELS),
      sections: PLAN_SECTION_NAMES.map((id) => ({ id, stage: PLAN_SECTIONS[id], label: PLAN_SECTION_TITLES[id] })),
      events: entries(PLAN_EVENT_TYPES, PLAN_EVENT_LABELS),
    },
    project: {
      states: PROJECT_STATE_LIST_ORDER.map((id) => ({
        id,
        label: PROJECT_STATE_LABELS[id],
        final: (FINAL_PROJECT_STATES as readonly string[]).includes(id),
        evaluationOwed: (EVALUATION_OWED_STATES as readonly string[]).includes(id),
      })),
      // `label` is the action's (a button), `recorded` the record's once it has happened (the history).
      events: PROJECT_EVENT_TYPES.map((id) => ({
        id,
        label: PROJECT_EVENT_LABELS[id],
        recorded: PROJECT_EVENT_RECORDED_LABELS[id],
      })),
    },
    enums: {
      interventionKinds: entries(INTERVENTION_KINDS, INTERVENTION_KIND_LABELS),
      fundingSources: entries(FUNDING_SOURCES, FUNDING_SOURCE_LABELS),
      evidenceScale: EVIDENCE_STRENGTHS.map((id) => ({
        id,
        rank: EVIDENCE_STRENGTH_SCALE[id].rank,
        label: { da: EVIDENCE_STRENGTH_SCALE[id].da, en: EVIDENCE_STRENGTH_SCALE[id].en },
      })),
      investmentTypes: entries(INVESTMENT_TYPES, INVESTMENT_TYPE_LABELS),
      recommendations: entries(RECOMMENDATIONS, RECOMMENDATION_LABELS),
    },
  };
}

export type Vocabulary = ReturnType<typeof vocabulary>;
