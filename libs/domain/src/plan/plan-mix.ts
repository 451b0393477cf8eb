/**
 * The mix of interventions in a development plan. The policy's core is to
 * combine core operations (drift), individual-oriented and area-based
 * interventions; a plan shows its mix of chosen interventions (section
 * `intervention`): count and funding per kind, for the plan and per goal.
 * A municipality may make the mix a completeness rule of the plan stage
 * (the setting `requireInterventionMix`, off by default): then the plan
 * needs at least one chosen intervention of every kind.
 */
import { FUNDING_SOURCES, INTERVENTION_KINDS } from '../project/project-types.js';
import type { FundingSource, InterventionKind } from '../project/project-types.js';
import type { RuleViolation } from '../rule-violation.js';
import { violation } from '../workflow/rules.js';
import type { PlanItemView } from './plan-content.js';

export interface MixCell {
  count: number;
  /** The yearly amounts (DKK) of the interventions that state one. */
  yearlyAmountDkk: number;
  /** Interventions without a stated amount (their funding is not in the sum). */
  withoutAmount: number;
  /** Yearly amounts by funding source (only the sources that occur). */
  bySource: Partial<Record<FundingSource | 'unstated', number>>;
}

export interface InterventionMix {
  /** Per kind, every kind listed (a kind with none has count 0). */
  kinds: Record<InterventionKind, MixCell>;
  total: MixCell;
  /** Per goal of the plan, in the plan's order: the same per kind. */
  goals: { goalItemId: string; title: string; kinds: Record<InterventionKind, MixCell>; total: MixCell }[];
  /** Chosen interventions serving none of the plan's goals. */
  withoutGoal: number;
  /** The kinds the plan has no chosen intervention of. */
  missingKinds: InterventionKind[];
}

const emptyCell = (): MixCell => ({ count: 0, yearlyAmountDkk: 0, withoutAmount: 0, bySource: {} });
const emptyKinds = () =>
  Object.fromEntries(INTERVENTION_KINDS.map((k) => [k, emptyCell()])) as Record<InterventionKind, MixCell>;

function isKind(v: unknown): v is InterventionKind {
  return typeof v === 'string' && (INTERVENTION_KINDS as readonly string[]).includes(v);
}

function add(cell: MixCell, item: PlanItemView): void {
  cell.count += 1;
  const amount = item.data.yearlyAmountDkk;
  const source =
    typeof item.data.fundingSource === 'string' &&
    (FUNDING_SOURCES as readonly string[]).includes(item.data.fundingSource)
      ? (item.data.fundingSource as FundingSource)
      : 'unstated';
  if (typeof amount === 'number' && Number.isFinite(amount)) {
    cell.yearlyAmountDkk += amount;
    cell.bySource[source] = (cell.bySource[source] ?? 0) + amount;
  } else {
    cell.withoutAmount += 1;
  }
}

/** The plan's mix, from its content items (any order; goals keep the order given). */
export function interventionMix(items: readonly PlanItemView[]): InterventionMix {
  const goals = items.filter((i) => i.section === 'goal');
  const chosen = items.filter((i) => i.section === 'intervention' && isKind(i.data.kind));
  const kinds = emptyKinds();
  const total = emptyCell();
  const perGoal = goals.map((g) => ({
    goalItemId: g.id,
    title: String(g.data.title ?? ''),
    kinds: emptyKinds(),
    total: emptyCell(),
  }));
  let withoutGoal = 0;
  for (const item of chosen) {
    const kind = item.data.kind as InterventionKind;
    add(kinds[kind], item);
    add(total, item);
    const served = Array.isArray(item.data.goalItemIds) ? item.data.goalItemIds : [];
    let servesOne = false;
    for (const goal of perGoal) {
      if (!served.includes(goal.goalItemId)) continue;
      servesOne = true;
      add(goal.kinds[kind], item);
      add(goal.total, item);
    }
    if (!servesOne) withoutGoal += 1;
  }
  return {
    kinds,
    total,
    goals: perGoal,
    withoutGoal,
    missingKinds: INTERVENTION_KINDS.filter((k) => kinds[k].count === 0),
  };
}

const KIND_NAMES: Record<InterventionKind, { da: string; en: string }> = {
  core_operations: { da: 'drift', en: 'core operations' },
  individual: { da: 'individrettet', en: 'individual-oriented' },
  area_based: { da: 'områdebaseret', en: 'area-based' },
};

/** The completeness rule of the mix: one violation per kind the plan lacks (only when the municipality asks). */
export function interventionMixViolations(
  missingKinds: readonly InterventionKind[],
  required: boolean,
): RuleViolation[] {
  if (!required) return [];
  return missingKinds.map((kind) =>
    violation(
      'PLAN_INTERVENTION_KIND_MISSING',
      `Udviklingsplanen har ingen valgt indsats af typen »${KIND_NAMES[kind].da}«. Kommunen kræver, at planen ` +
        'kombinerer drift, individrettede og områdebaserede indsatser.',
      `The plan has no chosen intervention of the kind "${KIND_NAMES[kind].en}". The municipality requires a plan ` +
        'to combine core operations, individual-oriented and area-based interventions.',
    ),
  );
}
