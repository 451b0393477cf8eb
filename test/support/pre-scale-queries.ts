/**
 * The list, overview and report queries as they were before issue 16 made
 * them fast (copied from the code of that day, lead times counted day by
 * day), kept to show that the new ones answer the same on a small data set.
 * Test support only.
 */
import type { DataSource } from 'typeorm';
import {
  PROJECT_STATES,
  identifyDeprivedAreas,
  indexAgainstCity,
  isWorkingDay,
  leadTimeStats,
  type ProjectState,
} from '#domain';
import { timeZone, today } from '../../src/platform/common/local-day.js';
import { isOverdue } from '../../src/projects/project-view.js';
import type {
  AdoptedAmountDto,
  AdoptionLineDto,
  AdoptionTotalDto,
  PortfolioGroupDto,
} from '../../src/projects/portfolio.dto.js';
import type { AreaOverviewDto } from '../../src/indicators/indicators.dto.js';

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

const DECIDED: readonly ProjectState[] = ['terminated', 'adoptedIntoOperations'];

/** The day-by-day count the portfolio used. */
function decisionLeadTime(from: string, to: string, country: string): number {
  const step = 24 * 60 * 60 * 1000;
  const [a, b] = [Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`)];
  if (b < a) return -decisionLeadTime(to, from, country);
  let n = 0;
  for (let t = a + step; t <= b; t += step) if (isWorkingDay(new Date(t).toISOString().slice(0, 10), country)) n++;
  return n;
}

export class PreScalePortfolio {
  private readonly config: { env: { HOLIDAY_COUNTRY: string } };
  constructor(
    private readonly dataSource: DataSource,
    country = 'DK',
  ) {
    this.config = { env: { HOLIDAY_COUNTRY: country } };
  }

  async adoptions(query: {
    administrationId?: string;
    budgetYear?: number;
  }): Promise<{ totals: AdoptionTotalDto[]; lines: AdoptionLineDto[] }> {
    const rows = (await this.dataSource.query(
      `SELECT a.project_id, p.title, a.administration_id, ad.name AS administration_name, a.yearly_amount_dkk,
        a.first_budget_year,
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
  async portfolio(): Promise<{ asOf: string; byAdministration: PortfolioGroupDto[]; byArea: PortfolioGroupDto[] }> {
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

interface IndicatorRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  unit: string;
  direction: 'higher_is_better' | 'lower_is_better';
}

export class PreScaleIndicatorData {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: { identificationThreshold: number },
  ) {}

  async indicators(where: { kind?: string } = {}): Promise<IndicatorRow[]> {
    return (await this.dataSource.query(
      `SELECT "id", "code", "name", "kind", "unit", "direction" FROM "indicator" WHERE ($1::text IS NULL OR "kind" =
        $1) ORDER BY "sort_order", "code"`,
      [where.kind ?? null],
    )) as IndicatorRow[];
  }

  async area(_id: string): Promise<void> {}

  async overview(
    options: { areaId?: string; period?: string } = {},
  ): Promise<{ period: string | null; areas: AreaOverviewDto[] }> {
    const areaId = options.areaId ?? null;
    const period = options.period ?? null;
    if (areaId) await this.area(areaId);
    const [areas, indicators, cells] = await Promise.all([
      this.dataSource.query(`SELECT "id", "name" FROM "area" WHERE ($1::uuid IS NULL OR "id" = $1) ORDER BY "name"`, [
        areaId,
      ]) as Promise<{ id: string; name: string }[]>,
      this.indicators(),
      this.dataSource.query(
        `WITH latest AS (
           SELECT DISTINCT ON (m."area_id", m."indicator_id") m."area_id", m."indicator_id", m."period", m."value"
             FROM "measurement" m
            WHERE m."area_id" IS NOT NULL AND ($1::uuid IS NULL OR m."area_id" = $1) AND ($2::text IS NULL OR
              m."period" = $2)
            ORDER BY m."area_id", m."indicator_id", m."period" DESC
         )
         SELECT l."area_id", l."indicator_id", l."period", l."value", c."value" AS "city_value"
           FROM latest l
           LEFT JOIN "measurement" c ON c."indicator_id" = l."indicator_id" AND c."area_id" IS NULL AND c."period" =
             l."period"`,
        [areaId, period],
      ) as Promise<
        { area_id: string; indicator_id: string; period: string; value: string; city_value: string | null }[]
      >,
    ]);
    const byKey = new Map(cells.map((c) => [`${c.area_id}|${c.indicator_id}`, c]));
    return {
      period,
      areas: areas.map((a): AreaOverviewDto => ({
        areaId: a.id,
        areaName: a.name,
        indicators: indicators.map((i) => {
          const c = byKey.get(`${a.id}|${i.id}`);
          const value = c ? Number(c.value) : null;
          const cityValue = c?.city_value === null || c?.city_value === undefined ? null : Number(c.city_value);
          return {
            indicatorId: i.id,
            code: i.code,
            name: i.name,
            kind: i.kind,
            unit: i.unit,
            period: c?.period ?? null,
            value,
            cityValue,
            index: value === null ? null : indexAgainstCity(value, cityValue),
          };
        }),
      })),
    };
  }
  async identification(requestedPeriod?: string): Promise<Record<string, unknown> & { areas: unknown[] }> {
    const indicators = await this.indicators({ kind: 'socioeconomic' });
    const ids = indicators.map((i) => i.id);
    let period = requestedPeriod ?? null;
    if (!period && ids.length) {
      const [row] = (await this.dataSource.query(
        `SELECT "period" FROM "measurement" WHERE "area_id" IS NULL AND "indicator_id" = ANY($1::uuid[])
          GROUP BY "period" HAVING count(DISTINCT "indicator_id") = $2 ORDER BY "period" DESC LIMIT 1`,
        [ids, ids.length],
      )) as { period: string }[];
      period = row?.period ?? null;
    }
    const [areas, rows] = await Promise.all([
      this.dataSource.query(`SELECT "id", "name" FROM "area" ORDER BY "name"`) as Promise<
        { id: string; name: string }[]
      >,
      period
        ? (this.dataSource.query(
            `SELECT "area_id", "indicator_id", "value" FROM "measurement" WHERE "period" = $1 AND "indicator_id" =
              ANY($2::uuid[])`,
            [period, ids],
          ) as Promise<{ area_id: string | null; indicator_id: string; value: string }[]>)
        : Promise.resolve([]),
    ]);
    const valuesOf = (areaId: string | null) =>
      Object.fromEntries(rows.filter((r) => r.area_id === areaId).map((r) => [r.indicator_id, Number(r.value)]));
    const result = identifyDeprivedAreas({
      indicators,
      city: valuesOf(null),
      areas: areas.map((a) => ({ id: a.id, name: a.name, values: valuesOf(a.id) })),
      threshold: this.settings.identificationThreshold,
    });
    if (!period) result.notes.push('Ingen periode har byens værdi for alle de socioøkonomiske indikatorer endnu.');
    return { period, ...result };
  }
}

/** The plan's whole record, as one list. */
export async function preScalePlanHistory(ds: DataSource, planId: string): Promise<{ seq: number }[]> {
  return (await ds.query(`SELECT seq FROM plan_transition WHERE plan_id = $1 ORDER BY seq`, [planId])) as {
    seq: number;
  }[];
}
