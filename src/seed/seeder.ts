import type { DataSource } from 'typeorm';
import type { Role } from '#domain';
import { hashPassword } from '../users/password.js';
import type { MunicipalitySeed } from './municipality-seed.js';

/**
 * Loads a municipality's master data. Idempotent: what exists (by code) is
 * left as it is, so administrators' later edits survive a re-run.
 */
export async function seedMasterData(ds: DataSource, seed: MunicipalitySeed): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query(
      `INSERT INTO municipality (id, name, vision, target_year) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [seed.municipality.name, seed.municipality.vision, seed.municipality.targetYear],
    );
    if (seed.municipality.nonWorkingDays) {
      await m.query(`UPDATE municipality SET non_working_days = $1::jsonb WHERE id = 1 AND non_working_days IS NULL`, [
        JSON.stringify(seed.municipality.nonWorkingDays),
      ]);
    }
    for (const a of seed.administrations) {
      await m.query(`INSERT INTO administration (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`, [
        a.code,
        a.name,
      ]);
    }
    for (const a of seed.areas) {
      await m.query(
        `INSERT INTO area (code, name, description, local_committees, deprived_housing_areas) VALUES ($1, $2, $3,
          $4, $5) ON CONFLICT (code) DO NOTHING`,
        [a.code, a.name, a.description ?? '', a.localCommittees, a.deprivedHousingAreas ?? []],
      );
    }
    // The network starter (the setting networkStarterAdministrationId) is written once, when never set.
    // Every seeded area gets a local network, started by it as its first coordinator. Areas an administrator
    // added are left alone: their network is started on purpose (POST /api/local-networks, or from a plan
    // start), so re-seeding changes nothing there either. Members are users, added on the network's record.
    await m.query(
      `UPDATE municipality SET network_starter_administration_id = (SELECT id FROM administration WHERE code = $1)
        WHERE id = 1 AND network_starter_administration_id IS NULL`,
      [seed.networkStarter],
    );
    const [starter] = (await m.query(
      `SELECT a.id FROM municipality mu JOIN administration a ON a.id = mu.network_starter_administration_id
        WHERE mu.id = 1`,
    )) as { id: string }[];
    if (starter) {
      const started = (await m.query(
        `INSERT INTO local_network (area_id, coordinating_administration_id)
         SELECT id, $1 FROM area WHERE code = ANY($2::text[]) ON CONFLICT (area_id) DO NOTHING RETURNING id`,
        [starter.id, seed.areas.map((a) => a.code)],
      )) as { id: string }[];
      // Each start is the first entry of its network's coordinator history, as a start through the API is.
      for (const network of started) {
        await m.query(
          `INSERT INTO local_network_handover
             (network_id, from_administration_id, to_administration_id, reason, actor_id, actor_name)
           VALUES ($1, NULL, $2, 'Netværket startes', NULL, 'Byløft (opsætning)')`,
          [network.id, starter.id],
        );
      }
    }
    for (const r of seed.budgetRounds ?? []) {
      await m.query(
        `INSERT INTO budget_round (budget_year, area_ids, proposals_due_on)
         SELECT $1, coalesce(array_agg(id ORDER BY array_position($2::text[], code)), '{}'), $3
           FROM area WHERE code = ANY($2::text[])
         ON CONFLICT (budget_year) DO NOTHING`,
        [r.budgetYear, r.areas, r.proposalsDueOn ?? null],
      );
    }
    for (const [i, ind] of seed.indicators.entries()) {
      await m.query(
        `INSERT INTO indicator (code, name, kind, unit, shown_as_index, direction, source, sort_order) VALUES
          ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (code) DO NOTHING`,
        [ind.code, ind.name, ind.kind, ind.unit, ind.shownAsIndex, ind.direction, ind.source, i],
      );
    }
    // Indicators measured from the government's lists of housing areas; an administrator's choice is left as it is.
    for (const ind of seed.indicators.filter((x) => x.countsHousingLists?.length)) {
      await m.query(
        `INSERT INTO housing_list_indicator (indicator_id, lists) SELECT id, $2 FROM indicator WHERE code = $1
         ON CONFLICT (indicator_id) DO NOTHING`,
        [ind.code, ind.countsHousingLists],
      );
    }
    for (const [i, g] of seed.goals.entries()) {
      await m.query(
        `INSERT INTO goal (code, level, parent_id, title, measure, data_source, indicator_id, target_year,
          target_value, direction, sort_order)
         VALUES ($1, $2, (SELECT id FROM goal WHERE code = $3), $4, $5, $6, (SELECT id FROM indicator WHERE code = $7),
           $8, $9, $10, $11)
         ON CONFLICT (code) DO NOTHING`,
        [
          g.code,
          g.level,
          g.parent ?? null,
          g.title,
          g.measure ?? '',
          g.dataSource ?? '',
          g.indicator ?? null,
          g.level === 'concrete' ? seed.municipality.targetYear : null,
          g.targetValue ?? null,
          g.direction ?? 'higher_is_better',
          i,
        ],
      );
      // A goal seeded before it had an indicator (an older seed) gets the seed's measure now: its indicator,
      // target and direction, once; a goal that has an indicator (the seed's, or an administrator's) is left as it is.
      if (g.indicator) {
        await m.query(
          `UPDATE goal SET indicator_id = (SELECT id FROM indicator WHERE code = $2), target_value =
            COALESCE(target_value, $3),
                  direction = $4, version = version + 1
            WHERE code = $1 AND indicator_id IS NULL AND EXISTS (SELECT 1 FROM indicator WHERE code = $2)`,
          [g.code, g.indicator, g.targetValue ?? null, g.direction ?? 'higher_is_better'],
        );
      }
      // What a goal's target is lives beside its baseline; a row that exists (an administrator's) is left as it is.
      if (g.level === 'concrete' && g.targetKind && g.targetKind !== 'absolute') {
        await m.query(
          `INSERT INTO goal_baseline (goal_id, target_kind) SELECT id, $2 FROM goal WHERE code = $1 ON CONFLICT
            (goal_id) DO NOTHING`,
          [g.code, g.targetKind],
        );
      }
    }
  });
}

export const DEMO_PASSWORD = 'byloeft-demo';

export const DEMO_ACCOUNTS: { email: string; displayName: string; roles: Role[]; administration?: string }[] = [
  { email: 'admin@demo.byloeft.dk', displayName: 'Anne Administrator', roles: ['administrator'] },
  { email: 'tmf@demo.byloeft.dk', displayName: 'Torben TMF', roles: ['staff'], administration: 'TMF' },
  { email: 'bif@demo.byloeft.dk', displayName: 'Birgitte BIF', roles: ['staff'], administration: 'BIF' },
  { email: 'forum@demo.byloeft.dk', displayName: 'Frank Forum', roles: ['forum_member'] },
  { email: 'forum2@demo.byloeft.dk', displayName: 'Fatima Forum', roles: ['forum_member'] },
  { email: 'projektleder@demo.byloeft.dk', displayName: 'Pia Projektleder', roles: ['project_leader'] },
  { email: 'observer@demo.byloeft.dk', displayName: 'Ole Observatør', roles: ['observer'] },
];

/** The demo accounts (embedded default and tests only; never on a production start). */
export async function seedDemoAccounts(ds: DataSource): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_ACCOUNTS) {
    await ds.query(
      `INSERT INTO app_user (email, display_name, password_hash, roles, administration_id)
       VALUES ($1, $2, $3, $4, (SELECT id FROM administration WHERE code = $5)) ON CONFLICT (email) DO NOTHING`,
      [u.email, u.displayName, hash, u.roles, u.administration ?? null],
    );
  }
}
