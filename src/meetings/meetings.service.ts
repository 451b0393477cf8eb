import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { meetingDateRefusal } from '#domain';
import { fieldError } from '../interventions/references.js';
import { notFound } from '../platform/common/app-error.js';
import { DECISION_SELECT, toDecisionView, type DecisionRow } from './decision-view.js';
import { today } from '../platform/common/local-day.js';
import { AgendaItem } from './agenda-item.entity.js';
import { agendaItemView } from './agenda.service.js';
import type { Language } from '../platform/common/language.js';
import { Meeting } from './meeting.entity.js';
import type { CreateMeetingDto, MeetingDto, MeetingSummaryDto, PendingAgendaDto } from './meeting.dto.js';

@Injectable()
export class MeetingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<MeetingSummaryDto[]> {
    const rows: { id: string; meeting_date: string; title: string; open_items: number }[] = await this.dataSource.query(
      `SELECT m.id, to_char(m.meeting_date, 'YYYY-MM-DD') AS meeting_date, m.title,
              (SELECT count(*)::int FROM agenda_item a WHERE a.meeting_id = m.id AND a.resolved_at IS NULL) AS
                open_items
       FROM meeting m ORDER BY m.meeting_date DESC`,
    );
    return rows.map((r) => ({ id: r.id, meetingDate: r.meeting_date, title: r.title, openItems: r.open_items }));
  }

  /**
   * Schedules a meeting. Open items waiting for a meeting, and those left
   * undecided at a meeting already held, go on the agenda of the next
   * meeting to come (this one, unless another comes before it).
   */
  async create(dto: CreateMeetingDto): Promise<MeetingDto> {
    const refusal = meetingDateRefusal(dto.meetingDate, today());
    if (refusal) throw fieldError('meetingDate', refusal.en);
    const id = await this.dataSource.transaction(async (m) => {
      const meeting = await m
        .getRepository(Meeting)
        .save(m.getRepository(Meeting).create({ meetingDate: dto.meetingDate, title: dto.title }));
      await m.query(
        `WITH next AS (SELECT id FROM meeting WHERE meeting_date >= $1::date ORDER BY meeting_date, created_at LIMIT 1)
         UPDATE agenda_item SET meeting_id = (SELECT id FROM next)
          WHERE resolved_at IS NULL AND EXISTS (SELECT 1 FROM next)
            AND (meeting_id IS NULL OR meeting_id IN (SELECT id FROM meeting WHERE meeting_date < $1::date))`,
        [today()],
      );
      return meeting.id;
    });
    return this.get(id);
  }

  async get(id: string, lang: Language = 'da'): Promise<MeetingDto> {
    const meeting = await this.dataSource.getRepository(Meeting).findOne({ where: { id } });
    if (!meeting) throw notFound('Meeting', id);
    const agenda = await this.dataSource
      .getRepository(AgendaItem)
      .find({ where: { meetingId: id }, order: { createdAt: 'ASC' } });
    const decisions = (
      (await this.dataSource.query(`${DECISION_SELECT} WHERE d."meeting_id" = $1 ORDER BY d."decided_at", d."id"`, [
        id,
      ])) as DecisionRow[]
    ).map(toDecisionView);
    return {
      id: meeting.id,
      meetingDate: meeting.meetingDate,
      title: meeting.title,
      agenda: agenda.map((item) => agendaItemView(item, lang)),
      decisions: decisions.map((d) => ({ ...d, planId: d.subjectType === 'plan' ? d.subjectId : null })),
    };
  }

  /** What waits for the forum: the next meeting and every open item. */
  async pending(lang: Language = 'da'): Promise<PendingAgendaDto> {
    const [next] = (await this.list()).filter((m) => m.meetingDate >= today()).reverse();
    const items = await this.dataSource
      .getRepository(AgendaItem)
      .find({ where: { resolvedAt: IsNull() }, order: { createdAt: 'ASC' } });
    return { nextMeeting: next ?? null, items: items.map((item) => agendaItemView(item, lang)) };
  }
}
