import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  EVALUATION_OWED_STATES,
  PROJECT_STATES,
  PROJECT_STATE_LABELS,
  decisionLeadTime,
  leadTimeStats,
  type ProjectState,
} from '#domain';
import { WorkingCalendarService } from '../deadlines/working-calendar.service.js';
import { tableFile, type ExportFile, type ExportFormat } from '../indicators/export.service.js';
import type { CsvLocale } from '../platform/common/csv.js';
import { timeZone, today } from '../platform/common/local-day.js';
import type {
  AdoptedAmountDto,
  AdoptionLedgerDto,
  AdoptionLedgerQueryDto,
  AdoptionLineDto,
  AdoptionTotalDto,
  PortfolioDto,
  PortfolioGroupDto,
} from './portfolio.dto.js';

/** The projects whose decision the lead time measures: the two ways a project ends after its evaluation. */
const DECIDED: readonly ProjectState[] = ['terminated', 'adoptedIntoOperations'];

/** The adoption ledger and the portfolio figures per administration and per area. */
@Injectable()
export class ProjectPortfolioService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkingCalendarService,
  ) {}

  /**
   * Per administration and budget year, the yearly amounts moved into the
   * base budget (summed in SQL, with the running total per administration),
   * and one page of the lines with their number.
   */
  async adoptions(query: AdoptionLedgerQueryDto): Promise<AdoptionLedgerDto> {
    const administrationId = query.administrationId ?? null;
    const year = query.budgetYear ?? null;
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const [totals, lines, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT * FROM (
           SELECT a.administration_id, ad.name AS administration_name, a.first_budget_year,
                  sum(a.yearly_amount_dkk)::text AS amount, count(*)::int AS lines,
                  sum(sum(a.yearly_amount_dkk)) OVER (PARTITION BY a.administration_id ORDER BY a.first_budget_year)::text
                    AS cumulative
             FROM project_adoption a JOIN administration ad ON ad.id = a.administration_id
            WHERE ($1::uuid IS NULL OR a.administration_id = $1::uuid)
            GROUP BY a.administration_id, ad.name, a.first_budget_year
         ) t
         WHERE ($2::int IS NULL OR t.first_budget_year = $2::int)
         ORDER BY t.administration_name, t.administration_id, t.first_budget_year`,
        [administrationId, year],
      ) as Promise<
        {
          administration_id: string;
          administration_name: string;
          first_budget_year: number;
          amount: string;
          lines: number;
          cumulative: string;
        }[]
      >,
      this.dataSource.query(
        // The page is cut from the ledger alone; only its lines then fetch their project and decision maker.
        `SELECT a.project_id, p.title, a.administration_id, a.administration_name, a.yearly_amount_dkk,
                a.first_budget_year, a.decided_by, u.display_name AS decided_by_name, a.decided_at
           FROM (SELECT a.*, ad.name AS administration_name
                   FROM project_adoption a JOIN administration ad ON ad.id = a.administration_id
                  WHERE ($1::uuid IS NULL OR a.administration_id = $1::uuid)
                    AND ($2::int IS NULL OR a.first_budget_year = $2::int)
                  ORDER BY ad.name, a.first_budget_year, a.decided_at, a.project_id
                  LIMIT $3 OFFSET $4) a
           JOIN project p ON p.id = a.project_id
           JOIN app_user u ON u.id = a.decided_by
          ORDER BY a.administration_name, a.first_budget_year, a.decided_at, a.project_id`,
        [administrationId, year, limit, offset],
      ) as Promise<
        {
          project_id: string;
          title: string;
          administration_id: string;
          administration_name: string;
          yearly_amount_dkk: string;
          first_budget_year: number;
          decided_by: string;
          decided_by_name: string;
          decided_at: Date;
        }[]
      >,
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM project_adoption a
          WHERE ($1::uuid IS NULL OR a.administration_id = $1::uuid) AND ($2::int IS NULL OR a.first_budget_year = $2::int)`,
        [administrationId, year],
      ) as Promise<{ total: number }[]>,
    ]);
    return {
      totals: totals.map((t): AdoptionTotalDto => ({
        administrationId: t.administration_id,
        administrationName: t.administration_name,
        budgetYear: t.first_budget_year,
        yearlyAmountDkk: round2(Number(t.amount)),
        cumulativeYearlyAmountDkk: round2(Number(t.cumulative)),
        lines: t.lines,
      })),
      lines: lines.map((r): AdoptionLineDto => ({
        projectId: r.project_id,
        projectTitle: r.title,
        administrationId: r.administration_id,
        administrationName: r.administration_name,
        yearlyAmountDkk: Number(r.yearly_amount_dkk),
        firstBudgetYear: r.first_budget_year,
        decidedBy: r.decided_by,
        decidedByName: r.decided_by_name,
        decidedAt: r.decided_at,
      })),
      total,
      limit,
      offset,
    };
  }

  /**
   * Per administration and per area: projects by state, overdue evaluations,
   * amounts adopted per first budget year, and the decision lead time
   * (Danish working days from the end date to the termination or adoption).
   * The counts and sums are aggregated in SQL; the lead times are counted
   * once per decided project (in constant time each) and handed to its groups.
   */
  /**
   * The portfolio as one table (CSV or XLSX, by the same writer as the other exports): a row per administration,
   * then per area, with the projects by state, overdue evaluations, the decision lead time and the adopted amounts.
   */
  async exportFile(format: ExportFormat, locale: CsvLocale = 'en'): Promise<ExportFile> {
    const figures = await this.portfolio();
    const header = [
      'Gruppering',
      'Navn',
      'Projekter',
      ...PROJECT_STATES.map((s) => PROJECT_STATE_LABELS[s].da),
      'Overskredne evalueringer',
      'Beslutninger',
      'Beslutningstid, median (arbejdsdage)',
      'Beslutningstid, 90 %-fraktil (arbejdsdage)',
      'Forankret i drift, årligt beløb i alt (kr.)',
    ];
    const rows = [
      ...figures.byAdministration.map((g) => ['Forvaltning', g] as const),
      ...figures.byArea.map((g) => ['Byområde', g] as const),
    ].map(([grouping, g]) => [
      grouping,
      g.name,
      g.projects,
      ...PROJECT_STATES.map((s) => g.countsByState[s] ?? 0),
      g.overdueEvaluations,
      g.decisionLeadTime.decisions,
      g.decisionLeadTime.medianWorkingDays,
      g.decisionLeadTime.p90WorkingDays,
      g.adoptedByBudgetYear.reduce((sum, a) => sum + a.yearlyAmountDkk, 0),
    ]);
    return tableFile(format, `projektportefoelje-${figures.asOf}`, 'Projektportefølje', header, rows, locale);
  }

  async portfolio(): Promise<PortfolioDto> {
    const asOf = today();
    const owed = `p.state_value = ANY($1::text[]) AND p.evaluation_deadline < $2::date`;
    const [byState, adopted, decided, administrations, areas] = await Promise.all([
      this.dataSource.query(
        `SELECT 'administration' AS kind, p.owning_administration_id AS group_id, p.state_value,
                count(*)::int AS n, (count(*) FILTER (WHERE ${owed}))::int AS overdue
           FROM project p GROUP BY p.owning_administration_id, p.state_value
         UNION ALL
         SELECT 'area', x.area_id, p.state_value, count(*)::int, (count(*) FILTER (WHERE ${owed}))::int
           FROM project p CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.area_ids) AS area_id) x
          GROUP BY x.area_id, p.state_value`,
        [EVALUATION_OWED_STATES, asOf],
      ) as Promise<{ kind: GroupKind; group_id: string; state_value: ProjectState; n: number; overdue: number }[]>,
      this.dataSource.query(
        `SELECT 'administration' AS kind, a.administration_id AS group_id, a.first_budget_year,
                sum(a.yearly_amount_dkk)::text AS amount, count(*)::int AS n
           FROM project_adoption a GROUP BY a.administration_id, a.first_budget_year
         UNION ALL
         SELECT 'area', x.area_id, a.first_budget_year, sum(a.yearly_amount_dkk)::text, count(*)::int
           FROM project_adoption a JOIN project p ON p.id = a.project_id
          CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.area_ids) AS area_id) x
          GROUP BY x.area_id, a.first_budget_year`,
      ) as Promise<{ kind: GroupKind; group_id: string; first_budget_year: number; amount: string; n: number }[]>,
      this.dataSource.query(
        `SELECT p.owning_administration_id, p.area_ids, to_char(p.period_end, 'YYYY-MM-DD') AS period_end,
                to_char(p.decided_at AT TIME ZONE $2, 'YYYY-MM-DD') AS decided_on
           FROM project p WHERE p.state_value = ANY($1::text[]) AND p.decided_at IS NOT NULL`,
        [DECIDED, timeZone()],
      ) as Promise<{ owning_administration_id: string; area_ids: string[]; period_end: string; decided_on: string }[]>,
      this.dataSource.query(`SELECT id, name FROM administration ORDER BY name`) as Promise<
        { id: string; name: string }[]
      >,
      this.dataSource.query(`SELECT id, name FROM area ORDER BY name`) as Promise<{ id: string; name: string }[]>,
    ]);
    const country = this.calendar.current;

    interface Tally {
      countsByState: Record<ProjectState, number>;
      projects: number;
      overdue: number;
      adopted: AdoptedAmountDto[];
      leadTimes: number[];
    }
    const tallies = new Map<string, Tally>();
    const tally = (kind: GroupKind, id: string): Tally => {
      const key = `${kind}:${id}`;
      let t = tallies.get(key);
      if (!t) {
        const countsByState = Object.fromEntries(PROJECT_STATES.map((s) => [s, 0])) as Record<ProjectState, number>;
        t = { countsByState, projects: 0, overdue: 0, adopted: [], leadTimes: [] };
        tallies.set(key, t);
      }
      return t;
    };
    for (const r of byState) {
      const t = tally(r.kind, r.group_id);
      t.countsByState[r.state_value] += r.n;
      t.projects += r.n;
      t.overdue += r.overdue;
    }
    for (const r of adopted) {
      tally(r.kind, r.group_id).adopted.push({
        budgetYear: r.first_budget_year,
        yearlyAmountDkk: round2(Number(r.amount)),
        projects: r.n,
      });
    }
    for (const p of decided) {
      const days = decisionLeadTime(p.period_end, p.decided_on, country);
      tally('administration', p.owning_administration_id).leadTimes.push(days);
      for (const areaId of new Set(p.area_ids)) tally('area', areaId).leadTimes.push(days);
    }
    const group = (kind: GroupKind, id: string, name: string): PortfolioGroupDto => {
      const t = tally(kind, id);
      return {
        id,
        name,
        projects: t.projects,
        countsByState: t.countsByState,
        overdueEvaluations: t.overdue,
        adoptedByBudgetYear: t.adopted.sort((a, b) => a.budgetYear - b.budgetYear),
        decisionLeadTime: leadTimeStats(t.leadTimes),
      };
    };
    return {
      asOf,
      byAdministration: administrations.map((a) => group('administration', a.id, a.name)),
      byArea: areas.map((a) => group('area', a.id, a.name)),
    };
  }
}

type GroupKind = 'administration' | 'area';

const round2 = (n: number) => Math.round(n * 100) / 100;
