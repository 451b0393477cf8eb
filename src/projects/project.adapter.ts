import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Effect, MeetingOnDate, ProjectDeadlinePolicy, ProjectFacts } from '#domain';
import { MEETING_CANDIDATES_SQL, type MeetingCandidates } from '../meetings/meeting-candidates.js';
import { today } from '../platform/common/local-day.js';
import { notFound } from '../platform/common/app-error.js';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { WorkingCalendarService } from '../deadlines/working-calendar.service.js';
import { hydrate } from '../workflow/hydrate.js';
import type { LockedSubject, SubjectTables, WorkflowAdapter } from '../workflow/workflow-store.js';
import { Project } from './project.entity.js';

export interface LockedProject extends LockedSubject {
  project: Project;
  /** The owning administration's name (a decision names it beside the project). */
  administrationName: string | null;
  /** Where a decision now could be credited (see LockedPlan.meetings). */
  meetings: { agenda: MeetingOnDate | null; today: MeetingOnDate | null };
}

/**
 * The goals and indicators the project serves and its saved draft, in one query: $1 project, $2 goals, $3 indicators.
 */
const PROJECT_FACTS_SQL = `SELECT
  COALESCE((SELECT jsonb_agg(jsonb_build_object('id', g."id", 'title', g."title") ORDER BY g."sort_order", g."title")
     FROM "goal" g WHERE g."id" = ANY($2::uuid[])), '[]'::jsonb) AS "goals",
  COALESCE((SELECT jsonb_agg(jsonb_build_object('id', x."id", 'name', x."name") ORDER BY x."sort_order", x."name")
     FROM "indicator" x
    WHERE x."id" = ANY($3::uuid[])
       OR x."id" IN (SELECT "indicator_id" FROM "goal" WHERE "id" = ANY($2::uuid[]) AND "indicator_id" IS NOT NULL)),
    '[]'::jsonb) AS "indicators",
  (SELECT d."content" FROM "project_evaluation" d WHERE d."project_id" = $1) AS "evaluation"`;

/** The project's half of the one persistence path. */
@Injectable()
export class ProjectAdapter implements WorkflowAdapter<LockedProject> {
  readonly tables: SubjectTables = {
    subject: 'project',
    table: 'project',
    transitionTable: 'project_transition',
    subjectColumn: 'project_id',
    noun: 'The project',
  };

  constructor(
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly calendar: WorkingCalendarService,
  ) {}

  get deadlinePolicy(): ProjectDeadlinePolicy {
    return {
      evaluationWorkingDays: this.config.env.PROJECT_EVALUATION_WORKING_DAYS,
      calendar: this.calendar.current,
    };
  }

  async lock(m: EntityManager, id: string): Promise<LockedProject> {
    const [row] = (await m.query(
      `SELECT pr.*, (SELECT ad."name" FROM "administration" ad WHERE ad."id" = pr."owning_administration_id")
                AS "administration_name", ${MEETING_CANDIDATES_SQL('project', 'pr')}
         FROM "project" pr WHERE pr."id" = $1 FOR UPDATE OF pr`,
      [id, today()],
    )) as (Record<string, unknown> & MeetingCandidates & { administration_name: string | null })[];
    if (!row) throw notFound('Project', id);
    const { agenda_meeting, today_meeting, administration_name, ...columns } = row;
    const project = hydrate(m, Project, columns);
    return {
      id: project.id,
      version: project.version,
      stateValue: project.stateValue,
      project,
      administrationName: administration_name,
      meetings: { agenda: agenda_meeting, today: today_meeting },
    };
  }

  /** What the completeness rules judge, in one query. */
  async facts(m: EntityManager, project: Pick<Project, 'id' | 'goalIds' | 'indicatorIds'>): Promise<ProjectFacts> {
    const [facts] = (await m.query(PROJECT_FACTS_SQL, [
      project.id,
      project.goalIds,
      project.indicatorIds,
    ])) as ProjectFacts[];
    return facts;
  }

  runOwn = async (m: EntityManager, { id }: LockedProject, effect: Effect, seq: number): Promise<void> => {
    switch (effect.kind) {
      case 'evaluation.recordSubmission': {
        // The draft as submitted, with its attachments' metadata, in one statement.
        const rows = (await m.query(
          `INSERT INTO "project_evaluation_submission" ("project_id", "seq", "round", "content", "attachments",
            "submitted_by")
           SELECT $1, $2, $3, d."content",
                  COALESCE((SELECT jsonb_agg(jsonb_build_object('id', a."id", 'fileName', a."file_name",
                              'contentType', a."content_type", 'sizeBytes', a."size_bytes", 'sha256', a."sha256")
                              ORDER BY a."created_at")
                              FROM "project_attachment" a WHERE a."project_id" = $1), '[]'::jsonb), $4
             FROM "project_evaluation" d WHERE d."project_id" = $1
           RETURNING "id"`,
          [id, seq, effect.round, effect.submittedBy],
        )) as unknown[];
        if (rows.length !== 1) throw new Error(`Project ${id} has no evaluation draft to keep`);
        return;
      }
      case 'budgetLine.add':
        await m.query(
          `INSERT INTO "project_adoption"
             ("project_id", "administration_id", "yearly_amount_dkk", "first_budget_year", "decided_by",
               "decision_seq", "decided_at")
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            id,
            effect.line.administrationId,
            effect.line.yearlyAmountDkk,
            effect.line.firstBudgetYear,
            effect.decidedBy,
            seq,
            effect.decidedAt,
          ],
        );
        return;
      default:
        throw new Error(`A project has no effect ${effect.kind}`);
    }
  };
}
