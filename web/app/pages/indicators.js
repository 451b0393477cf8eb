import { html, useEffect, useRef, useState } from '../html.js';
import { api, qs } from '../api.js';
import { apiMessage, formatNumber, t } from '../i18n.js';
import { setSearch } from '../router.js';
import { ApiChart } from '../chart.js';
import { CheckboxGroup, Loading, PageHeading, ProblemNotice, SelectField, SuccessNotice, TableWrap, useAsync, useSession } from '../components.js';
import { loadRefs } from '../refs.js';

const POLL_MS = 400;
const DONE = ['succeeded', 'failed'];

export function IndicatorsPage({ search }) {
  const session = useSession();
  const refs = useAsync(() => loadRefs(), []);
  return html`
    <${PageHeading} key="page-title" title=${t('indicators.title')} />
    <p class="lead">${t('indicators.lead')}</p>
    <${ProblemNotice} error=${refs.error} onReload=${refs.reload} focus=${false} />
    ${session.hasRole('staff', 'administrator') &&
    html`<section class="block" aria-labelledby="upload-heading">
      <h2 id="upload-heading">${t('indicators.upload')}</h2>
      <${Upload} />
    </section>`}
    <section class="block" aria-labelledby="charts-heading">
      <h2 id="charts-heading">${t('indicators.charts')}</h2>
      ${refs.data ? html`<${Charts} refs=${refs.data} search=${search} />` : html`<${Loading} />`}
    </section>
  `;
}

function Upload() {
  const input = useRef(null);
  const [job, setJob] = useState(null);
  const [error, setError] = useState(null);
  const [missingFile, setMissingFile] = useState(false);
  const [busy, setBusy] = useState(false);

  // Poll the import until it has succeeded or failed.
  useEffect(() => {
    if (!job || DONE.includes(job.status)) return undefined;
    const timer = setTimeout(async () => {
      try {
        setJob(await api(`/indicators/imports/${job.id}`));
      } catch (err) {
        setError(err);
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  const upload = async (e) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    setError(null);
    setMissingFile(!file);
    if (!file) return;
    setBusy(true);
    setJob(null);
    const form = new FormData();
    form.append('file', file);
    try {
      setJob(await api('/indicators/imports', { method: 'POST', form }));
      input.current.value = '';
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  };

  return html`<div>
    <p>${t('indicators.uploadLead')}</p>
    <${ProblemNotice} error=${error} />
    <form onSubmit=${upload} novalidate>
      <div class=${`field${missingFile ? ' has-error' : ''}`}>
        <label for="import-file">${t('indicators.file')}</label>
        <span class="hint" id="import-file-hint">${t('indicators.fileHint')}</span>
        ${missingFile && html`<span class="field-error" id="import-file-error">${t('indicators.chooseFile')}</span>`}
        <input
          type="file"
          id="import-file"
          ref=${input}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby=${`import-file-hint${missingFile ? ' import-file-error' : ''}`}
          aria-invalid=${missingFile ? 'true' : undefined}
        />
      </div>
      <div class="button-row"><button type="submit" disabled=${busy || (job && !DONE.includes(job.status))}>${t('indicators.uploadSubmit')}</button></div>
    </form>
    ${job && html`<${ImportProgress} job=${job} />`}
  </div>`;
}

function ImportProgress({ job }) {
  const total = job.rowsTotal ?? 0;
  const running = !DONE.includes(job.status);
  return html`<div class="card" data-import-status=${job.status}>
    <h3>${t('indicators.importOf', { file: job.fileName })}</h3>
    ${job.duplicate && html`<p class="notice">${t('indicators.duplicate')}</p>`}
    <div class="field">
      <label for="import-progress">${t('indicators.progress')}</label>
      ${total > 0 || !running
        ? html`<progress id="import-progress" max=${Math.max(total, 1)} value=${running ? job.rowsDone : Math.max(total, 1)}>${job.rowsDone}/${total}</progress>`
        : html`<progress id="import-progress"></progress>`}
    </div>
    <p role="status">
      ${t(`importStatus.${job.status}`)}${total > 0 ? ` – ${t('indicators.rowsDone', { done: job.rowsDone, total })}` : ''}
    </p>
    ${job.status === 'succeeded' &&
    html`<${SuccessNotice}>
      <p>${t('indicators.succeeded', { inserted: job.inserted, updated: job.updated, unchanged: job.unchanged })}</p>
    <//>`}
    ${job.status === 'failed' &&
    html`<div class="notice error" role="alert">
      <h4>${t('indicators.failed', { n: job.errorCount })}</h4>
      <p>${t('indicators.failedLead')}</p>
    </div>`}
    ${job.errors.length > 0 &&
    html`<${TableWrap} label=${t('indicators.errorReport')}>
      <table>
        <caption>${t('indicators.errorReport')}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">${t('indicators.row')}</th>
            <th scope="col">${t('indicators.column')}</th>
            <th scope="col">${t('indicators.problem')}</th>
          </tr>
        </thead>
        <tbody>
          ${job.errors.map(
            (e, i) => html`<tr key=${i}>
              <td class="num">${e.row === 0 ? t('indicators.wholeFile') : e.row}</td>
              <td>${e.column ?? '–'}</td>
              <td>${apiMessage(e)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    <//>`}
  </div>`;
}

function Charts({ refs, search }) {
  const indicatorId = search.get('indicator') ?? refs.indicators[0]?.id ?? '';
  const areaIds = (search.get('areas') ?? '').split(',').filter(Boolean);
  const query = qs({ areaIds: areaIds.join(',') || undefined });
  const series = useAsync(() => (indicatorId ? api(`/indicators/${indicatorId}/series${query}`) : Promise.resolve(null)), [indicatorId, query]);
  const indicator = refs.indicators.find((i) => i.id === indicatorId);
  const goals = refs.goals.filter((g) => g.indicatorId === indicatorId && g.targetValue !== null);

  return html`
    <form onSubmit=${(e) => e.preventDefault()}>
      <${SelectField}
        id="chart-indicator"
        label=${t('indicators.indicator')}
        value=${indicatorId}
        onChange=${(v) => setSearch({ indicator: v })}
        options=${refs.indicators.map((i) => ({ value: i.id, label: i.name }))}
      />
      <${CheckboxGroup}
        id="chart-areas"
        label=${t('indicators.areas')}
        hint=${t('indicators.areasHint')}
        values=${areaIds}
        onChange=${(v) => setSearch({ areas: v.join(',') || undefined })}
        options=${refs.areas.map((a) => ({ value: a.id, label: a.name }))}
      />
    </form>
    ${indicator &&
    html`<div>
      <h3>${indicator.name}</h3>
      ${indicator.source && html`<p class="meta">${t('indicators.source')}: ${indicator.source}</p>`}
      ${goals.length > 0 &&
      html`<p>${t('indicators.targets')}: ${goals.map((g) => `${g.title} (${formatNumber(g.targetValue, 1)}${g.targetYear ? `, ${g.targetYear}` : ''})`).join('; ')}</p>`}
      <${ApiChart} path=${`/indicators/${indicator.id}/charts/series.svg${query}`} alt=${t('indicators.chartAlt', { name: indicator.name })} />
      <${SeriesTable} series=${series} indicator=${indicator} />
    </div>`}
  `;
}

function SeriesTable({ series, indicator }) {
  if (series.loading && !series.data) return html`<${Loading} />`;
  if (series.error) return html`<${ProblemNotice} error=${series.error} onReload=${series.reload} focus=${false} />`;
  const all = series.data?.series ?? [];
  const periods = [...new Set(all.flatMap((s) => s.points.map((p) => p.period)))].sort();
  if (!periods.length) return html`<p class="empty">${t('indicators.noData')}</p>`;
  const value = (s, period) => s.points.find((p) => p.period === period);
  return html`<${TableWrap} label=${t('indicators.dataTable', { name: indicator.name })}>
    <table>
      <caption>${t('indicators.dataTable', { name: indicator.name })}</caption>
      <thead>
        <tr>
          <th scope="col">${t('indicators.period')}</th>
          ${all.map((s) => html`<th scope="col" class="num" key=${s.areaId ?? 'city'}>${s.areaName}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${periods.map(
          (period) => html`<tr key=${period}>
            <th scope="row">${period}</th>
            ${all.map((s) => {
              const p = value(s, period);
              return html`<td class="num" key=${s.areaId ?? 'city'}>
                ${p ? formatNumber(p.value, 1) : '–'}${p && s.areaId && p.index !== null ? html`<span class="meta"> (${t('indicators.indexShort')} ${formatNumber(p.index, 0)})</span>` : ''}
              </td>`;
            })}
          </tr>`,
        )}
      </tbody>
    </table>
  <//>`;
}
