/**
 * The mayors' forum's decisions: where a decision is credited (the meeting
 * of its day, or a written procedure with its own date), which group of the
 * agenda an item belongs to, and the journal states of a decision's archive
 * package. Pure rules, no I/O.
 */
import { formatCalendarDate } from '../calendar/calendar-dates.js';

/** A meeting as the crediting rule needs it. */
export interface MeetingOnDate {
  id: string;
  /** YYYY-MM-DD */
  meetingDate: string;
}

/**
 * Where a decision is recorded: at a meeting (only on that meeting's date),
 * or by written procedure (*skriftlig behandling*) on the day it was made.
 */
export type DecisionCredit =
  | { procedure: 'meeting'; meetingId: string; decidedOn: string }
  | { procedure: 'written'; meetingId: null; decidedOn: string };

export const DECISION_PROCEDURES = ['meeting', 'written'] as const;
export type DecisionProcedure = (typeof DECISION_PROCEDURES)[number];

export const DECISION_PROCEDURE_LABELS: Record<DecisionProcedure, { da: string; en: string }> = {
  meeting: { da: 'På møde', en: 'At a meeting' },
  written: { da: 'Skriftlig behandling', en: 'Written procedure' },
};

/**
 * Credits a decision made on `decidedOn` (the municipality's day): to the
 * first candidate meeting held that day (the meeting named by the caller,
 * the meeting whose agenda holds the item, any meeting of that day, in that
 * order), else to a written procedure dated that day. A meeting on another
 * day (one not yet held, or one held before) is never credited.
 */
export function creditDecision(
  decidedOn: string,
  candidates: readonly (MeetingOnDate | null | undefined)[],
): DecisionCredit {
  const held = candidates.find((m): m is MeetingOnDate => !!m && m.meetingDate === decidedOn);
  return held
    ? { procedure: 'meeting', meetingId: held.id, decidedOn }
    : { procedure: 'written', meetingId: null, decidedOn };
}

/** Why a meeting cannot be scheduled on that date (a day already past), or null. */
export function meetingDateRefusal(meetingDate: string, today: string): { da: string; en: string } | null {
  if (meetingDate >= today) return null;
  return {
    da:
      `Mødedatoen ${formatCalendarDate(meetingDate, 'da')} er overstået; ` +
      'et møde kan kun planlægges i dag eller senere.',
    en:
      `The meeting date ${formatCalendarDate(meetingDate, 'en')} has passed; ` +
      'a meeting can only be scheduled for today or later.',
  };
}

/** The groups of a meeting's agenda, in the order they are taken up. */
export const AGENDA_GROUPS = [
  'stage_submission',
  'deadline_escalation',
  'project_proposal',
  'evaluation_for_decision',
  'overdue_evaluation',
] as const;
export type AgendaGroup = (typeof AGENDA_GROUPS)[number];

export const AGENDA_GROUP_LABELS: Record<AgendaGroup, { da: string; en: string }> = {
  stage_submission: { da: 'Indsendte faser', en: 'Stage submissions' },
  deadline_escalation: { da: 'Overskredne frister', en: 'Deadline escalations' },
  project_proposal: { da: 'Projektforslag', en: 'Project proposals' },
  evaluation_for_decision: { da: 'Evalueringer til beslutning', en: 'Evaluations for decision' },
  overdue_evaluation: { da: 'Evalueringer over fristen', en: 'Overdue evaluations' },
};

/** What the forum is to decide on an item of the group, in one sentence (Danish, English). */
export const AGENDA_GROUP_QUESTIONS: Record<AgendaGroup, { da: string; en: string }> = {
  stage_submission: {
    da: 'Skal fasen godkendes, godkendes med betingelser eller sendes tilbage?',
    en: 'Is the stage to be approved, approved with conditions or returned?',
  },
  deadline_escalation: {
    da: 'Fasen er over fristen: skal fristen flyttes, eller hvad skal der ske?',
    en: 'The stage is past its deadline: is the deadline to be moved, or what is to happen?',
  },
  project_proposal: {
    da: 'Skal projektet godkendes eller afvises?',
    en: 'Is the project to be approved or rejected?',
  },
  evaluation_for_decision: {
    da: 'Skal projektet afsluttes, skaleres eller forankres i drift?',
    en: 'Is the project to be terminated, scaled or adopted into core operations?',
  },
  overdue_evaluation: {
    da: 'Evalueringen er ikke afleveret til tiden: hvad skal der ske?',
    en: 'The evaluation was not submitted in time: what is to happen?',
  },
};

/** The group of an agenda item, from its subject, kind and de-duplication key. */
export function agendaGroup(item: {
  subjectType: 'plan' | 'project';
  kind: 'submission' | 'escalation';
  dedupKey: string;
}): AgendaGroup {
  if (item.subjectType === 'plan') return item.kind === 'escalation' ? 'deadline_escalation' : 'stage_submission';
  if (item.kind === 'escalation') return 'overdue_evaluation';
  return item.dedupKey.endsWith(':proposal') ? 'project_proposal' : 'evaluation_for_decision';
}

/** The project events that are decisions of the forum (journalised like a plan's gate decisions). */
export const PROJECT_FORUM_DECISIONS = ['APPROVE', 'REJECT', 'TERMINATE', 'ADOPT'] as const;

/**
 * Whether a project event is a decision of the forum: an approval or rejection, an end, or scaling after assessment.
 */
export function isProjectForumDecision(event: string, fromState: string): boolean {
  return (
    (PROJECT_FORUM_DECISIONS as readonly string[]).includes(event) || (event === 'SCALE' && fromState === 'assessed')
  );
}

/** The journal state of a decision's archive package. */
export const JOURNAL_STATES = ['pending', 'journalised', 'failed'] as const;
export type JournalState = (typeof JOURNAL_STATES)[number];

export const JOURNAL_STATE_LABELS: Record<JournalState, { da: string; en: string }> = {
  pending: { da: 'Afventer journalisering', en: 'Pending' },
  journalised: { da: 'Journaliseret', en: 'Journalised' },
  failed: { da: 'Journalisering fejlede', en: 'Failed' },
};

/**
 * After a failed delivery attempt (`attempts` made so far): wait this long
 * before the next, or give up (`null`): the decision is then `failed` until
 * an administrator retries it. Exponential from `baseMs`, capped at 10 minutes.
 */
export function archiveRetryDelay(attempts: number, maxAttempts: number, baseMs: number): number | null {
  if (attempts >= maxAttempts) return null;
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 600_000);
}
