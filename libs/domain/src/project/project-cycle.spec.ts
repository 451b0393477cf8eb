import { describe, expect, it } from '@jest/globals';
import { projectCycle, type ProjectRecordEntry } from './project-cycle.js';

const record = (...steps: [string, string][]): ProjectRecordEntry[] =>
  steps.map(([event, toState], i) => ({
    seq: i + 1,
    event,
    fromState: i === 0 ? null : steps[i - 1][1],
    toState,
    at: `2026-01-${String(i + 1).padStart(2, '0')}T09:00:00.000Z`,
  }));
const statuses = (cycle: ReturnType<typeof projectCycle>) => cycle.map((c) => `${c.step}:${c.status}`);

const FIRST: [string, string][] = [
  ['PROPOSE', 'proposed'],
  ['APPROVE', 'approved'],
  ['START', 'running'],
  ['EVALUATION_DUE', 'evaluationDue'],
  ['SUBMIT_EVALUATION', 'evaluationSubmitted'],
  ['ASSESS', 'assessed'],
];

describe("the project's cycle (the policy's figure)", () => {
  it('shows a proposal in its first steps', () => {
    expect(statuses(projectCycle('proposed', record(['PROPOSE', 'proposed'])))).toEqual([
      'problem:done',
      'proposal:current',
      'intervention:pending',
      'evaluation:pending',
      'scaling:pending',
      'operations:pending',
    ]);
  });

  it('shows a scaled project evaluated again and adopted, each step with when it was reached and done', () => {
    const r = record(
      ...FIRST,
      ['SCALE', 'scaling'],
      ['EVALUATION_DUE', 'scaledEvaluationDue'],
      ['SUBMIT_EVALUATION', 'scaledEvaluationSubmitted'],
      ['ASSESS', 'scaledAssessed'],
      ['ADOPT', 'adoptedIntoOperations'],
    );
    const cycle = projectCycle('adoptedIntoOperations', r);
    expect(statuses(cycle)).toEqual([
      'problem:done',
      'proposal:done',
      'intervention:done',
      'evaluation:done',
      'scaling:done',
      'operations:done',
    ]);
    const scaling = cycle.find((c) => c.step === 'scaling')!;
    expect(scaling).toMatchObject({ reachedAt: r[6].at, doneAt: r[10].at, seqs: [7, 8, 9, 10] });
    expect(cycle.find((c) => c.step === 'evaluation')).toMatchObject({ reachedAt: r[3].at, doneAt: r[6].at });
  });

  it(
    'marks scaling skipped when a project is adopted after its first evaluation, and the rest not reached when ' +
      'ended',
    () => {
      expect(
        statuses(projectCycle('adoptedIntoOperations', record(...FIRST, ['ADOPT', 'adoptedIntoOperations']))),
      ).toEqual([
        'problem:done',
        'proposal:done',
        'intervention:done',
        'evaluation:done',
        'scaling:skipped',
        'operations:done',
      ]);
      expect(statuses(projectCycle('terminated', record(...FIRST, ['TERMINATE', 'terminated'])))).toEqual([
        'problem:done',
        'proposal:done',
        'intervention:done',
        'evaluation:done',
        'scaling:not_reached',
        'operations:not_reached',
      ]);
      expect(
        statuses(
          projectCycle(
            'scaledEvaluationDue',
            record(...FIRST, ['SCALE', 'scaling'], ['EVALUATION_DUE', 'scaledEvaluationDue']),
          ),
        ),
      ).toEqual([
        'problem:done',
        'proposal:done',
        'intervention:done',
        'evaluation:done',
        'scaling:current',
        'operations:pending',
      ]);
    },
  );
});
