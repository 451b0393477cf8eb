import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DecisionCredit, Effect, RuleViolation } from '#domain';
import { JOB_NAMES, JOB_QUEUES } from '../platform/jobs/job-names.js';
import { AppError, versionConflict } from '../platform/common/app-error.js';
import { DeadlineScheduler, type DeadlineSubject } from '../deadlines/deadline-scheduler.service.js';
import { AgendaService, agendaAddSql, agendaResolveSql, type NewAgendaItem } from '../meetings/agenda.service.js';
import {
  NotificationsService,
  notificationCtes,
  type NewNotification,
} from '../notifications/notifications.service.js';
import { SqlParams } from '../platform/database/sql-params.js';

/** Where a workflow's subjects and their record live. */
export interface SubjectTables {
  subject: DeadlineSubject;
  /** 'plan', 'project' */
  table: string;
  /** The append-only record: 'plan_transition', 'project_transition'. */
  transitionTable: string;
  /** Its column naming the subject: 'plan_id', 'project_id'. */
  subjectColumn: string;
  /** For messages: 'The plan'. */
  noun: string;
  /** Extra columns of the answer, computed beside the updated row "s" (e.g. a count). */
  answer?: string;
}

/** A row of the subject as locked: what the store itself needs of it. */
export interface LockedSubject {
  id: string;
  version: number;
  /** The state value as stored ('mapping.drafting', 'running'). */
  stateValue: string;
}

/** The transition appended to the record. */
export interface RecordEntry {
  event: string;
  fromState: string | null;
  toState: string;
  actorId: string | null;
  actorName: string;
  comment: string | null;
  payload: Record<string, unknown>;
  /** Plans: a gate decision's meeting as credited (creditDecision), null for a written procedure. */
  meeting?: { id: string | null };
}

/** A decision of the mayors' forum, kept beside the transition (forum_decision) and sent to the case archive. */
export interface DecisionEntry {
  subjectTitle: string;
  subjectDetail: string | null;
  conditions: readonly string[];
  credit: DecisionCredit;
}

/** What one step writes: query columns beside the version, the record entry, the effects to run. */
export interface Step {
  /** Column name → value; a value of `{ json }` is written as jsonb. */
  set: Record<string, unknown>;
  record: RecordEntry;
  effects: readonly Effect[];
  /** A decision of the forum: its row in forum_decision and its archive job, in the same statement. */
  decision?: DecisionEntry;
}

/** The transition row as appended (the columns every record has). */
export type RecordRow = Omit<RecordEntry, 'meeting'> & {
  seq: number;
  meetingId: string | null;
  createdAt: Date;
  /** The forum_decision row written with it, if the step was a decision. */
  decisionId?: string;
};

/** Effects only a workflow's own tables know (gate snapshots, conditions, evaluations, budget lines). */
export type OwnEffectRunner<S> = (m: EntityManager, subject: S, effect: Effect, seq: number) => Promise<void>;

export interface WorkflowAdapter<S extends LockedSubject> {
  readonly tables: SubjectTables;
  /** `SELECT … FOR UPDATE` of the subject (with whatever the answer needs beside it, e.g. its area's name). */
  lock(m: EntityManager, id: string): Promise<S>;
  /** The effects the store does not run itself. */
  runOwn: OwnEffectRunner<S>;
}

export interface Outcome<S> {
  /** The subject as locked, before the step. */
  before: S;
  /** The row as `UPDATE … RETURNING *` gave it. */
  after: Record<string, unknown>;
  record: RecordRow;
  seq: number;
}

/** The version check: the expected version, or (for parallel sign-offs) a rule on what stepped it since. */
export interface VersionCheck<S> {
  expected: number;
  /** Whether a stale `expected` is still no conflict (the declaration's rule for parallel sign-offs). */
  tolerated?: (m: EntityManager, subject: S) => Promise<boolean> | boolean;
}

/** A refusal of a workflow rule, with every unmet rule (422). */
export function refused(what: string, violations: readonly RuleViolation[]): AppError {
  return new AppError('WORKFLOW_REFUSED', `${what} was refused: ${violations.map((v) => v.messageEn).join(' ')}`, {
    violations,
  });
}

/**
 * The one persistence path of every workflow (plans, projects): in the
 * caller's transaction, lock the subject, check the version, let the step
 * decide (it loads its facts in one query and asks the domain), write the
 * state and its query columns in one `UPDATE … RETURNING` together with the
 * appended transition, then run the step's effects (agenda, notifications
 * with their outbox rows, deadline jobs, and the workflow's own). The answer
 * is built from what is in hand: nothing is read again under the lock.
 * Asides (a moved deadline, a closed condition) take the same path.
 */
@Injectable()
export class WorkflowStore {
  constructor(
    private readonly agenda: AgendaService,
    private readonly notifications: NotificationsService,
    private readonly deadlines: DeadlineScheduler,
  ) {}

  async run<S extends LockedSubject>(
    m: EntityManager,
    adapter: WorkflowAdapter<S>,
    id: string,
    version: VersionCheck<S> | null,
    decide: (subject: S, seq: number) => Promise<Step> | Step,
  ): Promise<Outcome<S>> {
    const subject = await adapter.lock(m, id);
    if (version && subject.version !== version.expected && !(await version.tolerated?.(m, subject))) {
      throw versionConflict(adapter.tables.noun, version.expected, subject.version);
    }
    const seq = subject.version + 1;
    const step = await decide(subject, seq);
    // The leading agenda and notification effects go into the write's own statement; the rest follow it, in order.
    const { folded, rest } = foldEffects(step.effects);
    const { after, record } = await this.write(m, adapter.tables, subject, seq, step, folded);
    await this.runEffects(m, adapter, subject, rest, seq);
    return { before: subject, after, record, seq };
  }

  /** Effects outside a transition (a deadline job's reminder or escalation), in the caller's transaction. */
  async runEffects<S extends LockedSubject>(
    m: EntityManager,
    adapter: WorkflowAdapter<S>,
    subject: S,
    effects: readonly Effect[],
    seq: number,
  ): Promise<void> {
    const { subject: type } = adapter.tables;
    for (const effect of effects) {
      switch (effect.kind) {
        case 'agenda.add':
          await this.agenda.add(m, agendaItemOf(type, subject.id, effect));
          break;
        case 'agenda.resolve':
          await this.agenda.resolve(m, type, subject.id, effect.resolution, [...effect.itemKinds]);
          break;
        case 'notify':
          await this.notifications.notify(m, notificationOf(effect));
          break;
        case 'deadline.schedule':
          await this.deadlines.schedule(
            m,
            type,
            subject.id,
            effect.entrySeq,
            effect.dueDate,
            effect.scheduledSeq ?? effect.entrySeq,
            effect.dueJobOn,
          );
          break;
        case 'deadline.escalateNow':
          // One open escalation at a time.
          if (!(await this.agenda.hasOpen(m, type, subject.id, 'escalation')))
            await this.deadlines.escalateNow(m, type, subject.id, effect.entrySeq, effect.dueDate, effect.scheduledSeq);
          break;
        default:
          await adapter.runOwn(m, subject, effect, seq);
      }
    }
  }

  /**
   * The guarded update and the appended transition, in one statement, with the `folded` effects (agenda items,
   * notifications and their outbox rows) as further parts of it, each written only if the update found its row.
   */
  private async write(
    m: EntityManager,
    t: SubjectTables,
    subject: LockedSubject,
    seq: number,
    step: Step,
    folded: readonly FoldableEffect[],
  ): Promise<{ after: Record<string, unknown>; record: RecordRow }> {
    const p = new SqlParams([subject.id, subject.version, seq]);
    const param = (value: unknown, cast = '') => p.add(value, cast);
    const sets = Object.entries(step.set).map(([column, value]) =>
      isJson(value) ? `"${column}" = ${param(JSON.stringify(value.json), '::jsonb')}` : `"${column}" = ${param(value)}`,
    );
    const r = step.record;
    const d = step.decision;
    // The first archive job of a decision (round 1, attempt 0), through the outbox, in the same statement.
    const decisionSql = d
      ? `,
       "d" AS (
         INSERT INTO "forum_decision" ("subject_type", "subject_id", "seq", "event", "from_state", "to_state",
           "subject_title", "subject_detail", "conditions", "comment", "decided_by_id", "decided_by_name", "decided_at",
           "decided_on", "procedure", "meeting_id")
         SELECT ${param(t.subject)}, "t"."${t.subjectColumn}", "t"."seq", "t"."event", "t"."from_state", "t"."to_state",
                ${param(d.subjectTitle)}, ${param(d.subjectDetail)}, ${param(JSON.stringify(d.conditions), '::jsonb')},
                "t"."comment", "t"."actor_id", "t"."actor_name", "t"."created_at",
                  ${param(d.credit.decidedOn, '::date')},
                ${param(d.credit.procedure)}, ${param(d.credit.meetingId, '::uuid')}
           FROM "t"
         RETURNING "id"),
       "o" AS (
         INSERT INTO "outbox_message" ("queue", "name", "job_id", "data", "run_at")
         SELECT ${param(JOB_QUEUES[JOB_NAMES.journaliseDecision])}, ${param(JOB_NAMES.journaliseDecision)},
                'archive.' || "d"."id" || '.1.0', jsonb_build_object('decisionId', "d"."id", 'round', 1, 'attempt', 0), now()
           FROM "d")`
      : '';
    const updated = 'EXISTS (SELECT 1 FROM "s")';
    const effectsSql = folded
      .map((e, i) => {
        if (e.kind === 'agenda.add')
          return `"e${i}" AS (${agendaAddSql(p, agendaItemOf(t.subject, subject.id, e), updated)})`;
        if (e.kind === 'notify')
          return notificationCtes(p, notificationOf(e), { rows: `e${i}`, jobs: `e${i}o` }, updated);
        const resolution = {
          subjectType: t.subject,
          subjectId: subject.id,
          resolution: e.resolution,
          kinds: e.itemKinds,
        };
        return `"e${i}" AS (${agendaResolveSql(p, resolution, updated)})`;
      })
      .map((cte) => `,\n       ${cte}`)
      .join('');
    const rows = (await m.query(
      `WITH "s" AS (
         UPDATE "${t.table}" SET ${[...sets, `"version" = $3`, `"updated_at" = now()`].join(', ')}
          WHERE "id" = $1 AND "version" = $2
         RETURNING *),
       "t" AS (
         INSERT INTO "${t.transitionTable}"
           ("${t.subjectColumn}", "seq", "event", "from_state", "to_state", "actor_id", "actor_name", "comment", "payload"${
             r.meeting === undefined ? '' : ', "meeting_id"'
           })
         SELECT "s"."id", $3, ${param(r.event)}, ${param(r.fromState)}, ${param(r.toState)},
           ${param(r.actorId, '::uuid')},
                ${param(r.actorName)}, ${param(r.comment)}, ${param(JSON.stringify(r.payload), '::jsonb')}${
                  r.meeting === undefined ? '' : `, ${param(r.meeting.id, '::uuid')}`
                }
           FROM "s"
         RETURNING *)${decisionSql}${effectsSql}
       SELECT "s".*, ${t.answer ? `${t.answer}, ` : ''}(SELECT row_to_json("t") FROM "t") AS "__record"${
         d ? `, (SELECT "id" FROM "d") AS "__decision"` : ''
       } FROM "s"`,
      p.values,
    )) as (Record<string, unknown> & { __record: RawRecord; __decision?: string })[];
    const [row] = rows;
    if (!row) throw versionConflict(t.noun, subject.version, subject.version + 1);
    const { __record: raw, __decision: decisionId, ...after } = row;
    return {
      after,
      record: {
        seq: raw.seq,
        event: raw.event,
        fromState: raw.from_state,
        toState: raw.to_state,
        actorId: raw.actor_id,
        actorName: raw.actor_name,
        comment: raw.comment,
        payload: raw.payload,
        meetingId: raw.meeting_id ?? null,
        createdAt: new Date(raw.created_at),
        ...(decisionId ? { decisionId } : {}),
      },
    };
  }
}

type FoldableEffect = Extract<Effect, { kind: 'agenda.add' | 'agenda.resolve' | 'notify' }>;

/**
 * The leading effects that can go into the write's statement (`folded`), and the rest: agenda items and
 * notifications, at most one of each (the parts of one statement see the same snapshot, so a second change to the
 * same table would not see the first), up to the first effect of another kind, so that the order is kept.
 */
export function foldEffects(effects: readonly Effect[]): { folded: FoldableEffect[]; rest: Effect[] } {
  const folded: FoldableEffect[] = [];
  const seen = new Set<string>();
  for (const e of effects) {
    const table =
      e.kind === 'agenda.add' || e.kind === 'agenda.resolve' ? 'agenda' : e.kind === 'notify' ? 'notify' : null;
    if (!table || seen.has(table)) break;
    seen.add(table);
    folded.push(e as FoldableEffect);
  }
  return { folded, rest: effects.slice(folded.length) };
}

function agendaItemOf(
  subjectType: NewAgendaItem['subjectType'],
  subjectId: string,
  e: Extract<Effect, { kind: 'agenda.add' }>,
): NewAgendaItem {
  return { subjectType, subjectId, kind: e.itemKind, title: e.title, message: e.message, dedupKey: e.dedupKey };
}

function notificationOf(e: Extract<Effect, { kind: 'notify' }>): NewNotification {
  return {
    recipients: { ...e.to, userIds: e.to.userIds ? [...e.to.userIds] : undefined },
    kind: e.notification,
    title: e.title,
    body: e.body,
    message: e.message,
    link: e.link,
    dedupKey: e.dedupKey,
  };
}

interface RawRecord {
  seq: number;
  event: string;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_name: string;
  comment: string | null;
  payload: Record<string, unknown>;
  meeting_id?: string | null;
  created_at: string;
}

/** A jsonb value in Step.set. */
export const json = (value: unknown) => ({ json: value });

function isJson(value: unknown): value is { json: unknown } {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && 'json' in value
  );
}
