import ExcelJS from 'exceljs';
import { INVESTMENT_TYPE_LABELS, type InvestmentType, type NegotiationMaterial, type ProposalLine } from '#domain';
import { danishDate, danishDateTime, TaggedWriter } from '../forum/forum-pdf.js';

/** The negotiation material as it is handed to the budget negotiations: an XLSX workbook and a tagged PDF. */
export type Material = NegotiationMaterial & { proposalsDueOn: string | null; generatedAt: Date; municipality: string };

export interface MaterialFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MONEY = '#,##0.00';

/** Ends a sentence with one full stop, also after "kr.". */
const sentence = (s: string) => (s.endsWith('.') ? s : `${s}.`);
const kr = (dkk: number) => `${new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }).format(dkk)} kr.`;
const PLURAL: Record<string, string> = { public: 'Offentlige investeringer', private: 'Private investeringer' };
const investmentLabel = (type: string, plural = false) =>
  (plural ? PLURAL[type] : undefined) ?? INVESTMENT_TYPE_LABELS[type as InvestmentType]?.da ?? type;

/**
 * The workbook: the proposals (one row each, with the asked amount in its
 * budget year's column, what was granted, a subtotal per administration and
 * the total), the idea catalogue, and decisions that name no proposal.
 */
export async function materialXlsx(m: Material): Promise<MaterialFile> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Byløft';
  workbook.created = m.generatedAt;
  workbook.title = `Budgetforhandlinger, budget ${m.budgetYear}`;

  const proposals = workbook.addWorksheet('Budgetforslag');
  const yearColumns = m.years.map((y) => `Ønsket ${y} (kr.)`);
  const header = [
    'Forvaltning',
    'Byområde',
    'Udviklingsplan',
    'Budgetforslag',
    'Mål',
    ...yearColumns,
    'Ønsket i alt (kr.)',
    'Bevilget (kr.)',
    'Bevilget ved',
  ];
  proposals.addRow(header).font = { bold: true };
  const byYear = (line: ProposalLine) => m.years.map((y) => (line.budgetYear === y ? line.asked : null));
  for (const group of m.administrations) {
    for (const area of group.areas) {
      for (const p of area.proposals) {
        proposals.addRow([
          group.administrationCode,
          area.areaName,
          p.planTitle,
          p.description,
          p.goals.join('; '),
          ...byYear(p),
          p.asked,
          p.granted,
          p.decisions.map((d) => `${d.reference} (${d.decidedOn})`).join('; '),
        ]);
      }
    }
    const sub = proposals.addRow([
      `I alt ${group.administrationCode}`,
      '',
      '',
      '',
      '',
      ...m.years.map((y) => group.totals.byYear.find((t) => t.year === y)?.asked ?? 0),
      group.totals.asked,
      group.totals.granted,
      '',
    ]);
    sub.font = { bold: true };
  }
  const total = proposals.addRow([
    'I alt',
    '',
    '',
    '',
    '',
    ...m.totals.byYear.map((t) => t.asked),
    m.totals.asked,
    m.totals.granted,
    '',
  ]);
  total.font = { bold: true };
  const firstMoney = 6;
  for (let c = firstMoney; c < firstMoney + m.years.length + 2; c++) proposals.getColumn(c).numFmt = MONEY;
  widths(proposals, [12, 24, 32, 48, 40, ...m.years.map(() => 16), 18, 16, 30]);
  proposals.views = [{ state: 'frozen', ySplit: 1 }];

  const ideas = workbook.addWorksheet('Idékatalog');
  ideas.addRow([
    'Investering',
    'Byområde',
    'Udviklingsplan',
    'Forvaltning',
    'Idé',
    'Beskrivelse',
    'Anslået (kr.)',
  ]).font = { bold: true };
  for (const group of m.ideas) {
    for (const i of group.ideas) {
      ideas.addRow([
        investmentLabel(group.investmentType),
        i.areaName,
        i.planTitle,
        i.administrationCode,
        i.title,
        i.description,
        i.estimatedAmount,
      ]);
    }
    ideas.addRow([`I alt ${investmentLabel(group.investmentType)}`, '', '', '', '', '', group.estimatedTotal]).font = {
      bold: true,
    };
  }
  ideas.getColumn(7).numFmt = MONEY;
  widths(ideas, [16, 24, 32, 12, 32, 48, 16]);
  ideas.views = [{ state: 'frozen', ySplit: 1 }];

  const unlinked = workbook.addWorksheet('Beslutninger uden forslag');
  unlinked.addRow(['Udviklingsplan', 'Beslutning', 'Dato', 'Beløb (kr.)']).font = { bold: true };
  for (const d of m.unlinkedDecisions) unlinked.addRow([d.planTitle, d.reference, d.decidedOn, d.amount]);
  unlinked.getColumn(4).numFmt = MONEY;
  widths(unlinked, [32, 32, 12, 16]);

  return {
    fileName: `budgetforhandlinger-${m.budgetYear}.xlsx`,
    contentType: XLSX,
    content: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

function widths(sheet: ExcelJS.Worksheet, w: number[]): void {
  w.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
}

/** The same material as a tagged PDF (headings per administration and area, lists of proposals and ideas). */
export async function materialPdf(m: Material): Promise<MaterialFile> {
  const title = `Budgetforhandlinger: budget ${m.budgetYear}`;
  const w = new TaggedWriter(title, m.municipality, m.generatedAt);
  w.para(m.municipality, { muted: true });
  w.heading(1, title);
  w.para('Udviklingsplanernes budgetforslag og idékatalog, samlet som grundlag for budgetforhandlingerne.');
  w.para(
    m.proposalsDueOn
      ? `Budgetforslagene skal være indsendt senest ${danishDate(m.proposalsDueOn)}.`
      : 'Fristen for budgetforslagene er ikke fastsat.',
  );
  w.para(`Udarbejdet: ${danishDateTime(m.generatedAt)}`);

  w.heading(2, 'Budgetforslag i alt');
  w.para(
    `${m.totals.proposals} budgetforslag, ønsket ${kr(m.totals.asked)}, bevilget ${kr(m.totals.granted)} ` +
      `(${m.totals.decided} af ${m.totals.proposals} forslag besluttet).`,
    { bold: true },
  );
  w.list(
    m.totals.byYear.map((y) => `Budget ${y.year}: ønsket ${kr(y.asked)}, bevilget ${kr(y.granted)}`),
    'Der er ingen budgetforslag i runden.',
  );

  for (const group of m.administrations) {
    w.heading(2, `${group.administrationName} (${group.administrationCode})`);
    w.para(sentence(`I alt: ønsket ${kr(group.totals.asked)}, bevilget ${kr(group.totals.granted)}`), { bold: true });
    for (const area of group.areas) {
      w.heading(3, area.areaName);
      w.list(area.proposals.map(proposalLine));
    }
  }

  w.heading(2, 'Idékatalog');
  w.para('Idéer til offentlige og private investeringer på tværs af udviklingsplanerne.');
  for (const group of m.ideas) {
    w.heading(3, investmentLabel(group.investmentType, true));
    if (group.ideas.length > group.withoutEstimate) w.para(sentence(`Anslået i alt: ${kr(group.estimatedTotal)}`));
    w.list(
      group.ideas.map(
        (i) =>
          `${i.title} (${i.areaName}, ${i.administrationCode})` +
          `${i.estimatedAmount !== null ? `: anslået ${kr(i.estimatedAmount)}` : ''}` +
          `${i.description ? `. ${i.description}` : ''}`,
      ),
      'Ingen idéer.',
    );
  }

  if (m.unlinkedDecisions.length) {
    w.heading(2, 'Budgetbeslutninger uden forslag');
    w.list(
      m.unlinkedDecisions.map((d) => `${d.planTitle}: ${d.reference} (${danishDate(d.decidedOn)}), ${kr(d.amount)}`),
    );
  }
  return {
    fileName: `budgetforhandlinger-${m.budgetYear}.pdf`,
    contentType: 'application/pdf',
    content: await w.finish(title),
  };
}

function proposalLine(p: ProposalLine): string {
  const granted = p.granted === null ? 'ikke besluttet' : `bevilget ${kr(p.granted)}`;
  const goals = p.goals.length ? ` Mål: ${p.goals.join('; ')}.` : '';
  return `${sentence(`Budget ${p.budgetYear}: ${p.description}: ønsket ${kr(p.asked)}, ${granted}`)}${goals}`;
}
