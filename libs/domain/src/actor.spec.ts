import { describe, expect, it } from '@jest/globals';
import { ROLES, hasRole } from './actor.js';
import type { Actor } from './actor.js';

describe('hasRole', () => {
  const actor: Actor = { id: 'u1', roles: ['staff', 'forum_member'], administrationId: 'tmf' };

  it('is true for a role the actor holds', () => {
    expect(hasRole(actor, 'staff')).toBe(true);
    expect(hasRole(actor, 'forum_member')).toBe(true);
  });

  it('is false for a role the actor lacks', () => {
    expect(hasRole(actor, 'administrator')).toBe(false);
    expect(hasRole({ ...actor, roles: [] }, 'staff')).toBe(false);
  });

  it('knows the five roles', () => {
    expect(ROLES).toEqual(['administrator', 'staff', 'forum_member', 'project_leader', 'observer']);
  });
});
