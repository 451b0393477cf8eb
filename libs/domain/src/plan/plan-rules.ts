/**
 * The named rules of the plan workflow. Each rule returns every violation it
 * finds (empty when met). The transition table refers to rules by name; the
 * machine's guards and the "why not" explanations both evaluate these very
 * functions.
 */
import { hasRole } from '../actor.js';
import { REFUSALS } from '../permissions.js';
import type { RuleViolation } from '../rule-violation.js';
import { isBlank, violation } from '../workflow/rules.js';
import { interventionMixViolations } from './plan-mix.js';
import type { ActivePlanStage, PlanContext, PlanEvent, PlanEventType, PlanFacts } from './plan-types.js';
import { formatDay } from '../text/formats.js';

export interface PlanRuleInput {
  context: PlanContext;
  event: PlanEvent;
  /** The stage the plan is in when the event arrives. */
  stage: ActivePlanStage;
}

export type PlanRule = (input: PlanRuleInput) => RuleViolation[];

const SIGN = { da: 'underskrive forpligtelsen', en: 'sign the commitment' };

/** Facts travel only on SUBMIT; a table row that asks for them elsewhere is a programming error. */
function factsOf(event: PlanEvent): PlanFacts {
  if (event.type === 'SUBMIT') return event.facts;
  throw new Error(`Event ${event.type} carries no facts`);
}

function administrationName(id: string, facts: PlanFacts): string {
  return facts.administrations.find((administration) => administration.id === id)?.name ?? id;
}

const COMMENT_REASON: Partial<Record<PlanEventType, { da: string; en: string }>> = {
  RETURN: {
    da: 'Skriv en bemærkning om, hvad der skal arbejdes videre med.',
    en: 'Write a comment on what needs more work.',
  },
  SEND_BACK_TO_PLANNING: {
    da: 'Skriv en bemærkning om, hvad der skal rettes i udviklingsplanen.',
    en: 'Write a comment on what must be corrected in the plan.',
  },
  CLOSE: {
    da: 'Skriv slutevalueringen, før planen afsluttes.',
    en: 'Write the final evaluation before closing the plan.',
  },
};

/** Completeness of each stage, judged on the facts (and the signatures in the context). */
const STAGE_COMPLETENESS: Record<ActivePlanStage, (facts: PlanFacts, context: PlanContext) => RuleViolation[]> = {
  mapping: (facts, context) =>
    context.participatingAdministrationIds
      .filter((id) => !facts.administrationsWithMappedInterventions.includes(id))
      .map((id) => {
        const name = administrationName(id, facts);
        return violation(
          'MAPPING_INTERVENTIONS_MISSING',
          `${name} har ikke registreret sine eksisterende indsatser i kortlægningen.`,
          `${name} has not registered its existing interventions in the mapping.`,
        );
      }),

  analysis: (facts) => [
    ...(facts.problemCount < 1
      ? [
          violation(
            'ANALYSIS_PROBLEMS_MISSING',
            'Beskriv mindst ét problem i analysen.',
            'Describe at least one problem in the analysis.',
          ),
        ]
      : []),
    ...(facts.potentialCount < 1
      ? [
          violation(
            'ANALYSIS_POTENTIALS_MISSING',
            'Beskriv mindst ét potentiale i analysen.',
            'Describe at least one potential in the analysis.',
          ),
        ]
      : []),
    ...(facts.indicatorCount < 1
      ? [
          violation(
            'ANALYSIS_INDICATORS_MISSING',
            'Knyt mindst én indikator til planen.',
            'Attach at least one indicator to the plan.',
          ),
        ]
      : []),
    ...facts.indicatorsWithoutBaseline.map((name) =>
      violation(
        'ANALYSIS_BASELINE_MISSING',
        `Indikatoren "${name}" mangler en baseline. Registrér udgangsværdien.`,
        `The indicator "${name}" lacks a baseline. Record its starting value.`,
      ),
    ),
  ],

  planning: (facts, context) => [
    ...(facts.goals.length === 0
      ? [
          violation(
            'PLAN_GOALS_MISSING',
            'Opret mindst ét mål i udviklingsplanen.',
            'Create at least one goal in the plan.',
          ),
        ]
      : []),
    ...facts.goals
      .filter((goal) => !goal.hasTargetValue)
      .map((goal) =>
        violation(
          'PLAN_TARGET_MISSING',
          `Målet "${goal.title}" mangler en målværdi.`,
          `The goal "${goal.title}" lacks a target value.`,
        ),
      ),
    ...facts.goals
      .filter((goal) => goal.interventionCount < 1)
      .map((goal) =>
        violation(
          'PLAN_GOAL_WITHOUT_INTERVENTION',
          `Målet "${goal.title}" har ingen indsats. Knyt mindst én indsats til målet.`,
          `The goal "${goal.title}" has no intervention. Link at least one intervention to it.`,
        ),
      ),
    ...interventionMixViolations(facts.missingInterventionKinds ?? [], facts.requireInterventionMix === true),
    ...context.participatingAdministrationIds
      .filter((id) => !Object.hasOwn(context.signatures, id))
      .map((id) => {
        const name = administrationName(id, facts);
        return violation(
          'PLAN_COMMITMENT_MISSING',
          `${name} har ikke underskrevet forpligtelsen.`,
          `${name} has not signed the commitment.`,
        );
      }),
  ],

  implementation: (facts) =>
    facts.budgetDecisionRecorded
      ? []
      : [
          violation(
            'IMPLEMENTATION_BUDGET_DECISION_MISSING',
            'Registrér budgetbeslutningen, før implementeringen indsendes.',
            'Record the budget decision before submitting the implementation.',
          ),
        ],

  followUp: (facts) =>
    facts.progressReportReady
      ? []
      : [
          violation(
            'FOLLOWUP_REPORT_MISSING',
            'Udarbejd en fremdriftsrapport, før opfølgningen indsendes.',
            'Draft a progress report before submitting the follow-up.',
          ),
        ],
};

/** Every unmet completeness item of `stage` (usable as a checklist outside the workflow, too). */
export function stageCompleteness(stage: ActivePlanStage, context: PlanContext, facts: PlanFacts): RuleViolation[] {
  return STAGE_COMPLETENESS[stage](facts, context);
}

export const PLAN_RULES = {
  /** Staff of the coordinating administration (tovholderen). */
  coordinatorStaff: ({ context, event }) =>
    hasRole(event.actor, 'staff') && event.actor.administrationId === context.coordinatingAdministrationId
      ? []
      : [
          REFUSALS.notCoordinatorStaff({
            da: 'indsende eller trække fasen tilbage',
            en: 'submit or withdraw the stage',
          }),
        ],

  forumMember: ({ event }) => (hasRole(event.actor, 'forum_member') ? [] : [REFUSALS.notForumMember()]),

  /** No one decides on what they submitted themselves. */
  fourEyes: ({ context, event }) =>
    context.submittedBy !== null && context.submittedBy === event.actor.id
      ? [
          violation(
            'FOUR_EYES',
            'Du har selv indsendt fasen. Et andet medlem af borgmesterforum skal behandle den.',
            "You submitted this stage yourself. Another member of the mayors' forum must decide on it.",
          ),
        ]
      : [],

  commentRequired: ({ event }) => {
    const comment = 'comment' in event ? event.comment : undefined;
    if (!isBlank(comment)) return [];
    const reason = COMMENT_REASON[event.type] ?? { da: 'Skriv en bemærkning.', en: 'Write a comment.' };
    return [violation('COMMENT_REQUIRED', reason.da, reason.en)];
  },

  conditionsRequired: ({ event }) => {
    const conditions = event.type === 'APPROVE_WITH_CONDITIONS' ? event.conditions : [];
    return Array.isArray(conditions) && conditions.some((condition) => !isBlank(condition))
      ? []
      : [
          violation(
            'CONDITIONS_REQUIRED',
            'Angiv mindst én betingelse for godkendelsen.',
            'State at least one condition for the approval.',
          ),
        ];
  },

  /** One violation per open condition task, naming it. */
  noOpenConditions: ({ event }) =>
    factsOf(event).openConditions.map((condition) =>
      violation(
        'OPEN_CONDITIONS',
        `Betingelsen "${condition}" fra borgmesterforum er ikke opfyldt. Luk opgaven, før fasen indsendes.`,
        `The mayors' forum's condition "${condition}" is not met. Close the task before submitting.`,
      ),
    ),

  stageComplete: ({ context, event, stage }) => stageCompleteness(stage, context, factsOf(event)),

  staff: ({ event }) => (hasRole(event.actor, 'staff') ? [] : [REFUSALS.notStaff(SIGN)]),

  administrationParticipates: ({ context, event }) => {
    const id = event.actor.administrationId;
    return id !== null && context.participatingAdministrationIds.includes(id)
      ? []
      : [REFUSALS.administrationNotParticipating(SIGN)];
  },

  notYetSigned: ({ context, event }) => {
    const id = event.actor.administrationId;
    const signature = id !== null && Object.hasOwn(context.signatures, id) ? context.signatures[id] : undefined;
    return signature
      ? [
          violation(
            'ALREADY_SIGNED',
            `Din forvaltning har allerede underskrevet forpligtelsen (${formatDay(signature.at, 'da')}).`,
            `Your administration has already signed the commitment (${formatDay(signature.at, 'en')}).`,
          ),
        ]
      : [];
  },
} satisfies Record<string, PlanRule>;

export type PlanRuleName = keyof typeof PLAN_RULES;

/** Evaluates the named rules and returns every violation, in the order of `names`. */
export function evaluatePlanRules(names: readonly PlanRuleName[], input: PlanRuleInput): RuleViolation[] {
  return names.flatMap((name) => PLAN_RULES[name](input));
}
