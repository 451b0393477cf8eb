import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dayNumber, weekdayDaysOff, workingDaysBetween, type WorkingCalendar } from '#domain';
import type { AuthUser } from '../../src/auth/auth-user.js';
import { workingDaysSql } from '../../src/deadlines/working-days-sql.js';
import { DEFAULT_INDICATOR_SETTINGS } from '../../src/indicators/indicator-settings.js';
import { IndicatorDataService } from '../../src/indicators/indicator-data.service.js';
import { PlansService } from '../../src/plans/plans.service.js';
import type { WorkingCalendarService } from '../../src/deadlines/working-calendar.service.js';
import { dataSourceOptions } from '../../src/platform/database/data-source-options.js';
import { today } from '../../src/platform/common/local-day.js';
import { ProjectPortfolioService } from '../../src/projects/project-portfolio.service.js';
import { ProjectsService } from '../../src/projects/projects.service.js';
import { loadNationalDataset } from '../../bench/national-dataset.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { PreScaleIndicatorData, PreScalePortfolio, preScalePlanHistory } from '../support/pre-scale-queries.js';

/**
 * Issue 16 made the lists, overviews and reports fast (aggregated in SQL,
 * lead times in constant time, index-shaped queries, pages). On a small
 * national-style data set of its own database, each answers exactly what
 * the code before it did: every page put together is the old whole list.
 */
describe('The fast list, overview and report queries answer as the old ones did', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const calendar = { current: { country: 'DK' } } as WorkingCalendarService;
  const actor: AuthUser = { id: '', email: '', displayName: '', roles: ['observer'], administrationId: null };

  beforeAll(async () => {
    db = await createTestDatabase('byloeft_scale');
    ds = new DataSource(dataSourceOptions(db.url, { logging: ['error'] }));
    await ds.initialize();
    await loadNationalDataset(ds, {
      areas: 14,
      rounds: 2,
      projects: 420,
      transitionsPerPlan: 23,
      indicators: 11,
      periods: 9,
      projectLeaders: 4,
    });
    // Edge cases the generator does not make: a project listing one area twice, two adoptions in one year.
    await ds.query(`UPDATE project SET area_ids = area_ids || area_ids[1:1] WHERE title = 'Projekt 7'`);
    // One administration's decisions with end dates many years back: their lead times need days off older than the
    // portfolio sends first.
    await ds.query(
      `UPDATE project SET period_start = '2008-01-02', period_end = '2009-06-30'
        WHERE decided_at IS NOT NULL AND owning_administration_id = (
          SELECT owning_administration_id FROM project WHERE decided_at IS NOT NULL
           GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)`,
    );
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it(
    'gives the same portfolio: counts by state, overdue, adopted amounts and lead times per administration and ' +
      'area',
    async () => {
      const service = new ProjectPortfolioService(ds, calendar);
      const old = await new PreScalePortfolio(ds).portfolio();
      const first = await service.portfolio({ limit: 4 });
      expect(first).toMatchObject({ areaTotal: 14, limit: 4, offset: 0 });
      const byArea = [...first.byArea];
      for (let offset = 4; offset < first.areaTotal; offset += 4) {
        const page = await service.portfolio({ limit: 4, offset });
        expect(page.byAdministration).toEqual(first.byAdministration);
        byArea.push(...page.byArea);
      }
      expect(byArea.length).toBe(14);
      expect(byArea.some((g) => g.decisionLeadTime.decisions > 0 && g.adoptedByBudgetYear.length > 1)).toBe(true);
      const medians = first.byAdministration.map((g) => g.decisionLeadTime.medianWorkingDays ?? 0);
      expect(Math.max(...medians)).toBeGreaterThan(2_000); // the others decide within a few years
      expect({ asOf: first.asOf, byAdministration: first.byAdministration, byArea }).toEqual(old);
      // The export's whole list is the same.
      const all = await service.portfolio({}, true);
      expect({ asOf: all.asOf, byAdministration: all.byAdministration, byArea: all.byArea }).toEqual(old);
      expect(all).toMatchObject({ areaTotal: 14, limit: 14, offset: 0 });
    },
  );

  it("counts working days in SQL as the domain does, with the municipality's days off, both ways", async () => {
    const copenhagen: WorkingCalendar = {
      country: 'DK',
      nonWorkingDays: { dates: ['2026-05-15'], yearly: ['12-24', '06-05'] },
    };
    let seed = 17;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const date = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
    const pairs = Array.from({ length: 400 }, () => {
      const s = dayNumber('2019-01-01') + (next() % 3_000);
      return [s, s + (next() % 1_300) - 300] as const;
    });
    const rows = (await ds.query(
      `SELECT ${workingDaysSql('p.s', 'p.e', '$3::int[]')} AS days
         FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS p(s, e, i) ORDER BY p.i`,
      [pairs.map(([s]) => s), pairs.map(([, e]) => e), weekdayDaysOff(2018, 2031, copenhagen)],
    )) as { days: number }[];
    expect(rows.map((r, i) => [date(pairs[i][0]), date(pairs[i][1]), r.days])).toEqual(
      pairs.map(([s, e]) => [date(s), date(e), workingDaysBetween(date(s), date(e), copenhagen)]),
    );
  });

  it('gives the same adoption ledger: the same totals, and the pages together are the old lines', async () => {
    const service = new ProjectPortfolioService(ds, calendar);
    const old = await new PreScalePortfolio(ds).adoptions({});
    expect(old.lines.length).toBeGreaterThan(30);
    const first = await service.adoptions({ limit: 13 });
    expect(first.totals).toEqual(old.totals);
    expect(first.total).toBe(old.lines.length);
    const lines = [...first.lines];
    for (let offset = 13; offset < first.total; offset += 13)
      lines.push(...(await service.adoptions({ limit: 13, offset })).lines);
    expect(lines).toEqual(old.lines);

    const [{ id: administrationId }] = (await ds.query(
      `SELECT administration_id AS id FROM project_adoption GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    )) as { id: string }[];
    const year = old.totals.find((t) => t.administrationId === administrationId)!.budgetYear;
    const filtered = await service.adoptions({ administrationId, budgetYear: year, limit: 1000 });
    const oldFiltered = await new PreScalePortfolio(ds).adoptions({ administrationId, budgetYear: year });
    expect({ totals: filtered.totals, lines: filtered.lines }).toEqual(oldFiltered);
    expect(filtered.total).toBe(oldFiltered.lines.length);
  });

  it('gives the same overview of every area, a page of areas at a time, also for one period', async () => {
    const data = new IndicatorDataService(ds, DEFAULT_INDICATOR_SETTINGS);
    const old = new PreScaleIndicatorData(ds, DEFAULT_INDICATOR_SETTINGS);
    for (const period of [undefined, '2006-Q2']) {
      const before = await old.overview({ period });
      const areas = [];
      let total = 0;
      for (let offset = 0; offset === 0 || offset < total; offset += 4) {
        const page = await data.overview({ period, limit: 4, offset });
        total = page.total;
        areas.push(...page.areas);
      }
      expect(total).toBe(14);
      expect(areas).toEqual(before.areas);
    }
    const [{ id }] = (await ds.query(`SELECT id FROM area ORDER BY code OFFSET 5 LIMIT 1`)) as { id: string }[];
    expect((await data.overview({ areaId: id })).areas).toEqual((await old.overview({ areaId: id })).areas);
  });

  it('gives the same identification, ranked, a page at a time', async () => {
    const data = new IndicatorDataService(ds, DEFAULT_INDICATOR_SETTINGS);
    const old = await new PreScaleIndicatorData(ds, DEFAULT_INDICATOR_SETTINGS).identification();
    const first = await data.identification(undefined, { limit: 5 });
    const rest = await data.identification(undefined, { limit: 50, offset: 5 });
    const { areas, total, deprivedCount, limit, offset, ...figures } = first;
    expect({ ...figures, areas: [...areas, ...rest.areas] }).toEqual(old);
    expect([total, limit, offset]).toEqual([14, 5, 0]);
    expect(deprivedCount).toBe((old.areas as { deprived: boolean }[]).filter((a) => a.deprived).length);
  });

  it("gives a plan's whole record in pages, oldest or newest first", async () => {
    const plans = new PlansService(ds, null as never);
    const [{ id }] = (await ds.query(`SELECT id FROM plan ORDER BY area_id LIMIT 1`)) as { id: string }[];
    const old = await preScalePlanHistory(ds, id);
    const asc = [];
    const desc = [];
    for (let offset = 0; offset < old.length; offset += 10) {
      const page = await plans.history(id, { limit: 10, offset });
      expect(page.total).toBe(23);
      asc.push(...page.items.map((t) => t.seq));
      desc.push(...(await plans.history(id, { limit: 10, offset, order: 'desc' })).items.map((t) => t.seq));
    }
    expect(asc).toEqual(old.map((t) => t.seq));
    expect(desc).toEqual(old.map((t) => t.seq).reverse());
  });

  it('lists the same projects in the same order (overdue first, then by deadline), by area and in pages', async () => {
    const projects = new ProjectsService(ds);
    const [{ id: areaId }] = (await ds.query(`SELECT id FROM area ORDER BY code OFFSET 7 LIMIT 1`)) as { id: string }[];
    for (const query of [{}, { areaId }, { overdue: 'true' as const }, { overdue: 'false' as const, areaId }]) {
      const ids = [];
      let total = 0;
      for (let offset = 0; offset === 0 || offset < total; offset += 17) {
        const page = await projects.list(actor, { ...query, limit: 17, offset });
        total = page.total;
        ids.push(...page.items.map((p) => p.id));
      }
      // The old query's order, with the id as the tie-break it lacked (its ties came in any order).
      const old = (await ds.query(
        `SELECT id FROM project p
          WHERE ($1::uuid IS NULL OR $1::uuid = ANY(p.area_ids))
            AND ($2::text IS NULL OR ($2 = 'true') = (p.state_value IN ('running', 'evaluationDue') AND
              p.evaluation_deadline < $3::date))
          ORDER BY CASE WHEN p.state_value IN ('running', 'evaluationDue') AND p.evaluation_deadline < $3::date THEN 0
            ELSE 1 END,
                   p.evaluation_deadline, p.created_at, p.id`,
        [query.areaId ?? null, query.overdue ?? null, today()],
      )) as { id: string }[];
      expect(total).toBe(old.length);
      expect(ids).toEqual(old.map((r) => r.id));
    }
  });
});
