import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AGENDA_GROUP_LABELS,
  AGENDA_GROUP_QUESTIONS,
  AGENDA_GROUPS,
  DECISION_PROCEDURE_LABELS,
  PLAN_SECTION_LABELS,
  agendaGroup,
  type AgendaGroup,
} from '#domain';
import { DECISION_SELECT, toDecisionView, type DecisionRow, type DecisionView } from '../meetings/decision-view.js';
import { notFound } from '../platform/common/app-error.js';
import { PlanContentService } from '../plans/plan-content.service.js';
import { PlansService } from '../plans/plans.service.js';
import { Plan } from '../plans/plan.entity.js';
import { ProjectsService } from '../projects/projects.service.js';
import { stateLabel } from '../reports/reports.service.js';
import { danishDate, type DecisionLine, type PackItem } from './forum-pdf.js';

export interface MeetingPack {
  meeting: { id: string; title: string; meetingDate: string };
  municipality: string;
  groups: { group: AgendaGroup; label: string; labelEn: string; items: PackItem[] }[];
  decisions: DecisionView[];
  /** Items still open on this meeting's agenda (carried over to the next meeting once it is held). */
  carriedOver: PackItem[];
}

interface AgendaRow {
  id: string;
  subject_type: 'plan' | 'project';
  subject_id: string;
  kind: 'submission' | 'escalation';
  title: string;
  dedup_key: string;
  resolved_at: Date | null;
  created_at: Date;
}

/** Where a decision was made, in Danish words (the minutes, the archive's document). */
export function decisionWhere(d: DecisionView): string {
  return d.procedure === 'meeting'
    ? `På mødet ${d.meetingTitle ?? ''} ${d.meetingDate ? danishDate(d.meetingDate) : ''}`.replace(/\s+/g, ' ').trim()
    : `${DECISION_PROCEDURE_LABELS.written.da} ${danishDate(d.decidedOn)}`;
}

/** The decision with its conditions, in one line (Danish). */
export function decisionText(d: DecisionView): string {
  return d.conditions.length ? `${d.decisionLabel}: ${d.conditions.join('; ')}` : d.decisionLabel;
}

export function toDecisionLine(d: DecisionView): DecisionLine {
  return {
    subjectTitle: d.subjectTitle,
    subjectDetail: d.subjectDetail,
    decision: d.decisionLabel,
    conditions: d.conditions,
    comment: d.comment,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt,
    where: decisionWhere(d),
  };
}

const money = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });

/**
 * What the forum reads before a meeting, per agenda item: what is to be
 * decided, the subject's summary and content as submitted, what changed
 * since the forum last decided on it (the diff against the last gate
 * version), open conditions, the deadline and who submitted. The meeting
 * page, the agenda pack and the minutes are made from it.
 */
@Injectable()
export class MeetingPackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly content: PlanContentService,
    private readonly projects: ProjectsService,
  ) {}

  async municipality(): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT "name" FROM "municipality" WHERE "id" = 1`)) as {
      name: string;
    }[];
    return row?.name ?? '';
  }

  async pack(meetingId: string): Promise<MeetingPack> {
    const [meeting] = (await this.dataSource.query(
      `SELECT "id", "title", to_char("meeting_date", 'YYYY-MM-DD') AS "meetingDate" FROM "meeting" WHERE "id" = $1`,
      [meetingId],
    )) as { id: string; title: string; meetingDate: string }[];
    if (!meeting) throw notFound('Meeting', meetingId);
    const rows = (await this.dataSource.query(
      `SELECT "id", "subject_type", "subject_id", "kind", "title", "dedup_key", "resolved_at", "created_at"
         FROM "agenda_item" WHERE "meeting_id" = $1 ORDER BY "created_at", "id"`,
      [meetingId],
    )) as AgendaRow[];
    const decisions = await this.decisions({ meetingId });
    const items = (await Promise.all(rows.map((r) => this.item(r)))).map((item) => {
      const made = decisions.filter((d) => d.subjectId === item.subjectId).at(-1);
      return { ...item, decided: made ? decisionText(made) : null };
    });
    const groups = AGENDA_GROUPS.map((group) => ({
      group,
      label: AGENDA_GROUP_LABELS[group].da,
      labelEn: AGENDA_GROUP_LABELS[group].en,
      items: items.filter((i) => i.group === group),
    }));
    const open = new Set(rows.filter((r) => !r.resolved_at).map((r) => r.id));
    return {
      meeting,
      municipality: await this.municipality(),
      groups,
      decisions,
      carriedOver: items.filter((i) => open.has(i.id)),
    };
  }

  /** Decisions: of one meeting, or the latest (written procedures included), newest last for a meeting. */
  async decisions(filter: { meetingId?: string; limit?: number; id?: string }): Promise<DecisionView[]> {
    const rows = filter.id
      ? ((await this.dataSource.query(`${DECISION_SELECT} WHERE d."id" = $1`, [filter.id])) as DecisionRow[])
      : filter.meetingId
        ? ((await this.dataSource.query(
            `${DECISION_SELECT} WHERE d."meeting_id" = $1 ORDER BY d."decided_at", d."id"`,
            [filter.meetingId],
          )) as DecisionRow[])
        : ((await this.dataSource.query(`${DECISION_SELECT} ORDER BY d."decided_at" DESC, d."id" LIMIT $1`, [
            filter.limit ?? 50,
          ])) as DecisionRow[]);
    return rows.map(toDecisionView);
  }

  private async item(r: AgendaRow): Promise<Omit<PackItem, 'decided'>> {
    const group = agendaGroup({ subjectType: r.subject_type, kind: r.kind, dedupKey: r.dedup_key });
    const base = {
      id: r.id,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      group,
      groupLabel: AGENDA_GROUP_LABELS[group].da,
      question: AGENDA_GROUP_QUESTIONS[group].da,
      title: r.title,
    };
    return r.subject_type === 'plan'
      ? { ...base, ...(await this.planPart(r.subject_id, new Date(r.created_at))) }
      : { ...base, ...(await this.projectPart(r.subject_id)) };
  }

  /**
   * A plan's part of an item put on the agenda at `since`: what changed is
   * counted from the last gate version before it (the forum's previous
   * decision) to the content now, or, once decided, to the content as the
   * forum decided it (the gate version the decision stored).
   */
  private async planPart(planId: string, since: Date) {
    const plan = await this.plans.get(planId);
    const entity = await this.dataSource.getRepository(Plan).findOneByOrFail({ id: planId });
    const snapshot = await this.content.snapshot(this.dataSource.manager, entity);
    const [submitted] = (await this.dataSource.query(
      `SELECT "actor_name" FROM "plan_transition" WHERE "plan_id" = $1 AND "event" = 'SUBMIT' ORDER BY "seq" DESC
        LIMIT 1`,
      [planId],
    )) as { actor_name: string }[];
    const versions = await this.plans.versions(planId);
    const before = versions.filter((v) => new Date(v.createdAt) < since);
    const last = before.length ? before[before.length - 1] : null;
    const decidedAt = versions.find((v) => new Date(v.createdAt) >= since);
    const changes = last
      ? (await this.plans.diff(planId, String(last.seq), decidedAt ? String(decidedAt.seq) : 'current')).changes.map(
          changeInWords,
        )
      : [];
    const bySection = new Map<string, string[]>();
    for (const item of snapshot.items) {
      const label = PLAN_SECTION_LABELS[item.section] ?? item.section;
      bySection.set(label, [...(bySection.get(label) ?? []), itemLine(item.data)]);
    }
    const counts = [...bySection.entries()].map(([section, lines]) => `${section}: ${lines.length}`);
    return {
      subjectTitle: plan.title,
      subjectDetail: plan.areaName,
      stateLabel: stateLabel(plan.stateValue) ?? plan.stateValue,
      submitter: plan.status === 'submitted' ? (submitted?.actor_name ?? null) : null,
      deadline: { dueDate: plan.stageDueDate, overdue: plan.overdue },
      summary: counts.length
        ? `${plan.title}, ${plan.areaName}, budget ${plan.budgetYear}. ${snapshot.items.length} punkter ` +
          `(${counts.join('; ')}).`
        : `${plan.title}, ${plan.areaName}, budget ${plan.budgetYear}. Ingen indhold endnu.`,
      content: [...bySection.entries()].map(([section, lines]) => ({ section, lines })),
      lastDecision: last ? { seq: last.seq, at: new Date(last.createdAt).toISOString() } : null,
      changes,
      openConditions: snapshot.conditions.filter((c) => c.status === 'open').map((c) => c.text),
      keyFigures: [] as string[],
    };
  }

  private async projectPart(projectId: string) {
    const project = await this.projects.get(projectId);
    const [extra] = (await this.dataSource.query(
      `SELECT (SELECT "name" FROM "administration" WHERE "id" = p."owning_administration_id") AS "administration",
              (SELECT "display_name" FROM "app_user" WHERE "id" = p."proposed_by") AS "proposer",
              (SELECT "content" FROM "project_evaluation" WHERE "project_id" = p."id") AS "evaluation"
         FROM "project" p WHERE p."id" = $1`,
      [projectId],
    )) as { administration: string | null; proposer: string | null; evaluation: Record<string, unknown> | null }[];
    const ev = extra?.evaluation ?? null;
    const keyFigures = ev
      ? [
          `Budget: ${money.format(project.budgetDkk)} kr.`,
          ev.costsDkk !== null && ev.costsDkk !== undefined
            ? `Forbrug: ${money.format(Number(ev.costsDkk))} kr.`
            : null,
          ev.evidenceStrength ? `Evidens: ${String(ev.evidenceStrength)}` : null,
          ev.recommendation ? `Anbefaling: ${String(ev.recommendation)}` : null,
          Array.isArray(ev.goalResults) ? `Målresultater: ${ev.goalResults.length}` : null,
          Array.isArray(ev.indicatorResults) ? `Indikatorresultater: ${ev.indicatorResults.length}` : null,
        ].filter((l): l is string => l !== null)
      : [];
    return {
      subjectTitle: project.title,
      subjectDetail: extra?.administration ?? null,
      stateLabel: project.stateLabel,
      submitter: extra?.proposer ?? null,
      deadline: { dueDate: project.evaluationDeadline, overdue: project.overdue },
      summary:
        `${project.problem} Løsning: ${project.proposedSolution} ` +
        `(${danishDate(project.periodStart)} – ${danishDate(project.periodEnd)}, ${money.format(project.budgetDkk)} ` +
        `kr.)`,
      content: [
        { section: 'Problem', lines: [project.problem] },
        { section: 'Foreslået løsning', lines: [project.proposedSolution] },
      ],
      lastDecision: null,
      changes: [] as string[],
      openConditions: [] as string[],
      keyFigures,
    };
  }
}

/**
 * A change since the last gate version, in words: the diff's own reading
 * (issue 12 owns the wording; this is the one place the forum uses it).
 */
export function changeInWords(change: { summary: string }): string {
  return change.summary;
}

function itemLine(data: Record<string, unknown>): string {
  const head = data.title ?? data.name ?? data.theme ?? data.period ?? data.reference;
  const text = data.text ?? data.description ?? data.summary;
  return (
    [head, text]
      .filter((v) => v !== undefined && v !== null && v !== '')
      .map(String)
      .join(': ') || '(uden titel)'
  );
}
