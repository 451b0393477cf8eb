import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { archiveRetryDelay, DECISION_PROCEDURE_LABELS } from '#domain';
import type { DecisionView } from '../meetings/decision-view.js';
import { AppError, notFound } from '../platform/common/app-error.js';
import { JOB_NAMES, JOB_QUEUES, stableJobId } from '../platform/jobs/job-names.js';
import { OutboxService } from '../platform/outbox/outbox.service.js';
import { ARCHIVE_SETTINGS, type ArchiveSettings } from './archive-settings.js';
import { archiveTarget, DOCUMENT_FILE, sha256, type ArchivePackage, type ArchiveTarget } from './archive-target.js';
import { renderDecisionPdf } from './forum-pdf.js';
import { MeetingPackService, toDecisionLine } from './meeting-pack.service.js';

export interface JournaliseJobData extends Record<string, unknown> {
  decisionId: string;
  /** 1, then one more for each retry by an administrator. */
  round: number;
  /** Attempts made before this one in the round. */
  attempt: number;
}

/** How long a delivery may hold a decision before another job may take it (a worker that died). */
const CLAIM_SECONDS = 300;

/** The rows of an UPDATE … RETURNING (TypeORM answers [rows, count] for it on PostgreSQL). */
function rowsOf<T>(result: unknown): T[] {
  const r = result as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as T[];
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

/**
 * Journalises the forum's decisions in the case archive. Each decision's
 * first job is written with the decision itself (workflow-store), so none is
 * lost; a job claims its decision (its round and attempt, under a lease)
 * before delivering, so two copies of a job never deliver twice, and each
 * attempt's outcome is written in one statement: journalised, or the error
 * with the next attempt through the outbox (ARCHIVE_RETRY_MS, doubling), or
 * failed after ARCHIVE_MAX_ATTEMPTS, for an administrator to retry.
 */
@Injectable()
export class ArchiveService {
  private readonly logger = new Logger('Archive');
  private readonly target: ArchiveTarget;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ARCHIVE_SETTINGS) private readonly settings: ArchiveSettings,
    private readonly pack: MeetingPackService,
    private readonly outbox: OutboxService,
  ) {
    this.target = archiveTarget(settings);
  }

  /** The package of a decision: its document and metadata (subject, decision, date, where, who, version, SHA-256). */
  async package(decision: DecisionView): Promise<ArchivePackage> {
    const municipality = await this.pack.municipality();
    const document = await renderDecisionPdf({
      municipality,
      decision: { ...toDecisionLine(decision), subjectVersion: decision.seq, caseReference: null },
    });
    const metadata = {
      schema: 'byloeft.forum-decision/1',
      packageId: decision.id,
      municipality,
      title: `${decision.decisionLabel}: ${decision.subjectTitle}`,
      subject: {
        type: decision.subjectType,
        id: decision.subjectId,
        title: decision.subjectTitle,
        detail: decision.subjectDetail,
        version: decision.seq,
      },
      caseReference: null,
      decision: {
        event: decision.event,
        label: decision.decisionLabel,
        conditions: decision.conditions,
        comment: decision.comment,
      },
      decidedOn: decision.decidedOn,
      decidedAt: decision.decidedAt.toISOString(),
      procedure: decision.procedure,
      procedureLabel: DECISION_PROCEDURE_LABELS[decision.procedure].da,
      meeting: decision.meetingId
        ? { id: decision.meetingId, title: decision.meetingTitle, date: decision.meetingDate }
        : null,
      decidedBy: { id: decision.decidedById, name: decision.decidedBy },
      document: {
        fileName: DOCUMENT_FILE,
        mimeType: 'application/pdf',
        language: 'da',
        size: document.length,
        sha256: sha256(document),
      },
    };
    return { id: decision.id, document, metadata };
  }

  /** One delivery attempt (the job's handler); idempotent: a stale, claimed or finished attempt does nothing. */
  async run(data: JournaliseJobData): Promise<void> {
    const claimed = (await this.dataSource.query(
      `UPDATE "forum_decision" SET "journal_claimed_until" = now() + make_interval(secs => $4)
        WHERE "id" = $1 AND "journal_state" = 'pending' AND "journal_round" = $2 AND "journal_attempts" = $3
          AND ("journal_claimed_until" IS NULL OR "journal_claimed_until" < now())
        RETURNING "id"`,
      [data.decisionId, data.round, data.attempt, CLAIM_SECONDS],
    )) as unknown;
    if (!rowsOf(claimed).length) return;
    const [decision] = await this.pack.decisions({ id: data.decisionId });
    if (!decision) return;
    try {
      const pkg = await this.package(decision);
      const delivered = await this.target.deliver(pkg);
      await this.dataSource.query(
        `UPDATE "forum_decision" SET "journal_state" = 'journalised', "journalised_at" = now(), "journal_error" = NULL,
                "journal_attempts" = $2, "journal_reference" = $3, "document_sha256" = $4, "journal_claimed_until" =
                  NULL
          WHERE "id" = $1`,
        [decision.id, data.attempt + 1, delivered.reference, (pkg.metadata.document as { sha256: string }).sha256],
      );
    } catch (err) {
      await this.failed(data, err);
    }
  }

  private async failed(data: JournaliseJobData, err: unknown): Promise<void> {
    const attempts = data.attempt + 1;
    const delay = archiveRetryDelay(attempts, this.settings.maxAttempts, this.settings.retryMs);
    this.logger.warn({
      msg: 'Journalising a decision failed',
      decisionId: data.decisionId,
      attempts,
      error: message(err),
    });
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE "forum_decision" SET "journal_attempts" = $2, "journal_error" = $3, "journal_state" = $4,
                "journal_claimed_until" = NULL
          WHERE "id" = $1 AND "journal_round" = $5`,
        [data.decisionId, attempts, message(err), delay === null ? 'failed' : 'pending', data.round],
      );
      if (delay !== null)
        await this.outbox.add(m, {
          queue: JOB_QUEUES[JOB_NAMES.journaliseDecision],
          name: JOB_NAMES.journaliseDecision,
          jobId: stableJobId('archive', data.decisionId, data.round, attempts),
          data: { decisionId: data.decisionId, round: data.round, attempt: attempts },
          runAt: new Date(Date.now() + delay),
        });
    });
  }

  /** An administrator's retry of a failed journalisation: a new round, from its first attempt. */
  async retry(decisionId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(`SELECT "journal_state" FROM "forum_decision" WHERE "id" = $1 FOR UPDATE`, [
        decisionId,
      ])) as { journal_state: string }[];
      if (!row) throw notFound('Decision', decisionId);
      if (row.journal_state !== 'failed')
        throw new AppError(
          'CONFLICT',
          `Only a failed journalisation can be retried; this decision is ${row.journal_state}.`,
        );
      const updated = (await m.query(
        `UPDATE "forum_decision" SET "journal_state" = 'pending', "journal_round" = "journal_round" + 1,
                "journal_attempts" = 0, "journal_claimed_until" = NULL
          WHERE "id" = $1 RETURNING "journal_round"`,
        [decisionId],
      )) as unknown;
      const [{ journal_round: round }] = rowsOf<{ journal_round: number }>(updated);
      await this.outbox.add(m, {
        queue: JOB_QUEUES[JOB_NAMES.journaliseDecision],
        name: JOB_NAMES.journaliseDecision,
        jobId: stableJobId('archive', decisionId, round, 0),
        data: { decisionId, round, attempt: 0 },
      });
    });
  }
}
