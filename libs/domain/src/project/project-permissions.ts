/** Who may work on a project's evaluation draft and its attachments, and when. */
import type { Actor } from '../actor.js';
import { REFUSALS } from '../permissions.js';
import type { RuleViolation } from '../rule-violation.js';
import { violation } from '../workflow/rules.js';
import { owesEvaluation } from './project-deadlines.js';
import type { ProjectState } from './project-types.js';

/** The project's own leader, while the evaluation is owed (the states in which it may be late). */
export function evaluationEditRefusal(
  actor: Actor,
  project: { projectLeaderId: string; state: ProjectState },
): RuleViolation | null {
  if (actor.id !== project.projectLeaderId)
    return REFUSALS.notProjectLeader({ da: 'arbejde på evalueringen', en: 'work on the evaluation' });
  if (!owesEvaluation(project.state))
    return violation(
      'EVALUATION_NOT_EDITABLE',
      'Evalueringen kan kun ændres, mens projektet er i gang, eller mens evalueringen skal afleveres.',
      'The evaluation can only be changed while the project is running or its evaluation is due.',
    );
  return null;
}

/** Whether the evaluation draft can be worked on in this state. */
export const evaluationEditable = owesEvaluation;
