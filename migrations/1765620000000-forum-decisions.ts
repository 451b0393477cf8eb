import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mayors' forum's decisions, one row each (plan gate decisions and
 * project decisions), beside the chained transition tables rather than in
 * them: the subject as it was named then (plan title and area, project
 * name), the decision with its conditions and comment, who decided and
 * when, and where it is credited: the meeting of that day, or a written
 * procedure (`procedure = 'written'`, no meeting) on `decided_on`. The
 * journal columns follow the decision's archive package (pending,
 * journalised, failed with the error); they are the only ones that change.
 */
export class ForumDecisions1765620000000 implements MigrationInterface {
  name = 'ForumDecisions1765620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "forum_decision" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subject_type" text NOT NULL CHECK ("subject_type" IN ('plan', 'project')),
        "subject_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "event" text NOT NULL,
        "from_state" text,
        "to_state" text NOT NULL,
        "subject_title" text NOT NULL,
        "subject_detail" text,
        "conditions" jsonb NOT NULL DEFAULT '[]',
        "comment" text,
        "decided_by_id" uuid,
        "decided_by_name" text NOT NULL,
        "decided_at" timestamptz NOT NULL,
        "decided_on" date NOT NULL,
        "procedure" text NOT NULL CHECK ("procedure" IN ('meeting', 'written')),
        "meeting_id" uuid,
        "journal_state" text NOT NULL DEFAULT 'pending' CHECK ("journal_state" IN ('pending', 'journalised', 'failed')),
        "journal_attempts" integer NOT NULL DEFAULT 0,
        "journal_round" integer NOT NULL DEFAULT 1,
        "journal_error" text,
        "journal_claimed_until" timestamptz,
        "journalised_at" timestamptz,
        "journal_reference" text,
        "document_sha256" text,
        CONSTRAINT "PK_forum_decision" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_forum_decision_subject_seq" UNIQUE ("subject_type", "subject_id", "seq"),
        CONSTRAINT "FK_forum_decision_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id"),
        CONSTRAINT "CHK_forum_decision_credit" CHECK (("procedure" = 'meeting') = ("meeting_id" IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX "IDX_forum_decision_meeting" ON "forum_decision" ("meeting_id")`);
    await q.query(`CREATE INDEX "IDX_forum_decision_decided_at" ON "forum_decision" ("decided_at" DESC)`);
    await q.query(
      `CREATE INDEX "IDX_forum_decision_journal" ON "forum_decision" ("journal_state") WHERE "journal_state" <> 'journalised'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "forum_decision"`);
  }
}
