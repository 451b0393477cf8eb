import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { GOAL_STATUS_LABELS, formatCalendarDate, periodLabel, type GoalStatus } from '#domain';
import type { PlanGoalsStatusDto } from '../indicators/indicators.dto.js';

/** Everything a progress report (fremdriftsrapport) shows, gathered beforehand. */
export interface ReportContent {
  municipality: string;
  plan: { title: string; areaName: string; budgetYear: number; stateLabel: string; stageDueDate: string | null };
  generatedAt: Date;
  goals: PlanGoalsStatusDto;
  /** SVG charts: the area's socio-economic indicators, and one per measured goal. */
  charts: { title: string; svg: string }[];
  history: { at: Date; event: string; from: string | null; to: string; actor: string; comment: string | null }[];
  projects: ProjectSection;
}

export interface ProjectSection {
  /** False when there is no project register (yet), or it could not be read. */
  available: boolean;
  note: string | null;
  adopted: ProjectLine[];
  terminated: ProjectLine[];
  overdue: ProjectLine[];
  other: ProjectLine[];
}

export interface ProjectLine {
  title: string;
  detail: string;
}

const STATUS_COLOURS: Record<GoalStatus, string> = {
  on_track: '#1e8449',
  at_risk: '#b9770e',
  off_track: '#b03a2e',
  no_data: '#5d6d7e',
};
const fmt = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });
const n = (v: number | null | undefined) => (v === null || v === undefined ? '–' : fmt.format(v));
const date = (d: Date) =>
  new Intl.DateTimeFormat('da-DK', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Copenhagen',
  }).format(d);
const TREND: Record<string, string> = { improving: 'forbedres', worsening: 'forværres', flat: 'uændret' };

type PlanGoal = PlanGoalsStatusDto['goals'][number];

/**
 * The lines under a goal's heading in the report (Danish). A city-level
 * goal's figures are indices (the city = 100), with the area's and the
 * city's own values behind the latest one.
 */
export function goalLines(g: PlanGoal): string[] {
  const cityLevel = g.targetKind === 'city_level';
  const v = (value: number | null | undefined) =>
    cityLevel && value !== null && value !== undefined ? `indeks ${n(value)}` : n(value);
  const better = g.direction === 'lower_is_better' ? 'højst' : 'mindst';
  return [
    g.indicator
      ? `Indikator: ${g.indicator.name}${g.indicator.unit ? ` (${g.indicator.unit})` : ''}`
      : 'Ingen indikator knyttet til målet',
    g.cityGoalTitle ? `Byens mål: ${g.cityGoalTitle}` : null,
    cityLevel
      ? `Måltype: på niveau med byens gennemsnit: områdets indeks (byen = 100) ${better} ` +
        `100${g.target ? ` i ${g.target.year}` : ''}`
      : null,
    `Basis: ${g.baseline ? `${v(g.baseline.value)} (${Math.floor(g.baseline.year)}${g.baselineFrom === 'first_measurement' ? ', første måling' : ''})` : '–'}` +
      `   Mål: ${g.target ? `${v(g.target.value)} i ${g.target.year}` : '–'}`,
    `Seneste: ${g.latest ? `${v(g.latest.value)} (${periodLabel(g.latest.period)})` : '–'}   Forventet da: ` +
      `${v(g.expectedAtLatest)}   Forventet nu: ${v(g.expectedNow)}`,
    g.latestCompared
      ? `Området: ${n(g.latestCompared.value)}, byen: ${n(g.latestCompared.cityValue)} ` +
        `(${periodLabel(g.latestCompared.period)})`
      : null,
    g.trend
      ? `Tendens: ${g.trend.slopePerYear >= 0 ? '+' : ''}${n(g.trend.slopePerYear)}${cityLevel ? ' indekspoint' : ''} pr. år (${TREND[g.trend.direction]})` +
        (g.trend.reachesTarget === null
          ? ''
          : g.trend.reachesTarget
            ? '; målet nås med den nuværende udvikling'
            : '; målet nås ikke med den nuværende udvikling')
      : null,
  ].filter((l): l is string => l !== null);
}

const MARGIN = 50;
const CHART_WIDTH = 495;
const CHART_HEIGHT = Math.round((CHART_WIDTH * 450) / 800);

/** Renders the report as a PDF (A4, Danish) with the charts drawn as vectors. */
export function renderReportPdf(content: ReportContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `Fremdriftsrapport: ${content.plan.title}`,
      Author: content.municipality,
      Creator: 'Byløft',
      CreationDate: content.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const bottom = () => doc.page.height - MARGIN;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const heading = (text: string) => {
    ensure(60);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(15).fillColor('#000000').text(text).moveDown(0.3);
    doc.font('Helvetica').fontSize(10);
  };
  const body = (text: string, options: PDFKit.Mixins.TextOptions = {}) =>
    doc.font('Helvetica').fontSize(10).fillColor('#000000').text(text, options);

  // Title page header
  doc.font('Helvetica').fontSize(10).fillColor('#555555').text(content.municipality);
  doc.font('Helvetica-Bold').fontSize(22).fillColor('#000000').text('Fremdriftsrapport').moveDown(0.2);
  doc.font('Helvetica-Bold').fontSize(14).text(content.plan.title);
  doc.moveDown(0.4);
  body(`Byområde: ${content.plan.areaName}`);
  body(`Budgetår: ${content.plan.budgetYear}`);
  const due = content.plan.stageDueDate;
  body(`Fase: ${content.plan.stateLabel}${due ? ` (frist ${formatCalendarDate(due, 'da')})` : ''}`);
  body(`Udarbejdet: ${date(content.generatedAt)}`);

  // Goal status
  const goals = content.goals.goals;
  heading('Målstatus');
  const counts = (Object.keys(GOAL_STATUS_LABELS) as GoalStatus[]).map(
    (s) => `${goals.filter((g) => g.status === s).length} ${GOAL_STATUS_LABELS[s].da.toLowerCase()}`,
  );
  body(
    goals.length
      ? `${goals.length} mål: ${counts.join(', ')}. Status sammenligner seneste måling med den lige linje fra ` +
          `basisværdi til målværdi; ` +
          `"i risiko" er op til ${fmt.format(content.goals.tolerancePercent)} % af den planlagte ændring bagefter.`
      : 'Planen har endnu ingen mål.',
  );
  for (const g of goals) {
    ensure(70);
    doc.moveDown(0.5);
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#000000').text(g.title, { continued: true });
    doc.font('Helvetica-Bold').fillColor(STATUS_COLOURS[g.status]).text(`   ${GOAL_STATUS_LABELS[g.status].da}`);
    const lines = goalLines(g);
    for (const l of lines) body(l, { indent: 10 });
  }

  // Charts
  heading('Figurer');
  for (const chart of content.charts) {
    ensure(CHART_HEIGHT + 10);
    const y = doc.y;
    SVGtoPDF(doc, chart.svg, MARGIN, y, { width: CHART_WIDTH, height: CHART_HEIGHT, assumePt: false });
    doc.x = MARGIN;
    doc.y = y + CHART_HEIGHT + 10;
  }

  // Stage history
  heading('Faseforløb');
  if (!content.history.length) body('Ingen registrerede hændelser.');
  for (const h of content.history) {
    ensure(40);
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor('#000000')
      .text(`${date(h.at)}: ${h.event}`);
    body(`${h.from ? `${h.from} til ` : ''}${h.to} · ${h.actor}`, { indent: 10 });
    if (h.comment) body(`"${h.comment}"`, { indent: 10 });
  }

  // Project decisions
  heading('Projektbeslutninger');
  const p = content.projects;
  if (!p.available || (!p.adopted.length && !p.terminated.length && !p.overdue.length && !p.other.length)) {
    body(p.note ?? 'Ingen projekter.');
  } else {
    const group = (title: string, items: ProjectLine[]) => {
      ensure(30);
      doc.font('Helvetica-Bold').fontSize(11).fillColor('#000000').text(`${title} (${items.length})`);
      if (!items.length) body('Ingen.', { indent: 10 });
      for (const i of items) body(`${i.title}: ${i.detail}`, { indent: 10 });
      doc.moveDown(0.3);
    };
    group('Forankret i drift', p.adopted);
    group('Afsluttet', p.terminated);
    group('Evaluering over fristen', p.overdue);
    if (p.other.length) group('Øvrige projekter', p.other);
  }

  // Page numbers
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer sits in the margin: do not let it start a new page
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#777777')
      .text(`${content.plan.title} · side ${i + 1} af ${range.count}`, MARGIN, doc.page.height - 35, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
