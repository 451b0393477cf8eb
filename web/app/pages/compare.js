// Areas against the city (/areas/compare): every area's index for a chosen indicator and period against the
// city's 100, as bars and as a table; the index over time; the six socio-economic indicators side by side; and
// the goal status per area and concrete goal as a colour-coded grid with trend arrows. All figures are the API's
// (GET /api/overview, /api/indicators/:id/series, /api/theory-of-change?areaId=); a page of areas at a time.
import { html, useState } from '../html.js';
import { api, qs } from '../api.js';
import { formatFixed, formatNumber, t } from '../i18n.js';
import { Loading, PageHeading, Pager, ProblemNotice, SelectField, TableWrap, useAsync } from '../components.js';
import { setSearch } from '../router.js';
import { loadRefs } from '../refs.js';
import { BarChart, LineChart } from '../glance.js';
import { cityPeriods } from './identification.js';
import { ExportLinks } from '../exports.js';

/** Areas per page: each area's goal status is one request, so the page stays small. */
const PAGE = 20;

export function ComparePage({ search }) {
  const [offset, setOffset] = useState(0);
  const refs = useAsync(() => loadRefs(), []);
  const indicators = (refs.data?.indicators ?? []).filter((i) => i.active !== false);
  const indicatorId =
    search?.get('indicatorId') || indicators.find((i) => i.kind === 'socioeconomic')?.id || indicators[0]?.id || '';
  const indicator = indicators.find((i) => i.id === indicatorId);
  const periods = useAsync(() => cityPeriods(indicatorId), [indicatorId]);
  const period = search?.get('period') || periods.data?.[0] || '';
  const overview = useAsync(
    () => (period ? api(`/overview${qs({ period, limit: PAGE, offset })}`) : Promise.resolve(null)),
    [period, offset],
  );
  const areaIds = (overview.data?.areas ?? []).map((a) => a.areaId);
  const series = useAsync(
    () =>
      indicatorId && areaIds.length
        ? api(`/indicators/${indicatorId}/series${qs({ areaIds: areaIds.join(',') })}`)
        : Promise.resolve(null),
    [indicatorId, areaIds.join(',')],
  );

  return html`
    <${PageHeading} key="page-title" title=${t('compare.title')} />
    <p class="lead">${t('compare.lead')}</p>
    ${
      refs.data &&
      html`<form class="filters" onSubmit=${(e) => e.preventDefault()} aria-label=${t('compare.choose')}>
        <${SelectField}
          id="compare-indicator"
          label=${t('compare.indicator')}
          value=${indicatorId}
          onChange=${(v) => setSearch({ indicatorId: v, period: '' })}
          options=${indicators.map((i) => ({ value: i.id, label: i.name }))}
        />
        <${SelectField}
          id="compare-period"
          label=${t('compare.period')}
          value=${period}
          onChange=${(v) => setSearch({ period: v })}
          options=${(periods.data ?? []).map((p) => ({ value: p, label: p }))}
        />
      </form>`
    }
    <${ProblemNotice}
      error=${refs.error ?? overview.error ?? series.error}
      onReload=${overview.reload}
      focus=${false}
    />
    ${
      !overview.data
        ? periods.data && !period
          ? html`<p class="empty">${t('compare.noPeriods')}</p>`
          : html`<${Loading} />`
        : // While another period's or page's figures load, the old ones stay (useAsync keeps the last answer):
          // the page says so.
          html`
            ${overview.loading || series.loading ? html`<${Loading} />` : null}
            <div aria-busy=${overview.loading || series.loading ? 'true' : 'false'}>
              <${IndexAgainstCity}
                overview=${overview.data}
                indicator=${indicator}
                period=${overview.data.period ?? period}
              />
              <${Pager}
                total=${overview.data.total}
                limit=${overview.data.limit}
                offset=${overview.data.offset}
                onChange=${setOffset}
                label=${t('compare.areasPages')}
              />
              <${OverTime} series=${series.data} indicator=${indicator} areaIds=${areaIds} />
              <${SideBySide} overview=${overview.data} period=${overview.data.period ?? period} />
              <${GoalGrid} key=${areaIds.join(',')} areas=${overview.data.areas} />
            </div>
          `
    }
  `;
}

function IndexAgainstCity({ overview, indicator, period }) {
  const rows = overview.areas.map((a) => ({
    area: a,
    cell: a.indicators.find((c) => c.indicatorId === indicator?.id),
  }));
  return html`<section class="block" aria-labelledby="compare-index-heading">
    <h2 id="compare-index-heading">${t('compare.indexHeading', { indicator: indicator?.name ?? '', period })}</h2>
    <${BarChart}
      title=${t('compare.indexHeading', { indicator: indicator?.name ?? '', period })}
      bars=${rows.map((r) => ({ label: r.area.areaName, value: r.cell?.index ?? null, tone: (r.cell?.index ?? 0) > 100 ? 'high' : '' }))}
      reference=${100}
      referenceLabel=${t('compare.city100')}
    />
    <${TableWrap} label=${t('compare.indexTable')}>
      <table class="sticky-first" data-compare-index="">
        <caption>
          ${t('compare.indexTable')}: ${indicator?.name ?? ''}, ${period}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('compare.area')}</th>
            <th scope="col" class="num">${t('compare.value')}</th>
            <th scope="col" class="num">${t('compare.cityValue')}</th>
            <th scope="col" class="num">${t('compare.index')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ({ area, cell }) =>
              html`<tr key=${area.areaId} data-area=${area.areaId}>
                <th scope="row"><a href=${`/areas/${area.areaId}`}>${area.areaName}</a></th>
                <td class="num">
                  ${cell?.value === null || !cell ? '–' : `${formatFixed(cell.value, 1)} ${cell.unit ?? ''}`}
                </td>
                <td class="num">${cell?.cityValue === null || !cell ? '–' : formatFixed(cell.cityValue, 1)}</td>
                <td class="num" data-index="">${cell?.index === null || !cell ? '–' : formatNumber(cell.index, 0)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
  </section>`;
}

function OverTime({ series, indicator, areaIds }) {
  if (!series) return null;
  const areas = series.series.filter((s) => s.areaId !== null);
  const periods = [...new Set(areas.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const lines = areas.map((s) => ({
    label: s.areaName,
    points: s.points.filter((p) => p.index !== null).map((p) => ({ period: p.period, value: p.index })),
  }));
  return html`<section class="block" aria-labelledby="compare-time-heading">
    <h2 id="compare-time-heading">${t('compare.overTime', { indicator: indicator?.name ?? '' })}</h2>
    <${LineChart}
      title=${t('compare.overTime', { indicator: indicator?.name ?? '' })}
      series=${lines}
      reference=${100}
      referenceLabel=${t('compare.city100')}
    />
    <${TableWrap} label=${t('compare.timeTable')}>
      <table class="sticky-first">
        <caption>
          ${t('compare.timeTable')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('compare.area')}</th>
            ${periods.map((p) => html`<th scope="col" class="num" key=${p}>${p}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${areas.map(
            (s) =>
              html`<tr key=${s.areaId}>
                <th scope="row">${s.areaName}</th>
                ${periods.map((p) => {
                  const point = s.points.find((x) => x.period === p);
                  return html`<td class="num" key=${p}>
                    ${point?.index === null || !point ? '–' : formatNumber(point.index, 0)}
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
    ${indicator && html`<${ExportLinks} path=${`/indicators/${indicator.id}/series/export`} params=${{ areaIds: areaIds.join(',') }} what=${t('compare.seriesExport')} />`}
  </section>`;
}

function SideBySide({ overview, period }) {
  const socio = (overview.areas[0]?.indicators ?? []).filter((c) => c.kind === 'socioeconomic');
  if (!socio.length) return null;
  return html`<section class="block" aria-labelledby="compare-socio-heading">
    <h2 id="compare-socio-heading">${t('compare.socioHeading', { period })}</h2>
    <p>${t('compare.socioLead')}</p>
    <${TableWrap} label=${t('compare.socioTable')}>
      <table class="sticky-first heat" data-compare-socio="">
        <caption>
          ${t('compare.socioTable')} (${period})
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('compare.area')}</th>
            ${socio.map((c) => html`<th scope="col" class="num" key=${c.indicatorId}>${c.name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${overview.areas.map(
            (a) =>
              html`<tr key=${a.areaId}>
                <th scope="row">${a.areaName}</th>
                ${socio.map((s) => {
                  const c = a.indicators.find((x) => x.indicatorId === s.indicatorId);
                  const index = c?.index ?? null;
                  const level =
                    index === null
                      ? ''
                      : index >= 150
                        ? 'heat-3'
                        : index >= 120
                          ? 'heat-2'
                          : index > 100
                            ? 'heat-1'
                            : 'heat-0';
                  return html`<td class=${`num ${level}`} key=${s.indicatorId}>
                    ${index === null ? '–' : formatNumber(index, 0)}
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
  </section>`;
}

const ARROWS = { improving: '↑', worsening: '↓', flat: '→' };
const STATUS_CLASS = { on_track: 'ok', at_risk: 'submitted', off_track: 'overdue', no_data: 'neutral' };

/** Goal status per area and concrete goal: one theory of change per area of the page. */
function GoalGrid({ areas }) {
  const data = useAsync(
    () => Promise.all(areas.map((a) => api(`/theory-of-change${qs({ areaId: a.areaId })}`))),
    [areas.map((a) => a.areaId).join(',')],
  );
  const goalsOf = (toc) => [...toc.overallGoals.flatMap((o) => o.goals), ...toc.otherGoals];
  return html`<section class="block" aria-labelledby="compare-goals-heading">
    <h2 id="compare-goals-heading">${t('compare.goalsHeading')}</h2>
    <p>${t('compare.goalsLead')}</p>
    <${ProblemNotice} error=${data.error} onReload=${data.reload} focus=${false} />
    ${
      !data.data
        ? html`<${Loading} />`
        : html`<${TableWrap} label=${t('compare.goalsTable')}>
              <table class="sticky-first goal-grid" data-goal-grid="">
                <caption>
                  ${t('compare.goalsTable')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('compare.goal')}</th>
                    ${areas.map((a) => html`<th scope="col" key=${a.areaId}>${a.areaName}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${goalsOf(data.data[0] ?? { overallGoals: [], otherGoals: [] }).map(
                    (goal) =>
                      html`<tr key=${goal.id}>
                        <th scope="row">${goal.title}</th>
                        ${data.data.map((toc, i) => {
                          const g = goalsOf(toc).find((x) => x.id === goal.id);
                          const status = g?.progress?.status ?? 'no_data';
                          const trend = g?.progress?.trend?.direction;
                          return html`<td
                            key=${areas[i].areaId}
                            class=${`status-cell ${STATUS_CLASS[status] ?? 'neutral'}`}
                            data-status=${status}
                          >
                            <span>${t(`goalStatus.${status}`)}</span>
                            ${trend && html` <span aria-hidden="true">${ARROWS[trend]}</span><span class="visually-hidden">, ${t(`toc.trend.${trend}`)}</span>`}
                          </td>`;
                        })}
                      </tr>`,
                  )}
                </tbody>
              </table>
            <//>
            <${ExportLinks}
              path="/theory-of-change/goal-status/export"
              params=${{ areaIds: areas.map((a) => a.areaId).join(',') }}
              what=${t('compare.goalsCsv')}
            />`
    }
  </section>`;
}
