import { interventionMix } from './plan-mix.js';
import { planGoalTarget, type RefinedCityGoal } from '../indicators/on-track.js';
import type { PlanFacts } from './plan-types.js';
import type { ActivePlanStage } from './plan-types.js';

/**
 * The content of a development plan, by section. Each section belongs to
 * the stage in which it is worked on: editable while that stage is being
 * drafted, frozen once it is submitted or approved.
 */
export const PLAN_SECTIONS = {
  mapping: 'mapping',
  problem: 'analysis',
  potential: 'analysis',
  indicator: 'analysis',
  goal: 'planning',
  intervention: 'planning',
  idea: 'planning',
  budget_proposal: 'planning',
  budget_decision: 'implementation',
  progress_report: 'followUp',
} as const satisfies Record<string, ActivePlanStage>;

export type PlanSection = keyof typeof PLAN_SECTIONS;
export const PLAN_SECTION_NAMES = Object.keys(PLAN_SECTIONS) as PlanSection[];

export const PLAN_SECTION_LABELS: Record<PlanSection, string> = {
  mapping: 'Kortlægning af eksisterende indsatser',
  problem: 'Problem',
  potential: 'Potentiale',
  indicator: 'Indikator og baseline',
  goal: 'Mål',
  intervention: 'Valgt indsats',
  idea: 'Idékatalog',
  budget_proposal: 'Budgetforslag',
  budget_decision: 'Budgetbeslutning',
  progress_report: 'Fremdriftsrapport',
};

export interface PlanItemView {
  id: string;
  section: PlanSection;
  administrationId: string | null;
  data: Record<string, unknown>;
}

/** A mapped intervention, as far as overlap detection needs it. */
export interface MappedIntervention {
  id: string;
  administrationId: string | null;
  goalIds: string[];
  periodStart: string | null;
  periodEnd: string | null;
}

/**
 * Likely overlaps in a plan's mapping: interventions (in the same area, as
 * they are in one plan) that serve a common goal in overlapping periods but
 * are run by different administrations. Returns, per item, the ids it
 * overlaps with. A missing period end means open-ended.
 */
export function findOverlaps(items: MappedIntervention[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [i, a] of items.entries()) {
    for (const b of items.slice(i + 1)) {
      if (!a.administrationId || !b.administrationId || a.administrationId === b.administrationId) continue;
      if (!a.goalIds.some((g) => b.goalIds.includes(g))) continue;
      if (!periodsOverlap(a, b)) continue;
      (result[a.id] ??= []).push(b.id);
      (result[b.id] ??= []).push(a.id);
    }
  }
  return result;
}

function periodsOverlap(a: MappedIntervention, b: MappedIntervention): boolean {
  const start = (x: MappedIntervention) => x.periodStart ?? '0000-01-01';
  const end = (x: MappedIntervention) => x.periodEnd ?? '9999-12-31';
  return start(a) <= end(b) && start(b) <= end(a);
}

/** A plan's whole content at one moment (what is stored at each gate). */
export interface PlanContentSnapshot {
  plan: Record<string, unknown>;
  items: PlanItemView[];
  conditions: { id: string; text: string; status: string }[];
}

/** What is read of a plan's content, in one query, for the completeness rules. */
export interface PlanContentRead {
  items: readonly PlanItemView[];
  /** Names of the participating administrations. */
  administrations: readonly { id: string; name: string }[];
  /** Texts of the forum's open conditions. */
  openConditions: readonly string[];
  /** Indicator names by id, for the indicators the content names. */
  indicatorNames: Readonly<Record<string, string>>;
  /** The municipality's setting: the plan stage requires every kind of intervention. */
  requireInterventionMix?: boolean;
  /** The city goals the plan's goals refine (`cityGoalId`), by id. */
  cityGoals?: Readonly<Record<string, RefinedCityGoal>>;
}

const asStrings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The facts the completeness rules judge, from the content as read. */
export function planFactsFrom(read: PlanContentRead): PlanFacts {
  const of = (s: PlanSection) => read.items.filter((i) => i.section === s);
  const indicatorItems = of('indicator');
  const interventions = of('intervention');
  const name = (id: unknown) => read.indicatorNames[String(id)] ?? String(id);
  return {
    administrations: read.administrations.map((a) => ({ id: a.id, name: a.name })),
    administrationsWithMappedInterventions: [
      ...new Set(
        of('mapping')
          .map((i) => i.administrationId)
          .filter((x): x is string => x !== null),
      ),
    ],
    problemCount: of('problem').length,
    potentialCount: of('potential').length,
    indicatorCount: indicatorItems.length,
    indicatorsWithoutBaseline: indicatorItems
      .filter((i) => typeof i.data.baselineValue !== 'number')
      .map((i) => name(i.data.indicatorId)),
    goals: of('goal').map((g) => ({
      title: String(g.data.title),
      hasTargetValue:
        planGoalTarget(
          typeof g.data.targetValue === 'number' ? g.data.targetValue : null,
          read.cityGoals?.[String(g.data.cityGoalId)] ?? null,
        ) !== null,
      interventionCount: interventions.filter((i) => asStrings(i.data.goalItemIds).includes(g.id)).length,
    })),
    budgetDecisionRecorded: of('budget_decision').length > 0,
    openConditions: [...read.openConditions],
    progressReportReady: of('progress_report').some((r) => r.data.submittedSeq === undefined),
    missingInterventionKinds: interventionMix(read.items).missingKinds,
    requireInterventionMix: read.requireInterventionMix === true,
  };
}
