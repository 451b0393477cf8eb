// The identification of deprived areas (GET /api/identification): the six socio-economic indices against the
// city's 100 summed per area, the areas ranked by the sum against the threshold, and each area's computation,
// for the year chosen. The API computes it; the page shows it as bars and as a table with the same figures.
import { html, useState } from '../html.js';
import { api, qs } from '../api.js';
import { formatFixed, formatNumber, t } from '../i18n.js';
import { Loading, PageHeading, Pager, ProblemNotice, SelectField, TableWrap, useAsync } from '../components.js';
import { setSearch } from '../router.js';
import { loadRefs } from '../refs.js';
import { BarChart } from '../glance.js';
import { CsvDownload } from '../exports.js';

const PAGE = 50;

/** The periods the city has figures for, newest first (from the first socio-economic indicator's city series). */
export async function cityPeriods(indicatorId) {
  if (!indicatorId) return [];
  const series = await api(`/indicators/${indicatorId}/series`);
  const city = series.series.find((s) => s.areaId === null);
  return [...new Set((city?.points ?? []).map((p) => p.period))].sort().reverse();
}

export function IdentificationPage({ search }) {
  const period = search?.get('period') ?? '';
  const [offset, setOffset] = useState(0);
  const periods = useAsync(async () => {
    const refs = await loadRefs();
    return cityPeriods(refs.indicators.find((i) => i.kind === 'socioeconomic' && i.active !== false)?.id);
  }, []);
  const data = useAsync(() => api(`/identification${qs({ period, limit: PAGE, offset })}`), [period, offset]);
  const result = data.data;
  return html`
    <${PageHeading} key="page-title" title=${t('identification.title')} />
    <p class="lead">${t('identification.lead')}</p>
    ${
      periods.data &&
      html`<form class="filters" onSubmit=${(e) => e.preventDefault()} aria-label=${t('identification.choose')}>
        <${SelectField}
          id="identification-period"
          label=${t('identification.period')}
          value=${period}
          onChange=${(v) => {
            setOffset(0);
            setSearch({ period: v });
          }}
          placeholder=${t('identification.latest')}
          options=${periods.data.map((p) => ({ value: p, label: p }))}
        />
      </form>`
    }
    <${ProblemNotice} error=${data.error} onReload=${data.reload} focus=${false} />
    ${!result ? html`<${Loading} />` : html`<${Ranking} result=${result} onPage=${setOffset} />`}
  `;
}

function Ranking({ result, onPage }) {
  if (!result.period) return html`<p class="empty">${t('identification.noPeriod')}</p>`;
  const indicators = result.areas[0]?.components ?? [];
  return html`
    <p role="status" data-identification-summary="">
      ${t('identification.summary', {
        period: result.period,
        deprived: result.deprivedCount,
        total: result.total,
        threshold: formatNumber(result.threshold, 0),
        n: result.indicatorCount,
      })}
    </p>
    <${BarChart}
      title=${t('identification.chartTitle', { period: result.period })}
      bars=${result.areas.map((a) => ({ label: a.areaName, value: a.total, tone: a.deprived ? 'high' : '' }))}
      reference=${result.threshold}
      referenceLabel=${t('identification.threshold', { value: formatNumber(result.threshold, 0) })}
    />
    <${TableWrap} label=${t('identification.table')}>
      <table class="sticky-first" data-identification="">
        <caption>
          ${t('identification.table')} (${result.period})
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('identification.area')}</th>
            <th scope="col" class="num">${t('identification.rank')}</th>
            ${indicators.map((c) => html`<th scope="col" class="num" key=${c.indicatorId}>${c.name}</th>`)}
            <th scope="col" class="num">${t('identification.sum')}</th>
            <th scope="col">${t('identification.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          ${result.areas.map(
            (a) =>
              html`<tr key=${a.areaId} data-area=${a.areaId}>
                <th scope="row"><a href=${`/areas/${a.areaId}`}>${a.areaName}</a></th>
                <td class="num">${a.rank ?? '–'}</td>
                ${a.components.map(
                  (c) =>
                    html`<td class="num" key=${c.indicatorId}>
                      ${c.contribution === null ? '–' : formatFixed(c.contribution, 1)}
                    </td>`,
                )}
                <td class="num" data-sum="">${a.total === null ? '–' : formatFixed(a.total, 1)}</td>
                <td>
                  ${
                    a.deprived
                      ? html`<span class="tag overdue">${t('identification.deprived')}</span>`
                      : a.complete
                        ? html`<span class="tag ok">${t('identification.notDeprived')}</span>`
                        : html`<span class="tag neutral">${t('identification.incomplete')}</span>`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
    <${CsvDownload}
      filename=${`udpegning-${result.period}.csv`}
      what=${t('identification.csv')}
      header=${[
        t('identification.area'),
        t('identification.rank'),
        ...indicators.map((c) => c.name),
        t('identification.sum'),
        t('identification.verdict'),
      ]}
      rows=${result.areas.map((a) => [
        a.areaName,
        a.rank,
        ...a.components.map((c) => (c.contribution === null ? null : Math.round(c.contribution * 10) / 10)),
        a.total === null ? null : Math.round(a.total * 10) / 10,
        a.deprived
          ? t('identification.deprived')
          : a.complete
            ? t('identification.notDeprived')
            : t('identification.incomplete'),
      ])}
    />
    <${Pager}
      total=${result.total}
      limit=${result.limit}
      offset=${result.offset}
      onChange=${onPage}
      label=${t('identification.table')}
    />
    <h2>${t('identification.computations')}</h2>
    <ul class="computations">
      ${result.areas.map(
        (a) => html`<li key=${a.areaId}><strong>${a.areaName}:</strong> <code>${a.computation}</code></li>`,
      )}
    </ul>
    ${
      result.notes?.length > 0 &&
      html`<ul class="meta">
        ${result.notes.map((n, i) => html`<li key=${i}>${n}</li>`)}
      </ul>`
    }
  `;
}
