import {
  PLAN_DECISION_RECORD,
  PLAN_EVENT_LABELS,
  PROJECT_EVENT_RECORDED_LABELS,
  type DecisionProcedure,
  type JournalState,
  type PlanEventType,
  type ProjectEventType,
} from '#domain';

/** A decision of the forum as the API answers it. */
export interface DecisionView {
  id: string;
  subjectType: 'plan' | 'project';
  subjectId: string;
  subjectTitle: string;
  subjectDetail: string | null;
  seq: number;
  event: string;
  decisionLabel: string;
  decisionLabelEn: string;
  conditions: string[];
  comment: string | null;
  decidedById: string | null;
  decidedBy: string;
  decidedAt: Date;
  decidedOn: string;
  procedure: DecisionProcedure;
  meetingId: string | null;
  meetingTitle: string | null;
  meetingDate: string | null;
  journal: {
    state: JournalState;
    attempts: number;
    error: string | null;
    journalisedAt: Date | null;
    reference: string | null;
  };
}

export interface DecisionRow {
  id: string;
  subject_type: 'plan' | 'project';
  subject_id: string;
  subject_title: string;
  subject_detail: string | null;
  seq: number;
  event: string;
  conditions: string[];
  comment: string | null;
  decided_by_id: string | null;
  decided_by_name: string;
  decided_at: Date;
  decided_on: string;
  procedure: DecisionProcedure;
  meeting_id: string | null;
  meeting_title: string | null;
  meeting_date: string | null;
  journal_state: JournalState;
  journal_attempts: number;
  journal_error: string | null;
  journalised_at: Date | null;
  journal_reference: string | null;
}

export const DECISION_SELECT = `SELECT d."id", d."subject_type", d."subject_id", d."subject_title",
  d."subject_detail", d."seq",
    d."event", d."conditions", d."comment", d."decided_by_id", d."decided_by_name", d."decided_at",
    to_char(d."decided_on", 'YYYY-MM-DD') AS "decided_on", d."procedure", d."meeting_id", mt."title" AS "meeting_title",
    to_char(mt."meeting_date", 'YYYY-MM-DD') AS "meeting_date", d."journal_state", d."journal_attempts",
    d."journal_error", d."journalised_at", d."journal_reference"
  FROM "forum_decision" d LEFT JOIN "meeting" mt ON mt."id" = d."meeting_id"`;

/** A decision as the record says it: done, in the past tense ("Godkendt med betingelser"), not the button's words. */
function decisionLabels(subjectType: 'plan' | 'project', event: string): { da: string; en: string } {
  const labels =
    subjectType === 'plan'
      ? (PLAN_DECISION_RECORD[event as PlanEventType] ?? PLAN_EVENT_LABELS[event as PlanEventType])
      : PROJECT_EVENT_RECORDED_LABELS[event as ProjectEventType];
  return labels ?? { da: event, en: event };
}

export function toDecisionView(r: DecisionRow): DecisionView {
  const labels = decisionLabels(r.subject_type, r.event);
  return {
    id: r.id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subjectTitle: r.subject_title,
    subjectDetail: r.subject_detail,
    seq: r.seq,
    event: r.event,
    decisionLabel: labels.da,
    decisionLabelEn: labels.en,
    conditions: r.conditions ?? [],
    comment: r.comment,
    decidedById: r.decided_by_id,
    decidedBy: r.decided_by_name,
    decidedAt: new Date(r.decided_at),
    decidedOn: r.decided_on,
    procedure: r.procedure,
    meetingId: r.meeting_id,
    meetingTitle: r.meeting_title,
    meetingDate: r.meeting_date,
    journal: {
      state: r.journal_state,
      attempts: r.journal_attempts,
      error: r.journal_error,
      journalisedAt: r.journalised_at,
      reference: r.journal_reference,
    },
  };
}
