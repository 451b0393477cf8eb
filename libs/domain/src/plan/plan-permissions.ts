/**
 * Who may edit a plan's content: the sections of the stage being drafted,
 * by staff of a participating administration, each only its own
 * administration's contributions. A progress report once submitted is frozen.
 */
import { hasRole } from '../actor.js';
import type { Actor } from '../actor.js';
import { REFUSALS } from '../permissions.js';
import type { RuleViolation } from '../rule-violation.js';
import { violation } from '../workflow/rules.js';
import { PLAN_SECTIONS, PLAN_SECTION_LABELS, PLAN_SECTION_NAMES } from './plan-content.js';
import type { PlanSection } from './plan-content.js';
import { PLAN_STAGE_LABELS } from './plan-types.js';
import type { PlanStage, PlanStatus } from './plan-types.js';

export interface PlanEditSubject {
  stage: PlanStage;
  status: PlanStatus | null;
  participatingAdministrationIds: readonly string[];
}

export interface PlanEditItem {
  section: PlanSection;
  administrationId: string | null;
  /** A progress report that went to the forum with a submission. */
  submitted: boolean;
}

/** Why `actor` may not edit `section` (or the given item of it) now; null when they may. */
export function sectionEditRefusal(
  actor: Actor,
  plan: PlanEditSubject,
  section: PlanSection,
  item?: PlanEditItem,
): RuleViolation | null {
  const stage = PLAN_SECTIONS[section];
  const label = PLAN_SECTION_LABELS[section];
  if (plan.stage !== stage || plan.status !== 'drafting' || (item?.section === 'progress_report' && item.submitted)) {
    const submitted = plan.status === 'submitted';
    return violation(
      'SECTION_FROZEN',
      `${label} hører til fasen ${PLAN_STAGE_LABELS[stage].da} og kan kun ændres, mens den fase bearbejdes (planen ` +
        `er i ${PLAN_STAGE_LABELS[plan.stage].da}${submitted ? ', indsendt' : ''}).`,
      `${section} belongs to the ${PLAN_STAGE_LABELS[stage].en} stage and can only be changed while that stage is ` +
        `being worked on (the plan is in ${PLAN_STAGE_LABELS[plan.stage].en}${submitted ? ', submitted' : ''}).`,
    );
  }
  if (!hasRole(actor, 'staff') || !actor.administrationId) {
    return REFUSALS.notStaff({ da: 'ændre planens indhold', en: "change a plan's content" });
  }
  if (!plan.participatingAdministrationIds.includes(actor.administrationId)) {
    return REFUSALS.administrationNotParticipating();
  }
  if (item && item.administrationId !== actor.administrationId) return REFUSALS.otherAdministrationsContribution();
  return null;
}

/** The sections `actor` may edit in the plan's present state. */
export function editableSections(actor: Actor, plan: PlanEditSubject): PlanSection[] {
  return PLAN_SECTION_NAMES.filter((section) => sectionEditRefusal(actor, plan, section) === null);
}
