// The plan's progress report (fremdriftsrapport) as PDF: asked for from the
// API, made by a background job, offered for download once it is done.
import { html, useEffect, useRef, useState } from './html.js';
import { api } from './api.js';
import { t } from './i18n.js';

const POLL_MS = 1000;

export function ProgressReport({ planId }) {
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  const timer = useRef(null);
  useEffect(() => () => clearTimeout(timer.current), []);

  const poll = async (id) => {
    try {
      const r = await api(`/reports/${id}`);
      setReport(r);
      if (r.status === 'queued' || r.status === 'running') timer.current = setTimeout(() => poll(id), POLL_MS);
    } catch (err) {
      setError(err);
    }
  };
  const request = async () => {
    setError(null);
    try {
      const r = await api(`/plans/${planId}/reports`, { method: 'POST' });
      setReport(r);
      poll(r.id);
    } catch (err) {
      setError(err);
    }
  };
  const working = report && (report.status === 'queued' || report.status === 'running');
  return html`<section class="block" aria-labelledby="progress-report-heading">
    <h2 id="progress-report-heading" tabindex="-1">${t('progressReport.heading')}</h2>
    <div class="button-row">
      <button type="button" class="secondary" onClick=${request} disabled=${working}>
        ${t('progressReport.request')}
      </button>
    </div>
    <div role="status">
      ${working && html`<p>${t('progressReport.working')}</p>`}
      ${
        report?.status === 'succeeded' &&
        html`<p>
          ${t('progressReport.ready')}
          <a href=${`/api/reports/${report.id}/file`} download data-document="progress-report"
            >${t('progressReport.download')}</a
          >
        </p>`
      }
      ${
        (report?.status === 'failed' || error) &&
        html`<p class="error">${t('progressReport.failed', { error: report?.error ?? error?.message ?? '' })}</p>`
      }
    </div>
  </section>`;
}
