import { describe, expect, it } from '@jest/globals';
import type { Actor } from './actor.js';
import { REFUSALS, withinRoles } from './permissions.js';

const actor = (roles: Actor['roles']): Actor => ({
  id: 'u1',
  roles,
  administrationId: roles.includes('staff') ? 'a1' : null,
});
const SUBMIT = { da: 'indsende', en: 'submit' };

describe('withinRoles: the actions a role could ever take', () => {
  it('is true for an allowed action and for one refused for the present state only', () => {
    expect(withinRoles(actor(['observer']), [])).toBe(true);
    const completeness = { code: 'MAPPING_INCOMPLETE', message: 'x', messageEn: 'x' };
    expect(withinRoles(actor(['staff']), [completeness])).toBe(true);
  });

  it("is false for a decision of the mayors' forum asked of anyone else", () => {
    expect(withinRoles(actor(['staff']), [REFUSALS.notForumMember()])).toBe(false);
    expect(withinRoles(actor(['observer']), [REFUSALS.notStaff(SUBMIT)])).toBe(false);
  });

  it('keeps a coordinator-only action for staff of another administration, not for a forum member', () => {
    const refusal = [REFUSALS.notCoordinatorStaff(SUBMIT)];
    expect(withinRoles(actor(['staff']), refusal)).toBe(true);
    expect(withinRoles(actor(['forum_member']), refusal)).toBe(false);
  });

  it("keeps the project leader's action for another leader, not for staff", () => {
    const refusal = [REFUSALS.notProjectLeader(SUBMIT)];
    expect(withinRoles(actor(['project_leader']), refusal)).toBe(true);
    expect(withinRoles(actor(['staff']), refusal)).toBe(false);
  });
});
