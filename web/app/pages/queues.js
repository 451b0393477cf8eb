import { html } from '../html.js';
import { api } from '../api.js';
import { formatDateTime, t } from '../i18n.js';
import { Loading, PageHeading, ProblemNotice, useAsync, useSession, useSubmit } from '../components.js';

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
                      <strong>${j.name}</strong> (${j.id}) · ${t('queues.attempts', { n: j.attemptsMade })} ·
                      ${j.finishedAt ? formatDateTime(j.finishedAt) : ''}
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
                      <strong>${j.name}</strong> (${j.id}) · ${t('queues.runAt')}
                      ${j.runAt ? formatDateTime(j.runAt) : ''}
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
                      <strong>${j.name}</strong> (${j.id}) ·
                      ${j.processedAt ? formatDateTime(j.processedAt) : ''}${j.possiblyStalled ? ` · ${t('queues.stalled')}` : ''}
                    </li>`,
                )}
              </ul>`
          }
        </section>`,
    )}
  `;
}
