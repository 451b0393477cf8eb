import { html } from '../html.js';
import { api } from '../api.js';
import { formatDateTime, t } from '../i18n.js';
import { Loading, PageHeading, ProblemNotice, useAsync, useSession, useSubmit } from '../components.js';

/**
 * What follows a job's name, as one string: " (id) · part · part". Written
 * out here, not as markup, since htm drops the line breaks (and so the spaces)
 * between an expression and the text around it ("kører2. dec.").
 */
function jobLine(job, ...parts) {
  return ` (${job.id})${parts
    .filter(Boolean)
    .map((part) => ` · ${part}`)
    .join('')}`;
}

const when = (iso) => iso && formatDateTime(iso);

/** The operator's view of the queues (administrators): failed jobs with their errors and a retry, delayed, active. */
export function QueuesPage() {
  const session = useSession();
  const data = useAsync(() => api('/admin/jobs'), []);
  const { run: retry, error } = useSubmit(async (job) => {
    await api(`/admin/jobs/${encodeURIComponent(job.queue)}/${encodeURIComponent(job.id)}/retry`, { method: 'POST' });
    await data.reload();
  });
  if (!session.hasRole('administrator'))
    return html`<${PageHeading} key="page-title" title=${t('queues.title')} />
      <p>${t('queues.adminsOnly')}</p>`;
  return html`
    <${PageHeading} key="page-title" title=${t('queues.title')} />
    <p>${t('queues.intro')}</p>
    <${ProblemNotice} error=${error ?? data.error} onReload=${data.reload} />
    ${data.loading && !data.data && html`<${Loading} />`}
    ${(data.data ?? []).map(
      (q) =>
        html`<section key=${q.queue} aria-labelledby=${`queue-${q.queue}`}>
          <h2 id=${`queue-${q.queue}`}>${t(`queues.names.${q.queue}`)}</h2>
          <p>
            ${['waiting', 'active', 'delayed', 'failed', 'completed']
              .map((k) => `${t(`queues.counts.${k}`)}: ${q.counts[k] ?? 0}`)
              .join(' · ')}
          </p>
          ${
            q.failed.length > 0 &&
            html`<h3>${t('queues.failed')}</h3>
              <ul class="queue-jobs">
                ${q.failed.map(
                  (j) =>
                    html`<li key=${j.id}>
                      <strong>${j.name}</strong
                      >${jobLine(j, t('queues.attempts', { n: j.attemptsMade }), when(j.finishedAt))}
                      <p class="error-text">${j.failedReason}</p>
                      <button type="button" onClick=${(e) => retry(e, j)}>${t('queues.retry', { id: j.id })}</button>
                    </li>`,
                )}
              </ul>`
          }
          ${
            q.delayed.length > 0 &&
            html`<h3>${t('queues.delayed')}</h3>
              <ul class="queue-jobs">
                ${q.delayed.map(
                  (j) =>
                    html`<li key=${j.id}>
                      <strong>${j.name}</strong>${jobLine(j, j.runAt && `${t('queues.runAt')} ${when(j.runAt)}`)}
                    </li>`,
                )}
              </ul>`
          }
          ${
            q.active.length > 0 &&
            html`<h3>${t('queues.active')}</h3>
              <ul class="queue-jobs">
                ${q.active.map(
                  (j) =>
                    html`<li key=${j.id}>
                      <strong>${j.name}</strong
                      >${jobLine(j, when(j.processedAt), j.possiblyStalled && t('queues.stalled'))}
                    </li>`,
                )}
              </ul>`
          }
        </section>`,
    )}
  `;
}
