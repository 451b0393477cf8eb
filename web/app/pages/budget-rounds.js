// Budget rounds (budgetrunder): the waves of plans tied to a budget year. The list (GET /api/budget-rounds), and a
// round's page: every plan of its budget year with stage and deadline, and the material for the budget
// negotiations (GET /api/budget-rounds/:year/proposals): proposals by administration and area, asked vs granted,
// the idea catalogue, with the same material as XLSX and PDF. Administrators create a round and change it.
import { html, useState } from '../html.js';
import { api, qs } from '../api.js';
import { formatDate, formatDateTime, formatMoney, t } from '../i18n.js';
import { navigate } from '../router.js';
import {
  Breadcrumbs,
  CheckboxGroup,
  DeadlineCell,
  fieldErrors,
  Loading,
  PageHeading,
  ProblemNotice,
  StageTag,
  SuccessNotice,
  TableWrap,
  TextField,
  useAsync,
  useSession,
  withFieldLinks,
} from '../components.js';
import { loadRefs } from '../refs.js';

const areaNames = (round) => round.areas.map((a) => a.name).join(', ') || '–';
const money = (v) => (v === null || v === undefined ? '–' : formatMoney(v));

export function BudgetRoundsPage() {
  const session = useSession();
  const rounds = useAsync(() => api('/budget-rounds'), []);
  return html`
    <${PageHeading} key="page-title" title=${t('budgetRounds.title')} />
    <p class="lead">${t('budgetRounds.lead')}</p>
    <${ProblemNotice} error=${rounds.error} onReload=${rounds.reload} focus=${false} />
    ${
      !rounds.data
        ? html`<${Loading} />`
        : !rounds.data.length
          ? html`<p class="empty">${t('budgetRounds.none')}</p>`
          : html`<${TableWrap} label=${t('budgetRounds.table')}>
              <table data-budget-rounds="">
                <caption>
                  ${t('budgetRounds.table')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('budgetRounds.budgetYear')}</th>
                    <th scope="col">${t('budgetRounds.areas')}</th>
                    <th scope="col">${t('budgetRounds.proposalsDueOn')}</th>
                    <th scope="col" class="num">${t('budgetRounds.planCount')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rounds.data.map(
                    (r) =>
                      html`<tr key=${r.id}>
                        <th scope="row">
                          <a href=${`/budget-rounds/${r.budgetYear}`}
                            >${t('budgetRounds.budget', { year: r.budgetYear })}</a
                          >
                        </th>
                        <td>${areaNames(r)}</td>
                        <td>${r.proposalsDueOn ? formatDate(r.proposalsDueOn) : t('budgetRounds.noDueDate')}</td>
                        <td class="num">${r.planCount}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            <//>`
    }
    ${session.hasRole('administrator') && html`<${RoundForm} />`}
  `;
}

/** Create a round (no `round`) or change one (its areas and due date, with its version). */
function RoundForm({ round, onSaved }) {
  const refs = useAsync(() => loadRefs(), []);
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState(round ? String(round.budgetYear) : String(new Date().getFullYear() + 1));
  const [areaIds, setAreaIds] = useState(round ? round.areas.map((a) => a.id) : []);
  const [dueOn, setDueOn] = useState(round?.proposalsDueOn ?? '');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const id = round ? 'edit-round' : 'new-round';
  const labels = {
    budgetYear: t('budgetRounds.budgetYear'),
    areaIds: t('budgetRounds.areas'),
    proposalsDueOn: t('budgetRounds.proposalsDueOn'),
  };
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    const body = { areaIds, proposalsDueOn: dueOn || null };
    try {
      if (round) {
        await api(`/budget-rounds/${round.budgetYear}`, { method: 'PATCH', body: { version: round.version, ...body } });
        setSaved(true);
        onSaved?.();
      } else {
        const n = Number(year);
        const created = await api('/budget-rounds', {
          method: 'POST',
          body: { budgetYear: year.trim() && Number.isFinite(n) ? n : year, ...body },
        });
        navigate(`/budget-rounds/${created.budgetYear}`);
      }
    } catch (err) {
      setError(withFieldLinks(err, id, labels));
    }
    setBusy(false);
  };
  const errors = fieldErrors(error);
  return html`<div>
    <button
      type="button"
      class="secondary"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${open ? id : undefined}
      onClick=${() => setOpen(!open)}
    >
      ${open ? t('form.closeForm') : round ? t('budgetRounds.edit') : t('budgetRounds.create')}
    </button>
    ${
      open &&
      html`<form id=${id} class="section-editor" onSubmit=${submit} novalidate>
        <h2>${round ? t('budgetRounds.edit') : t('budgetRounds.create')}</h2>
        <${ProblemNotice} error=${error} />
        ${saved && html`<${SuccessNotice}>${t('budgetRounds.saved')}<//>`}
        ${
          !round &&
          html`<${TextField}
            id=${`${id}-budgetYear`}
            label=${labels.budgetYear}
            inputMode="numeric"
            value=${year}
            onInput=${setYear}
            error=${errors.budgetYear}
            required=${true}
          />`
        }
        <${CheckboxGroup}
          id=${`${id}-areaIds`}
          label=${labels.areaIds}
          hint=${t('budgetRounds.areasHint')}
          values=${areaIds}
          onChange=${setAreaIds}
          options=${(refs.data?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))}
          error=${errors.areaIds}
        />
        <${TextField}
          id=${`${id}-proposalsDueOn`}
          label=${labels.proposalsDueOn}
          type="date"
          value=${dueOn}
          onInput=${setDueOn}
          error=${errors.proposalsDueOn}
        />
        <div class="button-row">
          <button type="submit" disabled=${busy}>${round ? t('budgetRounds.save') : t('budgetRounds.create')}</button>
        </div>
      </form>`
    }
  </div>`;
}

export function BudgetRoundPage({ params }) {
  const session = useSession();
  const data = useAsync(async () => {
    const [round, material] = await Promise.all([
      api(`/budget-rounds/${encodeURIComponent(params.year)}`),
      api(`/budget-rounds/${encodeURIComponent(params.year)}/proposals`),
    ]);
    return { round, material };
  }, [params.year]);
  const title = t('budgetRounds.roundTitle', { year: params.year });
  if (!data.data)
    return html`
      <${PageHeading} key="page-title" title=${title} />
      <${ProblemNotice} error=${data.error} onReload=${data.reload} />
      ${!data.error && html`<${Loading} />`}
    `;
  const { round, material } = data.data;
  const noPlan = t('budgetRounds.noPlan');
  const outside = html` <span class="tag">${t('budgetRounds.outsideAreas')}</span>`;
  const file = (format) => `/api/budget-rounds/${round.budgetYear}/proposals${qs({ format })}`;
  return html`
    <${Breadcrumbs}
      items=${[
        { href: '/budget-rounds', label: t('budgetRounds.title') },
        { label: t('budgetRounds.budget', { year: round.budgetYear }) },
      ]}
    />
    <${PageHeading} key="page-title" title=${title} />
    <dl class="facts">
      <dt>${t('budgetRounds.proposalsDueOn')}</dt>
      <dd>${round.proposalsDueOn ? formatDate(round.proposalsDueOn) : t('budgetRounds.noDueDate')}</dd>
      <dt>${t('budgetRounds.areas')}</dt>
      <dd>
        ${
          round.areas.length
            ? round.areas.map(
                (a, i) =>
                  html`${i ? ', ' : ''}${a.name}${a.hasPlan ? '' : html` <span class="meta">(${noPlan})</span>`}`,
              )
            : '–'
        }
      </dd>
      <dt>${t('budgetRounds.changed')}</dt>
      <dd>${formatDateTime(round.updatedAt)}${round.updatedByName ? ` · ${round.updatedByName}` : ''}</dd>
    </dl>
    ${
      session.hasRole('administrator') &&
      html`<${RoundForm} key=${round.version} round=${round} onSaved=${data.reload} />`
    }

    <h2>${t('budgetRounds.plans')}</h2>
    ${
      !round.plans.length
        ? html`<p class="empty">${t('budgetRounds.noPlans')}</p>`
        : html`<${TableWrap} label=${t('budgetRounds.plans')}>
            <table data-round-plans="">
              <caption>
                ${t('budgetRounds.plans')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('budgetRounds.plan')}</th>
                  <th scope="col">${t('budgetRounds.area')}</th>
                  <th scope="col">${t('budgetRounds.stage')}</th>
                  <th scope="col">${t('budgetRounds.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                ${round.plans.map(
                  (p) =>
                    html`<tr key=${p.id} data-id=${p.id} class=${p.overdue ? 'overdue' : ''}>
                      <th scope="row"><a href=${`/plans/${p.id}`}>${p.title}</a></th>
                      <td>${p.areaName}${p.inRoundAreas ? '' : outside}</td>
                      <td><${StageTag} plan=${p} /></td>
                      <td><${DeadlineCell} plan=${p} /></td>
                    </tr>`,
                )}
              </tbody>
            </table>
          <//>`
    }

    <h2>${t('budgetRounds.material')}</h2>
    <p>${t('budgetRounds.materialLead')}</p>
    <p class="export-links">
      <span>${t('budgetRounds.download')}:</span>
      <a href=${file('xlsx')} download="" data-format="xlsx">${t('exports.xlsx')}</a>
      <a href=${file('pdf')} download="" data-format="pdf">${t('budgetRounds.pdf')}</a>
    </p>
    <${Material} material=${material} />
  `;
}

function Material({ material: m }) {
  return html`
    <p role="status" data-material-totals="">
      ${t('budgetRounds.totals', {
        proposals: m.totals.proposals,
        asked: formatMoney(m.totals.asked),
        granted: formatMoney(m.totals.granted),
        decided: m.totals.decided,
      })}
    </p>
    ${
      m.totals.byYear.length > 0 &&
      html`<${TableWrap} label=${t('budgetRounds.byYear')}>
        <table>
          <caption>
            ${t('budgetRounds.byYear')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('budgetRounds.budgetYear')}</th>
              <th scope="col" class="num">${t('budgetRounds.asked')}</th>
              <th scope="col" class="num">${t('budgetRounds.granted')}</th>
            </tr>
          </thead>
          <tbody>
            ${m.totals.byYear.map(
              (y) =>
                html`<tr key=${y.year}>
                  <th scope="row">${y.year}</th>
                  <td class="num">${formatMoney(y.asked)}</td>
                  <td class="num">${formatMoney(y.granted)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      <//>`
    }
    <h3>${t('budgetRounds.proposals')}</h3>
    ${
      !m.administrations.length
        ? html`<p class="empty">${t('budgetRounds.noProposals')}</p>`
        : html`<${TableWrap} label=${t('budgetRounds.proposals')}>
            <table data-proposals="">
              <caption>
                ${t('budgetRounds.proposals')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('budgetRounds.administration')}</th>
                  <th scope="col">${t('budgetRounds.area')}</th>
                  <th scope="col">${t('budgetRounds.proposal')}</th>
                  <th scope="col">${t('budgetRounds.goals')}</th>
                  <th scope="col" class="num">${t('budgetRounds.budgetYear')}</th>
                  <th scope="col" class="num">${t('budgetRounds.asked')}</th>
                  <th scope="col" class="num">${t('budgetRounds.granted')}</th>
                </tr>
              </thead>
              ${m.administrations.map(
                (g) =>
                  html`<tbody key=${g.administrationCode}>
                    ${g.areas.flatMap((a) =>
                      a.proposals.map(
                        (p) =>
                          html`<tr key=${p.id} data-proposal=${p.id}>
                            <td>${g.administrationCode}</td>
                            <td>${a.areaName}</td>
                            <th scope="row"><a href=${`/plans/${p.planId}`}>${p.description}</a></th>
                            <td>${p.goals.join('; ') || '–'}</td>
                            <td class="num">${p.budgetYear}</td>
                            <td class="num">${formatMoney(p.asked)}</td>
                            <td class="num">${p.granted === null ? t('budgetRounds.undecided') : money(p.granted)}</td>
                          </tr>`,
                      ),
                    )}
                    <tr class="subtotal">
                      <th scope="row" colspan="5">
                        ${t('budgetRounds.subtotal', { administration: g.administrationName })}
                      </th>
                      <td class="num">${formatMoney(g.totals.asked)}</td>
                      <td class="num">${formatMoney(g.totals.granted)}</td>
                    </tr>
                  </tbody>`,
              )}
            </table>
          <//>`
    }
    <h3>${t('budgetRounds.ideas')}</h3>
    ${m.ideas.map(
      (g) =>
        html`<div key=${g.investmentType}>
          <h4>${t('budgetRounds.investmentHeading', { type: t(`investment.${g.investmentType}`) })}</h4>
          ${
            !g.ideas.length
              ? html`<p class="empty">${t('budgetRounds.noIdeas')}</p>`
              : html`<ul class="ideas">
                  ${g.ideas.map(
                    (i) =>
                      html`<li key=${i.id}>
                        <strong>${i.title}</strong> (${i.areaName},
                        ${i.administrationCode})${
                          i.estimatedAmount !== null ? `: ${formatMoney(i.estimatedAmount)}` : ''
                        }${i.description ? html`<br />${i.description}` : ''}
                      </li>`,
                  )}
                </ul>`
          }
        </div>`,
    )}
    ${
      m.unlinkedDecisions.length > 0 &&
      html`<h3>${t('budgetRounds.unlinked')}</h3>
        <ul>
          ${m.unlinkedDecisions.map(
            (d) =>
              html`<li key=${d.id}>
                ${d.planTitle}: ${d.reference} (${formatDate(d.decidedOn)}), ${formatMoney(d.amount)}
              </li>`,
          )}
        </ul>`
    }
  `;
}
