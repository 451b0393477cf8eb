/**
 * What each project event causes besides its new state, as data: the
 * evaluation's deadline and its jobs, the record's payload, the kept
 * evaluation and budget line, agenda items and notifications.
 */
import type { Effect, OutcomeBase, OutcomeInput, Recipients } from '../workflow/effects.js';
import { evaluationDeadline, evaluationDueOn, returnedEvaluationDeadline } from './project-deadlines.js';
import type { ProjectDeadlinePolicy } from './project-deadlines.js';
import type { ProjectDecision } from './project-workflow.js';
import { agendaText, message, notifyText } from '../messages.js';
import type { ProjectEvent, ProjectEventType, ProjectState } from './project-types.js';

/** Transitions after which the evaluation-due moment, the reminder and the escalation are (re)scheduled. */
export const PROJECT_SCHEDULING_EVENTS = ['START', 'EXTEND', 'SCALE'] as const satisfies readonly ProjectEventType[];
/** The decisions that end a project. */
export const PROJECT_FINAL_DECISIONS = ['REJECT', 'TERMINATE', 'ADOPT'] as const satisfies readonly ProjectEventType[];

const includes = (list: readonly string[], type: string) => list.includes(type);

/** The project as it is before the event. */
export interface ProjectInHand {
  id: string;
  title: string;
  owningAdministrationId: string;
  projectLeaderId: string;
  proposedBy: string;
  periodEnd: string;
  areaIds: readonly string[];
  evaluationDueOn: string;
  evaluationDeadline: string;
  deadlineSeq: number | null;
  decidedAt: Date | string | null;
}

/** The query columns a transition sets beside the state. */
export interface ProjectColumns {
  periodEnd: string;
  evaluationDate: string | null;
  areaIds: string[];
  evaluationDueOn: string;
  evaluationDeadline: string;
  deadlineSeq: number | null;
  /** A Date as stored, or the ISO time of the event that decided it. */
  decidedAt: Date | string | null;
}

export interface ProjectOutcome extends OutcomeBase {
  columns: ProjectColumns;
}

export interface ProjectOutcomeInput extends OutcomeInput<Extract<ProjectDecision, { ok: true }>, ProjectEvent> {
  project: ProjectInHand;
  policy: ProjectDeadlinePolicy;
}

export function projectOutcome(input: ProjectOutcomeInput): ProjectOutcome {
  const { project, decision, event, seq, today, policy } = input;
  const { from, to } = decision;
  const context = to.context;
  const dueOn = evaluationDueOn(context);
  let deadline = dueOn === project.evaluationDueOn ? project.evaluationDeadline : evaluationDeadline(dueOn, policy);
  let deadlineSeq = project.deadlineSeq;
  const schedulesDue = includes(PROJECT_SCHEDULING_EVENTS, event.type);
  if (schedulesDue) deadlineSeq = seq;
  else if (event.type === 'RETURN_EVALUATION') {
    deadline = returnedEvaluationDeadline(deadline, today, policy);
    deadlineSeq = seq;
  }
  const columns: ProjectColumns = {
    periodEnd: context.periodEnd,
    evaluationDate: context.evaluationDate,
    areaIds: context.areaIds,
    evaluationDueOn: dueOn,
    evaluationDeadline: deadline,
    deadlineSeq,
    decidedAt: includes(PROJECT_FINAL_DECISIONS, event.type) ? event.at : project.decidedAt,
  };
  const scheduled = deadlineSeq === seq;
  const effects: Effect[] = [];
  if (event.type === 'SUBMIT_EVALUATION')
    effects.push({
      kind: 'evaluation.recordSubmission',
      round: context.evaluationSubmissions,
      submittedBy: event.actor.id,
    });
  if (event.type === 'ADOPT' && context.budgetLine)
    effects.push({ kind: 'budgetLine.add', line: context.budgetLine, decidedBy: event.actor.id, decidedAt: event.at });
  if (scheduled)
    effects.push({
      kind: 'deadline.schedule',
      entrySeq: seq,
      dueDate: deadline,
      ...(schedulesDue ? { dueJobOn: dueOn } : {}),
    });
  effects.push(...announce(input, from.state, columns));
  return {
    columns,
    payload: payloadOf(
      event,
      project,
      context,
      scheduled ? { evaluationDueOn: dueOn, evaluationDeadline: deadline } : {},
    ),
    effects,
  };
}

function payloadOf(
  event: ProjectEvent,
  before: ProjectInHand,
  after: Extract<ProjectDecision, { ok: true }>['to']['context'],
  schedule: Record<string, string>,
): Record<string, unknown> {
  switch (event.type) {
    case 'EXTEND':
      return {
        fromEndDate: before.periodEnd,
        newEndDate: after.periodEnd,
        evaluationDate: after.evaluationDate,
        ...schedule,
      };
    case 'SCALE':
      return {
        addedAreaIds: after.areaIds.filter((id) => !before.areaIds.includes(id)),
        fromEndDate: before.periodEnd,
        newEndDate: after.periodEnd,
        evaluationDate: after.evaluationDate,
        ...schedule,
      };
    case 'EVALUATION_DUE':
      return { bySchedule: event.bySchedule === true, evaluationDeadline: before.evaluationDeadline };
    case 'SUBMIT_EVALUATION':
      return { round: after.evaluationSubmissions };
    case 'ASSESS':
      return { reviewedBy: after.reviewedBy };
    case 'ADOPT':
      return { budgetLine: after.budgetLine };
    default:
      return schedule;
  }
}

/** The agenda items and notifications of an event, worded with the project as it is after it. */
function announce(input: ProjectOutcomeInput, fromState: ProjectState, after: ProjectColumns): Effect[] {
  const { project, event, seq, comment } = input;
  const link = `/projects/${project.id}`;
  const dedupKey = `project:${project.id}:${event.type.toLowerCase()}:${seq}`;
  const notify = (
    to: Recipients,
    text: ReturnType<typeof notifyText>,
    notification = `project.${event.type.toLowerCase()}`,
  ) => ({ kind: 'notify', to, notification, link, dedupKey, ...text }) satisfies Effect;
  const leader = { userIds: [project.projectLeaderId] };
  const ownerAndLeader = {
    administrationId: project.owningAdministrationId,
    userIds: [project.projectLeaderId, project.proposedBy],
  };
  const p = { project: project.title, event: event.type, comment: comment ?? null, actor: input.actorName };
  const decided = () =>
    notify(ownerAndLeader, notifyText(message('project.event.title', p), message('project.decided.body', p)));
  switch (event.type) {
    case 'APPROVE':
    case 'REJECT':
      return [{ kind: 'agenda.resolve', resolution: event.type.toLowerCase(), itemKinds: ['submission'] }, decided()];
    case 'START':
    case 'EXTEND':
    case 'SCALE': {
      const period = { periodEnd: after.periodEnd, dueOn: after.evaluationDueOn, deadline: after.evaluationDeadline };
      return [
        // Scaling after the assessment is the forum's decision on the agenda item.
        ...(fromState === 'assessed'
          ? [{ kind: 'agenda.resolve', resolution: 'scale', itemKinds: ['submission'] } satisfies Effect]
          : []),
        notify(
          leader,
          notifyText(message('project.event.title', p), message('project.period.body', { ...p, ...period })),
        ),
      ];
    }
    case 'EVALUATION_DUE': {
      const q = { ...p, deadline: after.evaluationDeadline };
      return [
        notify(
          leader,
          notifyText(message('project.evaluation.due.title', q), message('project.evaluation.due.body', q)),
        ),
      ];
    }
    case 'SUBMIT_EVALUATION':
      return [
        { kind: 'agenda.resolve', resolution: 'evaluation_submitted', itemKinds: ['escalation'] },
        notify(
          { administrationId: project.owningAdministrationId },
          notifyText(message('project.evaluation.submitted.title', p), message('project.evaluation.submitted.body', p)),
          'project.evaluation.submitted',
        ),
      ];
    case 'RETURN_EVALUATION': {
      const q = { ...p, deadline: after.evaluationDeadline };
      return [
        notify(
          leader,
          notifyText(message('project.evaluation.returned.title', q), message('project.evaluation.returned.body', q)),
        ),
      ];
    }
    case 'ASSESS': {
      // After the scaled period's evaluation the decision is terminate or adopt; after the first, scaling too.
      const scaled = fromState === 'scaledEvaluationSubmitted';
      const item = message(scaled ? 'agenda.project.scaledAssessed' : 'agenda.project.assessed', p);
      return [
        {
          kind: 'agenda.add',
          itemKind: 'submission',
          ...agendaText(item),
          dedupKey: `project:${project.id}:decision:${seq}`,
        },
        notify(
          { role: 'forum_member' },
          notifyText(
            message('project.assessed.title', p),
            message('project.assessed.body', { ...p, scaled: scaled ? 1 : 0 }),
          ),
        ),
      ];
    }
    case 'TERMINATE':
    case 'ADOPT':
      return [
        { kind: 'agenda.resolve', resolution: event.type.toLowerCase(), itemKinds: ['submission', 'escalation'] },
        decided(),
      ];
  }
}

/** A proposal goes on the forum's agenda, and the forum is told. */
export function projectProposalEffects(
  project: Pick<ProjectInHand, 'id' | 'title'> & { periodStart: string; periodEnd: string },
  actorName: string,
): Effect[] {
  const p = {
    project: project.title,
    actor: actorName,
    periodStart: project.periodStart,
    periodEnd: project.periodEnd,
  };
  const item = message('agenda.project.proposed', p);
  return [
    {
      kind: 'agenda.add',
      itemKind: 'submission',
      ...agendaText(item),
      dedupKey: `project:${project.id}:proposal`,
    },
    {
      kind: 'notify',
      to: { role: 'forum_member' },
      notification: 'project.proposed',
      link: `/projects/${project.id}`,
      dedupKey: `project:${project.id}:proposed`,
      ...notifyText(message('project.proposed.title', p), message('project.proposed.body', p)),
    },
  ];
}

export interface ProjectDeadlineJob {
  kind: 'reminder' | 'escalation' | 'due';
  entrySeq: number;
  dueDate: string;
}

/** The reminder and the escalation of an owed evaluation (the `due` job is a transition, EVALUATION_DUE). */
export function projectDeadlineJobEffects(
  project: Pick<ProjectInHand, 'id' | 'title' | 'projectLeaderId' | 'owningAdministrationId'>,
  job: ProjectDeadlineJob,
): Effect[] {
  const link = `/projects/${project.id}`;
  const key = `${job.entrySeq}:${job.dueDate}`;
  const p = { project: project.title, deadline: job.dueDate };
  if (job.kind === 'reminder')
    return [
      {
        kind: 'notify',
        to: { userIds: [project.projectLeaderId] },
        notification: 'project.evaluation.reminder',
        link,
        dedupKey: `project:${project.id}:reminder:${key}`,
        ...notifyText(message('project.evaluation.reminder.title', p), message('project.evaluation.reminder.body', p)),
      },
    ];
  if (job.kind === 'escalation') {
    const item = message('agenda.project.overdue', p);
    return [
      {
        kind: 'agenda.add',
        itemKind: 'escalation',
        ...agendaText(item),
        dedupKey: `project:${project.id}:escalation:${key}`,
      },
      {
        kind: 'notify',
        to: { administrationId: project.owningAdministrationId, userIds: [project.projectLeaderId] },
        notification: 'project.evaluation.escalation',
        link,
        dedupKey: `project:${project.id}:escalation:${key}`,
        ...notifyText(
          message('project.evaluation.escalation.title', p),
          message('project.evaluation.escalation.body', p),
        ),
      },
    ];
  }
  return [];
}
