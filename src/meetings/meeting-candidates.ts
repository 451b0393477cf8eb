import type { MeetingOnDate } from '#domain';

/** The meetings a decision could be credited to, read with the lock ($2: today). */
export interface MeetingCandidates {
  agenda_meeting: MeetingOnDate | null;
  today_meeting: MeetingOnDate | null;
}

/** Columns of the lock query: the meeting of the subject's open submission, and the first meeting of today. */
export const MEETING_CANDIDATES_SQL = (subject: 'plan' | 'project', alias: string) =>
  `(SELECT json_build_object('id', mt."id", 'meetingDate', to_char(mt."meeting_date", 'YYYY-MM-DD'))
      FROM "agenda_item" ai JOIN "meeting" mt ON mt."id" = ai."meeting_id"
     WHERE ai."subject_type" = '${subject}' AND ai."subject_id" = ${alias}."id" AND ai."kind" = 'submission'
       AND ai."resolved_at" IS NULL ORDER BY ai."created_at" DESC LIMIT 1) AS "agenda_meeting",
   (SELECT json_build_object('id', mt."id", 'meetingDate', to_char(mt."meeting_date", 'YYYY-MM-DD'))
      FROM "meeting" mt WHERE mt."meeting_date" = $2::date ORDER BY mt."created_at" LIMIT 1) AS "today_meeting"`;
