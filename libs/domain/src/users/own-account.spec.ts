import { describe, expect, it } from '@jest/globals';
import { needsAdministration, ownAccountViolations, sameRoles } from './own-account.js';

describe('ownAccountViolations', () => {
  const me = '11111111-1111-4111-8111-111111111111';
  const other = '22222222-2222-4222-8222-222222222222';

  it('lets an administrator change anyone else, deactivation and roles included', () => {
    expect(ownAccountViolations({ actorId: me, userId: other, active: false, roles: ['observer'] })).toEqual([]);
  });

  it('lets an administrator change their own account in other ways', () => {
    expect(ownAccountViolations({ actorId: me, userId: me })).toEqual([]);
    expect(ownAccountViolations({ actorId: me, userId: me, active: true, roles: ['administrator', 'staff'] })).toEqual(
      [],
    );
  });

  it('refuses deactivating oneself and taking away one’s own administrator role, naming both rules', () => {
    const violations = ownAccountViolations({ actorId: me, userId: me, active: false, roles: ['staff'] });
    expect(violations.map((v) => v.code)).toEqual(['OWN_ACCOUNT_DEACTIVATION', 'OWN_ADMINISTRATOR_ROLE']);
    for (const v of violations) {
      expect(v.message).toMatch(/Du kan ikke/);
      expect(v.messageEn).toMatch(/You cannot/);
    }
  });
});

describe('account rules', () => {
  it('staff need an administration; other roles do not', () => {
    expect(needsAdministration(['staff'], null)).toBe(true);
    expect(needsAdministration(['staff'], 'adm-1')).toBe(false);
    expect(needsAdministration(['forum_member'], null)).toBe(false);
  });

  it('compares role lists as sets', () => {
    expect(sameRoles(['staff', 'observer'], ['observer', 'staff'])).toBe(true);
    expect(sameRoles(['staff'], ['staff', 'observer'])).toBe(false);
    expect(sameRoles(['staff', 'staff'], ['staff', 'observer'])).toBe(false);
  });
});
