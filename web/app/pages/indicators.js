import { html, useEffect, useRef, useState } from '../html.js';
import { api, qs } from '../api.js';
import { apiMessage, formatNumber, t } from '../i18n.js';
import { setSearch } from '../router.js';
import { ApiChart } from '../chart.js';
import {
  CheckboxGroup,
  Loading,
  PageHeading,
  ProblemNotice,
  SelectField,
  SuccessNotice,
  TableWrap,
  useAsync,
  useSession,
} from '../components.js';
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
    ${
      session.hasRole('staff', 'administrator') &&
      html`<section class="block" aria-labelledby="upload-heading">
        <h2 id="upload-heading">${t('indicators.upload')}</h2>
        <${Upload} />
      </section>`
    }
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

  // Poll the import until it has succeeded or failed. A failed poll (the network, a busy server) is shown and
  // tried again, more slowly, rather than leaving the progress standing still for good.
  const [failedPolls, setFailedPolls] = useState(0);
  useEffect(() => {
    if (!job || DONE.includes(job.status)) return undefined;
    const timer = setTimeout(
      async () => {
        try {
          setJob(await api(`/indicators/imports/${job.id}`));
          setFailedPolls(0);
          setError(null);
        } catch (err) {
          setError(err);
          setFailedPolls((n) => n + 1);
        }
      },
      Math.min(POLL_MS * 2 ** failedPolls, 10_000),
    );
    return () => clearTimeout(timer);
  }, [job, failedPolls]);

  const upload = async (e) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    setError(null);
    setMissingFile(!file);
    if (!file) return;
    setBusy(true);
    setJob(null);
    setFailedPolls(0);
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
      <div class="button-row">
        <button type="submit" disabled=${busy || (job && !DONE.includes(job.status))}>
          ${t('indicators.uploadSubmit')}
        </button>
      </div>
    </form>
    ${job && html`<${ImportProgress} job=${job} />`}
  </div>`;
}

/**
 * Where the import is, in words beside the bar: queued, reading the file (the
 * total not known yet: an indeterminate bar), checking the rows, storing them
 * (rowsDone of rowsTotal), then done or refused.
 */
function importState(job) {
  const running = !DONE.includes(job.status);
  const phase = running ? (job.phase ?? (job.status === 'queued' ? 'queued' : job.status)) : job.status;
  const total = job.rowsTotal ?? null;
  const known = !running || (total !== null && total > 0);
  const done = running ? Math.min(job.rowsDone ?? 0, total ?? Infinity) : (total ?? 0);
  const rows =
    known && total > 0
      ? t('indicators.rowsOf', { done, total })
      : phase === 'reading' && job.rowsDone > 0
        ? t('indicators.rowsRead', { done: job.rowsDone })
        : '';
  return { running, phase, total, known, done, words: t(`importPhase.${phase}`), rows };
}

function ImportProgress({ job }) {
  const s = importState(job);
  const text = s.rows ? `${s.words} – ${s.rows}` : s.words;
  // Finished without a known total (a file that could not be read): the bar is full, in percent.
  const max = s.known ? Math.max(s.total, 1) : undefined;
  const now = s.known ? (s.total > 0 ? s.done : max) : undefined;
  const width = s.known ? `${Math.round((now / max) * 100)}%` : undefined;
  // A refused import is shown as refused: a red, striped bar (as far as it got) and the words in red, never a full
  // blue bar that reads as done.
  const failed = job.status === 'failed';
  return html`<div class="card" data-import-status=${job.status}>
    <h3>${t('indicators.importOf', { file: job.fileName })}</h3>
    ${job.duplicate && html`<p class="notice">${t('indicators.duplicate')}</p>`}
    <p class="label" id="import-progress-label">${t('indicators.progress')}</p>
    <div class="import-progress">
      <div
        id="import-progress"
        class=${`progress-bar${s.known ? '' : ' indeterminate'}${failed ? ' failed' : ''}`}
        data-progress-outcome=${failed ? 'failed' : job.status === 'succeeded' ? 'succeeded' : 'running'}
        role="progressbar"
        aria-labelledby="import-progress-label"
        aria-valuemin=${s.known ? 0 : undefined}
        aria-valuemax=${max}
        aria-valuenow=${now}
        aria-valuetext=${text}
      >
        <span class="progress-fill" style=${width ? { width } : undefined}></span>
      </div>
      <p role="status" class=${`import-phase${failed ? ' failed' : ''}`} data-import-phase=${s.phase}>${text}</p>
    </div>
    ${
      job.status === 'succeeded' &&
      html`<${SuccessNotice}>
        <p>${t('indicators.succeeded', { inserted: job.inserted, updated: job.updated, unchanged: job.unchanged })}</p>
      <//>`
    }
    ${
      job.status === 'failed' &&
      html`<div class="notice error" role="alert">
        <h4>${t('indicators.failed', { n: job.errorCount })}</h4>
        <p>${t('indicators.failedLead')}</p>
      </div>`
    }
    ${
      job.errors.length > 0 &&
      html`<${TableWrap} label=${t('indicators.errorReport')}>
        <table>
          <caption>
            ${t('indicators.errorReport')}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num">${t('indicators.row')}</th>
              <th scope="col">${t('indicators.column')}</th>
              <th scope="col">${t('indicators.problem')}</th>
            </tr>
          </thead>
          <tbody>
            ${job.errors.map(
              (e, i) =>
                html`<tr key=${i}>
                  <td class="num">${e.row === 0 ? t('indicators.wholeFile') : e.row}</td>
                  <td>${e.column ?? '–'}</td>
                  <td>${apiMessage(e)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      <//>`
    }
  </div>`;
}

function Charts({ refs, search }) {
  const indicatorId = search.get('indicator') ?? refs.indicators[0]?.id ?? '';
  const areaIds = (search.get('areas') ?? '').split(',').filter(Boolean);
  const query = qs({ areaIds: areaIds.join(',') || undefined });
  const series = useAsync(
    () => (indicatorId ? api(`/indicators/${indicatorId}/series${query}`) : Promise.resolve(null)),
    [indicatorId, query],
  );
  // What each goal's target is (absolute or at the city's level) is the theory of change's to say.
  const kinds = useAsync(
    () =>
      api('/theory-of-change')
        .then(targetKinds)
        .catch(() => new Map()),
    [],
  );
  const indicator = refs.indicators.find((i) => i.id === indicatorId);
  const kindOf = (g) => kinds.data?.get(g.id) ?? 'absolute';
  const goals = kinds.data
    ? refs.goals.filter((g) => g.indicatorId === indicatorId && (kindOf(g) === 'city_level' || g.targetValue !== null))
    : [];
  const target = (g) =>
    kindOf(g) === 'city_level'
      ? `${g.title} (${t('indicators.cityLevelTarget')}${g.targetYear ? `, ${g.targetYear}` : ''})`
      : `${g.title} (${formatNumber(g.targetValue, 1)}${g.targetYear ? `, ${g.targetYear}` : ''})`;

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
    ${
      indicator &&
      html`<div>
        <h3>${indicator.name}</h3>
        ${indicator.source && html`<p class="meta">${t('indicators.source')}: ${indicator.source}</p>`}
        ${goals.length > 0 && html`<p data-targets>${t('indicators.targets')}: ${goals.map(target).join('; ')}</p>`}
        <${ApiChart}
          path=${`/indicators/${indicator.id}/charts/series.svg${query}`}
          alt=${t('indicators.chartAlt', { name: indicator.name })}
        />
        <${SeriesTable} series=${series} indicator=${indicator} />
      </div>`
    }
  `;
}

/** Goal id → targetKind, from the theory of change. */
function targetKinds(toc) {
  const goals = [...toc.overallGoals.flatMap((o) => o.goals), ...toc.otherGoals];
  return new Map(goals.map((g) => [g.id, g.targetKind]));
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
      <caption>
        ${t('indicators.dataTable', { name: indicator.name })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('indicators.period')}</th>
          ${all.map((s) => html`<th scope="col" class="num" key=${s.areaId ?? 'city'}>${s.areaName}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${periods.map(
          (period) =>
            html`<tr key=${period}>
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
