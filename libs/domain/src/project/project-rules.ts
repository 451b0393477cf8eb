/**
 * The named rules of the project workflow. Each rule returns every violation
 * it finds (empty when met). The transition table refers to rules by name;
 * the machine's guards and the "why not" explanations both evaluate these
 * very functions.
 */
import { hasRole } from '../actor.js';
import { formatCalendarDate } from '../calendar/calendar-dates.js';
import { REFUSALS } from '../permissions.js';
import type { RuleViolation } from '../rule-violation.js';
import { isBlank, violation } from '../workflow/rules.js';
import { EVIDENCE_STRENGTHS, EVIDENCE_STRENGTH_SCALE, PROJECT_EVENT_LABELS, RECOMMENDATIONS } from './project-types.js';

/** One end of the evidence scale in words, with its rank: »Enkeltfortællinger og indtryk« (1). */
function scaleEnd(at: number, locale: 'da' | 'en'): string {
  const step = EVIDENCE_STRENGTH_SCALE[EVIDENCE_STRENGTHS.at(at)!];
  return locale === 'da' ? `»${step[locale]}« (${step.rank})` : `“${step[locale]}” (${step.rank})`;
}
import type {
  ProjectContext,
  ProjectEvaluation,
  ProjectEvent,
  ProjectEventType,
  ProjectFacts,
} from './project-types.js';

export interface ProjectRuleInput {
  context: ProjectContext;
  event: ProjectEvent;
}

export type ProjectRule = (input: ProjectRuleInput) => RuleViolation[];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return d.toISOString().slice(0, 10) === value;
}

function label(type: ProjectEventType): { da: string; en: string } {
  return PROJECT_EVENT_LABELS[type];
}

/** The dates of a proposal: the end not before the start, an evaluation date inside the period. */
export function projectPeriodViolations(period: {
  periodStart: string;
  periodEnd: string;
  evaluationDate: string | null;
}): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const [name, value] of [
    ['periodStart', period.periodStart],
    ['periodEnd', period.periodEnd],
  ] as const) {
    if (!isCalendarDate(value))
      out.push(
        violation(
          'DATE_INVALID',
          `${name} er ikke en gyldig dato (ÅÅÅÅ-MM-DD).`,
          `${name} is not a valid date (YYYY-MM-DD).`,
        ),
      );
  }
  if (period.evaluationDate !== null && !isCalendarDate(period.evaluationDate)) {
    out.push(
      violation(
        'DATE_INVALID',
        'evaluationDate er ikke en gyldig dato (ÅÅÅÅ-MM-DD).',
        'evaluationDate is not a valid date (YYYY-MM-DD).',
      ),
    );
  }
  if (out.length > 0) return out;
  if (period.periodEnd < period.periodStart) {
    out.push(
      violation(
        'PERIOD_END_BEFORE_START',
        'Slutdatoen ligger før startdatoen.',
        'The end date is before the start date.',
      ),
    );
  }
  if (period.evaluationDate !== null && period.evaluationDate > period.periodEnd) {
    out.push(
      violation(
        'EVALUATION_DATE_AFTER_END',
        'Evalueringsdatoen må ikke ligge efter slutdatoen.',
        'The evaluation date must not be after the end date.',
      ),
    );
  }
  if (period.evaluationDate !== null && period.evaluationDate < period.periodStart) {
    out.push(
      violation(
        'EVALUATION_DATE_BEFORE_START',
        'Evalueringsdatoen må ikke ligge før startdatoen.',
        'The evaluation date must not be before the start date.',
      ),
    );
  }
  return out;
}

/**
 * Every part of the evaluation that a submission still lacks: a result for
 * each goal and each indicator the project serves, the evidence strength,
 * the costs, what worked and what did not, and a recommendation.
 */
export function evaluationCompleteness(facts: ProjectFacts): RuleViolation[] {
  const evaluation: ProjectEvaluation | null = facts.evaluation;
  if (evaluation === null) {
    return [
      violation(
        'EVALUATION_MISSING',
        'Der er ingen evaluering. Udfyld og gem evalueringen, før den afleveres.',
        'There is no evaluation. Fill in and save the evaluation before submitting it.',
      ),
    ];
  }
  const out: RuleViolation[] = [];
  for (const goal of facts.goals) {
    const result = evaluation.goalResults.find((r) => r.goalId === goal.id);
    if (!result || isBlank(result.description)) {
      out.push(
        violation(
          'EVALUATION_GOAL_RESULT_MISSING',
          `Beskriv resultatet for målet "${goal.title}".`,
          `Describe the result for the goal "${goal.title}".`,
        ),
      );
    }
  }
  for (const indicator of facts.indicators) {
    const result = evaluation.indicatorResults.find((r) => r.indicatorId === indicator.id);
    const hasValue = typeof result?.value === 'number' && Number.isFinite(result.value);
    if (!result || (!hasValue && isBlank(result.description))) {
      out.push(
        violation(
          'EVALUATION_INDICATOR_RESULT_MISSING',
          `Angiv en værdi eller en beskrivelse for indikatoren "${indicator.name}".`,
          `Give a value or a description for the indicator "${indicator.name}".`,
        ),
      );
    }
  }
  if (evaluation.evidenceStrength === null || !EVIDENCE_STRENGTHS.includes(evaluation.evidenceStrength)) {
    out.push(
      violation(
        'EVALUATION_EVIDENCE_MISSING',
        `Angiv evidensens styrke på skalaen fra ${scaleEnd(0, 'da')} til ${scaleEnd(-1, 'da')}.`,
        `State the strength of the evidence on the scale from ${scaleEnd(0, 'en')} to ${scaleEnd(-1, 'en')}.`,
      ),
    );
  }
  if (typeof evaluation.costsDkk !== 'number' || !Number.isFinite(evaluation.costsDkk) || evaluation.costsDkk < 0) {
    out.push(
      violation(
        'EVALUATION_COSTS_MISSING',
        'Angiv projektets omkostninger i kroner.',
        "State the project's costs in DKK.",
      ),
    );
  }
  if (isBlank(evaluation.whatWorked)) {
    out.push(violation('EVALUATION_WHAT_WORKED_MISSING', 'Beskriv, hvad der virkede.', 'Describe what worked.'));
  }
  if (isBlank(evaluation.whatDidNotWork)) {
    out.push(
      violation(
        'EVALUATION_WHAT_DID_NOT_WORK_MISSING',
        'Beskriv, hvad der ikke virkede.',
        'Describe what did not work.',
      ),
    );
  }
  if (evaluation.recommendation === null || !RECOMMENDATIONS.includes(evaluation.recommendation)) {
    out.push(
      violation(
        'EVALUATION_RECOMMENDATION_MISSING',
        'Anbefal, om projektet skal afsluttes, skaleres eller forankres i drift.',
        'Recommend whether the project should be terminated, scaled or adopted into core operations.',
      ),
    );
  }
  return out;
}

/** Facts travel only on SUBMIT_EVALUATION; a table row that asks for them elsewhere is a programming error. */
function factsOf(event: ProjectEvent): ProjectFacts {
  if (event.type === 'SUBMIT_EVALUATION') return event.facts;
  throw new Error(`Event ${event.type} carries no facts`);
}

function isOwnerStaff({ context, event }: ProjectRuleInput): boolean {
  return hasRole(event.actor, 'staff') && event.actor.administrationId === context.owningAdministrationId;
}

function notOwnerStaff(type: ProjectEventType): RuleViolation {
  return REFUSALS.notOwnerStaff(label(type));
}

const REASON_TEXT: Partial<Record<ProjectEventType, { da: string; en: string }>> = {
  REJECT: { da: 'Begrund afvisningen.', en: 'Give the reason for the rejection.' },
  EXTEND: { da: 'Begrund forlængelsen af perioden.', en: 'Give the reason for extending the period.' },
  SCALE: {
    da: 'Begrund skaleringen og den længere periode.',
    en: 'Give the reason for scaling and for the longer period.',
  },
  TERMINATE: { da: 'Begrund, hvorfor projektet afsluttes.', en: 'Give the reason for terminating the project.' },
};

export const PROJECT_RULES = {
  /** Staff of the administration that owns the project. */
  ownerStaff: (input) => (isOwnerStaff(input) ? [] : [notOwnerStaff(input.event.type)]),

  /** The deadline job, or staff of the owning administration calling for the evaluation early. */
  ownerStaffOrSchedule: (input) =>
    (input.event.type === 'EVALUATION_DUE' && input.event.bySchedule === true) || isOwnerStaff(input)
      ? []
      : [notOwnerStaff(input.event.type)],

  forumMember: ({ event }) => (hasRole(event.actor, 'forum_member') ? [] : [REFUSALS.notForumMember()]),

  /** No one decides on a project they proposed themselves. */
  notProposer: ({ context, event }) =>
    context.proposedBy === event.actor.id
      ? [
          violation(
            'FOUR_EYES_PROPOSER',
            'Du har selv foreslået projektet. Et andet medlem af borgmesterforum skal godkende eller afvise det.',
            "You proposed this project yourself. Another member of the mayors' forum must approve or reject it.",
          ),
        ]
      : [],

  /** The decision after the assessment is not the reviewer's (four eyes). */
  notReviewer: ({ context, event }) =>
    context.reviewedBy !== null && context.reviewedBy === event.actor.id
      ? [
          violation(
            'FOUR_EYES_REVIEWER',
            'Du har selv vurderet evalueringen. Et andet medlem af borgmesterforum skal træffe beslutningen.',
            "You assessed the evaluation yourself. Another member of the mayors' forum must make the decision.",
          ),
        ]
      : [],

  /** No one assesses an evaluation they submitted themselves. */
  notEvaluationSubmitter: ({ context, event }) =>
    context.evaluationSubmittedBy !== null && context.evaluationSubmittedBy === event.actor.id
      ? [
          violation(
            'FOUR_EYES_SUBMITTER',
            'Du har selv afleveret evalueringen. En anden medarbejder skal vurdere den.',
            'You submitted the evaluation yourself. Another member of staff must assess it.',
          ),
        ]
      : [],

  /** Only the project's own leader submits its evaluation. */
  projectLeader: ({ context, event }) =>
    hasRole(event.actor, 'project_leader') && event.actor.id === context.projectLeaderId
      ? []
      : [REFUSALS.notProjectLeader({ da: 'aflevere evalueringen', en: 'submit the evaluation' })],

  reasonRequired: ({ event }) => {
    const reason = 'reason' in event ? event.reason : undefined;
    if (!isBlank(reason)) return [];
    const text = REASON_TEXT[event.type] ?? { da: 'Angiv en begrundelse.', en: 'Give a reason.' };
    return [violation('REASON_REQUIRED', text.da, text.en)];
  },

  commentRequired: ({ event }) => {
    const comment = 'comment' in event ? event.comment : undefined;
    return isBlank(comment)
      ? [
          violation(
            'COMMENT_REQUIRED',
            'Skriv en bemærkning om, hvad der skal rettes i evalueringen.',
            'Write a comment on what must be corrected in the evaluation.',
          ),
        ]
      : [];
  },

  /**
   * EXTEND and SCALE: a new end date later than the current one and not in the past; an evaluation date inside the new
   * period.
   */
  newPeriodValid: ({ context, event }) => {
    if (event.type !== 'EXTEND' && event.type !== 'SCALE') throw new Error(`Event ${event.type} carries no new period`);
    const { newEndDate } = event;
    const evaluationDate = event.evaluationDate ?? null;
    const today = event.at.slice(0, 10);
    const out: RuleViolation[] = [];
    if (isBlank(newEndDate)) {
      out.push(violation('NEW_END_DATE_REQUIRED', 'Angiv den nye slutdato.', 'Give the new end date.'));
    } else if (!isCalendarDate(newEndDate)) {
      out.push(
        violation(
          'DATE_INVALID',
          'Den nye slutdato er ikke en gyldig dato (ÅÅÅÅ-MM-DD).',
          'The new end date is not a valid date (YYYY-MM-DD).',
        ),
      );
    } else {
      if (newEndDate <= context.periodEnd) {
        out.push(
          violation(
            'NEW_END_DATE_NOT_LATER',
            `Den nye slutdato skal ligge efter den nuværende (${formatCalendarDate(context.periodEnd, 'da')}).`,
            `The new end date must be after the current one (${formatCalendarDate(context.periodEnd, 'en')}).`,
          ),
        );
      }
      if (newEndDate < today) {
        out.push(
          violation('NEW_END_DATE_IN_PAST', 'Den nye slutdato ligger i fortiden.', 'The new end date is in the past.'),
        );
      }
    }
    if (evaluationDate !== null) {
      if (!isCalendarDate(evaluationDate)) {
        out.push(
          violation(
            'DATE_INVALID',
            'Evalueringsdatoen er ikke en gyldig dato (ÅÅÅÅ-MM-DD).',
            'The evaluation date is not a valid date (YYYY-MM-DD).',
          ),
        );
      } else {
        if (isCalendarDate(newEndDate) && evaluationDate > newEndDate) {
          out.push(
            violation(
              'EVALUATION_DATE_AFTER_END',
              'Evalueringsdatoen må ikke ligge efter slutdatoen.',
              'The evaluation date must not be after the end date.',
            ),
          );
        }
        if (evaluationDate < today) {
          out.push(
            violation(
              'EVALUATION_DATE_IN_PAST',
              'Evalueringsdatoen ligger i fortiden.',
              'The evaluation date is in the past.',
            ),
          );
        }
        if (evaluationDate < context.periodStart) {
          out.push(
            violation(
              'EVALUATION_DATE_BEFORE_START',
              'Evalueringsdatoen må ikke ligge før startdatoen.',
              'The evaluation date must not be before the start date.',
            ),
          );
        }
      }
    }
    return out;
  },

  /** SCALE: at least one area the project does not already cover. */
  areasAdded: ({ context, event }) => {
    const added = event.type === 'SCALE' ? event.addAreaIds : [];
    return Array.isArray(added) && added.some((id) => !context.areaIds.includes(id))
      ? []
      : [
          violation(
            'SCALE_AREAS_REQUIRED',
            'Angiv mindst ét nyt byområde, som projektet skal skaleres til.',
            'Name at least one new area to scale the project to.',
          ),
        ];
  },

  evaluationComplete: ({ event }) => evaluationCompleteness(factsOf(event)),

  /** ADOPT: the base-budget line that now carries the project. */
  budgetLineComplete: ({ event }) => {
    if (event.type !== 'ADOPT') throw new Error(`Event ${event.type} carries no budget line`);
    const line = event.budgetLine;
    if (!line) {
      return [
        violation(
          'BUDGET_LINE_MISSING',
          'Angiv grundbudgetlinjen, der nu bærer indsatsen: forvaltning, årligt beløb og første budgetår.',
          'Give the base-budget line that now carries the intervention: administration, yearly amount and first ' +
            'budget year.',
        ),
      ];
    }
    const out: RuleViolation[] = [];
    if (isBlank(line.administrationId)) {
      out.push(
        violation(
          'BUDGET_LINE_ADMINISTRATION_MISSING',
          'Angiv den forvaltning, hvis grundbudget bærer indsatsen.',
          'Name the administration whose base budget carries the intervention.',
        ),
      );
    }
    if (
      typeof line.yearlyAmountDkk !== 'number' ||
      !Number.isFinite(line.yearlyAmountDkk) ||
      line.yearlyAmountDkk <= 0
    ) {
      out.push(
        violation(
          'BUDGET_LINE_AMOUNT_INVALID',
          'Det årlige beløb skal være større end 0 kr.',
          'The yearly amount must be more than DKK 0.',
        ),
      );
    }
    if (
      typeof line.firstBudgetYear !== 'number' ||
      !Number.isInteger(line.firstBudgetYear) ||
      line.firstBudgetYear < 2000 ||
      line.firstBudgetYear > 2100
    ) {
      out.push(
        violation(
          'BUDGET_LINE_YEAR_INVALID',
          'Angiv det første budgetår (fx 2027).',
          'Give the first budget year (e.g. 2027).',
        ),
      );
    }
    return out;
  },
} satisfies Record<string, ProjectRule>;

export type ProjectRuleName = keyof typeof PROJECT_RULES;

/** Evaluates the named rules and returns every violation, in the order of `names`. */
export function evaluateProjectRules(names: readonly ProjectRuleName[], input: ProjectRuleInput): RuleViolation[] {
  return names.flatMap((name) => PROJECT_RULES[name](input));
}
