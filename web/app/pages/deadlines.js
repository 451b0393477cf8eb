// Every running deadline on one screen (GET /api/deadlines): plans' stages and projects' owed evaluations,
// overdue first, with the working days left, the owner and, for a plan, its progress through the stages.
// The filters live in the address (?areaId=&administrationId=&kind=&overdue=), so a filtered list can be shared.
import { html, useEffect, useState } from '../html.js';
import { api, qs } from '../api.js';
import { formatDate, t, tOr } from '../i18n.js';
import {
  Loading,
  PageHeading,
  Pager,
  ProblemNotice,
  SelectField,
  stageLabel,
  TableWrap,
  useAsync,
} from '../components.js';
import { setSearch } from '../router.js';
import { loadRefs } from '../refs.js';
import { vocab } from '../vocabulary.js';
import { projectStateLabel } from '../projects-api.js';
import { StageProgress, workingDaysText } from '../glance.js';

const PAGE = 50;
const FILTERS = ['areaId', 'administrationId', 'kind', 'overdue'];

export function DeadlinesPage({ search }) {
  const filters = Object.fromEntries(FILTERS.map((f) => [f, search?.get(f) ?? '']));
  const [offset, setOffset] = useState(0);
  const key = FILTERS.map((f) => filters[f]).join('|');
  useEffect(() => setOffset(0), [key]);
  const refs = useAsync(async () => ({ ...(await loadRefs()), kinds: await vocab('deadlineKinds') }), []);
  const list = useAsync(() => api(`/deadlines${qs({ ...filters, limit: PAGE, offset })}`), [key, offset]);
  const set = (name) => (value) => setSearch({ [name]: value });

  return html`
    <${PageHeading} key="page-title" title=${t('deadlines.title')} />
    <p class="lead">${t('deadlines.lead')}</p>
    ${
      refs.data &&
      html`<form class="filters" onSubmit=${(e) => e.preventDefault()} aria-label=${t('deadlines.filters')}>
        <${SelectField}
          id="deadline-area"
          label=${t('deadlines.area')}
          value=${filters.areaId}
          onChange=${set('areaId')}
          placeholder=${t('deadlines.all')}
          options=${refs.data.areas.map((a) => ({ value: a.id, label: a.name }))}
        />
        <${SelectField}
          id="deadline-administration"
          label=${t('deadlines.administration')}
          value=${filters.administrationId}
          onChange=${set('administrationId')}
          placeholder=${t('deadlines.all')}
          options=${refs.data.administrations.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }))}
        />
        <${SelectField}
          id="deadline-kind"
          label=${t('deadlines.kind')}
          value=${filters.kind}
          onChange=${set('kind')}
          placeholder=${t('deadlines.all')}
          options=${refs.data.kinds.map((k) => ({ value: k, label: tOr(`deadlines.kinds.${k}`, k) }))}
        />
        <${SelectField}
          id="deadline-overdue"
          label=${t('deadlines.overdueFilter')}
          value=${filters.overdue}
          onChange=${set('overdue')}
          placeholder=${t('deadlines.all')}
          options=${[
            { value: 'true', label: t('deadlines.onlyOverdue') },
            { value: 'false', label: t('deadlines.notOverdue') },
          ]}
        />
      </form>`
    }
    <${ProblemNotice} error=${list.error ?? refs.error} onReload=${list.reload} focus=${false} />
    ${
      // While another filter's or page's list loads, the rows shown are the old ones: say so, so nobody reads them
      // as the new list (useAsync keeps the last answer until the next one arrives).
      !list.data
        ? html`<${Loading} />`
        : html`${list.loading ? html`<${Loading} />` : null}
            <div aria-busy=${list.loading ? 'true' : 'false'}>
              <${DeadlineTable} page=${list.data} onPage=${setOffset} />
            </div>`
    }
  `;
}

function DeadlineTable({ page, onPage }) {
  if (!page.items.length) return html`<p class="empty">${t('deadlines.none')}</p>`;
  return html`
    <p role="status" class="deadline-summary">
      ${t('deadlines.summary', { total: page.total, overdue: page.overdueCount })}
    </p>
    <${TableWrap} label=${t('deadlines.table')}>
      <table class="sticky-first" data-deadlines="">
        <caption>
          ${t('deadlines.table')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('deadlines.subject')}</th>
            <th scope="col">${t('deadlines.kind')}</th>
            <th scope="col">${t('deadlines.area')}</th>
            <th scope="col">${t('deadlines.owner')}</th>
            <th scope="col">${t('deadlines.where')}</th>
            <th scope="col">${t('deadlines.dueDate')}</th>
            <th scope="col" class="num">${t('deadlines.workingDays')}</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map(
            (d) =>
              html`<tr
                key=${`${d.kind}:${d.id}`}
                class=${d.overdue ? 'overdue' : ''}
                data-id=${d.id}
                data-kind=${d.kind}
              >
                <th scope="row">
                  <a href=${d.kind === 'plan_stage' ? `/plans/${d.id}` : `/projects/${d.id}`}>${d.title}</a>
                </th>
                <td>${tOr(`deadlines.kinds.${d.kind}`, d.kind)}</td>
                <td>${d.areaNames.join(', ') || '–'}</td>
                <td>${d.administrationCode}${d.ownerName ? ` · ${d.ownerName}` : ''}</td>
                <td>
                  ${
                    d.kind === 'plan_stage'
                      ? html`${stageLabel(d.stage)}${d.status ? ` · ${t(`status.${d.status}`)}` : ''}
                          <${StageProgress} stage=${d.stage} />`
                      : projectStateLabel(d.stage)
                  }
                </td>
                <td>${formatDate(d.dueDate)}</td>
                <td class="num" data-working-days=${d.workingDaysLeft}>
                  ${
                    d.overdue
                      ? html`<span class="tag overdue">${workingDaysText(d.workingDaysLeft, true)}</span>`
                      : workingDaysText(d.workingDaysLeft, false)
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
    <${Pager}
      total=${page.total}
      limit=${page.limit}
      offset=${page.offset}
      onChange=${onPage}
      label=${t('deadlines.table')}
    />
  `;
}
