import { Injectable } from '@nestjs/common';
import { renderMessage, type MessageParams, type MessageRef } from '#domain';
import type { Language } from '../platform/common/language.js';
import { IsNull, type EntityManager } from 'typeorm';
import { today } from '../platform/common/local-day.js';
import { AgendaItem, type AgendaKind } from './agenda-item.entity.js';
import { SqlParams } from '../platform/database/sql-params.js';

export interface NewAgendaItem {
  subjectType: 'plan' | 'project';
  subjectId: string;
  kind: AgendaKind;
  title: string;
  /** The title as a key with parameters, rendered in the reader's language. */
  message?: MessageRef;
  /** Stable key: the same submission or escalation is put on the agenda once. */
  dedupKey: string;
}

/** Puts things on the mayors' forum's agenda: the next meeting's, or waiting for one to be scheduled. */
@Injectable()
export class AgendaService {
  async add(manager: EntityManager, item: NewAgendaItem): Promise<void> {
    const p = new SqlParams();
    await manager.query(agendaAddSql(p, item), p.values);
  }

  /** Resolves the open agenda items about a subject; returns the meeting of the first one, if any. */
  async resolve(
    manager: EntityManager,
    subjectType: 'plan' | 'project',
    subjectId: string,
    resolution: string,
    kinds: AgendaKind[] = ['submission', 'escalation'],
  ): Promise<string | null> {
    const p = new SqlParams();
    const rows: { meeting_id: string | null }[] = await manager.query(
      agendaResolveSql(p, { subjectType, subjectId, resolution, kinds }),
      p.values,
    );
    const flat = (Array.isArray(rows[0]) ? rows[0] : rows) as { meeting_id: string | null }[];
    return flat.find((r) => r.meeting_id)?.meeting_id ?? null;
  }

  /** Whether an item of this kind about the subject is still open. */
  async hasOpen(
    manager: EntityManager,
    subjectType: 'plan' | 'project',
    subjectId: string,
    kind: AgendaKind,
  ): Promise<boolean> {
    return manager.getRepository(AgendaItem).exists({ where: { subjectType, subjectId, kind, resolvedAt: IsNull() } });
  }

  /** The meeting whose agenda holds the open submission of a subject. */
  async meetingOfOpenSubmission(
    manager: EntityManager,
    subjectType: 'plan' | 'project',
    subjectId: string,
  ): Promise<string | null> {
    const item = await manager.getRepository(AgendaItem).findOne({
      where: { subjectType, subjectId, kind: 'submission', resolvedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    return item?.meetingId ?? null;
  }
}

/** An agenda item as the reader reads it: its title in their language (the Danish one for items made before). */
export function agendaItemView<T extends Pick<AgendaItem, 'title' | 'message'>>(
  item: T,
  lang: Language,
): Omit<T, 'message'> & { title: string; titleKey: string | null; titleParams: MessageParams | null } {
  const { message, ...rest } = item;
  return {
    ...rest,
    title: (message && renderMessage(message, lang)) ?? item.title,
    titleKey: message?.key ?? null,
    titleParams: message?.params ?? null,
  };
}

/** Resolving a subject's open agenda items of some kinds, with why. */
export interface AgendaResolution {
  subjectType: 'plan' | 'project';
  subjectId: string;
  resolution: string;
  kinds: readonly AgendaKind[];
}

/**
 * The INSERT of an agenda item (on the next meeting's agenda, or waiting for one; once per dedupKey), its values
 * added to `p`. `onlyIf` is a condition the row is inserted under: the workflow's write puts the item into its own
 * statement, on the condition that the subject's guarded update found its row.
 */
export function agendaAddSql(p: SqlParams, item: NewAgendaItem, onlyIf = 'true'): string {
  return `INSERT INTO agenda_item (meeting_id, subject_type, subject_id, kind, title, dedup_key, message)
       SELECT (SELECT id FROM meeting WHERE meeting_date >= ${p.add(today(), '::date')}
                ORDER BY meeting_date, created_at LIMIT 1),
              ${p.add(item.subjectType)}, ${p.add(item.subjectId, '::uuid')}, ${p.add(item.kind)}, ${p.add(item.title)},
              ${p.add(item.dedupKey)}, ${p.add(item.message ? JSON.stringify(item.message) : null, '::jsonb')}
        WHERE ${onlyIf}
       ON CONFLICT (dedup_key) DO NOTHING`;
}

/** The UPDATE that resolves a subject's open agenda items (RETURNING their meeting), its values added to `p`. */
export function agendaResolveSql(p: SqlParams, r: AgendaResolution, onlyIf = 'true'): string {
  return `UPDATE agenda_item SET resolved_at = now(), resolution = ${p.add(r.resolution)}
       WHERE subject_type = ${p.add(r.subjectType)} AND subject_id = ${p.add(r.subjectId, '::uuid')}
         AND resolved_at IS NULL AND kind = ANY(${p.add([...r.kinds])}) AND ${onlyIf}
       RETURNING meeting_id`;
}
