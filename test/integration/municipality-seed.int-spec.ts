import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/data-source-options.js';
import type { MunicipalitySeed } from '../../src/seed/municipality-seed.js';
import { seedMasterData } from '../../src/seed/seeder.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A small municipality of its own: nothing of Copenhagen's, its own goals measured from its own sources. */
const AARHUS: MunicipalitySeed = {
  municipality: { name: 'Aarhus Kommune', vision: 'En by for alle', targetYear: 2030 },
  administrations: [
    { code: 'MSB', name: 'Sociale Forhold og Beskæftigelse' },
    { code: 'TM', name: 'Teknik og Miljø' },
  ],
  networkStarter: 'TM',
  areas: [{ code: 'gellerup', name: 'Gellerup/Toveshøj', localCommittees: ['Hasle Lokalråd'] }],
  indicators: [
    {
      code: 'listed-aarhus',
      name: 'Boligområder på listen',
      kind: 'goal',
      unit: 'antal',
      shownAsIndex: false,
      direction: 'lower_is_better',
      source: 'Social- og Boligministeriets lister',
      countsHousingLists: ['parallel_society'],
    },
    {
      code: 'employment-aarhus',
      name: 'Beskæftigelsesfrekvens',
      kind: 'goal',
      unit: '%',
      shownAsIndex: false,
      direction: 'higher_is_better',
      source: 'Aarhus Kommunes statistik',
    },
  ],
  goals: [
    { code: 'aarhus-overall', level: 'overall', title: 'Blandede byområder' },
    {
      code: 'aarhus-list-gone',
      level: 'concrete',
      parent: 'aarhus-overall',
      title: 'Ingen boligområder på parallelsamfundslisten',
      dataSource: 'Social- og Boligministeriets lister',
      indicator: 'listed-aarhus',
      direction: 'lower_is_better',
      targetKind: 'relative',
      targetValue: -100,
    },
    {
      code: 'aarhus-employment',
      level: 'concrete',
      parent: 'aarhus-overall',
      title: 'Beskæftigelse på byens niveau',
      dataSource: 'Aarhus Kommunes statistik',
      indicator: 'employment-aarhus',
      targetKind: 'city_level',
    },
  ],
};

/**
 * Issue 17: "another municipality's seed brings its own": its indicators (with unit, direction, source and the
 * lists one counts), its goals tied to them with their target kinds, and nothing of the default seed's.
 */
describe("Another municipality's seed", () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('byloeft_aarhus', { prepare: false });
    ds = new DataSource(dataSourceOptions(db.url, { logging: ['error'] }));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await seedMasterData(ds, AARHUS);
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('brings its own indicators, goals measured by them, target kinds and counted lists', async () => {
    expect(await ds.query(`SELECT code, unit, direction, source FROM indicator ORDER BY code`)).toEqual([
      { code: 'employment-aarhus', unit: '%', direction: 'higher_is_better', source: 'Aarhus Kommunes statistik' },
      {
        code: 'listed-aarhus',
        unit: 'antal',
        direction: 'lower_is_better',
        source: 'Social- og Boligministeriets lister',
      },
    ]);
    const goals = (await ds.query(
      `SELECT g.code, i.code AS indicator, g.target_year, g.target_value::float AS target_value, b.target_kind
         FROM goal g LEFT JOIN indicator i ON i.id = g.indicator_id LEFT JOIN goal_baseline b ON b.goal_id = g.id
        WHERE g.level = 'concrete' ORDER BY g.code`,
    )) as Record<string, unknown>[];
    expect(goals).toEqual([
      {
        code: 'aarhus-employment',
        indicator: 'employment-aarhus',
        target_year: 2030,
        target_value: null,
        target_kind: 'city_level',
      },
      {
        code: 'aarhus-list-gone',
        indicator: 'listed-aarhus',
        target_year: 2030,
        target_value: -100,
        target_kind: 'relative',
      },
    ]);
    expect(
      await ds.query(
        `SELECT i.code, h.lists FROM housing_list_indicator h JOIN indicator i ON i.id = h.indicator_id ORDER BY 1`,
      ),
    ).toEqual([{ code: 'listed-aarhus', lists: ['parallel_society'] }]);
    const [{ n }] = (await ds.query(
      `SELECT count(*)::int AS n FROM indicator WHERE code IN ('listed-housing-areas', 'youth-education')`,
    )) as { n: number }[];
    expect(n).toBe(0);
  });

  it('changes nothing when seeded again', async () => {
    const snapshot = () =>
      ds.query(
        `SELECT (SELECT json_agg(i ORDER BY code) FROM indicator i) AS i,
                (SELECT json_agg(g ORDER BY code) FROM goal g) AS g`,
      );
    const before = await snapshot();
    await seedMasterData(ds, AARHUS);
    expect(await snapshot()).toEqual(before);
  });
});
