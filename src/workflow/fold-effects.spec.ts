import { describe, expect, it } from '@jest/globals';
import type { Effect } from '#domain';
import { foldEffects } from './workflow-store.js';

const add: Effect = {
  kind: 'agenda.add',
  itemKind: 'submission',
  title: 'Indstilling',
  dedupKey: 'plan:1:submission:2',
};
const resolve: Effect = { kind: 'agenda.resolve', resolution: 'withdrawn', itemKinds: ['submission'] };
const notify: Effect = {
  kind: 'notify',
  to: { role: 'forum_member' },
  notification: 'plan.submitted',
  title: 'Indsendt',
  body: 'Til borgmesterforum',
  link: '/plans/1',
  dedupKey: 'plan:1:submitted:2',
};
const schedule: Effect = { kind: 'deadline.schedule', entrySeq: 2, dueDate: '2027-02-03' };
const stamp: Effect = { kind: 'progressReports.stamp' };

describe('foldEffects: which effects go into the write’s own statement', () => {
  it('folds a submission’s agenda item and notification, and keeps nothing back', () => {
    expect(foldEffects([add, notify])).toEqual({ folded: [add, notify], rest: [] });
  });

  it('stops at the first effect of another kind, so the order of effects is kept', () => {
    expect(foldEffects([resolve, schedule, notify])).toEqual({ folded: [resolve], rest: [schedule, notify] });
    expect(foldEffects([stamp, add, notify])).toEqual({ folded: [], rest: [stamp, add, notify] });
  });

  it('folds one change to the agenda and one notification at most: a second would not see the first', () => {
    expect(foldEffects([resolve, add])).toEqual({ folded: [resolve], rest: [add] });
    expect(foldEffects([notify, resolve, notify])).toEqual({ folded: [notify, resolve], rest: [notify] });
  });

  it('folds nothing of no effects', () => {
    expect(foldEffects([])).toEqual({ folded: [], rest: [] });
  });
});
