import { html, useState } from '../html.js';
import { api, idempotencyKey } from '../api.js';
import { formatDate, t } from '../i18n.js';
import { ActionsPanel, actionLabel } from '../actions.js';
import {
  fieldErrors,
  Loading,
  PageHeading,
  ProblemNotice,
  stageLabel,
  SuccessNotice,
  TextField,
  useAsync,
  useSession,
  useSubmit,
} from '../components.js';
import { ProjectActions } from '../project-actions.js';
import { projectStateLabel } from '../projects-api.js';
import { loadRefs } from '../refs.js';
import { DecisionsTable } from './meeting.js';

const RECENT_DECISIONS = 30;

async function loadForum() {
  const [agenda, meetings, refs, decisions] = await Promise.all([
    api('/meetings/agenda'),
    api('/meetings'),
    loadRefs(),
    api(`/decisions?limit=${RECENT_DECISIONS}`),
  ]);
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
  return { agenda, meetings, items, refs, decisions };
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
                      <a href=${`/meetings/${data.data.agenda.nextMeeting.id}`}
                        ><strong>${data.data.agenda.nextMeeting.title}</strong></a
                      >, ${formatDate(data.data.agenda.nextMeeting.meetingDate)}
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
              <${DecisionsTable} decisions=${data.data.decisions} onReload=${data.reload} />
            </section>
            <section class="block" aria-labelledby="meetings-heading">
              <h2 id="meetings-heading">${t('forum.meetings')}</h2>
              ${
                data.data.meetings.length === 0
                  ? html`<p class="empty">${t('forum.noMeetings')}</p>`
                  : html`<ul class="links">
                      ${data.data.meetings.map(
                        (m) =>
                          html`<li key=${m.id}>
                            <a href=${`/meetings/${m.id}`}>${m.title}</a>, ${formatDate(m.meetingDate)}
                            <span class="meta">(${t('forum.openItems', { n: m.openItems })})</span>
                          </li>`,
                      )}
                    </ul>`
              }
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
              await onDecided({
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
              return onDecided({
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
