/**
 * Who may hand a local network's coordinator role (tovholder) to another administration: administrators, and
 * staff of the administration that coordinates it now (TMF starts each network, then hands the role on).
 */
import { hasRole, type Actor } from '../actor.js';
import { REFUSALS } from '../permissions.js';
import type { RuleViolation } from '../rule-violation.js';

export function networkHandoverRefusal(actor: Actor, coordinatingAdministrationId: string): RuleViolation | null {
  if (hasRole(actor, 'administrator')) return null;
  if (hasRole(actor, 'staff') && actor.administrationId === coordinatingAdministrationId) return null;
  return REFUSALS.notCoordinatorStaff({ da: 'give tovholderrollen videre', en: 'hand over the coordinator role' });
}
