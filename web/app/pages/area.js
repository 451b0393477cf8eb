import { html, useState } from '../html.js';
import { api } from '../api.js';
import { apiMessage, formatFixed, formatNumber, t } from '../i18n.js';
import { navigate } from '../router.js';
import { ApiChart } from '../chart.js';
import {
  Breadcrumbs,
  CheckboxGroup,
  DeadlineCell,
  fieldErrors,
  Loading,
  PageHeading,
  ProblemNotice,
  SelectField,
  StageTag,
  TableWrap,
  TextField,
  useAsync,
  useSession,
  withFieldLinks,
} from '../components.js';
import { loadRefs } from '../refs.js';
import { loadProjects, projectStateLabel } from '../projects-api.js';
import { TheoryOfChange } from '../theory-of-change.js';
import { GoalToolsEditor } from '../toc-editor.js';
import { HousingAreas } from '../housing-areas.js';

const optional = (promise) => promise.catch(() => null);

export function AreaPage({ params }) {
  const session = useSession();
  const data = useAsync(async () => {
    const [area, plans, refs, overview, projects, toc, networks] = await Promise.all([
      api(`/areas/${params.id}`),
      api(`/plans?areaId=${params.id}&limit=200`),
      loadRefs(),
      optional(api(`/areas/${params.id}/overview`)),
      optional(loadProjects({ areaId: params.id })),
      optional(api(`/theory-of-change?areaId=${params.id}`)),
      optional(api('/local-networks')),
    ]);
    const network = networks?.find((n) => n.areaId === params.id) ?? null;
    return { area, plans: plans.items, refs, overview, projects, toc, network };
  }, [params.id]);

  if (!data.data) {
    return html`<${PageHeading} key="page-title" title=${t('area.title')} />
      ${data.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`}`;
  }
  const { area, plans, refs, overview, projects, toc, network } = data.data;
  const canStart = session.hasRole('staff', 'administrator');
  return html`
    <${Breadcrumbs} items=${[{ href: '/', label: t('nav.overview') }, { label: area.name }]} />
    <${PageHeading} key="page-title" title=${area.name} />
    ${area.description && html`<p class="lead">${area.description}</p>`}
    <dl class="facts">
      ${
        area.deprivedHousingAreas?.length > 0 &&
        html`<dt>${t('area.deprivedHousing')}</dt>
          <dd>${area.deprivedHousingAreas.join(', ')}</dd>`
      }
      ${
        area.localCommittees?.length > 0 &&
        html`<dt>${t('area.localCommittees')}</dt>
          <dd>${area.localCommittees.join(', ')}</dd>`
      }
      <dt>${t('network.pageTitle')}</dt>
      <dd>
        ${
          network
            ? html`<a href=${`/networks/${network.id}`}>${t('network.title', { area: area.name })}</a> –
                ${t('network.coordinator').toLowerCase()}: ${network.coordinatingAdministrationName}`
            : t('network.none')
        }
      </dd>
    </dl>

    <section class="block" aria-labelledby="indicators-heading">
      <h2 id="indicators-heading">${t('area.indicators')}</h2>
      <p>${t('area.indicatorsLead')}</p>
      <${SocioEconomic} area=${area} overview=${overview} />
    </section>

    <section class="block" aria-labelledby="plans-heading">
      <h2 id="plans-heading">${t('area.plans')}</h2>
      ${
        plans.length === 0
          ? html`<p class="empty">${t('area.noPlans')}</p>`
          : html`<${TableWrap} label=${t('area.plans')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('overview.plan')}</th>
                    <th scope="col">${t('plan.budgetYear')}</th>
                    <th scope="col">${t('overview.stage')}</th>
                    <th scope="col">${t('overview.deadline')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${plans.map(
                    (p) =>
                      html`<tr key=${p.id} class=${p.overdue ? 'is-overdue' : ''}>
                        <td><a href=${`/plans/${p.id}`}>${p.title}</a></td>
                        <td>${p.budgetYear}</td>
                        <td><${StageTag} plan=${p} /></td>
                        <td><${DeadlineCell} plan=${p} /></td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            <//>`
      }
      ${canStart && html`<${StartPlan} area=${area} refs=${refs} />`}
    </section>

    <section class="block" aria-labelledby="projects-heading">
      <h2 id="projects-heading">${t('area.projects')}</h2>
      ${
        projects === null
          ? html`<p class="empty">${t('projects.unavailable')}</p>`
          : projects.length === 0
            ? html`<p class="empty">${t('area.noProjects')}</p>`
            : html`<ul>
                ${projects.map(
                  (p) =>
                    html`<li key=${p.id}>
                      <a href=${`/projects/${p.id}`}>${p.title}</a> – ${projectStateLabel(p.state, p.stateLabel)}
                      ${p.overdue && html` <span class="tag overdue">${t('projects.evaluationOverdue')}</span>`}
                    </li>`,
                )}
              </ul>`
      }
    </section>

    <section class="block" aria-labelledby="housing-heading">
      <h2 id="housing-heading">${t('housing.title')}</h2>
      <p>${t('housing.lead')}</p>
      <${HousingAreas} area=${area} />
    </section>

    <section class="block" aria-labelledby="toc-heading">
      <h2 id="toc-heading">${t('area.toc')}</h2>
      <p>${t('area.tocLead', { area: area.name })}</p>
      ${
        toc
          ? html`<${TheoryOfChange}
              toc=${toc}
              refs=${refs}
              level=${3}
              editor=${
                canStart
                  ? (goal, level) =>
                      html`<${GoalToolsEditor} goal=${goal} refs=${refs} level=${level} onChanged=${data.reload} />`
                  : null
              }
            />`
          : html`<p class="empty">${t('area.tocUnavailable')}</p>`
      }
    </section>
  `;
}

function SocioEconomic({ area, overview }) {
  const [chartFailed, setChartFailed] = useState(false);
  const cells = (overview?.indicators ?? []).filter((c) => c.kind === 'socioeconomic');
  const measured = cells.filter((c) => c.index !== null && c.index !== undefined);
  if (!overview || measured.length === 0) {
    return html`<p class="empty">${t('area.noMeasurements')}</p>`;
  }
  const summary = measured.map((c) => `${c.name}: ${formatNumber(c.index, 0)}`).join('; ');
  const max = Math.max(150, ...measured.map((c) => c.index)) * 1.05;
  return html`
    ${
      !chartFailed
        ? html`<${ApiChart}
            path=${`/areas/${area.id}/charts/socioeconomic.svg`}
            alt=${t('area.chartAlt', { area: area.name, summary })}
            onUnavailable=${() => setChartFailed(true)}
          />`
        : html`<ul class="bars" aria-label=${t('area.indicators')}>
            ${measured.map(
              (c) =>
                html`<li class="bar-row" key=${c.indicatorId}>
                  <span class="bar-label">${c.name}</span>
                  <span class="bar-track" aria-hidden="true">
                    <span class="bar-fill" style=${{ width: `${(c.index / max) * 100}%` }}></span>
                    <span class="bar-city" style=${{ left: `${(100 / max) * 100}%` }}></span>
                  </span>
                  <span class="bar-value">${formatNumber(c.index, 0)}</span>
                </li>`,
            )}
          </ul>`
    }
    <${TableWrap} label=${t('area.indicatorTable')}>
      <table>
        <caption>
          ${t('area.indicatorTable')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('area.indicator')}</th>
            <th scope="col">${t('area.period')}</th>
            <th scope="col" class="num">${t('area.value')}</th>
            <th scope="col" class="num">${t('area.cityValue')}</th>
            <th scope="col" class="num">${t('area.index')}</th>
          </tr>
        </thead>
        <tbody>
          ${cells.map(
            (c) =>
              html`<tr key=${c.indicatorId}>
                <th scope="row">${c.name}</th>
                <td>${c.period ?? '–'}</td>
                <td class="num">${c.value === null ? '–' : `${formatFixed(c.value, 1)} ${c.unit ?? ''}`}</td>
                <td class="num">${c.cityValue === null ? '–' : formatFixed(c.cityValue, 1)}</td>
                <td class="num">${c.index === null ? '–' : formatNumber(c.index, 0)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
  `;
}

function StartPlan({ area, refs }) {
  const [open, setOpen] = useState(false);
  // The API refuses a plan in an area without a local network, naming the municipality's network starter
  // (PLAN_AREA_WITHOUT_NETWORK): the form then offers to start the network with it prefilled, then the plan.
  const [missingNetwork, setMissingNetwork] = useState(null);
  const [firstCoordinator, setFirstCoordinator] = useState('');
  const [budgetYear, setBudgetYear] = useState(String(new Date().getFullYear() + 1));
  const [title, setTitle] = useState('');
  const [coordinator, setCoordinator] = useState('');
  const [participants, setParticipants] = useState([]);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const labels = {
    budgetYear: t('startPlan.budgetYear'),
    title: t('startPlan.planTitle'),
    coordinatingAdministrationId: t('startPlan.coordinator'),
    participatingAdministrationIds: t('startPlan.participants'),
  };
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = { areaId: area.id, budgetYear: Number(budgetYear), participatingAdministrationIds: participants };
    if (!budgetYear.trim() || !Number.isFinite(body.budgetYear)) body.budgetYear = budgetYear;
    if (title.trim()) body.title = title.trim();
    if (coordinator) body.coordinatingAdministrationId = coordinator;
    try {
      if (missingNetwork) {
        await api('/local-networks', {
          method: 'POST',
          body: { areaId: area.id, ...(firstCoordinator ? { coordinatingAdministrationId: firstCoordinator } : {}) },
        });
        setMissingNetwork(null);
      }
      const plan = await api('/plans', { method: 'POST', body });
      navigate(`/plans/${plan.id}`);
    } catch (err) {
      const refusal = err.violations?.find((v) => v.code === 'PLAN_AREA_WITHOUT_NETWORK');
      if (refusal) {
        setMissingNetwork({ refusal, ...err.problem.network });
        setFirstCoordinator(err.problem.network?.starterAdministrationId ?? '');
        setError(null);
      } else setError(withFieldLinks(err, 'start-plan', labels));
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  const admins = refs.administrations.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }));
  return html`<div>
    <button
      type="button"
      class="secondary"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${open ? 'start-plan' : undefined}
      onClick=${() => setOpen(!open)}
    >
      ${open ? t('form.closeForm') : t('startPlan.open')}
    </button>
    ${
      open &&
      html`<form id="start-plan" class="section-editor" onSubmit=${submit} novalidate>
        <h3>${t('startPlan.title', { area: area.name })}</h3>
        <${ProblemNotice} error=${error} />
        <${TextField}
          id="start-plan-budgetYear"
          label=${labels.budgetYear}
          hint=${t('startPlan.budgetYearHint')}
          inputMode="numeric"
          value=${budgetYear}
          onInput=${setBudgetYear}
          error=${errors.budgetYear}
          required=${true}
        />
        <${TextField}
          id="start-plan-title"
          label=${labels.title}
          hint=${t('startPlan.titleHint')}
          value=${title}
          onInput=${setTitle}
          error=${errors.title}
        />
        <${SelectField}
          id="start-plan-coordinatingAdministrationId"
          label=${labels.coordinatingAdministrationId}
          hint=${t('startPlan.coordinatorHint')}
          value=${coordinator}
          onChange=${setCoordinator}
          options=${admins}
          placeholder=${t('startPlan.defaultCoordinator')}
          error=${errors.coordinatingAdministrationId}
        />
        <${CheckboxGroup}
          id="start-plan-participatingAdministrationIds"
          label=${labels.participatingAdministrationIds}
          hint=${t('startPlan.participantsHint')}
          values=${participants}
          onChange=${setParticipants}
          options=${admins}
          error=${errors.participatingAdministrationIds}
          required=${true}
        />
        ${
          missingNetwork &&
          html`<div class="notice warning" role="alert">
            <p class="notice-title">${t('network.missingTitle')}</p>
            <p>${apiMessage(missingNetwork.refusal)}</p>
            <${SelectField}
              id="start-plan-firstCoordinator"
              label=${t('network.startWith')}
              hint=${t('network.startWithHint')}
              value=${firstCoordinator}
              onChange=${setFirstCoordinator}
              options=${admins}
              placeholder=${t('admin.choose')}
              required=${true}
            />
          </div>`
        }
        <div class="button-row">
          <button type="submit" disabled=${busy}>
            ${missingNetwork ? t('network.startAndPlan') : t('startPlan.submit')}
          </button>
        </div>
      </form>`
    }
  </div>`;
}
