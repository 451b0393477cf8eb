/**
 * What changed in a plan's content between two moments (two gate versions, or a gate version and now), in words
 * a person reads as the record: the section, the item's title, the field's label, the old and the new value in the
 * reader's formats. Never an internal field name, an id, JSON or an ISO date; the workflow's own bookkeeping (the
 * stage, its deadline) is the history's business, not the content's, and is left out.
 */
import { formatDay, formatKroner, formatNumberText, type TextLocale } from '../text/formats.js';
import { INTERVENTION_KIND_LABELS, INVESTMENT_TYPE_LABELS, type Label } from '../vocabulary.js';
import type { CommitmentSignature } from './plan-types.js';
import type { PlanContentSnapshot, PlanItemView, PlanSection } from './plan-content.js';

export interface ContentChange {
  kind: 'added' | 'removed' | 'changed';
  /** Where: "plan", a section name, or "conditions". */
  section: string;
  id: string;
  field?: string;
  before?: unknown;
  after?: unknown;
  /** One line a person can read, in Danish. */
  summary: string;
  /** The same line in English. */
  summaryEn: string;
}

/** Names for the ids a plan's content refers to (administrations by their short name, e.g. "BIF"). */
export interface DiffNames {
  administrations?: Readonly<Record<string, string>>;
  indicators?: Readonly<Record<string, string>>;
  /** The city's goals (a mapped intervention's goals, a plan goal's city goal). */
  goals?: Readonly<Record<string, string>>;
  /** Interventions in the register. */
  interventions?: Readonly<Record<string, string>>;
}

type ValueKind =
  | 'text'
  | 'date'
  | 'kroner'
  | 'number'
  | 'year'
  | 'interventionKind'
  | 'investmentType'
  | 'cityGoals'
  | 'cityGoal'
  | 'planGoals'
  | 'indicator'
  | 'registered';

interface FieldWording {
  label: Label;
  value: ValueKind;
}

const f = (da: string, en: string, value: ValueKind = 'text'): FieldWording => ({ label: { da, en }, value });

/** The item in the singular, as a diff line begins: "Mål »Flere i job«: …". */
export const PLAN_ITEM_NOUNS: Record<PlanSection, Label> = {
  mapping: { da: 'Eksisterende indsats', en: 'Existing intervention' },
  problem: { da: 'Problem', en: 'Problem' },
  potential: { da: 'Potentiale', en: 'Potential' },
  indicator: { da: 'Indikator og baseline', en: 'Indicator and baseline' },
  goal: { da: 'Mål', en: 'Goal' },
  intervention: { da: 'Valgt indsats', en: 'Chosen intervention' },
  idea: { da: 'Idé', en: 'Idea' },
  budget_proposal: { da: 'Budgetforslag', en: 'Budget proposal' },
  budget_decision: { da: 'Budgetbeslutning', en: 'Budget decision' },
  progress_report: { da: 'Fremdriftsrapport', en: 'Progress report' },
};

/** Every field a section's item has, with its label as the plan's forms show it and how its value reads. */
export const PLAN_ITEM_FIELDS: Record<PlanSection, Record<string, FieldWording>> = {
  mapping: {
    name: f('Navn', 'Name'),
    kind: f('Type', 'Kind', 'interventionKind'),
    description: f('Beskrivelse', 'Description'),
    effectAssessment: f('Vurdering af effekt', 'Assessment of effect'),
    goalIds: f('Byens mål, indsatsen understøtter', 'City goals the intervention serves', 'cityGoals'),
    periodStart: f('Periode fra', 'Period from', 'date'),
    periodEnd: f('Periode til', 'Period to', 'date'),
    interventionId: f('Indsats i indsatsregistret', 'Intervention in the register', 'registered'),
  },
  problem: { theme: f('Tema', 'Theme'), text: f('Beskrivelse', 'Description') },
  potential: { theme: f('Tema', 'Theme'), text: f('Beskrivelse', 'Description') },
  indicator: {
    indicatorId: f('Indikator', 'Indicator', 'indicator'),
    baselineValue: f('Baseline (værdi)', 'Baseline (value)', 'number'),
    baselineYear: f('Baseline (år)', 'Baseline (year)', 'year'),
  },
  goal: {
    title: f('Titel', 'Title'),
    targetValue: f('Målværdi', 'Target value', 'number'),
    targetYear: f('Målår', 'Target year', 'year'),
    indicatorId: f('Indikator', 'Indicator', 'indicator'),
    cityGoalId: f('Byens mål', 'City goal', 'cityGoal'),
  },
  intervention: {
    name: f('Navn', 'Name'),
    kind: f('Type', 'Kind', 'interventionKind'),
    goalItemIds: f('Planens mål, indsatsen skal nå', "The plan's goals the intervention serves", 'planGoals'),
    description: f('Beskrivelse', 'Description'),
    interventionId: f('Indsats i indsatsregistret', 'Intervention in the register', 'registered'),
  },
  idea: {
    title: f('Titel', 'Title'),
    investmentType: f('Investering', 'Investment', 'investmentType'),
    estimatedAmount: f('Anslået beløb', 'Estimated amount', 'kroner'),
    description: f('Beskrivelse', 'Description'),
  },
  budget_proposal: {
    amount: f('Beløb', 'Amount', 'kroner'),
    budgetYear: f('Budgetår', 'Budget year', 'year'),
    description: f('Beskrivelse', 'Description'),
  },
  budget_decision: {
    decidedOn: f('Besluttet den', 'Decided on', 'date'),
    amount: f('Beløb', 'Amount', 'kroner'),
    reference: f('Reference', 'Reference'),
    note: f('Note', 'Note'),
  },
  progress_report: {
    period: f('Periode', 'Period'),
    summary: f('Sammenfatning', 'Summary'),
    goalNotes: f('Noter om målene', 'Notes on the goals'),
  },
};

/** Both languages of one line, built by the same function, so they never say different things. */
type Words = (locale: TextLocale) => string;
const both = (words: Words) => ({ summary: words('da'), summaryEn: words('en') });

const EMPTY: Label = { da: '(tom)', en: '(empty)' };
const UNKNOWN: Label = { da: '(ukendt)', en: '(unknown)' };
const MAX_TEXT = 100;

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function quote(text: string, locale: TextLocale): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const short = oneLine.length > MAX_TEXT ? `${oneLine.slice(0, MAX_TEXT - 1).trimEnd()}…` : oneLine;
  return locale === 'da' ? `»${short}«` : `“${short}”`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

class Wording {
  private readonly planGoals: Map<string, string>;

  constructor(
    private readonly names: DiffNames,
    before: PlanContentSnapshot,
    after: PlanContentSnapshot,
  ) {
    // A chosen intervention names the plan's own goals: their titles, as they were or are.
    this.planGoals = new Map(
      [...before.items, ...after.items]
        .filter((i) => i.section === 'goal')
        .map((i) => [i.id, String(i.data.title ?? '')] as const),
    );
  }

  name(map: Readonly<Record<string, string>> | undefined, id: unknown, locale: TextLocale): string {
    const found = typeof id === 'string' ? map?.[id] : undefined;
    return found ?? UNKNOWN[locale];
  }

  administration(id: unknown, locale: TextLocale): string {
    return this.name(this.names.administrations, id, locale);
  }

  value(kind: ValueKind, v: unknown, locale: TextLocale): string {
    if (isEmpty(v)) return EMPTY[locale];
    const list = (ids: unknown, lookup: (id: unknown) => string) =>
      (Array.isArray(ids) ? ids : [ids]).map(lookup).join(', ');
    switch (kind) {
      case 'date':
        return formatDay(String(v), locale);
      case 'kroner':
        return typeof v === 'number' ? formatKroner(v, locale) : quote(String(v), locale);
      case 'number':
        return typeof v === 'number' ? formatNumberText(v, locale, 4) : quote(String(v), locale);
      case 'year':
        return String(v);
      case 'interventionKind':
        return INTERVENTION_KIND_LABELS[v as keyof typeof INTERVENTION_KIND_LABELS]?.[locale] ?? UNKNOWN[locale];
      case 'investmentType':
        return INVESTMENT_TYPE_LABELS[v as keyof typeof INVESTMENT_TYPE_LABELS]?.[locale] ?? UNKNOWN[locale];
      case 'cityGoals':
      case 'cityGoal':
        return list(v, (id) => quote(this.name(this.names.goals, id, locale), locale));
      case 'planGoals':
        return list(v, (id) => {
          const title = typeof id === 'string' ? this.planGoals.get(id) : undefined;
          return title ? quote(title, locale) : UNKNOWN[locale];
        });
      case 'indicator':
        return this.name(this.names.indicators, v, locale);
      case 'registered':
        return quote(this.name(this.names.interventions, v, locale), locale);
      case 'text':
      default:
        return typeof v === 'string' ? quote(v, locale) : quote(String(v), locale);
    }
  }

  /** The item as a line names it: its title, name or theme, or what stands for one (the budget year). */
  title(item: PlanItemView, locale: TextLocale): string {
    const d = item.data;
    switch (item.section) {
      case 'indicator':
        return this.name(this.names.indicators, d.indicatorId, locale);
      case 'problem':
      case 'potential':
        return isEmpty(d.theme) ? '' : quote(String(d.theme), locale);
      case 'budget_proposal': {
        const year = isEmpty(d.budgetYear) ? '' : `budget ${String(d.budgetYear)}`;
        const amount = typeof d.amount === 'number' ? formatKroner(d.amount, locale) : '';
        return [year, amount].filter(Boolean).join(', ');
      }
      case 'budget_decision':
        return isEmpty(d.reference) ? '' : quote(String(d.reference), locale);
      case 'progress_report':
        return isEmpty(d.period) ? '' : quote(String(d.period), locale);
      default: {
        const title = d.title ?? d.name;
        return isEmpty(title) ? '' : quote(String(title), locale);
      }
    }
  }

  /** "Mål »Flere i job«", or the noun alone for an item with nothing to call it by. */
  subject(item: PlanItemView, locale: TextLocale): string {
    const noun = PLAN_ITEM_NOUNS[item.section]?.[locale] ?? (locale === 'da' ? 'Indhold' : 'Content');
    const title = this.title(item, locale);
    return title ? `${noun} ${title}` : noun;
  }
}

/** A field's change in words: "målværdi ændret fra 70 til 75", "målværdi sat til 75", "målværdi fjernet (var 75)". */
function fieldChange(label: Label, before: string | null, after: string | null, locale: TextLocale): string {
  const name = locale === 'da' ? lowerFirst(label.da) : label.en;
  if (before === null) return locale === 'da' ? `${name} sat til ${after}` : `${name} set to ${after}`;
  if (after === null) return locale === 'da' ? `${name} fjernet (var ${before})` : `${name} removed (was ${before})`;
  return locale === 'da' ? `${name} ændret fra ${before} til ${after}` : `${name} changed from ${before} to ${after}`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function signaturesOf(v: unknown): Record<string, CommitmentSignature> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, CommitmentSignature>) : {};
}

function planChanges(before: PlanContentSnapshot, after: PlanContentSnapshot, w: Wording): ContentChange[] {
  const out: ContentChange[] = [];
  const b = before.plan;
  const a = after.plan;
  const change = (field: string, words: Words, extra: Partial<ContentChange> = {}) =>
    out.push({
      kind: 'changed',
      section: 'plan',
      id: 'plan',
      field,
      before: b[field],
      after: a[field],
      ...both(words),
      ...extra,
    });

  if (!sameValue(b.title, a.title)) {
    change('title', (l) =>
      l === 'da'
        ? `Planens titel ændret fra ${w.value('text', b.title, l)} til ${w.value('text', a.title, l)}`
        : `The plan's title changed from ${w.value('text', b.title, l)} to ${w.value('text', a.title, l)}`,
    );
  }
  if (!sameValue(b.budgetYear, a.budgetYear)) {
    change('budgetYear', (l) =>
      l === 'da'
        ? `Planens budgetår ændret fra ${w.value('year', b.budgetYear, l)} til ${w.value('year', a.budgetYear, l)}`
        : `The plan's budget year changed from ${w.value('year', b.budgetYear, l)} to ` +
          `${w.value('year', a.budgetYear, l)}`,
    );
  }
  if (!sameValue(b.coordinatingAdministrationId, a.coordinatingAdministrationId)) {
    change('coordinatingAdministrationId', (l) => {
      const [from, to] = [b, a].map((p) => w.administration(p.coordinatingAdministrationId, l));
      return l === 'da'
        ? `Den koordinerende forvaltning ændret fra ${from} til ${to}`
        : `The coordinating administration changed from ${from} to ${to}`;
    });
  }
  const [wasIn, isIn] = [ids(b.participatingAdministrationIds), ids(a.participatingAdministrationIds)];
  for (const id of isIn.filter((x) => !wasIn.includes(x))) {
    out.push({
      kind: 'added',
      section: 'plan',
      id,
      field: 'participatingAdministrationIds',
      ...both((l) =>
        l === 'da'
          ? `${w.administration(id, l)} deltager nu i planen`
          : `${w.administration(id, l)} now takes part in the plan`,
      ),
    });
  }
  for (const id of wasIn.filter((x) => !isIn.includes(x))) {
    out.push({
      kind: 'removed',
      section: 'plan',
      id,
      field: 'participatingAdministrationIds',
      ...both((l) =>
        l === 'da'
          ? `${w.administration(id, l)} deltager ikke længere i planen`
          : `${w.administration(id, l)} no longer takes part in the plan`,
      ),
    });
  }
  const [signedBefore, signedAfter] = [signaturesOf(b.signatures), signaturesOf(a.signatures)];
  for (const [id, signature] of Object.entries(signedAfter)) {
    if (sameValue(signedBefore[id], signature)) continue;
    out.push({
      kind: Object.hasOwn(signedBefore, id) ? 'changed' : 'added',
      section: 'plan',
      id,
      field: 'signatures',
      after: signature,
      ...both((l) => {
        const when = signature?.at ? ` (${formatDay(signature.at, l)})` : '';
        return l === 'da'
          ? `${w.administration(id, l)} har underskrevet forpligtelsen${when}`
          : `${w.administration(id, l)} signed the commitment${when}`;
      }),
    });
  }
  for (const id of Object.keys(signedBefore).filter((x) => !Object.hasOwn(signedAfter, x))) {
    out.push({
      kind: 'removed',
      section: 'plan',
      id,
      field: 'signatures',
      before: signedBefore[id],
      ...both((l) =>
        l === 'da'
          ? `Underskriften på forpligtelsen fra ${w.administration(id, l)} er bortfaldet`
          : `The signature on the commitment from ${w.administration(id, l)} has lapsed`,
      ),
    });
  }
  return out;
}

function itemChanges(before: PlanContentSnapshot, after: PlanContentSnapshot, w: Wording): ContentChange[] {
  const out: ContentChange[] = [];
  const beforeItems = new Map(before.items.map((i) => [i.id, i]));
  const afterIds = new Set(after.items.map((i) => i.id));
  for (const item of after.items) {
    const old = beforeItems.get(item.id);
    if (!old) {
      out.push({
        kind: 'added',
        section: item.section,
        id: item.id,
        after: item.data,
        ...both((l) => {
          const title = w.title(item, l);
          const noun = PLAN_ITEM_NOUNS[item.section]?.[l] ?? item.section;
          const verb = l === 'da' ? 'tilføjet' : 'added';
          return title ? `${noun} ${verb}: ${title}` : `${noun} ${verb}`;
        }),
      });
      continue;
    }
    // Only the fields a person fills in: bookkeeping kept in an item's data (when a report was sent) is not content.
    for (const [field, wording] of Object.entries(PLAN_ITEM_FIELDS[item.section] ?? {})) {
      if (sameValue(old.data[field], item.data[field])) continue;
      out.push({
        kind: 'changed',
        section: item.section,
        id: item.id,
        field,
        before: old.data[field],
        after: item.data[field],
        ...both((l) => {
          const from = isEmpty(old.data[field]) ? null : w.value(wording.value, old.data[field], l);
          const to = isEmpty(item.data[field]) ? null : w.value(wording.value, item.data[field], l);
          // The item as it was, so a changed title still names what it changed from.
          return `${w.subject(old, l)}: ${fieldChange(wording.label, from, to, l)}`;
        }),
      });
    }
  }
  for (const item of before.items) {
    if (afterIds.has(item.id)) continue;
    out.push({
      kind: 'removed',
      section: item.section,
      id: item.id,
      before: item.data,
      ...both((l) => {
        const title = w.title(item, l);
        const noun = PLAN_ITEM_NOUNS[item.section]?.[l] ?? item.section;
        const verb = l === 'da' ? 'fjernet' : 'removed';
        return title ? `${noun} ${verb}: ${title}` : `${noun} ${verb}`;
      }),
    });
  }
  return out;
}

const CONDITION_STATUS: Record<string, Label> = {
  open: { da: 'genåbnet', en: 'reopened' },
  closed: { da: 'lukket', en: 'closed' },
};

function conditionChanges(before: PlanContentSnapshot, after: PlanContentSnapshot): ContentChange[] {
  const out: ContentChange[] = [];
  const beforeConditions = new Map(before.conditions.map((c) => [c.id, c]));
  const afterIds = new Set(after.conditions.map((c) => c.id));
  for (const c of after.conditions) {
    const old = beforeConditions.get(c.id);
    if (!old) {
      out.push({
        kind: 'added',
        section: 'conditions',
        id: c.id,
        after: c,
        ...both((l) => (l === 'da' ? `Betingelse stillet: ${quote(c.text, l)}` : `Condition set: ${quote(c.text, l)}`)),
      });
    } else if (old.status !== c.status) {
      out.push({
        kind: 'changed',
        section: 'conditions',
        id: c.id,
        field: 'status',
        before: old.status,
        after: c.status,
        ...both((l) => {
          const status = CONDITION_STATUS[c.status]?.[l] ?? (l === 'da' ? 'ændret' : 'changed');
          return l === 'da'
            ? `Betingelsen ${quote(c.text, l)} er ${status}`
            : `The condition ${quote(c.text, l)} was ${status}`;
        }),
      });
    }
  }
  for (const c of before.conditions) {
    if (afterIds.has(c.id)) continue;
    out.push({
      kind: 'removed',
      section: 'conditions',
      id: c.id,
      before: c,
      ...both((l) =>
        l === 'da' ? `Betingelse fjernet: ${quote(c.text, l)}` : `Condition removed: ${quote(c.text, l)}`,
      ),
    });
  }
  return out;
}

/**
 * A readable diff of two content snapshots: what was added, removed or changed, field by field, each as one line
 * in Danish (`summary`) and English (`summaryEn`). `names` turns the ids the content refers to into names; an id
 * it does not know reads "(ukendt)", never the id.
 */
export function diffPlanContent(
  before: PlanContentSnapshot,
  after: PlanContentSnapshot,
  names: DiffNames = {},
): ContentChange[] {
  const w = new Wording(names, before, after);
  return [...planChanges(before, after, w), ...itemChanges(before, after, w), ...conditionChanges(before, after)];
}

/** The ids a snapshot refers to, by kind, so a caller can look their names up in one go. */
export function referencedIds(...snapshots: PlanContentSnapshot[]): Record<keyof DiffNames, string[]> {
  const sets = {
    administrations: new Set<string>(),
    indicators: new Set<string>(),
    goals: new Set<string>(),
    interventions: new Set<string>(),
  };
  const add = (set: Set<string>, v: unknown) => {
    for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string' && id) set.add(id);
  };
  for (const s of snapshots) {
    add(sets.administrations, s.plan.coordinatingAdministrationId);
    add(sets.administrations, s.plan.participatingAdministrationIds);
    add(sets.administrations, Object.keys(signaturesOf(s.plan.signatures)));
    for (const item of s.items) {
      add(sets.administrations, item.administrationId);
      add(sets.indicators, item.data.indicatorId);
      add(sets.goals, item.data.cityGoalId);
      if (item.section === 'mapping') add(sets.goals, item.data.goalIds);
      add(sets.interventions, item.data.interventionId);
    }
  }
  return {
    administrations: [...sets.administrations],
    indicators: [...sets.indicators],
    goals: [...sets.goals],
    interventions: [...sets.interventions],
  };
}
