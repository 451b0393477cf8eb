/**
 * The plan's content as SQL fragments, defined once: the completeness facts
 * (read in one query) and the gate snapshot (written in one statement) read
 * the items the same way, in the order the content lists them.
 */

/** The plan's items as a jsonb array of { id, section, administrationId, data }. `plan`: the plan id's SQL. */
export const itemsJson = (plan: string) =>
  `COALESCE((SELECT jsonb_agg(jsonb_build_object('id', i."id", 'section', i."section",
     'administrationId', i."administration_id", 'data', i."data") ORDER BY i."section", i."created_at")
     FROM "plan_item" i WHERE i."plan_id" = ${plan}), '[]'::jsonb)`;

/** Every condition of the plan as a jsonb array of { id, text, status }, oldest first. */
export const conditionsJson = (plan: string) =>
  `COALESCE((SELECT jsonb_agg(jsonb_build_object('id', c."id", 'text', c."text", 'status', c."status")
     ORDER BY c."created_at") FROM "plan_condition" c WHERE c."plan_id" = ${plan}), '[]'::jsonb)`;

/** The completeness facts' raw material: $1 the plan, $2 its participating administrations. */
export const PLAN_FACTS_SQL = `SELECT ${itemsJson('$1')} AS "items",
  COALESCE((SELECT jsonb_agg(jsonb_build_object('id', a."id", 'name', a."name"))
     FROM "administration" a WHERE a."id" = ANY($2::uuid[])), '[]'::jsonb) AS "administrations",
  COALESCE((SELECT jsonb_agg(c."text" ORDER BY c."created_at")
     FROM "plan_condition" c WHERE c."plan_id" = $1 AND c."status" = 'open'), '[]'::jsonb) AS "openConditions",
  COALESCE((SELECT jsonb_object_agg(x."id", x."name") FROM "indicator" x
     WHERE x."id"::text IN (SELECT i."data"->>'indicatorId' FROM "plan_item" i
                             WHERE i."plan_id" = $1 AND i."section" = 'indicator')), '{}'::jsonb) AS "indicatorNames",
  COALESCE((SELECT m."require_intervention_mix" FROM "municipality" m WHERE m."id" = 1), false)
    AS "requireInterventionMix",
  COALESCE((SELECT jsonb_object_agg(g."id", jsonb_build_object('targetKind', b."target_kind",
                                    'targetValue', g."target_value"::float8))
     FROM "goal" g LEFT JOIN "goal_baseline" b ON b."goal_id" = g."id"
     WHERE g."id"::text IN (SELECT i."data"->>'cityGoalId' FROM "plan_item" i
                             WHERE i."plan_id" = $1 AND i."section" = 'goal')), '{}'::jsonb) AS "cityGoals"`;

/** The gate snapshot: $1 plan, $2 seq, $3 stage, $4 decision, $5 the plan's head as it was (jsonb). */
export const GATE_SNAPSHOT_SQL = `INSERT INTO "plan_gate_version" ("plan_id", "seq", "stage", "decision", "content")
  SELECT $1, $2, $3, $4, jsonb_build_object('plan', $5::jsonb, 'items', ${itemsJson('$1')},
                                            'conditions', ${conditionsJson('$1')})`;
