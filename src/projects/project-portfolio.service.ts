import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  EVALUATION_OWED_STATES,
  PROJECT_STATES,
  PROJECT_STATE_LABELS,
  leadTimeStatsOfCounts,
  weekdayDaysOff,
  type ProjectState,
} from '#domain';
import { WorkingCalendarService } from '../deadlines/working-calendar.service.js';
import { workingDaysSql } from '../deadlines/working-days-sql.js';
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
  PortfolioQueryDto,
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
          WHERE ($1::uuid IS NULL OR a.administration_id = $1::uuid) AND ($2::int IS NULL OR a.first_budget_year =
            $2::int)`,
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
   * The portfolio as one table (CSV or XLSX, by the same writer as the other exports): a row per administration,
   * then per area, with the projects by state, overdue evaluations, the decision lead time and the adopted amounts.
   */
  async exportFile(format: ExportFormat, locale: CsvLocale = 'en'): Promise<ExportFile> {
    const figures = await this.portfolio({}, true);
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

  /**
   * Per administration (all of them) and per area (a page of them, by name): projects by state, overdue
   * evaluations, amounts adopted per first budget year, and the decision lead time (Danish working days from
   * the end date to the termination or adoption). All of it is counted in SQL, the lead times too (in
   * constant time each, with the calendar's days off as a parameter); Node gets a tally per group, state and
   * lead time, and takes the median and 90th percentile from it. `all` gives every area (the export).
   */
  async portfolio(query: PortfolioQueryDto = {}, all = false): Promise<PortfolioDto> {
    const asOf = today();
    const limit = all ? null : (query.limit ?? PORTFOLIO_AREA_PAGE);
    const offset = all ? 0 : (query.offset ?? 0);
    const [administrations, areas, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT id, name FROM administration ORDER BY name, id`) as Promise<Named[]>,
      this.dataSource.query(`SELECT id, name FROM area ORDER BY name, id LIMIT $1 OFFSET $2`, [
        limit,
        offset,
      ]) as Promise<Named[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM area`) as Promise<{ total: number }[]>,
    ]);
    const areaIds = areas.map((a) => a.id);
    const calendar = this.calendar.current;
    // The days off of these years go to the database; a lead time outside them is counted again with its years.
    const thisYear = Number(asOf.slice(0, 4));
    let years = { from: thisYear - LEAD_TIME_YEARS_BACK, to: thisYear + 1 };
    for (;;) {
      const daysOff = weekdayDaysOff(years.from, years.to, calendar);
      // Each part on a connection of its own, side by side. The tally per administration reads every project, so
      // it goes in two halves of the administrations (every other one), one per core, each from its own range of
      // IDX_project_portfolio: its groups are administrations, so the halves' rows are the whole's.
      const halves = [0, 1].map((half) => administrations.filter((_, i) => i % 2 === half).map((a) => a.id));
      const [firstHalf, secondHalf, byArea, adopted] = await Promise.all([
        this.countsByState('administration', asOf, halves[0], daysOff),
        this.countsByState('administration', asOf, halves[1], daysOff),
        this.countsByState('area', asOf, areaIds, daysOff),
        this.adoptedAmounts(areaIds),
      ]);
      const byState = [...firstHalf, ...secondHalf, ...byArea];
      const days = byState.filter((r) => r.first_day !== null);
      const first = Math.min(...days.map((r) => r.first_day!));
      const last = Math.max(...days.map((r) => r.last_day!));
      const span = { from: yearOf(first), to: yearOf(last) };
      if (days.length && (span.from < years.from || span.to > years.to)) {
        years = { from: Math.min(years.from, span.from), to: Math.max(years.to, span.to) };
        continue;
      }
      return this.assemble(asOf, administrations, areas, byState, adopted, { total, limit, offset });
    }
  }

  /**
   * Projects per group, state and lead time (null unless decided), with the overdue ones and the days spanned:
   * per administration (of `groupIds`) from IDX_project_portfolio (which carries the columns it reads), per area
   * (of `groupIds`, the page's) from the projects the areas' GIN index finds.
   */
  private countsByState(kind: GroupKind, asOf: string, groupIds: string[], daysOff: number[]) {
    if (!groupIds.length) return Promise.resolve([]);
    const owed = `p.state_value = ANY($1::text[]) AND p.evaluation_deadline < $2::date`;
    const decided = `p.state_value = ANY($3::text[]) AND p.decided_at IS NOT NULL`;
    // The day numbers once per project (OFFSET 0 keeps the planner from writing them out in every use).
    const projects = (groupId: string, from: string, where = '') =>
      `SELECT ${groupId} AS group_id, p.state_value, (${owed}) AS owed,
              CASE WHEN ${decided} THEN p.period_end - DATE '1970-01-01' END AS s,
              CASE WHEN ${decided} THEN (p.decided_at AT TIME ZONE $4)::date - DATE '1970-01-01' END AS e
         FROM ${from} ${where} OFFSET 0`;
    const from =
      kind === 'administration'
        ? projects('p.owning_administration_id', 'project p', `WHERE p.owning_administration_id = ANY($6::uuid[])`)
        : projects(
            'x.area_id',
            `project p CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.area_ids) AS area_id) x`,
            `WHERE p.area_ids && $6::uuid[] AND x.area_id = ANY($6::uuid[])`,
          );
    const parameters: unknown[] = [EVALUATION_OWED_STATES, asOf, DECIDED, timeZone(), daysOff, groupIds];
    return this.dataSource.query(
      `SELECT '${kind}' AS kind, d.group_id, d.state_value, ${workingDaysSql('d.s', 'd.e', '$5::int[]')} AS days,
              count(*)::int AS n, (count(*) FILTER (WHERE d.owed))::int AS overdue,
              min(least(d.s, d.e)) AS first_day, max(greatest(d.s, d.e)) AS last_day
         FROM (${from}) d
        GROUP BY 2, 3, 4`,
      parameters,
    ) as Promise<
      {
        kind: GroupKind;
        group_id: string;
        state_value: ProjectState;
        days: number | null;
        n: number;
        overdue: number;
        first_day: number | null;
        last_day: number | null;
      }[]
    >;
  }

  /** The yearly amounts adopted per group and first budget year: by the budget line's administration, by area. */
  private adoptedAmounts(areaIds: string[]) {
    return this.dataSource.query(
      `SELECT 'administration' AS kind, a.administration_id AS group_id, a.first_budget_year,
              sum(a.yearly_amount_dkk)::text AS amount, count(*)::int AS n
         FROM project_adoption a GROUP BY a.administration_id, a.first_budget_year
       UNION ALL
       SELECT 'area', x.area_id, a.first_budget_year, sum(a.yearly_amount_dkk)::text, count(*)::int
         FROM project_adoption a JOIN project p ON p.id = a.project_id
        CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.area_ids) AS area_id) x
        WHERE p.area_ids && $1::uuid[] AND x.area_id = ANY($1::uuid[])
        GROUP BY x.area_id, a.first_budget_year`,
      [areaIds],
    ) as Promise<{ kind: GroupKind; group_id: string; first_budget_year: number; amount: string; n: number }[]>;
  }

  private assemble(
    asOf: string,
    administrations: Named[],
    areas: Named[],
    byState: Awaited<ReturnType<ProjectPortfolioService['countsByState']>>,
    adopted: Awaited<ReturnType<ProjectPortfolioService['adoptedAmounts']>>,
    page: { total: number; limit: number | null; offset: number },
  ): PortfolioDto {
    interface Tally {
      countsByState: Record<ProjectState, number>;
      projects: number;
      overdue: number;
      adopted: AdoptedAmountDto[];
      leadTimes: [days: number, decisions: number][];
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
      if (r.days !== null) t.leadTimes.push([r.days, r.n]);
    }
    for (const r of adopted) {
      tally(r.kind, r.group_id).adopted.push({
        budgetYear: r.first_budget_year,
        yearlyAmountDkk: round2(Number(r.amount)),
        projects: r.n,
      });
    }
    const group = (kind: GroupKind, { id, name }: Named): PortfolioGroupDto => {
      const t = tally(kind, id);
      return {
        id,
        name,
        projects: t.projects,
        countsByState: t.countsByState,
        overdueEvaluations: t.overdue,
        adoptedByBudgetYear: t.adopted.sort((a, b) => a.budgetYear - b.budgetYear),
        decisionLeadTime: leadTimeStatsOfCounts(t.leadTimes),
      };
    };
    return {
      asOf,
      byAdministration: administrations.map((a) => group('administration', a)),
      byArea: areas.map((a) => group('area', a)),
      areaTotal: page.total,
      limit: page.limit ?? page.total,
      offset: page.offset,
    };
  }
}

/** Areas per page of the portfolio unless the request says otherwise. */
export const PORTFOLIO_AREA_PAGE = 50;
/** The years before this one whose days off are sent for the lead times (older ones when a decision needs them). */
const LEAD_TIME_YEARS_BACK = 15;

interface Named {
  id: string;
  name: string;
}

const yearOf = (day: number) => new Date(day * 86_400_000).getUTCFullYear();

type GroupKind = 'administration' | 'area';

const round2 = (n: number) => Math.round(n * 100) / 100;
