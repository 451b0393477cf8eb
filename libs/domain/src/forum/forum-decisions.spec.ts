import { describe, expect, it } from '@jest/globals';
import {
  agendaGroup,
  archiveRetryDelay,
  creditDecision,
  isProjectForumDecision,
  meetingDateRefusal,
} from './forum-decisions.js';

const dec1 = { id: 'm-dec-1', meetingDate: '2026-12-01' };
const dec10 = { id: 'm-dec-10', meetingDate: '2026-12-10' };

describe('creditDecision', () => {
  it("credits a decision made on a meeting's date to that meeting", () => {
    expect(creditDecision('2026-12-10', [null, dec10])).toEqual({
      procedure: 'meeting',
      meetingId: 'm-dec-10',
      decidedOn: '2026-12-10',
    });
  });

  it('never credits a meeting that has not been held: a decision on 1 December is a written procedure', () => {
    expect(creditDecision('2026-12-01', [dec10])).toEqual({
      procedure: 'written',
      meetingId: null,
      decidedOn: '2026-12-01',
    });
  });

  it('does not credit a meeting held on an earlier day either', () => {
    expect(creditDecision('2026-12-11', [dec10, undefined])).toMatchObject({ procedure: 'written' });
  });

  it("takes the first candidate held that day: the named meeting, then the agenda's, then any of the day", () => {
    const other = { id: 'm-other', meetingDate: '2026-12-01' };
    expect(creditDecision('2026-12-01', [dec10, other, dec1])).toMatchObject({ meetingId: 'm-other' });
    expect(creditDecision('2026-12-01', [null, null, dec1])).toMatchObject({ meetingId: 'm-dec-1' });
  });
});

describe('meetingDateRefusal', () => {
  it('refuses a date in the past and allows today and later', () => {
    expect(meetingDateRefusal('2026-11-30', '2026-12-01')?.en).toMatch(/has passed/);
    expect(meetingDateRefusal('2026-12-01', '2026-12-01')).toBeNull();
    expect(meetingDateRefusal('2027-01-05', '2026-12-01')).toBeNull();
  });
});

describe('agendaGroup', () => {
  it('groups plan and project items by what is to be decided', () => {
    expect(agendaGroup({ subjectType: 'plan', kind: 'submission', dedupKey: 'plan:x:submission:3' })).toBe(
      'stage_submission',
    );
    expect(agendaGroup({ subjectType: 'plan', kind: 'escalation', dedupKey: 'plan:x:escalation:1' })).toBe(
      'deadline_escalation',
    );
    expect(agendaGroup({ subjectType: 'project', kind: 'submission', dedupKey: 'project:x:proposal' })).toBe(
      'project_proposal',
    );
    expect(agendaGroup({ subjectType: 'project', kind: 'submission', dedupKey: 'project:x:decision:7' })).toBe(
      'evaluation_for_decision',
    );
    expect(agendaGroup({ subjectType: 'project', kind: 'escalation', dedupKey: 'project:x:escalation:2' })).toBe(
      'overdue_evaluation',
    );
  });
});

describe('isProjectForumDecision', () => {
  it('counts approval, rejection, termination, adoption and scaling after assessment, not a running scale-up', () => {
    expect(isProjectForumDecision('APPROVE', 'proposed')).toBe(true);
    expect(isProjectForumDecision('ADOPT', 'assessed')).toBe(true);
    expect(isProjectForumDecision('SCALE', 'assessed')).toBe(true);
    expect(isProjectForumDecision('SCALE', 'running')).toBe(false);
    expect(isProjectForumDecision('SUBMIT_EVALUATION', 'evaluationDue')).toBe(false);
  });
});

describe('archiveRetryDelay', () => {
  it('backs off exponentially and gives up after the last attempt', () => {
    expect(archiveRetryDelay(1, 4, 1000)).toBe(1000);
    expect(archiveRetryDelay(2, 4, 1000)).toBe(2000);
    expect(archiveRetryDelay(3, 4, 1000)).toBe(4000);
    expect(archiveRetryDelay(4, 4, 1000)).toBeNull();
    expect(archiveRetryDelay(30, 100, 1000)).toBe(600_000);
  });
});
