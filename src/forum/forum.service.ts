import { Injectable } from '@nestjs/common';
import type { DecisionView } from '../meetings/decision-view.js';
import { notFound } from '../platform/common/app-error.js';
import { ArchiveService } from './archive.service.js';
import { renderAgendaPdf, renderMinutesPdf } from './forum-pdf.js';
import { MeetingPackService, toDecisionLine, type MeetingPack } from './meeting-pack.service.js';

const fileSlug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/æ/gi, 'ae')
    .replace(/ø/gi, 'oe')
    .replace(/å/gi, 'aa')
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60);

/** The forum's meeting pack, its documents (agenda pack, minutes) and its decisions' journal. */
@Injectable()
export class ForumService {
  constructor(
    private readonly packs: MeetingPackService,
    private readonly archive: ArchiveService,
  ) {}

  pack(id: string): Promise<MeetingPack> {
    return this.packs.pack(id);
  }

  async agendaPdf(id: string): Promise<{ fileName: string; content: Buffer }> {
    const p = await this.packs.pack(id);
    const content = await renderAgendaPdf({
      municipality: p.municipality,
      meeting: p.meeting,
      generatedAt: new Date(),
      groups: p.groups.map((g) => ({ label: g.label, items: g.items })),
    });
    return { fileName: `dagsorden-${p.meeting.meetingDate}-${fileSlug(p.meeting.title)}.pdf`, content };
  }

  async minutesPdf(id: string): Promise<{ fileName: string; content: Buffer }> {
    const p = await this.packs.pack(id);
    const content = await renderMinutesPdf({
      municipality: p.municipality,
      meeting: p.meeting,
      generatedAt: new Date(),
      decisions: p.decisions.map(toDecisionLine),
      carriedOver: p.carriedOver.map((c) => ({ title: c.title, groupLabel: c.groupLabel })),
    });
    return { fileName: `beslutningsprotokol-${p.meeting.meetingDate}-${fileSlug(p.meeting.title)}.pdf`, content };
  }

  decisions(limit: number): Promise<DecisionView[]> {
    return this.packs.decisions({ limit });
  }

  async decision(id: string): Promise<DecisionView> {
    const [d] = await this.packs.decisions({ id });
    if (!d) throw notFound('Decision', id);
    return d;
  }

  retryJournal(id: string): Promise<void> {
    return this.archive.retry(id);
  }
}
