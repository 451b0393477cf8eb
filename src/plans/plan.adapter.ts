import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  PLAN_MACHINE_VERSION,
  planFactsFrom,
  type Effect,
  type PlanContentRead,
  type PlanDeadlinePolicy,
  type PlanFacts,
  type MeetingOnDate,
} from '#domain';
import { today } from '../platform/common/local-day.js';
import { MEETING_CANDIDATES_SQL, type MeetingCandidates } from '../meetings/meeting-candidates.js';
import { notFound } from '../platform/common/app-error.js';
import { RUNTIME_CONFIG, stageWorkingDays, type RuntimeConfig } from '../platform/config/app-config.js';
import { WorkingCalendarService } from '../deadlines/working-calendar.service.js';
import { hydrate } from '../workflow/hydrate.js';
import type { LockedSubject, SubjectTables, WorkflowAdapter } from '../workflow/workflow-store.js';
import { GATE_SNAPSHOT_SQL, PLAN_FACTS_SQL } from './plan-content.queries.js';
import { Plan } from './plan.entity.js';

/** A plan as locked for a change: the entity, and its area's name for the answer. */
export interface LockedPlan extends LockedSubject {
  plan: Plan;
  areaName: string;
  /** Where a decision now could be credited: the meeting holding the open submission, and a meeting held today. */
  meetings: { agenda: MeetingOnDate | null; today: MeetingOnDate | null };
}

/** The plan's half of the one persistence path: its tables, its lock, its facts and its own effects. */
@Injectable()
export class PlanAdapter implements WorkflowAdapter<LockedPlan> {
  readonly tables: SubjectTables = {
    subject: 'plan',
    table: 'plan',
    transitionTable: 'plan_transition',
    subjectColumn: 'plan_id',
    noun: 'The plan',
    answer: `(SELECT count(*)::int FROM "plan_condition" c WHERE c."plan_id" = "s"."id" AND c."status" = 'open')
              AS "open_conditions"`,
  };

  readonly machineVersion = PLAN_MACHINE_VERSION;

  constructor(
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly calendar: WorkingCalendarService,
  ) {}

  get deadlinePolicy(): PlanDeadlinePolicy {
    return { stageWorkingDays: stageWorkingDays(this.config.env), calendar: this.calendar.current };
  }

  async lock(m: EntityManager, id: string): Promise<LockedPlan> {
    const [row] = (await m.query(
      `SELECT p.*, a."name" AS "area_name", ${MEETING_CANDIDATES_SQL('plan', 'p')}
         FROM "plan" p JOIN "area" a ON a."id" = p."area_id"
        WHERE p."id" = $1 FOR UPDATE OF p`,
      [id, today()],
    )) as (Record<string, unknown> & { area_name: string } & MeetingCandidates)[];
    if (!row) throw notFound('Plan', id);
    const { agenda_meeting, today_meeting, ...columns } = row;
    const plan = hydrate(m, Plan, columns);
    return {
      id: plan.id,
      version: plan.version,
      stateValue: plan.stateValue,
      plan,
      areaName: row.area_name,
      meetings: { agenda: agenda_meeting, today: today_meeting },
    };
  }

  /** The completeness facts, in one query. */
  async facts(m: EntityManager, plan: Plan, participatingAdministrationIds: readonly string[]): Promise<PlanFacts> {
    const [read] = (await m.query(PLAN_FACTS_SQL, [plan.id, participatingAdministrationIds])) as PlanContentRead[];
    return planFactsFrom(read);
  }

  runOwn = async (m: EntityManager, { id }: LockedPlan, effect: Effect, seq: number): Promise<void> => {
    switch (effect.kind) {
      case 'gate.snapshot':
        await m.query(GATE_SNAPSHOT_SQL, [id, seq, effect.stage, effect.decision, JSON.stringify(effect.plan)]);
        return;
      case 'conditions.add':
        await m.query(
          `INSERT INTO "plan_condition" ("plan_id", "stage", "text", "imposed_seq")
           SELECT $1, $2, t, $4 FROM unnest($3::text[]) AS t`,
          [id, effect.stage, effect.texts, seq],
        );
        return;
      case 'conditions.close':
        await m.query(
          `UPDATE "plan_condition" SET "status" = 'closed', "closed_by" = $3, "closed_at" = now(), "closing_note" = $4
            WHERE "id" = $1 AND "plan_id" = $2`,
          [effect.conditionId, id, effect.actorId, effect.note],
        );
        return;
      case 'progressReports.stamp':
        // The drafts go to the forum with this submission.
        await m.query(
          `UPDATE plan_item SET data = data || jsonb_build_object('submittedSeq', $2::int), version = version + 1
            WHERE plan_id = $1 AND section = 'progress_report' AND NOT (data ? 'submittedSeq')`,
          [id, seq],
        );
        return;
      case 'progressReports.reopen':
        // A returned or withdrawn follow-up: the reports of that submission are drafts again.
        await m.query(
          `UPDATE plan_item SET data = data - 'submittedSeq', version = version + 1
            WHERE plan_id = $1 AND section = 'progress_report'
              AND (data->>'submittedSeq')::int = (SELECT max(seq) FROM plan_transition WHERE plan_id = $1 AND event =
                'SUBMIT')`,
          [id],
        );
        return;
      default:
        throw new Error(`A plan has no effect ${effect.kind}`);
    }
  };
}
