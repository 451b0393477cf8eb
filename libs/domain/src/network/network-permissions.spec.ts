import { describe, expect, it } from '@jest/globals';
import type { Actor } from '../actor.js';
import {
  networkHandoverRefusal,
  networkMemberRefusal,
  networkMembershipRefusal,
  networkStartRefusal,
  planWithoutNetworkRefusal,
} from './network-permissions.js';

const TMF = 'tmf-id';
const BIF = 'bif-id';
const AREA = 'area-id';
const staffOf = (administrationId: string): Actor => ({ id: 's', roles: ['staff'], administrationId });
const admin: Actor = { id: 'a', roles: ['administrator'], administrationId: null };
const leader: Actor = { id: 'l', roles: ['project_leader'], administrationId: TMF };
const code = (v: { code: string } | null) => v?.code ?? null;

describe("the local network's rules", () => {
  it('lets administrators and staff of the coordinating administration hand over, add and remove', () => {
    for (const check of [
      (a: Actor) => networkHandoverRefusal(a, TMF),
      (a: Actor) => networkMembershipRefusal(a, TMF, 'add'),
      (a: Actor) => networkMembershipRefusal(a, TMF, 'remove'),
    ]) {
      expect(check(admin)).toBeNull();
      expect(check(staffOf(TMF))).toBeNull();
      expect(code(check(staffOf(BIF)))).toBe('NOT_COORDINATOR_STAFF');
      // A project leader whose user happens to name the administration is no staff.
      expect(code(check(leader))).toBe('NOT_COORDINATOR_STAFF');
    }
    expect(networkMembershipRefusal(staffOf(BIF), TMF, 'remove')!.message).toContain('fjerne medlemmer');
    expect(networkMembershipRefusal(staffOf(BIF), TMF, 'add')!.messageEn).toContain('add members');
  });

  it('lets administrators and staff of the starting administration start a network', () => {
    expect(networkStartRefusal(admin, TMF)).toBeNull();
    expect(networkStartRefusal(staffOf(TMF), TMF)).toBeNull();
    expect(code(networkStartRefusal(staffOf(BIF), TMF))).toBe('NOT_NETWORK_STARTER');
    expect(code(networkStartRefusal(staffOf(TMF), null))).toBe('NOT_NETWORK_STARTER');
    expect(networkStartRefusal(admin, null)).toBeNull();
  });

  it('takes a local head who belongs to an administration, and an active user only', () => {
    const user = { id: 'u', active: true, roles: ['staff'] as const, administrationId: BIF };
    expect(networkMemberRefusal(user, 'local_head', AREA, null)).toBeNull();
    expect(code(networkMemberRefusal({ ...user, administrationId: null }, 'local_head', AREA, null))).toBe(
      'NETWORK_MEMBER_WITHOUT_ADMINISTRATION',
    );
    expect(code(networkMemberRefusal({ ...user, active: false }, 'local_head', AREA, null))).toBe(
      'NETWORK_MEMBER_INACTIVE',
    );
  });

  it("takes a project's leader for a project in the network's area", () => {
    const user = { id: 'l', active: true, roles: ['project_leader'] as const, administrationId: null };
    const project = { title: 'Ny start', projectLeaderId: 'l', areaIds: [AREA, 'other'] };
    expect(networkMemberRefusal(user, 'project_leader', AREA, project)).toBeNull();
    expect(code(networkMemberRefusal(user, 'project_leader', AREA, { ...project, projectLeaderId: 'x' }))).toBe(
      'NETWORK_MEMBER_NOT_PROJECT_LEADER',
    );
    const outside = networkMemberRefusal(user, 'project_leader', AREA, { ...project, areaIds: ['other'] });
    expect(code(outside)).toBe('NETWORK_PROJECT_OUTSIDE_AREA');
    expect(outside!.message).toContain('»Ny start«');
  });

  it('names the area and the first coordinator when a plan start finds no network', () => {
    const refusal = planWithoutNetworkRefusal('Valby', 'Teknik- og Miljøforvaltningen');
    expect(refusal.code).toBe('PLAN_AREA_WITHOUT_NETWORK');
    expect(refusal.message).toContain('Valby har intet lokalt netværk');
    expect(refusal.message).toContain('Teknik- og Miljøforvaltningen som første tovholder');
    expect(refusal.messageEn).toContain('Teknik- og Miljøforvaltningen as its first coordinator');
    expect(planWithoutNetworkRefusal('Valby', null).message).not.toContain('tovholder');
  });
});
