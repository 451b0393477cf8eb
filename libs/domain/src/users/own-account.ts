import type { Role } from '../actor.js';
import type { RuleViolation } from '../rule-violation.js';

/** A change an administrator makes to a user account: what the account becomes (undefined: unchanged). */
export interface AccountChange {
  actorId: string;
  userId: string;
  active?: boolean;
  roles?: readonly Role[];
}

/**
 * An administrator cannot lock themselves out: not deactivate their own
 * account, nor take their own administrator role away (another administrator
 * can). Every unmet rule, in Danish and English.
 */
export function ownAccountViolations(change: AccountChange): RuleViolation[] {
  if (change.actorId !== change.userId) return [];
  const violations: RuleViolation[] = [];
  if (change.active === false) {
    violations.push({
      code: 'OWN_ACCOUNT_DEACTIVATION',
      message: 'Du kan ikke deaktivere din egen bruger. Bed en anden administrator om det.',
      messageEn: 'You cannot deactivate your own account. Ask another administrator to do it.',
    });
  }
  if (change.roles !== undefined && !change.roles.includes('administrator')) {
    violations.push({
      code: 'OWN_ADMINISTRATOR_ROLE',
      message: 'Du kan ikke fjerne din egen administratorrolle. Bed en anden administrator om det.',
      messageEn: 'You cannot take away your own administrator role. Ask another administrator to do it.',
    });
  }
  return violations;
}

/** Staff work for an administration: an account with the staff role must belong to one. */
export function needsAdministration(roles: readonly Role[], administrationId: string | null): boolean {
  return roles.includes('staff') && !administrationId;
}

/** Whether two role lists hold the same roles, whatever their order. */
export function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((r) => set.has(r));
}
