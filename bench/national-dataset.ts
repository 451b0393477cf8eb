/**
 * The national-scale data set: all of Denmark's deprived areas loaded at
 * once (600 areas, 3,000 plans, 50,000 projects, 5 M plan transitions, 1 M
 * measurements), written with set-based SQL (generate_series) straight into
 * the app's schema, since through the API it would take hours. It is what
 * `npm run bench:scale` measures against, and `npm run dataset:national`
 * loads it into a database of your own.
 *
 * The database must be migrated and seeded with the master data (the
 * seeder's administrations, indicators and demo accounts are used as the
 * actors). Everything is deterministic: the same sizes give the same rows.
 * Machine states are built by the domain's own startPlan/startProject (one
 * per stage or state), so every row reads back through the API.
 */
import {
  PLAN_MACHINE_VERSION,
  PROJECT_MACHINE_VERSION,
  PROJECT_STATES,
  startPlan,
  startProject,
  viewPlanState,
  viewProjectState,
  type PlanStage,
  type ProjectState,
} from '#domain';
import type { DataSource, QueryRunner } from 'typeorm';

export interface NationalSizes {
  areas: number;
  /** Rounds (budget years) per area: plans = areas × rounds. */
  rounds: number;
  projects: number;
  /** Transitions per plan: 5 M over 3,000 plans. */
  transitionsPerPlan: number;
  /** Indicators in all (the seeded ones and generated ones up to this number). */
  indicators: number;
  /** Quarterly periods per area (and the city) and indicator: 601 × 20 × 84 ≈ 1 M measurements. */
  periods: number;
  projectLeaders: number;
}

export const NATIONAL: NationalSizes = {
  areas: 600,
  rounds: 5,
  projects: 50_000,
  transitionsPerPlan: 1_667,
  indicators: 20,
  periods: 84,
  projectLeaders: 200,
};

export interface LoadedCounts {
  areas: number;
  plans: number;
  planTransitions: number;
  projects: number;
  adoptions: number;
  measurements: number;
}

type Step = (what: string, ms: number) => void;

const PLAN_STAGE_MIX: readonly PlanStage[] = [
  'mapping',
  'analysis',
  'planning',
  'implementation',
  'followUp',
  'followUp',
  'closed',
  'closed',
];

/** Mostly finished projects, as in a register that has run for years. */
const PROJECT_STATE_MIX: readonly ProjectState[] = [
  'proposed',
  'approved',
  'rejected',
  'running',
  'running',
  'evaluationDue',
  'evaluationSubmitted',
  'assessed',
  'terminated',
  'terminated',
  'terminated',
  'adoptedIntoOperations',
  'adoptedIntoOperations',
  'adoptedIntoOperations',
];

function planStates(coordinator: string): string[] {
  const { persisted } = startPlan({ coordinatingAdministrationId: coordinator, participatingAdministrationIds: [] });
  return PLAN_STAGE_MIX.map((stage) => {
    const state = {
      ...(persisted as Record<string, unknown>),
      value: stage === 'closed' ? 'closed' : { [stage]: 'drafting' },
    };
    if (viewPlanState(state as unknown as typeof persisted).stage !== stage)
      throw new Error(`No plan state for ${stage}`);
    return JSON.stringify(state);
  });
}

function projectStates(administration: string, leader: string): string[] {
  if (!PROJECT_STATE_MIX.every((s) => PROJECT_STATES.includes(s))) throw new Error('Unknown project state in the mix');
  const { persisted } = startProject({
    owningAdministrationId: administration,
    projectLeaderId: leader,
    proposedBy: leader,
    periodStart: '2018-01-01',
    periodEnd: '2019-12-31',
    evaluationDate: null,
    areaIds: [],
  });
  return PROJECT_STATE_MIX.map((value) => {
    const state = { ...(persisted as Record<string, unknown>), value };
    if (viewProjectState(state as unknown as typeof persisted).state !== value)
      throw new Error(`No project state ${value}`);
    return JSON.stringify(state);
  });
}

/** Loads the data set into a migrated, seeded database; returns the row counts. */
export async function loadNationalDataset(
  ds: DataSource,
  sizes: NationalSizes = NATIONAL,
  step: Step = () => undefined,
): Promise<LoadedCounts> {
  // One session throughout: the generator's numbered lists are temporary tables of that session.
  const q = ds.createQueryRunner();
  await q.connect();
  try {
    return await load(q, sizes, step);
  } finally {
    await q.release();
  }
}

async function load(q: QueryRunner, sizes: NationalSizes, step: Step): Promise<LoadedCounts> {
  const timed = async (what: string, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    await q.query(sql, params);
    step(what, performance.now() - t0);
  };
  const [{ admin_id: adminId, forum_id: forumId }] = (await q.query(
    `SELECT (SELECT id FROM app_user WHERE 'administrator' = ANY(roles) ORDER BY email LIMIT 1) AS admin_id,
            (SELECT id FROM app_user WHERE 'forum_member' = ANY(roles) ORDER BY email LIMIT 1) AS forum_id`,
  )) as { admin_id: string | null; forum_id: string | null }[];
  if (!adminId || !forumId)
    throw new Error('The national data set needs the demo accounts (an administrator, a forum member)');

  await timed(
    'areas',
    `INSERT INTO area (code, name, description)
     SELECT 'nat-' || lpad(i::text, 4, '0'), 'Område ' || lpad(i::text, 4, '0'), 'Generated for the national data set'
       FROM generate_series((SELECT count(*) FROM area) + 1, $1) AS i`,
    [sizes.areas],
  );
  await timed(
    'indicators',
    `INSERT INTO indicator (code, name, kind, unit, sort_order)
     SELECT 'nat-ind-' || lpad(i::text, 2, '0'), 'Indikator ' || i, 'supplementary', '%', 100 + i
       FROM generate_series((SELECT count(*) FROM indicator) + 1, $1) AS i`,
    [sizes.indicators],
  );
  // One member of staff per administration (the actors of the plans' transitions), and the project leaders.
  await timed(
    'users',
    `INSERT INTO app_user (email, display_name, roles, administration_id)
     SELECT 'staff-' || lower(a.code) || '@national.byloeft.dk', 'Medarbejder ' || a.code, '{staff}'::text[], a.id FROM
       administration a
     UNION ALL
     SELECT 'leader-' || i || '@national.byloeft.dk', 'Projektleder ' || i, '{project_leader}'::text[], NULL::uuid
       FROM generate_series(1, $1) AS i`,
    [sizes.projectLeaders],
  );
  // Session tables of the generator: numbered areas, administrations (with their staff) and leaders.
  await q.query(`DROP TABLE IF EXISTS pg_temp.nat_area, pg_temp.nat_admin, pg_temp.nat_leader`);
  await q.query(
    `CREATE TEMP TABLE nat_area AS SELECT (row_number() OVER (ORDER BY code))::int - 1 AS n, id FROM area ORDER BY ` +
      `code`,
  );
  await q.query(
    `CREATE TEMP TABLE nat_admin AS
     SELECT (row_number() OVER (ORDER BY a.code))::int - 1 AS n, a.id, u.id AS staff_id, u.display_name AS staff_name
       FROM administration a JOIN app_user u ON u.email = 'staff-' || lower(a.code) || '@national.byloeft.dk'`,
  );
  await q.query(
    `CREATE TEMP TABLE nat_leader AS
     SELECT (row_number() OVER (ORDER BY email))::int - 1 AS n, id FROM app_user WHERE email LIKE
       'leader-%@national.byloeft.dk'`,
  );
  const [{ areas, admins, leaders }] = (await q.query(
    `SELECT (SELECT count(*) FROM nat_area)::int AS areas, (SELECT count(*) FROM nat_admin)::int AS admins,
            (SELECT count(*) FROM nat_leader)::int AS leaders`,
  )) as { areas: number; admins: number; leaders: number }[];

  // Plans: every area, one per round (budget year), in every stage; about a quarter of the open ones overdue.
  await timed(
    'plans',
    `INSERT INTO plan (area_id, budget_year, title, coordinating_administration_id, state, machine_version, stage,
      status,
                       state_value, stage_entry_seq, stage_due_date, version, created_by, created_at, updated_at)
     SELECT a.id, 2012 + r, 'Udviklingsplan ' || (2012 + r) || ' for område ' || a.n, ad.id,
            ($1::jsonb[])[1 + k % array_length($1::jsonb[], 1)], $2, s.stage,
            CASE WHEN s.stage = 'closed' THEN NULL ELSE 'drafting' END,
            CASE WHEN s.stage = 'closed' THEN 'closed' ELSE s.stage || '.drafting' END,
            1, CASE WHEN s.stage = 'closed' THEN NULL ELSE current_date + ((k * 37) % 400 - 100) END,
            $3 + 1, $4, timestamptz '2012-01-01' + (k || ' hours')::interval, now()
       FROM nat_area a
      CROSS JOIN generate_series(1, $5) AS r
      CROSS JOIN LATERAL (SELECT a.n * $5 + r AS k) kk
       JOIN nat_admin ad ON ad.n = k % $6
      CROSS JOIN LATERAL (SELECT ($7::text[])[1 + k % array_length($7::text[], 1)] AS stage) s`,
    [
      planStates('generated'),
      PLAN_MACHINE_VERSION,
      sizes.transitionsPerPlan,
      adminId,
      sizes.rounds,
      admins,
      PLAN_STAGE_MIX,
    ],
  );

  // The plans' record: submissions, returns and approvals, one after another, by the coordinating staff and the forum.
  // The hash chain's trigger (migration 1765200000001) would take an advisory lock and read the row before for each
  // of the 5 M rows, one at a time (hours); it is off for this one statement, which numbers each plan's chain and
  // gives every row a hash of its own content but links no row to the one before. So the generated record is
  // readable like any other but not sealed: `npm run audit:verify` reports its first link as broken. Turning a
  // trigger off needs the tables' owner (the migration role), which the benchmark's DATABASE_URL is.
  await q.query(`ALTER TABLE plan_transition DISABLE TRIGGER plan_transition_chain`);
  try {
    await timed(
      'plan transitions (not chained)',
      `INSERT INTO plan_transition (plan_id, seq, event, from_state, to_state, actor_id, actor_name, comment, payload,
                                    created_at, chain_seq, prev_hash, row_hash)
       SELECT p.id, s, e.event, e.from_state, e.to_state,
            CASE WHEN e.event = 'SUBMIT' THEN ad.staff_id ELSE $2::uuid END,
            CASE WHEN e.event = 'SUBMIT' THEN ad.staff_name ELSE 'Borgmesterforum' END,
            CASE WHEN e.event = 'RETURN' THEN 'Uddyb analysen af område ' || s ELSE NULL END,
            '{}'::jsonb, p.created_at + (s || ' hours')::interval,
            s, NULL, sha256(convert_to(p.id::text || ':' || s || ':' || e.event, 'UTF8'))
       FROM plan p
       JOIN nat_admin ad ON ad.id = p.coordinating_administration_id
      CROSS JOIN generate_series(1, $1) AS s
      CROSS JOIN LATERAL (
        SELECT CASE s % 3 WHEN 1 THEN 'SUBMIT' WHEN 2 THEN 'RETURN' ELSE 'SUBMIT' END AS event,
               CASE s % 3 WHEN 1 THEN 'mapping.drafting' ELSE 'mapping.submitted' END AS from_state,
               CASE s % 3 WHEN 1 THEN 'mapping.submitted' WHEN 2 THEN 'mapping.drafting' ELSE 'mapping.submitted' END
                 AS to_state
      ) e`,
      [sizes.transitionsPerPlan, forumId],
    );
  } finally {
    await q.query(`ALTER TABLE plan_transition ENABLE TRIGGER plan_transition_chain`);
  }

  // Projects: 1–2 areas each, in every state, periods from 2012 on; the decided ones decided after their end date.
  await timed(
    'projects',
    `INSERT INTO project (title, problem, proposed_solution, owning_administration_id, project_leader_id, proposed_by,
                          funding_source, budget_dkk, period_start, period_end, area_ids, state, machine_version,
                          state_value, evaluation_due_on, evaluation_deadline, decided_at, version, created_at, updated_at)
     SELECT 'Projekt ' || i, 'Problem ' || i, 'Løsning ' || i, ad.id, l.id, ad.staff_id, 'municipal_pool',
            50000 + (i % 97) * 10000, d.period_start, d.period_end,
            CASE WHEN i % 5 = 0 THEN ARRAY[a1.id, a2.id] ELSE ARRAY[a1.id] END,
            ($1::jsonb[])[1 + i % array_length($1::jsonb[], 1)], $2, st.state,
            d.period_end, d.period_end + 28,
            CASE WHEN st.state IN ('terminated', 'adoptedIntoOperations')
                 THEN (d.period_end + 20 + (i * 13) % 180)::timestamp AT TIME ZONE 'Europe/Copenhagen' + interval '10 hours' END,
            3, d.period_start::timestamptz, now()
       FROM generate_series(0, $3 - 1) AS i
      CROSS JOIN LATERAL (SELECT ($4::text[])[1 + i % array_length($4::text[], 1)] AS state) st
      CROSS JOIN LATERAL (
        SELECT date '2012-01-01' + (i * 7919) % 4400 AS period_start,
               date '2012-01-01' + (i * 7919) % 4400 + 180 + (i % 11) * 60 AS period_end
      ) d
       JOIN nat_admin ad ON ad.n = i % $5
       JOIN nat_leader l ON l.n = i % $6
       JOIN nat_area a1 ON a1.n = (i * 31) % $7
       JOIN nat_area a2 ON a2.n = (i * 31 + 17) % $7`,
    [
      projectStates('generated', 'generated'),
      PROJECT_MACHINE_VERSION,
      sizes.projects,
      PROJECT_STATE_MIX,
      admins,
      leaders,
      areas,
    ],
  );
  await timed(
    'adoptions',
    `INSERT INTO project_adoption (project_id, administration_id, yearly_amount_dkk, first_budget_year, decided_by,
                                   decision_seq, decided_at)
     SELECT p.id, p.owning_administration_id, 100000 + (abs(hashtext(p.id::text)) % 400) * 2500,
            least(2100, extract(year FROM p.decided_at)::int + 1), $1, 3, p.decided_at
       FROM project p WHERE p.state_value = 'adoptedIntoOperations'`,
    [forumId],
  );

  // Measurements: every area and the city × every indicator × quarterly periods from 2005, as one import.
  await timed(
    'measurements',
    `WITH made AS (
       INSERT INTO indicator_import (file_name, format, checksum, size_bytes, status, rows_total, rows_done, created_by,
                                     finished_at)
       VALUES ('generated.csv', 'csv', 'generated:' || gen_random_uuid(), 0, 'succeeded', 0, 0, $1, now())
       RETURNING id
     )
     INSERT INTO measurement (indicator_id, area_id, period, value, source, loaded_by, import_id)
     SELECT ind.id, a.id, (2005 + q / 4) || '-Q' || (q % 4 + 1),
            round((20 + (abs(hashtext(coalesce(a.id::text, 'city') || ind.id::text)) % 6000) / 100.0
                   + q * 0.05)::numeric, 2),
            'Generated', $1, made.id
       FROM (SELECT id FROM nat_area UNION ALL SELECT NULL) a
      CROSS JOIN indicator ind
      CROSS JOIN generate_series(0, $2 - 1) AS q
      CROSS JOIN made`,
    [adminId, sizes.periods],
  );
  // As autovacuum would soon after such a load: statistics, and the visibility map index-only scans read.
  await timed('vacuum, analyze', `VACUUM (ANALYZE)`);

  const [counts] = (await q.query(
    `SELECT (SELECT count(*) FROM area)::int AS areas, (SELECT count(*) FROM plan)::int AS plans,
            (SELECT count(*) FROM plan_transition)::int AS "planTransitions",
            (SELECT count(*) FROM project)::int AS projects, (SELECT count(*) FROM project_adoption)::int AS adoptions,
            (SELECT count(*) FROM measurement)::int AS measurements`,
  )) as LoadedCounts[];
  return counts;
}
