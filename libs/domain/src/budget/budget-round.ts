import type { PlanItemView } from '../plan/plan-content.js';

/**
 * A budget round (budgetrunde): the plans prepared for one budget year go
 * into the municipality's budget negotiations "som et kvalificeret grundlag".
 * A plan belongs to the round of its budget year. What the negotiations get
 * is computed here: the round's budget proposals grouped by administration
 * and area, with amounts per year, the goals they serve and, once the budget
 * is decided, what was granted; and the idea catalogue across the plans.
 */

/** A plan of the round, as far as the material needs it. */
export interface RoundPlan {
  id: string;
  title: string;
  areaId: string;
  areaName: string;
}

export interface RoundAdministration {
  id: string;
  code: string;
  name: string;
}

/** Plan content items of the round's plans (budget proposals and decisions, ideas, goals), each with its plan. */
export type RoundItem = PlanItemView & { planId: string };

export interface Amounts {
  asked: number;
  granted: number;
}

export interface ProposalLine {
  id: string;
  planId: string;
  planTitle: string;
  areaId: string;
  areaName: string;
  administrationId: string | null;
  description: string;
  budgetYear: number;
  asked: number;
  /** The sum granted by the decisions that name this proposal; null while none does. */
  granted: number | null;
  /** The titles of the plan's goals the proposal serves. */
  goals: string[];
  decisions: { id: string; reference: string; decidedOn: string; amountGranted: number }[];
}

export interface Totals extends Amounts {
  /** Asked and granted per budget year (the proposals' years), ascending. */
  byYear: ({ year: number } & Amounts)[];
  proposals: number;
  /** Proposals a decision has answered (granted, possibly 0). */
  decided: number;
}

export interface AreaGroup {
  areaId: string;
  areaName: string;
  proposals: ProposalLine[];
  totals: Totals;
}

export interface AdministrationGroup {
  administrationId: string | null;
  administrationCode: string;
  administrationName: string;
  areas: AreaGroup[];
  totals: Totals;
}

export interface IdeaLine {
  id: string;
  planId: string;
  planTitle: string;
  areaName: string;
  administrationCode: string;
  title: string;
  description: string;
  estimatedAmount: number | null;
}

export interface IdeaGroup {
  investmentType: string;
  ideas: IdeaLine[];
  /** Sum of the estimated amounts stated. */
  estimatedTotal: number;
  withoutEstimate: number;
}

/** A decision record that names no proposal (recorded before decisions did, or covering something else). */
export interface UnlinkedDecision {
  id: string;
  planId: string;
  planTitle: string;
  reference: string;
  decidedOn: string;
  amount: number;
}

export interface NegotiationMaterial {
  budgetYear: number;
  years: number[];
  administrations: AdministrationGroup[];
  totals: Totals;
  ideas: IdeaGroup[];
  unlinkedDecisions: UnlinkedDecision[];
}

const NO_ADMINISTRATION: RoundAdministration = { id: '', code: '–', name: 'Uden forvaltning' };

/** DKK in øre, so that sums of amounts with decimals stay exact. */
const ore = (dkk: number) => Math.round(dkk * 100);
const dkk = (ore: number) => ore / 100;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown) => (typeof v === 'string' ? v : '');
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Per proposal id, the decisions (of the same plan) that grant something for it. */
export function grantsByProposal(items: readonly RoundItem[]): Map<string, ProposalLine['decisions']> {
  const proposals = new Map(items.filter((i) => i.section === 'budget_proposal').map((i) => [i.id, i.planId]));
  const result = new Map<string, ProposalLine['decisions']>();
  for (const d of items.filter((i) => i.section === 'budget_decision')) {
    const proposalId = text(d.data.proposalItemId);
    const granted = num(d.data.amountGranted);
    if (!proposalId || granted === null || proposals.get(proposalId) !== d.planId) continue;
    const list = result.get(proposalId) ?? [];
    list.push({
      id: d.id,
      reference: text(d.data.reference),
      decidedOn: text(d.data.decidedOn),
      amountGranted: granted,
    });
    result.set(proposalId, list);
  }
  return result;
}

/** Asked vs granted over proposal lines: in total, per budget year, and how many were decided. */
export function proposalTotals(lines: readonly ProposalLine[]): Totals {
  const byYear = new Map<number, { asked: number; granted: number }>();
  let asked = 0;
  let granted = 0;
  for (const l of lines) {
    const year = byYear.get(l.budgetYear) ?? { asked: 0, granted: 0 };
    year.asked += ore(l.asked);
    year.granted += ore(l.granted ?? 0);
    byYear.set(l.budgetYear, year);
    asked += ore(l.asked);
    granted += ore(l.granted ?? 0);
  }
  return {
    asked: dkk(asked),
    granted: dkk(granted),
    byYear: [...byYear.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, a]) => ({ year, asked: dkk(a.asked), granted: dkk(a.granted) })),
    proposals: lines.length,
    decided: lines.filter((l) => l.granted !== null).length,
  };
}

const byName =
  <T>(name: (x: T) => string) =>
  (a: T, b: T) =>
    name(a).localeCompare(name(b), 'da');

/**
 * The material for the budget negotiations: every budget proposal of the
 * round's plans, by administration (the one that contributed it) and then
 * area, with what was asked and granted; the idea catalogue by type of
 * investment (public, private) across the plans; decisions that name no
 * proposal. Administrations and areas in alphabetical (Danish) order.
 */
export function negotiationMaterial(input: {
  budgetYear: number;
  plans: readonly RoundPlan[];
  items: readonly RoundItem[];
  administrations: readonly RoundAdministration[];
  investmentTypes: readonly string[];
}): NegotiationMaterial {
  const plans = new Map(input.plans.map((p) => [p.id, p]));
  const items = input.items.filter((i) => plans.has(i.planId));
  const admins = new Map(input.administrations.map((a) => [a.id, a]));
  const admin = (id: string | null) => (id ? admins.get(id) : undefined) ?? NO_ADMINISTRATION;
  const goalTitles = new Map(items.filter((i) => i.section === 'goal').map((g) => [g.id, text(g.data.title)]));
  const grants = grantsByProposal(items);

  const lines: ProposalLine[] = items
    .filter((i) => i.section === 'budget_proposal')
    .map((p) => {
      const plan = plans.get(p.planId)!;
      const decisions = grants.get(p.id) ?? [];
      return {
        id: p.id,
        planId: plan.id,
        planTitle: plan.title,
        areaId: plan.areaId,
        areaName: plan.areaName,
        administrationId: p.administrationId,
        description: text(p.data.description),
        budgetYear: num(p.data.budgetYear) ?? input.budgetYear,
        asked: num(p.data.amount) ?? 0,
        granted: decisions.length ? dkk(decisions.reduce((s, d) => s + ore(d.amountGranted), 0)) : null,
        goals: strings(p.data.goalItemIds)
          .map((id) => goalTitles.get(id))
          .filter((t): t is string => t !== undefined),
        decisions,
      };
    });

  const adminGroups = new Map<string, ProposalLine[]>();
  for (const l of lines) {
    const key = admin(l.administrationId).id;
    adminGroups.set(key, [...(adminGroups.get(key) ?? []), l]);
  }
  const administrations: AdministrationGroup[] = [...adminGroups.entries()]
    .map(([key, own]) => {
      const a = admin(key || null);
      const areaGroups = new Map<string, ProposalLine[]>();
      for (const l of own) areaGroups.set(l.areaId, [...(areaGroups.get(l.areaId) ?? []), l]);
      return {
        administrationId: key || null,
        administrationCode: a.code,
        administrationName: a.name,
        areas: [...areaGroups.values()]
          .map((ls) => ({ areaId: ls[0].areaId, areaName: ls[0].areaName, proposals: ls, totals: proposalTotals(ls) }))
          .sort(byName((g) => g.areaName)),
        totals: proposalTotals(own),
      };
    })
    .sort(byName((g) => g.administrationName));

  const ideaLines = items
    .filter((i) => i.section === 'idea')
    .map((i) => {
      const plan = plans.get(i.planId)!;
      return {
        type: text(i.data.investmentType),
        line: {
          id: i.id,
          planId: plan.id,
          planTitle: plan.title,
          areaName: plan.areaName,
          administrationCode: admin(i.administrationId).code,
          title: text(i.data.title),
          description: text(i.data.description),
          estimatedAmount: num(i.data.estimatedAmount),
        },
      };
    });
  const ideas: IdeaGroup[] = input.investmentTypes.map((type) => {
    const own = ideaLines
      .filter((x) => x.type === type)
      .map((x) => x.line)
      .sort(byName((l) => `${l.areaName}\u0000${l.title}`));
    return {
      investmentType: type,
      ideas: own,
      estimatedTotal: dkk(own.reduce((s, l) => s + ore(l.estimatedAmount ?? 0), 0)),
      withoutEstimate: own.filter((l) => l.estimatedAmount === null).length,
    };
  });

  const unlinkedDecisions = items
    .filter((i) => i.section === 'budget_decision' && !grantedFor(i, lines))
    .map((d) => ({
      id: d.id,
      planId: d.planId,
      planTitle: plans.get(d.planId)!.title,
      reference: text(d.data.reference),
      decidedOn: text(d.data.decidedOn),
      amount: num(d.data.amount) ?? 0,
    }));

  const totals = proposalTotals(lines);
  return {
    budgetYear: input.budgetYear,
    years: totals.byYear.map((y) => y.year),
    administrations,
    totals,
    ideas,
    unlinkedDecisions,
  };
}

function grantedFor(decision: RoundItem, lines: readonly ProposalLine[]): boolean {
  return lines.some((l) => l.decisions.some((d) => d.id === decision.id));
}

/**
 * Which of the round's areas have no plan for it yet, and which plans of the
 * budget year are for an area the round does not name (they still belong to
 * the round: a plan joins the round of its budget year).
 */
export function roundCoverage(
  areaIds: readonly string[],
  plans: readonly { id: string; areaId: string }[],
): { areasWithoutPlan: string[]; plansOutsideAreas: string[] } {
  const planned = new Set(plans.map((p) => p.areaId));
  return {
    areasWithoutPlan: areaIds.filter((a) => !planned.has(a)),
    plansOutsideAreas: plans.filter((p) => !areaIds.includes(p.areaId)).map((p) => p.id),
  };
}

/**
 * The rule for a decision item's link to a proposal: it names a budget
 * proposal of the same plan, and then says how much was granted for it; an
 * amount granted names the proposal it was granted for. Null when it holds.
 */
export function decisionGrantProblem(
  data: Record<string, unknown>,
  proposalIdsOfPlan: readonly string[],
): { field: string; message: string } | null {
  const proposalId = data.proposalItemId;
  const granted = data.amountGranted;
  const hasProposal = typeof proposalId === 'string' && proposalId !== '';
  const hasGranted = granted !== undefined && granted !== null;
  if (hasProposal && !proposalIdsOfPlan.includes(proposalId))
    return { field: 'data.proposalItemId', message: "must be the id of one of this plan's budget proposals" };
  if (hasProposal && !hasGranted)
    return { field: 'data.amountGranted', message: 'must say how much was granted for the proposal (DKK, 0 or more)' };
  if (!hasProposal && hasGranted)
    return { field: 'data.proposalItemId', message: 'must name the budget proposal the amount was granted for' };
  return null;
}
