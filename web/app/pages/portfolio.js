import { html } from '../html.js';
import { api } from '../api.js';
import { formatDate, formatMoney, formatNumber, t } from '../i18n.js';
import { Loading, PageHeading, Pager, ProblemNotice, TableWrap, useAsync, usePages } from '../components.js';
import { loadProjects, projectStateOrder, projectStateLabel } from '../projects-api.js';
import { loadRefs } from '../refs.js';
import { BarChart, StackedBars } from '../glance.js';
import { CsvDownload, ExportLinks } from '../exports.js';

/** The ledger's lines come a page at a time (the totals are always complete). */
const ADOPTION_PAGE = 50;

export function PortfolioPage() {
  const data = useAsync(async () => {
    const [portfolio, adoptions, overdue, refs] = await Promise.all([
      api('/projects/portfolio'),
      api(`/projects/adoptions?limit=${ADOPTION_PAGE}`),
      loadProjects({ overdue: 'true' }),
      loadRefs(),
    ]);
    return { portfolio, adoptions, overdue, refs };
  }, []);

  return html`
    <${PageHeading} key="page-title" title=${t('portfolio.title')} />
    <p class="lead">${t('portfolio.lead')}</p>
    <${ProblemNotice} error=${data.error} onReload=${data.reload} focus=${false} />
    ${
      !data.data
        ? html`<${Loading} />`
        : html`
            <p class="meta">${t('portfolio.asOf', { date: formatDate(data.data.portfolio.asOf) })}</p>
            <section class="block" aria-labelledby="by-state-heading">
              <h2 id="by-state-heading">${t('portfolio.byState')}</h2>
              <${StateChart} groups=${data.data.portfolio.byAdministration} />
              <${GroupTable} groups=${data.data.portfolio.byAdministration} label=${t('portfolio.byAdministration')} />
              <${AreaGroups} first=${data.data.portfolio} />
              <${ExportLinks} path="/projects/portfolio/export" what=${t('glancePortfolio.export')} />
            </section>
            <section class="block" aria-labelledby="overdue-heading">
              <h2 id="overdue-heading">${t('portfolio.overdue')}</h2>
              ${
                data.data.overdue.length === 0
                  ? html`<p class="empty">${t('portfolio.noOverdue')}</p>`
                  : html`<ul>
                      ${data.data.overdue.map(
                        (p) =>
                          html`<li key=${p.id}>
                            <a href=${`/projects/${p.id}`}>${p.title}</a> – ${projectStateLabel(p.state, p.stateLabel)},
                            ${t('portfolio.deadlineWas', { date: formatDate(p.evaluationDeadline) })}
                            (${data.data.refs.administrations.find((a) => a.id === p.owningAdministrationId)?.code ?? ''})
                          </li>`,
                      )}
                    </ul>`
              }
            </section>
            <section class="block" aria-labelledby="adoptions-heading">
              <h2 id="adoptions-heading">${t('portfolio.adoptions')}</h2>
              <${AdoptedPerYear} totals=${data.data.adoptions.totals} />
              <${Adoptions} ledger=${data.data.adoptions} />
            </section>
            <section class="block" aria-labelledby="leadtime-heading">
              <h2 id="leadtime-heading">${t('portfolio.leadTimes')}</h2>
              <p>${t('portfolio.leadTimesLead')}</p>
              <${BarChart}
                title=${t('glancePortfolio.leadTimeChart')}
                bars=${data.data.portfolio.byAdministration
                  .filter((g) => g.decisionLeadTime?.medianWorkingDays !== null && g.decisionLeadTime?.decisions > 0)
                  .map((g) => ({ label: g.name, value: g.decisionLeadTime.medianWorkingDays }))}
              />
              <${LeadTimes} groups=${data.data.portfolio.byAdministration} label=${t('portfolio.byAdministration')} />
            </section>
          `
    }
  `;
}

/** Projects by state per administration, as stacked bars (the table below has the numbers). */
function StateChart({ groups }) {
  const states = projectStateOrder().filter((s) => groups.some((g) => g.countsByState?.[s]));
  return html`<${StackedBars}
    title=${t('glancePortfolio.stateChart')}
    keys=${states}
    keyLabel=${(s) => projectStateLabel(s)}
    rows=${groups.map((g) => ({ label: g.name, parts: states.map((s) => ({ key: s, value: g.countsByState?.[s] ?? 0 })) }))}
  />`;
}

/** The yearly amounts adopted into base budgets, summed per first budget year: bars, a table, and as CSV. */
function AdoptedPerYear({ totals }) {
  const byYear = new Map();
  for (const r of totals) {
    const year = byYear.get(r.budgetYear) ?? { amount: 0, lines: 0 };
    year.amount += Number(r.yearlyAmountDkk);
    year.lines += r.lines;
    byYear.set(r.budgetYear, year);
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  if (!years.length) return null;
  return html`<h3>${t('glancePortfolio.perYear')}</h3>
    <${BarChart}
      title=${t('glancePortfolio.perYear')}
      bars=${years.map((y) => ({ label: String(y), value: byYear.get(y).amount }))}
    />
    <${TableWrap} label=${t('glancePortfolio.perYear')}>
      <table data-adopted-per-year="">
        <caption>
          ${t('glancePortfolio.perYear')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('portfolio.budgetYear')}</th>
            <th scope="col" class="num">${t('portfolio.newYearly')}</th>
            <th scope="col" class="num">${t('portfolio.lines')}</th>
          </tr>
        </thead>
        <tbody>
          ${years.map(
            (y) =>
              html`<tr key=${y}>
                <th scope="row">${y}</th>
                <td class="num" data-amount=${byYear.get(y).amount}>${formatMoney(byYear.get(y).amount)}</td>
                <td class="num">${byYear.get(y).lines}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
    <${CsvDownload}
      filename="forankret-pr-budgetaar.csv"
      what=${t('glancePortfolio.perYearCsv')}
      header=${[t('portfolio.budgetYear'), t('portfolio.newYearly'), t('portfolio.lines')]}
      rows=${years.map((y) => [y, byYear.get(y).amount, byYear.get(y).lines])}
    />`;
}

function GroupTable({ groups, label }) {
  const states = projectStateOrder().filter((s) => groups.some((g) => g.countsByState?.[s]));
  if (!groups.length) return html`<p class="empty">${t('portfolio.none')}</p>`;
  return html`<${TableWrap} label=${label}>
    <table>
      <caption>
        ${label}
      </caption>
      <thead>
        <tr>
          <th scope="col">${label}</th>
          <th scope="col" class="num">${t('portfolio.projects')}</th>
          ${states.map((s) => html`<th scope="col" class="num" key=${s}>${projectStateLabel(s)}</th>`)}
          <th scope="col" class="num">${t('portfolio.overdueShort')}</th>
        </tr>
      </thead>
      <tbody>
        ${groups.map(
          (g) =>
            html`<tr key=${g.id}>
              <th scope="row">${g.name}</th>
              <td class="num">${g.projects}</td>
              ${states.map((s) => html`<td class="num" key=${s}>${g.countsByState?.[s] ?? 0}</td>`)}
              <td class="num">
                ${g.overdueEvaluations > 0 ? html`<span class="tag overdue">${g.overdueEvaluations}</span>` : 0}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  <//>`;
}

/** The areas' figures, a page of areas at a time (the administrations' are always all there). */
function AreaGroups({ first }) {
  const { shown, error, loading, go } = usePages(first, (offset) =>
    api(`/projects/portfolio?limit=${first.limit}&offset=${offset}`),
  );
  return html`
    <${ProblemNotice} error=${error} onReload=${() => go(shown.offset)} focus=${false} />
    <div aria-busy=${loading ? 'true' : 'false'}>
      ${loading ? html`<${Loading} />` : null}
      <${GroupTable} groups=${shown.byArea} label=${t('portfolio.byArea')} />
    </div>
    <${Pager}
      total=${shown.areaTotal}
      limit=${shown.limit}
      offset=${shown.offset}
      onChange=${go}
      label=${t('portfolio.areaPages')}
    />
  `;
}

function Adoptions({ ledger: first }) {
  const {
    shown: ledger,
    error,
    go,
  } = usePages(first, (offset) => api(`/projects/adoptions?limit=${ADOPTION_PAGE}&offset=${offset}`));
  if (!ledger.lines.length) return html`<p class="empty">${t('portfolio.noAdoptions')}</p>`;
  return html`
    <${ProblemNotice} error=${error} onReload=${() => go(ledger.offset)} focus=${false} />
    <${TableWrap} label=${t('portfolio.adoptionTotals')}>
      <table>
        <caption>
          ${t('portfolio.adoptionTotals')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('portfolio.administration')}</th>
            <th scope="col" class="num">${t('portfolio.budgetYear')}</th>
            <th scope="col" class="num">${t('portfolio.newYearly')}</th>
            <th scope="col" class="num">${t('portfolio.cumulative')}</th>
            <th scope="col" class="num">${t('portfolio.lines')}</th>
          </tr>
        </thead>
        <tbody>
          ${ledger.totals.map(
            (r) =>
              html`<tr key=${`${r.administrationId}-${r.budgetYear}`}>
                <th scope="row">${r.administrationName}</th>
                <td class="num">${r.budgetYear}</td>
                <td class="num">${formatMoney(r.yearlyAmountDkk)}</td>
                <td class="num">${formatMoney(r.cumulativeYearlyAmountDkk)}</td>
                <td class="num">${r.lines}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
    <${TableWrap} label=${t('portfolio.adoptionLines')}>
      <table>
        <caption>
          ${t('portfolio.adoptionLines')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('projects.project')}</th>
            <th scope="col">${t('portfolio.administration')}</th>
            <th scope="col" class="num">${t('portfolio.yearly')}</th>
            <th scope="col" class="num">${t('portfolio.firstYear')}</th>
            <th scope="col">${t('portfolio.decidedBy')}</th>
          </tr>
        </thead>
        <tbody>
          ${ledger.lines.map(
            (l) =>
              html`<tr key=${l.projectId}>
                <td><a href=${`/projects/${l.projectId}`}>${l.projectTitle}</a></td>
                <td>${l.administrationName}</td>
                <td class="num">${formatMoney(l.yearlyAmountDkk)}</td>
                <td class="num">${l.firstBudgetYear}</td>
                <td>${l.decidedByName}, ${formatDate(l.decidedAt)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
    <${Pager}
      total=${ledger.total}
      limit=${ledger.limit}
      offset=${ledger.offset}
      onChange=${go}
      label=${t('portfolio.adoptionLines')}
    />
  `;
}

function LeadTimes({ groups, label }) {
  const rows = groups.filter((g) => g.decisionLeadTime?.decisions > 0);
  if (!rows.length) return html`<p class="empty">${t('portfolio.noDecisions')}</p>`;
  return html`<${TableWrap} label=${t('portfolio.leadTimes')}>
    <table>
      <thead>
        <tr>
          <th scope="col">${label}</th>
          <th scope="col" class="num">${t('portfolio.decisions')}</th>
          <th scope="col" class="num">${t('portfolio.median')}</th>
          <th scope="col" class="num">${t('portfolio.p90')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (g) =>
            html`<tr key=${g.id}>
              <th scope="row">${g.name}</th>
              <td class="num">${g.decisionLeadTime.decisions}</td>
              <td class="num">
                ${g.decisionLeadTime.medianWorkingDays === null ? '–' : formatNumber(g.decisionLeadTime.medianWorkingDays, 0)}
              </td>
              <td class="num">
                ${g.decisionLeadTime.p90WorkingDays === null ? '–' : formatNumber(g.decisionLeadTime.p90WorkingDays, 0)}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  <//>`;
}
