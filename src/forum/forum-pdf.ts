import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';

/**
 * The forum's documents as tagged PDFs (PDF/UA structure: Document, H1–H3,
 * P, L/LI; document language `da`, the title shown in the window), made
 * with pdfkit as the progress report is. The text is embedded in Liberation
 * Sans where the system has it (PDF/UA wants embedded fonts), else in
 * pdfkit's built-in Helvetica. Page numbers are artifacts, not content.
 */

/** An agenda item as the documents (and the meeting page) show it. */
export interface PackItem {
  id: string;
  subjectType: 'plan' | 'project';
  subjectId: string;
  group: string;
  groupLabel: string;
  /** What is to be decided, in one sentence (Danish). */
  question: string;
  title: string;
  subjectTitle: string;
  subjectDetail: string | null;
  stateLabel: string;
  submitter: string | null;
  deadline: { dueDate: string | null; overdue: boolean } | null;
  summary: string;
  /** The content as submitted, by section. */
  content: { section: string; lines: string[] }[];
  /** Since the forum last decided on it; null: never decided before. */
  lastDecision: { seq: number; at: string } | null;
  changes: string[];
  openConditions: string[];
  keyFigures: string[];
  /** The forum's decision on the item at this meeting, once made (Danish). */
  decided: string | null;
}

export interface DecisionLine {
  subjectTitle: string;
  subjectDetail: string | null;
  decision: string;
  conditions: string[];
  comment: string | null;
  decidedBy: string;
  decidedAt: Date;
  where: string;
}

export interface AgendaDocument {
  municipality: string;
  meeting: { title: string; meetingDate: string };
  generatedAt: Date;
  groups: { label: string; items: PackItem[] }[];
}

export interface MinutesDocument {
  municipality: string;
  meeting: { title: string; meetingDate: string };
  generatedAt: Date;
  decisions: DecisionLine[];
  carriedOver: { title: string; groupLabel: string }[];
}

export interface DecisionDocument {
  municipality: string;
  decision: DecisionLine & { subjectVersion: number; caseReference: string | null };
}

const MARGIN = 50;
const FONT_DIR = '/usr/share/fonts/truetype/liberation';
const FONTS = {
  regular: `${FONT_DIR}/LiberationSans-Regular.ttf`,
  bold: `${FONT_DIR}/LiberationSans-Bold.ttf`,
};

export const danishDate = (isoDay: string): string => {
  const [y, m, d] = isoDay.split('-').map(Number);
  return new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
};
export const danishDateTime = (at: Date): string =>
  new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }).format(at);

type Struct = PDFKit.PDFStructureElement;

/**
 * A small writer of tagged content: each call adds one structure element with its marked text. Also used by
 * the budget round's negotiation material (src/budget-rounds/material-files.ts).
 */
export class TaggedWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly root: Struct;
  private readonly regular: string;
  private readonly bold: string;
  private readonly done: Promise<Buffer>;

  constructor(title: string, author: string, createdAt: Date) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      tagged: true,
      lang: 'da',
      pdfVersion: '1.7',
      displayTitle: true,
      subset: 'PDF/UA',
      info: { Title: title, Author: author, Creator: 'Byløft', CreationDate: createdAt },
    } as unknown as PDFKit.PDFDocumentOptions);
    const embedded = existsSync(FONTS.regular) && existsSync(FONTS.bold);
    if (embedded) {
      this.doc.registerFont('body', FONTS.regular);
      this.doc.registerFont('bold', FONTS.bold);
    }
    this.regular = embedded ? 'body' : 'Helvetica';
    this.bold = embedded ? 'bold' : 'Helvetica-Bold';
    const chunks: Buffer[] = [];
    this.done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  private ensure(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN) this.doc.addPage();
  }

  heading(level: 1 | 2 | 3, text: string): void {
    const size = level === 1 ? 20 : level === 2 ? 15 : 12;
    this.ensure(level === 3 ? 40 : 60);
    if (level > 1) this.doc.moveDown(level === 2 ? 0.8 : 0.5);
    this.root.add(
      this.doc.struct(`H${level}` as 'H1', {}, () => {
        this.doc.font(this.bold).fontSize(size).fillColor('#000000').text(text);
      }),
    );
    this.doc.moveDown(0.2);
  }

  para(text: string, options: { bold?: boolean; indent?: number; muted?: boolean } = {}): void {
    this.ensure(20);
    this.root.add(
      this.doc.struct('P', {}, () => {
        this.doc
          .font(options.bold ? this.bold : this.regular)
          .fontSize(10)
          .fillColor(options.muted ? '#555555' : '#000000')
          .text(text, { indent: options.indent ?? 0 });
      }),
    );
  }

  list(items: readonly string[], empty = 'Ingen.'): void {
    if (!items.length) return this.para(empty, { indent: 10 });
    const list = this.doc.struct('L');
    this.root.add(list);
    for (const item of items) {
      this.ensure(20);
      const li = this.doc.struct('LI');
      list.add(li);
      li.add(
        this.doc.struct('Lbl', {}, () => {
          this.doc
            .font(this.regular)
            .fontSize(10)
            .fillColor('#000000')
            .text('•', MARGIN + 10, this.doc.y, {
              continued: false,
              lineBreak: false,
            });
        }),
      );
      // The bullet is drawn without a line break, so the body starts on the same line (no moveUp: that put the
      // item over the line before it).
      li.add(
        this.doc.struct('LBody', {}, () => {
          this.doc
            .font(this.regular)
            .fontSize(10)
            .text(item, MARGIN + 22, this.doc.y, {
              width: this.doc.page.width - 2 * MARGIN - 22,
            });
        }),
      );
      li.end();
    }
    list.end();
    this.doc.x = MARGIN;
  }

  /** Page numbers as pagination artifacts, then the end of the document. */
  finish(footer: string): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.doc.page.margins.bottom = 0;
      this.doc.markContent('Artifact', { type: 'Pagination' } as PDFKit.Mixins.MarkingOptions);
      this.doc
        .font(this.regular)
        .fontSize(8)
        .fillColor('#555555')
        .text(`${footer} · side ${i + 1} af ${range.count}`, MARGIN, this.doc.page.height - 35, {
          width: this.doc.page.width - 2 * MARGIN,
          align: 'center',
          lineBreak: false,
        });
      this.doc.endMarkedContent();
    }
    this.root.end();
    this.doc.end();
    return this.done;
  }
}

/** The agenda pack (dagsorden): cover, list of items, then each item in full. */
export function renderAgendaPdf(a: AgendaDocument): Promise<Buffer> {
  const title = `Dagsorden: ${a.meeting.title}`;
  const w = new TaggedWriter(title, a.municipality, a.generatedAt);
  w.para(a.municipality, { muted: true });
  w.heading(1, 'Dagsorden');
  w.para(`Borgmesterforum: ${a.meeting.title}`, { bold: true });
  w.para(`Mødedato: ${danishDate(a.meeting.meetingDate)}`);
  w.para(`Udarbejdet: ${danishDateTime(a.generatedAt)}`);
  w.heading(2, 'Punkter');
  const all = a.groups.flatMap((g) => g.items);
  w.list(
    all.map((item, i) => `${i + 1}. ${item.title} (${item.groupLabel})`),
    'Der er ingen punkter på dagsordenen.',
  );
  let n = 0;
  for (const group of a.groups) {
    if (!group.items.length) continue;
    w.heading(2, group.label);
    for (const item of group.items) {
      n += 1;
      w.heading(3, `${n}. ${item.title}`);
      w.para(`Til beslutning: ${item.question}`, { bold: true });
      w.para(`${item.subjectTitle}${item.subjectDetail ? ` (${item.subjectDetail})` : ''} · ${item.stateLabel}`);
      if (item.submitter) w.para(`Indsendt af: ${item.submitter}`);
      if (item.deadline?.dueDate)
        w.para(`Frist: ${danishDate(item.deadline.dueDate)}${item.deadline.overdue ? ' (overskredet)' : ''}`);
      w.para(`Resumé: ${item.summary}`);
      if (item.content.length) {
        w.para('Indholdet som indsendt:', { bold: true });
        for (const section of item.content) {
          w.para(section.section, { indent: 10 });
          w.list(section.lines);
        }
      }
      if (item.subjectType === 'plan') {
        w.para(
          item.lastDecision
            ? `Ændret siden seneste beslutning (${danishDateTime(new Date(item.lastDecision.at))}):`
            : 'Ændret siden seneste beslutning: forummet har ikke tidligere truffet beslutning om planen.',
          { bold: true },
        );
        if (item.lastDecision) w.list(item.changes, 'Intet ændret.');
      }
      w.para('Åbne betingelser:', { bold: true });
      w.list(item.openConditions);
      if (item.keyFigures.length) {
        w.para('Evalueringens nøgletal:', { bold: true });
        w.list(item.keyFigures);
      }
      if (item.decided) w.para(`Beslutning: ${item.decided}`, { bold: true });
    }
  }
  return w.finish(title);
}

/** The minutes (beslutningsprotokol): each decision, then the items carried over. */
export function renderMinutesPdf(mn: MinutesDocument): Promise<Buffer> {
  const title = `Beslutningsprotokol: ${mn.meeting.title}`;
  const w = new TaggedWriter(title, mn.municipality, mn.generatedAt);
  w.para(mn.municipality, { muted: true });
  w.heading(1, 'Beslutningsprotokol');
  w.para(`Borgmesterforum: ${mn.meeting.title}`, { bold: true });
  w.para(`Mødedato: ${danishDate(mn.meeting.meetingDate)}`);
  w.para(`Udarbejdet: ${danishDateTime(mn.generatedAt)}`);
  w.heading(2, 'Beslutninger');
  if (!mn.decisions.length) w.para('Der er ikke truffet beslutninger på mødet.');
  mn.decisions.forEach((d, i) => decisionBlock(w, d, `${i + 1}. `));
  w.heading(2, 'Punkter overført til næste møde');
  w.list(
    mn.carriedOver.map((c) => `${c.title} (${c.groupLabel})`),
    'Ingen.',
  );
  return w.finish(title);
}

function decisionBlock(w: TaggedWriter, d: DecisionLine, prefix = ''): void {
  w.heading(3, `${prefix}${d.subjectTitle}`);
  if (d.subjectDetail) w.para(d.subjectDetail, { muted: true });
  w.para(`Beslutning: ${d.decision}`, { bold: true });
  w.para('Betingelser:');
  w.list(d.conditions);
  w.para(`Bemærkning: ${d.comment ?? 'ingen'}`);
  w.para(`Besluttet af: ${d.decidedBy}, ${danishDateTime(d.decidedAt)}`);
  w.para(`Behandlet: ${d.where}`);
}

/** One decision as the case archive keeps it. */
export function renderDecisionPdf(doc: DecisionDocument): Promise<Buffer> {
  const title = `Beslutning: ${doc.decision.subjectTitle}`;
  const w = new TaggedWriter(title, doc.municipality, doc.decision.decidedAt);
  w.para(doc.municipality, { muted: true });
  w.heading(1, 'Borgmesterforums beslutning');
  if (doc.decision.caseReference) w.para(`Sagsnummer: ${doc.decision.caseReference}`);
  decisionBlock(w, doc.decision);
  w.para(`Version: ${doc.decision.subjectVersion}`, { muted: true });
  return w.finish(title);
}
