// A meeting of the mayors' forum: the agenda by kind, each item with what is
// to be decided, what changed since the forum last saw it, its open
// conditions, deadline and submitter, and the decisions possible now (the
// API's /actions); the agenda pack and the minutes as PDFs; the decisions made
// at the meeting with their journal state in the case archive.
import { html, useState } from '../html.js';
import { api, idempotencyKey } from '../api.js';
import { formatDate, formatDateTime, getLocale, t } from '../i18n.js';
import { ActionsPanel, actionLabel } from '../actions.js';
import {
  Breadcrumbs,
  Loading,
  PageHeading,
  ProblemNotice,
  SuccessNotice,
  TableWrap,
  useAsync,
  useSession,
} from '../components.js';
import { ProjectActions } from '../project-actions.js';
import { loadRefs } from '../refs.js';

/** A change since the last gate version, in words: the one place the meeting page reads the diff's wording. */
export function changeWords(change) {
  return change;
}

async function loadMeeting(id) {
  const [pack, refs] = await Promise.all([api(`/meetings/${id}/pack`), loadRefs()]);
  const items = pack.groups.flatMap((g) => g.items);
  const open = new Set(pack.carriedOver.map((i) => i.id));
  const actions = await Promise.all(
    items.map(async (item) => {
      if (!open.has(item.id)) return [item.id, null];
      try {
        if (item.subjectType === 'plan') return [item.id, { actions: await api(`/plans/${item.subjectId}/actions`) }];
        const [project, acts] = await Promise.all([
          api(`/projects/${item.subjectId}`),
          api(`/projects/${item.subjectId}/actions`),
        ]);
        return [item.id, { project, actions: acts }];
      } catch (error) {
        return [item.id, { error }];
      }
    }),
  );
  return { pack, refs, open, actions: new Map(actions) };
}

export function MeetingPage({ params }) {
  const session = useSession();
  const data = useAsync(() => loadMeeting(params.id), [params.id]);
  const [recorded, setRecorded] = useState(null);

  const onDecided = async (entry) => {
    setRecorded(entry);
    await data.reload();
    session.refreshUnread?.();
  };
  const pack = data.data?.pack;
  const title = pack ? `${pack.meeting.title} (${formatDate(pack.meeting.meetingDate)})` : t('meeting.title');
  return html`
    <${Breadcrumbs} items=${[{ href: '/forum', label: t('forum.title') }, { label: title }]} />
    <${PageHeading} key="page-title" title=${title} />
    ${
      recorded &&
      html`<${SuccessNotice} key=${recorded.at}>
        <p>${t('forum.decisionRecorded', { action: recorded.action, title: recorded.title })}</p>
      <//>`
    }
    <${ProblemNotice} error=${data.error} onReload=${data.reload} focus=${false} />
    ${
      !data.data
        ? html`<${Loading} />`
        : html`
            <section class="block" aria-labelledby="documents-heading">
              <h2 id="documents-heading">${t('meeting.documents')}</h2>
              <ul class="links">
                <li>
                  <a href=${`/api/meetings/${params.id}/agenda.pdf`} download data-document="agenda"
                    >${t('meeting.agendaPdf')}</a
                  >
                </li>
                <li>
                  <a href=${`/api/meetings/${params.id}/minutes.pdf`} download data-document="minutes"
                    >${t('meeting.minutesPdf')}</a
                  >
                </li>
              </ul>
            </section>
            <section class="block" aria-labelledby="meeting-agenda-heading">
              <h2 id="meeting-agenda-heading">${t('forum.agenda')}</h2>
              ${
                pack.groups.every((g) => g.items.length === 0)
                  ? html`<p class="empty">${t('forum.emptyAgenda')}</p>`
                  : pack.groups
                      .filter((g) => g.items.length > 0)
                      .map(
                        (g) =>
                          html`<section key=${g.group} class="agenda-group" aria-labelledby=${`group-${g.group}`}>
                            <h3 id=${`group-${g.group}`}>
                              ${`${getLocale() === 'en' ? g.labelEn : g.label} `}<span class="meta"
                                >(${g.items.length})</span
                              >
                            </h3>
                            <ol class="tasks">
                              ${g.items.map(
                                (item) =>
                                  html`<${MeetingItem}
                                    key=${item.id}
                                    item=${item}
                                    open=${data.data.open.has(item.id)}
                                    entry=${data.data.actions.get(item.id)}
                                    refs=${data.data.refs}
                                    meetingId=${params.id}
                                    onDecided=${onDecided}
                                    onReload=${data.reload}
                                  />`,
                              )}
                            </ol>
                          </section>`,
                      )
              }
            </section>
            <section class="block" aria-labelledby="meeting-decisions-heading">
              <h2 id="meeting-decisions-heading">${t('meeting.decisions')}</h2>
              <${DecisionsTable} decisions=${pack.decisions} onReload=${data.reload} />
            </section>
          `
    }
  `;
}

function MeetingItem({ item, open, entry, refs, meetingId, onDecided, onReload }) {
  const headingId = `item-${item.id}`;
  const href = item.subjectType === 'plan' ? `/plans/${item.subjectId}` : `/projects/${item.subjectId}`;
  return html`<li data-agenda-item=${item.id} class=${item.deadline?.overdue ? 'overdue' : ''}>
    <article aria-labelledby=${headingId}>
      <h4 id=${headingId}>${item.title}</h4>
      <p><strong>${t('meeting.toDecide')}:</strong> ${t(`meeting.question.${item.group}`)}</p>
      <dl class="facts">
        <dt>${t('forum.subject')}</dt>
        <dd>
          <a href=${href}>${item.subjectTitle}</a
          >${`${item.subjectDetail ? `, ${item.subjectDetail}` : ''} · ${item.stateLabel}`}
        </dd>
        ${
          item.submitter &&
          html`<dt>${t('meeting.submitter')}</dt>
            <dd>${item.submitter}</dd>`
        }
        ${
          item.deadline?.dueDate &&
          html`<dt>${t('meeting.deadline')}</dt>
            <dd>
              ${formatDate(item.deadline.dueDate)}
              ${item.deadline.overdue && html` <span class="tag overdue">${t('plan.overdue')}</span>`}
            </dd>`
        }
        <dt>${t('meeting.summary')}</dt>
        <dd>${item.summary}</dd>
      </dl>
      ${
        item.subjectType === 'plan' &&
        html`<div class="what-changed" data-what-changed>
          <h5>${t('meeting.whatChanged')}</h5>
          ${
            !item.lastDecision
              ? html`<p class="empty">${t('meeting.firstTime')}</p>`
              : item.changes.length === 0
                ? html`<p class="empty">${t('meeting.noChanges', { date: formatDateTime(item.lastDecision.at) })}</p>`
                : html`<p class="meta">${t('meeting.changedSince', { date: formatDateTime(item.lastDecision.at) })}</p>
                    <ul class="diff-list">
                      ${item.changes.map((c, i) => html`<li key=${i}>${changeWords(c)}</li>`)}
                    </ul>`
          }
        </div>`
      }
      <h5>${t('plan.conditions')}</h5>
      ${
        item.openConditions.length === 0
          ? html`<p class="empty">${t('meeting.noOpenConditions')}</p>`
          : html`<ul>
              ${item.openConditions.map((c, i) => html`<li key=${i}>${c}</li>`)}
            </ul>`
      }
      ${
        item.keyFigures.length > 0 &&
        html`<h5>${t('meeting.keyFigures')}</h5>
          <ul>
            ${item.keyFigures.map((c, i) => html`<li key=${i}>${c}</li>`)}
          </ul>`
      }
      ${
        !open &&
        html`<p class="meta" data-decided>
          ${t('meeting.resolved')}${item.decided ? html` <strong>${t('forum.decision')}:</strong> ${item.decided}` : ''}
        </p>`
      }
      ${entry?.error && html`<${ProblemNotice} error=${entry.error} focus=${false} />`}
      ${
        open &&
        entry?.actions &&
        item.subjectType === 'plan' &&
        html`<${ConfirmedPlanActions}
          item=${item}
          actions=${entry.actions}
          meetingId=${meetingId}
          onDecided=${onDecided}
          onReload=${onReload}
        />`
      }
      ${
        open &&
        entry?.project &&
        html`<${ProjectActions}
          project=${entry.project}
          actions=${entry.actions}
          refs=${refs}
          idPrefix=${`meeting-${item.id}`}
          headingLevel=${5}
          announce=${false}
          onDone=${async (type) => {
            if (typeof type !== 'string') return onReload();
            const action = entry.actions.actions.find((a) => a.type === type);
            return onDecided({
              title: entry.project.title,
              action: actionLabel(action, 'projectEvents'),
              at: new Date().toISOString(),
            });
          }}
        />`
      }
    </article>
  </li>`;
}

/** The plan's decisions, each confirmed before it is sent: what, on which plan, with which conditions. */
function ConfirmedPlanActions({ item, actions, meetingId, onDecided, onReload }) {
  const [pending, setPending] = useState(null);
  const [busy, setBusy] = useState(false);

  const decide = async ({ type, comment, conditions }) => {
    const body = { type, expectedVersion: actions.version, meetingId };
    if (comment) body.comment = comment;
    if (conditions) body.conditions = conditions;
    await api(`/plans/${item.subjectId}/events`, {
      method: 'POST',
      body,
      headers: { 'Idempotency-Key': idempotencyKey() },
    });
    const action = actions.actions.find((a) => a.type === type);
    await onDecided({ title: item.subjectTitle, action: actionLabel(action), at: new Date().toISOString() });
  };

  // The panel waits for the answer: confirmed, the decision is sent; cancelled (false), the form keeps its text.
  const onAct = (request) =>
    new Promise((resolve, reject) => {
      setPending({ request, resolve, reject });
    });

  const confirm = async () => {
    const p = pending;
    setBusy(true);
    try {
      await decide(p.request);
      setPending(null);
      p.resolve(true);
    } catch (err) {
      setPending(null);
      p.reject(err);
    } finally {
      setBusy(false);
    }
  };
  const cancel = () => {
    pending.resolve(false);
    setPending(null);
  };

  const action = pending && actions.actions.find((a) => a.type === pending.request.type);
  return html`
    <${ActionsPanel}
      idPrefix=${`meeting-${item.id}`}
      actions=${actions.actions}
      onReload=${onReload}
      headingLevel=${5}
      emptyText=${t('forum.nothingToDecide')}
      announce=${false}
      confirm=${false}
      onAct=${onAct}
    />
    ${
      pending &&
      html`<div class="card confirm" role="alertdialog" aria-labelledby=${`confirm-${item.id}`} data-confirm>
        <h5 id=${`confirm-${item.id}`}>
          ${t('meeting.confirmTitle', { action: actionLabel(action), title: item.subjectTitle })}
        </h5>
        ${
          pending.request.conditions?.length > 0 &&
          html`<p>${t('meeting.confirmConditions')}</p>
            <ul>
              ${pending.request.conditions.map((c, i) => html`<li key=${i}>${c}</li>`)}
            </ul>`
        }
        ${pending.request.comment && html`<p>${t('history.comment')}: ${pending.request.comment}</p>`}
        <div class="button-row">
          <button type="button" onClick=${confirm} disabled=${busy} data-confirm-yes>${t('meeting.confirmYes')}</button>
          <button type="button" class="secondary" onClick=${cancel} disabled=${busy}>${t('form.cancel')}</button>
        </div>
      </div>`
    }
  `;
}

/** Where a decision was made: the meeting, or written procedure with its own date. */
export function decisionWhere(d) {
  return d.procedure === 'meeting'
    ? t('decisions.atMeeting', { title: d.meetingTitle ?? '', date: d.meetingDate ? formatDate(d.meetingDate) : '' })
    : t('decisions.written', { date: formatDate(d.decidedOn) });
}

/** The decisions table: subject, decision, who, when, where (meeting or written procedure), journal state. */
export function DecisionsTable({ decisions, onReload }) {
  const session = useSession();
  const [error, setError] = useState(null);
  const [retried, setRetried] = useState(null);
  if (!decisions.length) return html`<p class="empty">${t('forum.noDecisions')}</p>`;
  const retry = async (d) => {
    setError(null);
    try {
      await api(`/decisions/${d.id}/journal/retry`, { method: 'POST' });
      setRetried(d.id);
      await onReload?.();
    } catch (err) {
      setError(err);
    }
  };
  return html`
    ${retried && html`<${SuccessNotice}><p>${t('decisions.retried')}</p><//>`}
    <${ProblemNotice} error=${error} />
    <${TableWrap} label=${t('forum.decisions')}>
      <table class="decisions">
        <thead>
          <tr>
            <th scope="col">${t('forum.subject')}</th>
            <th scope="col">${t('forum.decision')}</th>
            <th scope="col">${t('decisions.by')}</th>
            <th scope="col">${t('history.when')}</th>
            <th scope="col">${t('decisions.where')}</th>
            <th scope="col">${t('decisions.journal')}</th>
          </tr>
        </thead>
        <tbody>
          ${decisions.map(
            (d) =>
              html`<tr key=${d.id} data-decision=${d.id}>
                <td>
                  <a href=${d.subjectType === 'plan' ? `/plans/${d.subjectId}` : `/projects/${d.subjectId}`}
                    >${d.subjectTitle}</a
                  >${d.subjectDetail ? html`<br /><span class="meta">${d.subjectDetail}</span>` : ''}
                </td>
                <td>
                  ${getLocale() === 'en' ? d.decisionLabelEn : d.decisionLabel}
                  ${
                    d.conditions.length > 0 &&
                    html`<ul class="conditions">
                      ${d.conditions.map((c, i) => html`<li key=${i}>${c}</li>`)}
                    </ul>`
                  }
                  ${d.comment && html`<p class="meta">${d.comment}</p>`}
                </td>
                <td>${d.decidedBy}</td>
                <td>${formatDateTime(d.decidedAt)}</td>
                <td>${decisionWhere(d)}</td>
                <td data-journal=${d.journal.state}>
                  ${t(`decisions.journalState.${d.journal.state}`)}
                  ${d.journal.error && html`<br /><span class="meta">${d.journal.error}</span>`}
                  ${
                    d.journal.state === 'failed' &&
                    session.hasRole('administrator') &&
                    html`<br /><button type="button" class="link-button" onClick=${() => retry(d)}>
                        ${t('decisions.retry')}
                      </button>`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
  `;
}
