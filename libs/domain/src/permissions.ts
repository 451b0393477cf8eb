/**
 * Who may do what: every permission check of the app, each a named rule with
 * a code and its reason in Danish and English. Each code is defined here
 * once; where the same code refuses several actions, its reason names the
 * action. The workflow tables (plan-rules, project-rules) use the same
 * definitions for their role rules, so a refusal from the API and the "why
 * not" of /actions are the same text.
 */
import { hasRole } from './actor.js';
import type { Actor } from './actor.js';
import type { RuleViolation } from './rule-violation.js';
import { violation } from './workflow/rules.js';
import type { Reason } from './workflow/rules.js';

/** What the actor was refused, in words that finish "Only … can …". */
export type ActionText = Reason;

// ------------------------------------------------------------------ the reasons, one per code

export const REFUSALS = {
  notForumMember: () =>
    violation(
      'NOT_FORUM_MEMBER',
      'Kun medlemmer af borgmesterforum kan træffe denne beslutning.',
      "Only members of the mayors' forum can make this decision.",
    ),
  notStaff: (action: ActionText) =>
    violation(
      'NOT_STAFF',
      `Kun forvaltningsmedarbejdere kan ${action.da}.`,
      `Only administration staff can ${action.en}.`,
    ),
  notCoordinatorStaff: (action: ActionText) =>
    violation(
      'NOT_COORDINATOR_STAFF',
      `Kun medarbejdere i den koordinerende forvaltning (tovholderen) kan ${action.da}.`,
      `Only staff of the coordinating administration can ${action.en}.`,
    ),
  notPlanStarter: () =>
    violation(
      'NOT_COORDINATOR_OR_ADMINISTRATOR',
      'Kun administratorer og medarbejdere i den koordinerende forvaltning kan starte en plan.',
      'Only administrators or staff of the coordinating administration can start a plan.',
    ),
  /** `consequence`: what the actor therefore cannot do, e.g. " og kan derfor ikke underskrive forpligtelsen". */
  administrationNotParticipating: (consequence?: ActionText) =>
    consequence
      ? violation(
          'ADMINISTRATION_NOT_PARTICIPATING',
          `Din forvaltning deltager ikke i planen og kan derfor ikke ${consequence.da}.`,
          `Your administration does not participate in the plan and so cannot ${consequence.en}.`,
        )
      : violation(
          'ADMINISTRATION_NOT_PARTICIPATING',
          'Din forvaltning deltager ikke i denne plan.',
          'Your administration does not take part in this plan.',
        ),
  otherAdministrationsContribution: () =>
    violation(
      'OTHER_ADMINISTRATIONS_CONTRIBUTION',
      'Du kan kun ændre din egen forvaltnings bidrag til planen.',
      "You can only change your own administration's contributions to the plan.",
    ),
  otherAdministrationsInterventionsMapped: (names: string) =>
    violation(
      'OTHER_ADMINISTRATIONS_CONTRIBUTION',
      `Du kan kun kortlægge din egen forvaltnings indsatser (${names}).`,
      `You can only map your own administration's interventions (${names}).`,
    ),
  /** `action` in the owning administration's words; `proposal`: the project is yet to be owned. */
  notOwnerStaff: (action: ActionText, proposal = false): RuleViolation =>
    proposal
      ? violation(
          'NOT_OWNER_STAFF',
          'Kun medarbejdere i den forvaltning, der skal eje projektet, kan foreslå det.',
          'Only staff of the administration that is to own the project can propose it.',
        )
      : violation(
          'NOT_OWNER_STAFF',
          `Kun medarbejdere i den forvaltning, der ejer projektet, kan "${action.da}".`,
          `Only staff of the administration that owns the project can "${action.en}".`,
        ),
  notProjectLeader: (action: ActionText) =>
    violation(
      'NOT_PROJECT_LEADER',
      `Kun projektets egen projektleder kan ${action.da}.`,
      `Only the project's own project leader can ${action.en}.`,
    ),
  otherAdministrationsIntervention: () =>
    violation(
      'OTHER_ADMINISTRATIONS_INTERVENTION',
      'Du kan kun registrere og ændre din egen forvaltnings indsatser.',
      "You can only register and change your own administration's interventions.",
    ),
  otherAdministrationsTool: () =>
    violation(
      'OTHER_ADMINISTRATIONS_TOOL',
      'Du kan kun oprette og ændre din egen forvaltnings redskaber og deres aktiviteter.',
      "Only staff of the tool's administration, or administrators, can create or change a tool and its activities.",
    ),
  toolToOtherAdministration: () =>
    violation(
      'OTHER_ADMINISTRATIONS_TOOL',
      'Kun administratorer kan flytte et redskab til en anden forvaltning.',
      'Only administrators can give a tool to another administration.',
    ),
} satisfies Record<string, (...args: never[]) => RuleViolation>;

// ------------------------------------------------------------------ the checks

const refusedUnless = (ok: boolean, refusal: () => RuleViolation): RuleViolation | null => (ok ? null : refusal());

export const isAdministrator = (actor: Actor) => hasRole(actor, 'administrator');
export const isStaffOf = (actor: Actor, administrationId: string | null) =>
  hasRole(actor, 'staff') && actor.administrationId !== null && actor.administrationId === administrationId;

/** Administrators, or staff of the administration that is to coordinate the plan. */
export function planStartRefusal(actor: Actor, coordinatingAdministrationId: string): RuleViolation | null {
  return refusedUnless(
    isAdministrator(actor) || actor.administrationId === coordinatingAdministrationId,
    REFUSALS.notPlanStarter,
  );
}

/** Staff of the coordinating administration close the forum's conditions. */
export function conditionCloseRefusal(actor: Actor, coordinatingAdministrationId: string): RuleViolation | null {
  return refusedUnless(isStaffOf(actor, coordinatingAdministrationId), () =>
    REFUSALS.notCoordinatorStaff({ da: 'lukke en betingelse', en: 'close a condition' }),
  );
}

/** Staff of the administration that is to own the project propose it. */
export function projectProposalRefusal(actor: Actor, owningAdministrationId: string): RuleViolation | null {
  return refusedUnless(isStaffOf(actor, owningAdministrationId), () =>
    REFUSALS.notOwnerStaff({ da: 'foreslå projektet', en: 'propose the project' }, true),
  );
}

/** Administrators, or staff of the administration concerned, write its interventions in the register. */
export function interventionWriteRefusal(actor: Actor, owningAdministrationId: string): RuleViolation | null {
  return refusedUnless(
    isAdministrator(actor) || (hasRole(actor, 'staff') && actor.administrationId === owningAdministrationId),
    REFUSALS.otherAdministrationsIntervention,
  );
}

/** Administrators write any tool; staff only the tools (and their activities) of their own administration. */
export function toolWriteRefusal(actor: Actor, toolAdministrationId: string | null): RuleViolation | null {
  return refusedUnless(
    isAdministrator(actor) || isStaffOf(actor, toolAdministrationId),
    REFUSALS.otherAdministrationsTool,
  );
}

/** Only administrators give a tool to another administration. */
export function toolMoveRefusal(actor: Actor): RuleViolation | null {
  return refusedUnless(isAdministrator(actor), REFUSALS.toolToOtherAdministration);
}

/** A staff member's new tool is their own administration's; administrators may keep it without one. */
export function newToolAdministration(actor: Actor, given: string | null | undefined): string | null {
  return given === undefined && !isAdministrator(actor) ? actor.administrationId : (given ?? null);
}

// ------------------------------------------------------------------ what a role could ever do

/** Refusals that no state of the subject lifts for one without the role: only another role could take the action. */
const ROLE_REFUSALS: Readonly<Record<string, (actor: Actor) => boolean>> = {
  NOT_FORUM_MEMBER: () => true,
  NOT_STAFF: () => true,
  // Staff of another administration might coordinate or own it one day; one who is no staff never will.
  NOT_COORDINATOR_STAFF: (actor) => !hasRole(actor, 'staff'),
  NOT_OWNER_STAFF: (actor) => !hasRole(actor, 'staff'),
  ADMINISTRATION_NOT_PARTICIPATING: (actor) => !hasRole(actor, 'staff'),
  NOT_PROJECT_LEADER: (actor) => !hasRole(actor, 'project_leader'),
};

/**
 * Whether the actor's roles could ever take an action refused for these reasons (true when it is allowed).
 * False: a rule about roles refuses it, so the page shows it to those whose roles can take it, not to this actor.
 */
export function withinRoles(actor: Actor, violations: readonly RuleViolation[]): boolean {
  return !violations.some((v) => ROLE_REFUSALS[v.code]?.(actor) ?? false);
}
