import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  isProjectOverdue,
  PLAN_EVENT_LABELS,
  PLAN_STAGE_LABELS,
  PROJECT_STATES,
  type PlanEventType,
  type PlanStage,
  type ProjectState,
} from '#domain';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound } from '../platform/common/app-error.js';
import { ChartsService } from '../indicators/charts.service.js';
import { slug } from '../indicators/export.service.js';
import { GoalProgressService } from '../indicators/goal-progress.service.js';
import { JOB_NAMES, stableJobId } from '../platform/jobs/job-names.js';
import { OutboxService } from '../platform/outbox/outbox.service.js';
import { QUEUES } from '../platform/queue/queue-names.js';
import { dayOf, today as localToday } from '../platform/common/local-day.js';
import { PlanReport } from './plan-report.entity.js';
import { renderReportPdf, type ProjectLine, type ProjectSection, type ReportContent } from './report-pdf.js';
import type { ReportDto } from './reports.dto.js';

export interface ReportJobData extends Record<string, unknown> {
  reportId: string;
}

/** Charts of goals in one report at most (one per indicator). */
const MAX_GOAL_CHARTS = 8;

const EXTRA_EVENT_LABELS: Record<string, string> = {
  CREATE: 'Planen oprettet',
  CLOSE_CONDITION: 'Betingelse lukket',
  MOVE_DEADLINE: 'Fristen flyttet',
};
const STATUS_LABELS: Record<string, string> = {
  drafting: 'under udarbejdelse',
  submitted: 'indsendt til borgmesterforum',
};

/** 'planning.submitted' → 'Udviklingsplan (indsendt til borgmesterforum)'. */
export function stateLabel(stateValue: string | null): string | null {
  if (!stateValue) return null;
  const [stage, status] = stateValue.split('.');
  const stageLabel = PLAN_STAGE_LABELS[stage as PlanStage]?.da ?? stage;
  return status ? `${stageLabel} (${STATUS_LABELS[status] ?? status})` : stageLabel;
}

function eventLabel(event: string): string {
  return PLAN_EVENT_LABELS[event as PlanEventType]?.da ?? EXTRA_EVENT_LABELS[event] ?? event;
}

const PROJECT_STATE_LABELS: Record<string, string> = {
  proposed: 'foreslået',
  approved: 'godkendt',
  rejected: 'afvist',
  running: 'i gang',
  evaluationDue: 'evaluering forfalden',
  evaluationSubmitted: 'evaluering indsendt',
  assessed: 'vurderet',
  scaling: 'skaleret, i gang',
  scaledEvaluationDue: 'evaluering af skaleringen forfalden',
  scaledEvaluationSubmitted: 'evaluering af skaleringen indsendt',
  scaledAssessed: 'skalering vurderet',
  terminated: 'afsluttet',
  adoptedIntoOperations: 'forankret i drift',
};

const isProjectState = (value: string): value is ProjectState => (PROJECT_STATES as readonly string[]).includes(value);

/**
 * Progress reports (fremdriftsrapporter): requested through the API, made
 * as a PDF by a background job (goal status with charts, stage history,
 * project decisions), downloaded when done.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger('Reports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly goals: GoalProgressService,
    private readonly charts: ChartsService,
  ) {}

  async request(actor: AuthUser, planId: string): Promise<ReportDto> {
    return this.dataSource.transaction(async (m) => {
      const [plan] = (await m.query(`SELECT "id" FROM "plan" WHERE "id" = $1`, [planId])) as { id: string }[];
      if (!plan) throw notFound('Plan', planId);
      const repo = m.getRepository(PlanReport);
      const report = await repo.save(repo.create({ planId, requestedBy: actor.id }));
      await this.outbox.add(m, {
        queue: QUEUES.indicators,
        name: JOB_NAMES.planReport,
        jobId: stableJobId('plan-report', report.id),
        data: { reportId: report.id } satisfies ReportJobData,
      });
      return toReportDto(await repo.findOneByOrFail({ id: report.id }));
    });
  }

  async get(id: string): Promise<ReportDto> {
    const report = await this.dataSource.getRepository(PlanReport).findOne({ where: { id } });
    if (!report) throw notFound('Report', id);
    return toReportDto(report);
  }

  async list(planId: string): Promise<ReportDto[]> {
    if (!((await this.dataSource.query(`SELECT 1 FROM "plan" WHERE "id" = $1`, [planId])) as unknown[]).length)
      throw notFound('Plan', planId);
    const reports = await this.dataSource
      .getRepository(PlanReport)
      .find({ where: { planId }, order: { createdAt: 'DESC' }, take: 50 });
    return reports.map(toReportDto);
  }

  async file(id: string): Promise<{ fileName: string; content: Buffer }> {
    const report = await this.get(id);
    if (report.status !== 'succeeded') {
      throw new AppError(
        'CONFLICT',
        `The report is not ready (status ${report.status})${report.error ? `: ${report.error}` : ''}. Poll GET ` +
          `/api/reports/${id} until it has succeeded.`,
      );
    }
    const [row] = (await this.dataSource.query(`SELECT "content" FROM "plan_report_file" WHERE "report_id" = $1`, [
      id,
    ])) as { content: Buffer }[];
    if (!row) throw notFound('Report file', id);
    return { fileName: report.fileName ?? `fremdriftsrapport-${id}.pdf`, content: row.content };
  }

  /** The job. Idempotent: a finished report is left alone; an interrupted one is made again. */
  async run(reportId: string): Promise<'succeeded' | 'skipped'> {
    const [claimed] = (await this.dataSource.query(
      `UPDATE "plan_report" SET "status" = 'running', "started_at" = now(), "attempts" = "attempts" + 1
        WHERE "id" = $1 AND "status" IN ('queued', 'running') RETURNING "plan_id"`,
      [reportId],
    )) as [{ plan_id: string }[], number];
    const planId = claimed?.[0]?.plan_id;
    if (!planId) return 'skipped';
    const content = await this.content(planId);
    const pdf = await renderReportPdf(content);
    const day = dayOf(content.generatedAt);
    const fileName = `fremdriftsrapport-${slug(content.plan.title)}-${day}.pdf`;
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO "plan_report_file" ("report_id", "content") VALUES ($1, $2) ON CONFLICT ("report_id") DO UPDATE
          SET "content" = EXCLUDED."content"`,
        [reportId, pdf],
      );
      await m.query(
        `UPDATE "plan_report" SET "status" = 'succeeded', "file_name" = $2, "size_bytes" = $3, "error" = NULL,
          "finished_at" = now() WHERE "id" = $1`,
        [reportId, fileName, pdf.length],
      );
    });
    this.logger.log({ msg: 'Progress report made', reportId, planId, bytes: pdf.length });
    return 'succeeded';
  }

  /** After the last attempt failed: say why on the report. */
  async giveUp(reportId: string, err: unknown): Promise<void> {
    const detail = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
    await this.dataSource.query(
      `UPDATE "plan_report" SET "status" = 'failed', "error" = $2, "finished_at" = now() WHERE "id" = $1`,
      [reportId, detail],
    );
  }

  /** Gathers what the report shows. */
  async content(planId: string): Promise<ReportContent> {
    const [plan] = (await this.dataSource.query(
      `SELECT p."title", p."budget_year", p."state_value", p."stage_due_date"::text AS "stage_due_date",
        p."area_id", a."name" AS "area_name"
         FROM "plan" p JOIN "area" a ON a."id" = p."area_id" WHERE p."id" = $1`,
      [planId],
    )) as {
      title: string;
      budget_year: number;
      state_value: string;
      stage_due_date: string | null;
      area_id: string;
      area_name: string;
    }[];
    if (!plan) throw notFound('Plan', planId);
    const [municipality] = (await this.dataSource.query(`SELECT "name" FROM "municipality" WHERE "id" = 1`)) as {
      name: string;
    }[];
    const goals = await this.goals.planGoalStatus(planId);

    const charts: ReportContent['charts'] = [
      { title: 'Socioøkonomiske indikatorer', svg: await this.charts.socioeconomicSvg(plan.area_id) },
    ];
    const drawn = new Set<string>();
    for (const g of goals.goals) {
      if (!g.indicator || drawn.has(g.indicator.id) || drawn.size >= MAX_GOAL_CHARTS) continue;
      drawn.add(g.indicator.id);
      // A city-level goal's target and baseline are indices: its chart shows the area against the city's own line.
      const cityLevel = g.targetKind === 'city_level';
      const svg = await this.charts.seriesWithGoalSvg(g.indicator.id, [plan.area_id], {
        title: g.title,
        cityLevel,
        targetValue: cityLevel ? null : (g.target?.value ?? null),
        targetYear: g.target?.year ?? null,
        baselineValue: cityLevel ? null : (g.baseline?.value ?? null),
        baselineYear: cityLevel ? null : (g.baseline?.year ?? null),
      });
      charts.push({ title: g.title, svg });
    }

    const transitions = (await this.dataSource.query(
      `SELECT "event", "from_state", "to_state", "actor_name", "comment", "created_at" FROM "plan_transition" WHERE
        "plan_id" = $1 ORDER BY "seq"`,
      [planId],
    )) as {
      event: string;
      from_state: string | null;
      to_state: string;
      actor_name: string;
      comment: string | null;
      created_at: Date;
    }[];

    return {
      municipality: municipality?.name ?? '',
      plan: {
        title: plan.title,
        areaName: plan.area_name,
        budgetYear: plan.budget_year,
        stateLabel: stateLabel(plan.state_value) ?? plan.state_value,
        stageDueDate: plan.stage_due_date,
      },
      generatedAt: new Date(),
      goals,
      charts,
      history: transitions.map((t) => ({
        at: new Date(t.created_at),
        event: eventLabel(t.event),
        from: t.from_state === t.to_state ? null : stateLabel(t.from_state),
        to: stateLabel(t.to_state) ?? t.to_state,
        actor: t.actor_name,
        comment: t.comment,
      })),
      projects: await this.projects(planId, plan.area_id),
    };
  }

  /**
   * Project decisions for the plan (or its area), read defensively: the
   * project register is a separate feature, so its table is looked for, and
   * only the columns found are used. Without it: "ingen projekter".
   */
  async projects(planId: string, areaId: string): Promise<ProjectSection> {
    const none = (note: string): ProjectSection => ({
      available: false,
      note,
      adopted: [],
      terminated: [],
      overdue: [],
      other: [],
    });
    try {
      const columns = new Set(
        (
          (await this.dataSource.query(
            `SELECT "column_name" FROM information_schema.columns WHERE table_schema = current_schema() AND
              table_name = 'project'`,
          )) as { column_name: string }[]
        ).map((c) => c.column_name),
      );
      if (!columns.size) return none('Ingen projekter (projektregistret findes ikke endnu).');
      if (!columns.has('title') || !columns.has('state_value'))
        return none('Ingen projekter (projektregistret kunne ikke læses).');
      const has = (c: string) => columns.has(c);
      const select = [
        `"title"`,
        `"state_value"`,
        has('decided_at') ? `"decided_at"` : `NULL::timestamptz AS "decided_at"`,
        has('evaluation_deadline')
          ? `"evaluation_deadline"::text AS "evaluation_deadline"`
          : `NULL::text AS "evaluation_deadline"`,
        has('period_end') ? `"period_end"::text AS "period_end"` : `NULL::text AS "period_end"`,
      ].join(', ');
      const scope = [
        has('plan_ids') ? `$1::uuid = ANY("plan_ids")` : null,
        has('area_ids') ? `$2::uuid = ANY("area_ids")` : null,
      ].filter(Boolean);
      if (!scope.length) return none('Ingen projekter (projekterne er ikke knyttet til planer eller byområder).');
      const rows = (await this.dataSource.query(
        `SELECT ${select} FROM "project" WHERE (${scope.join(' OR ')}) AND ($1::uuid IS NOT NULL OR $2::uuid IS NOT
          NULL) ORDER BY "title" LIMIT 500`,
        [planId, areaId],
      )) as {
        title: string;
        state_value: string;
        decided_at: Date | null;
        evaluation_deadline: string | null;
        period_end: string | null;
      }[];
      if (!rows.length) return none('Ingen projekter.');
      const today = localToday();
      const decided = (r: (typeof rows)[number]) =>
        r.decided_at ? `besluttet ${dayOf(new Date(r.decided_at))}` : 'besluttet';
      const section: ProjectSection = {
        available: true,
        note: null,
        adopted: [],
        terminated: [],
        overdue: [],
        other: [],
      };
      for (const r of rows) {
        const line = (detail: string): ProjectLine => ({ title: r.title, detail });
        if (r.state_value === 'adoptedIntoOperations') section.adopted.push(line(decided(r)));
        else if (r.state_value === 'terminated') section.terminated.push(line(decided(r)));
        else if (
          isProjectState(r.state_value) &&
          r.evaluation_deadline &&
          isProjectOverdue(r.state_value, r.evaluation_deadline, today)
        ) {
          section.overdue.push(line(`evalueringen skulle være indsendt senest ${r.evaluation_deadline}`));
        } else section.other.push(line(PROJECT_STATE_LABELS[r.state_value] ?? r.state_value));
      }
      return section;
    } catch (err) {
      this.logger.warn({
        msg: 'Project decisions could not be read for the report',
        planId,
        error: err instanceof Error ? err.message : String(err),
      });
      return none('Projektoplysningerne kunne ikke læses.');
    }
  }
}

export function toReportDto(r: PlanReport): ReportDto {
  return {
    id: r.id,
    planId: r.planId,
    status: r.status,
    fileName: r.fileName,
    sizeBytes: r.sizeBytes,
    error: r.error,
    fileUrl: r.status === 'succeeded' ? `/api/reports/${r.id}/file` : null,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}
