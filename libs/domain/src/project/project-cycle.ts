/**
 * The project's way as the policy's figure draws it (the Young Foundation
 * cycle): problem → proposal → intervention → evaluation → scaling → new
 * method in core operations. Read from the project's record (its
 * transitions, oldest first): each step with when it was reached and
 * finished, and where the project stands now.
 */
import type { ProjectState } from './project-types.js';

export const PROJECT_CYCLE_STEPS = [
  'problem',
  'proposal',
  'intervention',
  'evaluation',
  'scaling',
  'operations',
] as const;
export type ProjectCycleStep = (typeof PROJECT_CYCLE_STEPS)[number];

export const PROJECT_CYCLE_LABELS: Record<ProjectCycleStep, { da: string; en: string }> = {
  problem: { da: 'Problem', en: 'Problem' },
  proposal: { da: 'Forslag', en: 'Proposal' },
  intervention: { da: 'Indsats', en: 'Intervention' },
  evaluation: { da: 'Evaluering', en: 'Evaluation' },
  scaling: { da: 'Skalering', en: 'Scaling' },
  operations: { da: 'Ny metode i drift', en: 'New method in core operations' },
};

/**
 * `done`: passed; `current`: where the project is; `pending`: still ahead; `skipped`: passed over (a project
 * adopted or ended without scaling); `not_reached`: the project ended (rejected or terminated) before it.
 */
export type ProjectCycleStatus = 'done' | 'current' | 'pending' | 'skipped' | 'not_reached';

export interface ProjectCycleEntry {
  step: ProjectCycleStep;
  status: ProjectCycleStatus;
  /** When the step was reached (ISO time of the transition), if it was. */
  reachedAt: string | null;
  /** When it was finished, if it was. */
  doneAt: string | null;
  /** The record's entries (seq) that belong to the step. */
  seqs: number[];
}

export interface ProjectRecordEntry {
  seq: number;
  event: string;
  fromState: string | null;
  toState: string;
  at: string;
}

const SCALED = new Set(['scaling', 'scaledEvaluationDue', 'scaledEvaluationSubmitted', 'scaledAssessed']);
const EVALUATING = new Set(['evaluationDue', 'evaluationSubmitted', 'assessed']);

/** Which step a state belongs to. */
function stepOf(state: string): ProjectCycleStep {
  if (state === 'proposed' || state === 'rejected') return 'proposal';
  if (state === 'approved' || state === 'running') return 'intervention';
  if (EVALUATING.has(state)) return 'evaluation';
  if (SCALED.has(state)) return 'scaling';
  return 'operations';
}

/** The cycle of a project in `state`, from its record (oldest first). */
export function projectCycle(state: ProjectState, record: readonly ProjectRecordEntry[]): ProjectCycleEntry[] {
  const entries = new Map<ProjectCycleStep, ProjectCycleEntry>(
    PROJECT_CYCLE_STEPS.map((step) => [step, { step, status: 'pending', reachedAt: null, doneAt: null, seqs: [] }]),
  );
  const reach = (step: ProjectCycleStep, at: string, seq: number) => {
    const e = entries.get(step)!;
    e.reachedAt ??= at;
    e.seqs.push(seq);
  };
  const first = record[0];
  if (first) {
    // The proposal states the problem and the solution at once.
    reach('problem', first.at, first.seq);
    entries.get('problem')!.doneAt = first.at;
  }
  let previous: ProjectCycleStep | null = null;
  for (const entry of record) {
    // A terminated project ends in the step it was decided in; every other state names its own step.
    const step: ProjectCycleStep = entry.toState === 'terminated' ? (previous ?? 'proposal') : stepOf(entry.toState);
    if (previous && step !== previous && PROJECT_CYCLE_STEPS.indexOf(step) > PROJECT_CYCLE_STEPS.indexOf(previous))
      entries.get(previous)!.doneAt ??= entry.at;
    reach(step, entry.at, entry.seq);
    if (entry.toState === 'adoptedIntoOperations') entries.get('operations')!.doneAt = entry.at;
    previous = step;
  }
  const ended = state === 'rejected' || state === 'terminated';
  const current = state === 'terminated' ? previous : stepOf(state);
  let passedCurrent = false;
  for (const step of PROJECT_CYCLE_STEPS) {
    const e = entries.get(step)!;
    if (step === current) {
      passedCurrent = true;
      e.status = state === 'adoptedIntoOperations' ? 'done' : ended ? 'done' : 'current';
      continue;
    }
    if (!passedCurrent) e.status = e.reachedAt ? 'done' : 'skipped';
    else e.status = ended ? 'not_reached' : 'pending';
  }
  return [...entries.values()];
}
