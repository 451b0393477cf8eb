/**
 * The effect vocabulary: what a transition causes besides its new state, as
 * data. A declaration says, for each event, which effects follow; the
 * persistence path (src/workflow/workflow-store.ts) executes them in the
 * transaction of the transition, in the order given.
 */
import type { MessageRef } from '../messages.js';
import type { Role } from '../actor.js';

export type AgendaItemKind = 'submission' | 'escalation';

/** Everyone matched by any of the selectors (inactive users never). */
export interface Recipients {
  userIds?: readonly string[];
  /** Every staff member of this administration. */
  administrationId?: string;
  role?: Role;
}

export type Effect =
  /** Put an item on the mayors' forum's agenda (the next meeting's); once per dedupKey. */
  | {
      kind: 'agenda.add';
      itemKind: AgendaItemKind;
      /** The Danish title; `message` the same as a key with parameters, rendered in the reader's language. */
      title: string;
      message?: MessageRef;
      dedupKey: string;
    }
  /** Resolve the subject's open agenda items of these kinds. */
  | { kind: 'agenda.resolve'; resolution: string; itemKinds: readonly AgendaItemKind[] }
  /** An in-app notification (Danish title and body) with its e-mail job; a user is notified once per dedupKey. */
  | {
      kind: 'notify';
      to: Recipients;
      notification: string;
      title: string;
      body: string;
      /** Title and body as keys with parameters (title and body are their Danish text). */
      message?: { title: MessageRef; body: MessageRef };
      link: string;
      dedupKey: string;
    }
  /**
   * The reminder and the escalation of a deadline (and, with `dueJobOn`, the
   * job that makes the subject due on that day). `entrySeq`: the version at
   * which the subject entered the state; `scheduledSeq`: the version that
   * schedules them, when later (a moved deadline).
   */
  | { kind: 'deadline.schedule'; entrySeq: number; dueDate: string; scheduledSeq?: number; dueJobOn?: string }
  /** An escalation at once (a stage handed back after its deadline), unless one is still on the agenda. */
  | { kind: 'deadline.escalateNow'; entrySeq: number; dueDate: string; scheduledSeq: number }
  /** Keep the plan's whole content as the forum saw it (`plan`: its head as it was before the decision). */
  | { kind: 'gate.snapshot'; stage: string; decision: string; plan: Record<string, unknown> }
  /** The forum's conditions become tasks. */
  | { kind: 'conditions.add'; stage: string; texts: readonly string[] }
  /** Close one condition task. */
  | { kind: 'conditions.close'; conditionId: string; actorId: string; note: string }
  /** Progress report drafts go to the forum with this submission / are drafts again. */
  | { kind: 'progressReports.stamp' }
  | { kind: 'progressReports.reopen' }
  /** Keep the evaluation as submitted (the draft and its attachments' metadata), as round `round`. */
  | { kind: 'evaluation.recordSubmission'; round: number; submittedBy: string }
  /** The base-budget line that now carries an adopted project. */
  | {
      kind: 'budgetLine.add';
      line: { administrationId: string; yearlyAmountDkk: number; firstBudgetYear: number };
      decidedBy: string;
      decidedAt: string;
    };

export type EffectKind = Effect['kind'];

/** What a declaration's outcome function is given: the allowed decision and the event, in their context. */
export interface OutcomeInput<D, E> {
  decision: D;
  event: E;
  /** The subject's version after the event. */
  seq: number;
  /** The trimmed comment (or reason), or null. */
  comment: string | null;
  /** Who caused it, by name. */
  actorName: string;
  /** The municipality's today (YYYY-MM-DD). */
  today: string;
}

/** What every outcome gives the persistence path besides its own columns. */
export interface OutcomeBase {
  /** The record entry's payload. */
  payload: Record<string, unknown>;
  effects: Effect[];
}
export type EffectOf<K extends EffectKind> = Extract<Effect, { kind: K }>;
