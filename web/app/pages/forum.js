import { html, useState } from '../html.js';
import { api, idempotencyKey } from '../api.js';
import { formatDate, formatDateTime, t, tOr } from '../i18n.js';
import { ActionsPanel, actionLabel } from '../actions.js';
import {
  fieldErrors,
  Loading,
  PageHeading,
  ProblemNotice,
  stageLabel,
  SuccessNotice,
  TableWrap,
  TextField,
  useAsync,
  useSession,
  useSubmit,
} from '../components.js';
import { ProjectActions } from '../project-actions.js';
import { projectStateLabel } from '../projects-api.js';
import { loadRefs } from '../refs.js';

const RECENT_MEETINGS = 5;

async function loadForum() {
  const [agenda, meetings, refs] = await Promise.all([api('/meetings/agenda'), api('/meetings'), loadRefs()]);
  const recent = await Promise.all(meetings.slice(0, RECENT_MEETINGS).map((m) => api(`/meetings/${m.id}`)));
  // For each open item: the subject and what the signed-in user may decide on it (the API's /actions).
  const items = await Promise.all(
    agenda.items.map(async (item) => {
      try {
        if (item.subjectType === 'plan') {
          const [plan, actions] = await Promise.all([
            api(`/plans/${item.subjectId}`),
            api(`/plans/${item.subjectId}/actions`),
          ]);
          return { item, plan, actions };
        }
        const [project, actions] = await Promise.all([
          api(`/projects/${item.subjectId}`),
          api(`/projects/${item.subjectId}/actions`),
        ]);
        return { item, project, actions };
      } catch (error) {
        return { item, error };
      }
    }),
  );
  return { agenda, meetings, recent, items, refs };
}

export function ForumPage() {
  const session = useSession();
  const data = useAsync(loadForum, []);
  const [decided, setDecided] = useState([]);

  const record = async (entry) => {
    setDecided((old) => [entry, ...old]);
    await data.reload();
    session.refreshUnread();
  };

  return html`
    <${PageHeading} key="page-title" title=${t('forum.title')} />
    <p class="lead">${t('forum.lead')}</p>
    ${
      decided.length > 0 &&
      html`<${SuccessNotice} key=${decided.length}>
        <p>${t('forum.decisionRecorded', { action: decided[0].action, title: decided[0].title })}</p>
      <//>`
    }
    <${ProblemNotice} error=${data.error} onReload=${data.reload} focus=${false} />
    ${
      !data.data
        ? html`<${Loading} />`
        : html`
            <section class="block" aria-labelledby="next-meeting-heading">
              <h2 id="next-meeting-heading">${t('forum.nextMeeting')}</h2>
              ${
                data.data.agenda.nextMeeting
                  ? html`<p>
                      <strong>${data.data.agenda.nextMeeting.title}</strong>,
                      ${formatDate(data.data.agenda.nextMeeting.meetingDate)}
                    </p>`
                  : html`<p>${t('forum.noMeeting')}</p>`
              }
              ${session.hasRole('forum_member', 'administrator') && html`<${ScheduleMeeting} onDone=${data.reload} />`}
            </section>
            <section class="block" aria-labelledby="agenda-heading">
              <h2 id="agenda-heading">${t('forum.agenda')} <span class="meta">(${data.data.items.length})</span></h2>
              ${
                data.data.items.length === 0
                  ? html`<p class="empty">${t('forum.emptyAgenda')}</p>`
                  : html`<ol class="tasks">
                      ${data.data.items.map((entry) => html`<${AgendaEntry} key=${entry.item.id} entry=${entry} refs=${data.data.refs} onDecided=${record} onReload=${data.reload} />`)}
                    </ol>`
              }
            </section>
            <section class="block" aria-labelledby="decisions-heading">
              <h2 id="decisions-heading">${t('forum.decisions')}</h2>
              <${Decisions} decided=${decided} recent=${data.data.recent} />
            </section>
          `
    }
  `;
}

function AgendaEntry({ entry, refs, onDecided, onReload }) {
  const { item } = entry;
  const headingId = `agenda-${item.id}`;
  const href = item.subjectType === 'plan' ? `/plans/${item.subjectId}` : `/projects/${item.subjectId}`;
  return html`<li class=${item.kind === 'escalation' ? 'overdue' : ''} data-agenda-item=${item.id}>
    <article aria-labelledby=${headingId}>
      <h3 id=${headingId}>${item.title}</h3>
      <p>
        <span class=${`tag ${item.kind === 'escalation' ? 'overdue' : 'submitted'}`}
          >${t(`forum.kind.${item.kind}`)}</span
        >
        ${' '}<span class="meta">${t('forum.since', { date: formatDate(item.createdAt) })}</span>
      </p>
      ${entry.error && html`<${ProblemNotice} error=${entry.error} focus=${false} />`}
      ${
        entry.plan &&
        html`<p>
            ${t('forum.planStatus', { area: entry.plan.areaName, stage: stageLabel(entry.plan.stage), status: entry.plan.status ? t(`status.${entry.plan.status}`) : '' })}
            ${entry.plan.overdue && html` <span class="tag overdue">${t('plan.overdue')}</span>`}
          </p>
          <p><a href=${href}>${t('forum.openPlan', { title: entry.plan.title })}</a></p>
          <${ActionsPanel}
            idPrefix=${`decide-${item.id}`}
            actions=${entry.actions.actions}
            onReload=${onReload}
            headingLevel=${4}
            emptyText=${t('forum.nothingToDecide')}
            announce=${false}
            onAct=${async ({ type, comment, conditions }) => {
              const body = { type, expectedVersion: entry.actions.version };
              if (comment) body.comment = comment;
              if (conditions) body.conditions = conditions;
              if (item.meetingId) body.meetingId = item.meetingId;
              const { transition } = await api(`/plans/${entry.plan.id}/events`, {
                method: 'POST',
                body,
                headers: { 'Idempotency-Key': idempotencyKey() },
              });
              const action = entry.actions.actions.find((a) => a.type === type);
              // Recorded at a meeting, it is listed among that meeting's decisions under this key (see Decisions).
              const recordedAs = transition.meetingId
                ? `${transition.meetingId}-${entry.plan.id}-${transition.createdAt}`
                : null;
              await onDecided({
                recordedAs,
                title: entry.plan.title,
                action: actionLabel(action),
                comment,
                at: transition.createdAt,
                href,
              });
            }}
          />`
      }
      ${
        entry.project &&
        html`<p>${projectStateLabel(entry.project.state, entry.project.stateLabel)}</p>
          <p><a href=${href}>${t('forum.openProject', { title: entry.project.title })}</a></p>
          <${ProjectActions}
            project=${entry.project}
            actions=${entry.actions}
            refs=${refs}
            idPrefix=${`decide-${item.id}`}
            headingLevel=${4}
            announce=${false}
            onDone=${async (type) => {
              if (typeof type !== 'string') return onReload();
              const action = entry.actions.actions.find((a) => a.type === type);
              const recordedAs = item.meetingId ? `${item.meetingId}-${item.id}` : null;
              return onDecided({
                recordedAs,
                title: entry.project.title,
                action: actionLabel(action, 'projectEvents'),
                at: new Date().toISOString(),
                href,
              });
            }}
          />`
      }
    </article>
  </li>`;
}

function ScheduleMeeting({ onDone }) {
  const [meetingDate, setMeetingDate] = useState('');
  const [title, setTitle] = useState('');
  const {
    run: submit,
    error,
    done,
  } = useSubmit(async () => {
    await api('/meetings', { method: 'POST', body: { meetingDate, title } });
    setMeetingDate('');
    setTitle('');
    onDone();
  });
  const errors = fieldErrors(error);
  return html`<details>
    <summary>${t('forum.schedule')}</summary>
    ${done && html`<${SuccessNotice}><p>${t('forum.scheduled')}</p><//>`}
    <${ProblemNotice} error=${error} />
    <form onSubmit=${submit} novalidate>
      <${TextField}
        id="meeting-date"
        type="date"
        label=${t('forum.meetingDate')}
        value=${meetingDate}
        onInput=${setMeetingDate}
        error=${errors.meetingDate}
        required=${true}
      />
      <${TextField}
        id="meeting-title"
        label=${t('forum.meetingTitle')}
        value=${title}
        onInput=${setTitle}
        error=${errors.title}
        required=${true}
      />
      <div class="button-row"><button type="submit">${t('forum.scheduleSubmit')}</button></div>
    </form>
  </details>`;
}

function Decisions({ decided, recent }) {
  const rows = [];
  for (const meeting of recent) {
    const titleOf = (planId) => meeting.agenda.find((a) => a.subjectId === planId)?.title ?? t('forum.aPlan');
    for (const d of meeting.decisions) {
      rows.push({
        key: `${meeting.id}-${d.planId}-${d.createdAt}`,
        meeting: `${meeting.title} (${formatDate(meeting.meetingDate)})`,
        title: titleOf(d.planId),
        href: `/plans/${d.planId}`,
        decision: tOr(`eventNames.${d.event}`, d.event),
        who: d.actorName,
        comment: d.comment ?? '',
        at: d.createdAt,
      });
    }
    for (const a of meeting.agenda.filter((x) => x.subjectType === 'project' && x.resolvedAt)) {
      rows.push({
        key: `${meeting.id}-${a.id}`,
        meeting: `${meeting.title} (${formatDate(meeting.meetingDate)})`,
        title: a.title,
        href: `/projects/${a.subjectId}`,
        decision: tOr(`resolutions.${a.resolution}`, a.resolution ?? ''),
        who: '',
        comment: '',
        at: a.resolvedAt,
      });
    }
  }
  // A decision taken in this session stands once: among its meeting's decisions once they are loaded; until then, or without a meeting, as this session's.
  const listed = new Set(rows.map((r) => r.key));
  rows.unshift(
    ...decided
      .filter((d) => !(d.recordedAs && listed.has(d.recordedAs)))
      .map((d) => ({
        key: `now-${d.at}`,
        meeting: t('forum.thisSession'),
        title: d.title,
        href: d.href,
        decision: d.action,
        who: t('forum.you'),
        comment: d.comment ?? '',
        at: d.at,
      })),
  );
  if (!rows.length) return html`<p class="empty">${t('forum.noDecisions')}</p>`;
  return html`<${TableWrap} label=${t('forum.decisions')}>
    <table>
      <thead>
        <tr>
          <th scope="col">${t('forum.meeting')}</th>
          <th scope="col">${t('forum.subject')}</th>
          <th scope="col">${t('forum.decision')}</th>
          <th scope="col">${t('history.who')}</th>
          <th scope="col">${t('history.comment')}</th>
          <th scope="col">${t('history.when')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr key=${r.key}>
              <td>${r.meeting}</td>
              <td><a href=${r.href}>${r.title}</a></td>
              <td>${r.decision}</td>
              <td>${r.who}</td>
              <td>${r.comment}</td>
              <td>${formatDateTime(r.at)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  <//>`;
}
