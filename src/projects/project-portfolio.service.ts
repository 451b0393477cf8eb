import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PROJECT_STATES, decisionLeadTime, leadTimeStats, type ProjectState } from '#domain';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
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
import { isOverdue } from './project-view.js';

interface ProjectRow {
  id: string;
  owning_administration_id: string;
  area_ids: string[];
  state_value: ProjectState;
  evaluation_deadline: string;
  period_end: string;
  decided_on: string | null;
}

interface AdoptionRow {
  project_id: string;
  administration_id: string;
  yearly_amount_dkk: string;
  first_budget_year: number;
}

/** The projects whose decision the lead time measures: the two ways a project ends after its evaluation. */
const DECIDED: readonly ProjectState[] = ['terminated', 'adoptedIntoOperations'];

/** The adoption ledger and the portfolio figures per administration and per area. */
@Injectable()
export class ProjectPortfolioService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  /** Per administration and budget year, the yearly amounts moved into the base budget, and the lines. */
  async adoptions(query: AdoptionLedgerQueryDto): Promise<AdoptionLedgerDto> {
    const rows = (await this.dataSource.query(
      `SELECT a.project_id, p.title, a.administration_id, ad.name AS administration_name, a.yearly_amount_dkk, a.first_budget_year,
              a.decided_by, u.display_name AS decided_by_name, a.decided_at
         FROM project_adoption a
         JOIN project p ON p.id = a.project_id
         JOIN administration ad ON ad.id = a.administration_id
         JOIN app_user u ON u.id = a.decided_by
        WHERE ($1::uuid IS NULL OR a.administration_id = $1::uuid)
        ORDER BY ad.name, a.first_budget_year, a.decided_at, a.project_id`,
      [query.administrationId ?? null],
    )) as {
      project_id: string;
      title: string;
      administration_id: string;
      administration_name: string;
      yearly_amount_dkk: string;
      first_budget_year: number;
      decided_by: string;
      decided_by_name: string;
      decided_at: Date;
    }[];
    const lines: AdoptionLineDto[] = rows.map((r) => ({
      projectId: r.project_id,
      projectTitle: r.title,
      administrationId: r.administration_id,
      administrationName: r.administration_name,
      yearlyAmountDkk: Number(r.yearly_amount_dkk),
      firstBudgetYear: r.first_budget_year,
      decidedBy: r.decided_by,
      decidedByName: r.decided_by_name,
      decidedAt: r.decided_at,
    }));
    const totals = new Map<string, AdoptionTotalDto>();
    for (const line of lines) {
      const key = `${line.administrationId}:${line.firstBudgetYear}`;
      const total = totals.get(key) ?? {
        administrationId: line.administrationId,
        administrationName: line.administrationName,
        budgetYear: line.firstBudgetYear,
        yearlyAmountDkk: 0,
        cumulativeYearlyAmountDkk: 0,
        lines: 0,
      };
      total.yearlyAmountDkk = round2(total.yearlyAmountDkk + line.yearlyAmountDkk);
      total.lines += 1;
      totals.set(key, total);
    }
    for (const total of totals.values()) {
      total.cumulativeYearlyAmountDkk = round2(
        lines
          .filter((l) => l.administrationId === total.administrationId && l.firstBudgetYear <= total.budgetYear)
          .reduce((sum, l) => sum + l.yearlyAmountDkk, 0),
      );
    }
    const year = query.budgetYear;
    return {
      totals: [...totals.values()].filter((t) => year === undefined || t.budgetYear === year),
      lines: lines.filter((l) => year === undefined || l.firstBudgetYear === year),
    };
  }

  /**
   * Per administration and per area: projects by state, overdue evaluations,
   * amounts adopted per first budget year, and the decision lead time
   * (Danish working days from the end date to the termination or adoption).
   */
  async portfolio(): Promise<PortfolioDto> {
    const asOf = today();
    const projects = (await this.dataSource.query(
      `SELECT id, owning_administration_id, area_ids, state_value,
              to_char(evaluation_deadline, 'YYYY-MM-DD') AS evaluation_deadline,
              to_char(period_end, 'YYYY-MM-DD') AS period_end,
              to_char(decided_at AT TIME ZONE $1, 'YYYY-MM-DD') AS decided_on
         FROM project`,
      [timeZone()],
    )) as ProjectRow[];
    const adoptions = (await this.dataSource.query(
      `SELECT project_id, administration_id, yearly_amount_dkk, first_budget_year FROM project_adoption`,
    )) as AdoptionRow[];
    const administrations = (await this.dataSource.query(`SELECT id, name FROM administration ORDER BY name`)) as {
      id: string;
      name: string;
    }[];
    const areas = (await this.dataSource.query(`SELECT id, name FROM area ORDER BY name`)) as {
      id: string;
      name: string;
    }[];
    const projectAreas = new Map(projects.map((p) => [p.id, p.area_ids]));
    const country = this.config.env.HOLIDAY_COUNTRY;

    const group = (id: string, name: string, members: ProjectRow[], adopted: AdoptionRow[]): PortfolioGroupDto => {
      const countsByState = Object.fromEntries(PROJECT_STATES.map((s) => [s, 0])) as Record<ProjectState, number>;
      for (const p of members) countsByState[p.state_value] += 1;
      const leadTimes = members
        .filter((p) => DECIDED.includes(p.state_value) && p.decided_on !== null)
        .map((p) => decisionLeadTime(p.period_end, p.decided_on!, country));
      return {
        id,
        name,
        projects: members.length,
        countsByState,
        overdueEvaluations: members.filter((p) => isOverdue(p.state_value, p.evaluation_deadline, asOf)).length,
        adoptedByBudgetYear: byBudgetYear(adopted),
        decisionLeadTime: leadTimeStats(leadTimes),
      };
    };

    return {
      asOf,
      byAdministration: administrations.map((a) =>
        group(
          a.id,
          a.name,
          projects.filter((p) => p.owning_administration_id === a.id),
          adoptions.filter((l) => l.administration_id === a.id),
        ),
      ),
      byArea: areas.map((a) =>
        group(
          a.id,
          a.name,
          projects.filter((p) => p.area_ids.includes(a.id)),
          adoptions.filter((l) => projectAreas.get(l.project_id)?.includes(a.id)),
        ),
      ),
    };
  }
}

function byBudgetYear(adopted: AdoptionRow[]): AdoptedAmountDto[] {
  const years = new Map<number, AdoptedAmountDto>();
  for (const line of adopted) {
    const entry = years.get(line.first_budget_year) ?? {
      budgetYear: line.first_budget_year,
      yearlyAmountDkk: 0,
      projects: 0,
    };
    entry.yearlyAmountDkk = round2(entry.yearlyAmountDkk + Number(line.yearly_amount_dkk));
    entry.projects += 1;
    years.set(line.first_budget_year, entry);
  }
  return [...years.values()].sort((a, b) => a.budgetYear - b.budgetYear);
}

const round2 = (n: number) => Math.round(n * 100) / 100;
