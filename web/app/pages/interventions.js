// The register of interventions (/interventions): search and filters (kind,
// administration, area, funding source, goal, plan, active on a date),
// registering and changing one (staff of the owning administration and
// administrators; the API decides), and one intervention's page with its
// record (every change, who and when) and the plans it is mapped into.
import { html, useState } from '../html.js';
import { api, qs } from '../api.js';
import { formatDate, t } from '../i18n.js';
import { navigate, setSearch } from '../router.js';
import {
  Breadcrumbs,
  Loading,
  PageHeading,
  ProblemNotice,
  SelectField,
  SuccessNotice,
  TableWrap,
  TextField,
  useAsync,
  useSession,
} from '../components.js';
import { ChangeList, RecordForm } from '../admin-kit.js';
import { loadRefs } from '../refs.js';
import { vocabs } from '../vocabulary.js';
import { forgetRegister } from '../toc-editor.js';

const PAGE = 25;
const FILTERS = ['q', 'kind', 'administrationId', 'areaId', 'fundingSource', 'goalId', 'planId', 'activeOn'];

async function loadLists() {
  const [refs, lists, plans] = await Promise.all([
    loadRefs(),
    vocabs('interventionKinds', 'fundingSources'),
    api(`/plans${qs({ limit: 200 })}`).then((p) => p.items),
  ]);
  return { refs, lists, plans };
}

const period = (i) =>
  i.periodEnd
    ? `${formatDate(i.periodStart)} – ${formatDate(i.periodEnd)}`
    : t('toc.from', { date: formatDate(i.periodStart) });

/** The form's fields; staff are offered their own administration as owner (the API refuses any other). */
function interventionFields({ refs, lists, session }) {
  const admins = session.hasRole('administrator')
    ? refs.administrations.filter((a) => a.active !== false)
    : refs.administrations.filter((a) => a.id === session.me.administration?.id);
  return [
    { name: 'name', label: t('register2.fields.name'), type: 'text', required: true },
    { name: 'description', label: t('register2.fields.description'), type: 'textarea', rows: 3 },
    {
      name: 'kind',
      label: t('register2.fields.kind'),
      type: 'select',
      required: true,
      options: lists.interventionKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
      placeholder: t('admin.choose'),
    },
    {
      name: 'owningAdministrationId',
      label: t('register2.fields.owner'),
      type: 'select',
      required: true,
      options: admins.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` })),
      initial: session.me.administration?.id,
      placeholder: admins.length === 1 ? undefined : t('admin.choose'),
    },
    {
      name: 'fundingSource',
      label: t('register2.fields.funding'),
      type: 'select',
      required: true,
      options: lists.fundingSources.map((f) => ({ value: f, label: t(`funding.${f}`) })),
      placeholder: t('admin.choose'),
    },
    {
      name: 'periodStart',
      label: t('register2.fields.periodStart'),
      hint: t('hints.periodStart'),
      type: 'text',
      inputType: 'date',
      required: true,
    },
    {
      name: 'periodEnd',
      label: t('register2.fields.periodEnd'),
      hint: t('hints.periodEnd'),
      type: 'text',
      inputType: 'date',
      nullable: true,
    },
    {
      name: 'areaIds',
      label: t('register2.fields.areas'),
      type: 'checkboxes',
      required: true,
      initial: [],
      options: refs.areas.filter((a) => a.active !== false).map((a) => ({ value: a.id, label: a.name })),
    },
    {
      name: 'goalIds',
      label: t('register2.fields.goals'),
      type: 'checkboxes',
      initial: [],
      options: refs.cityGoals.map((g) => ({ value: g.id, label: g.title })),
    },
  ];
}

export function InterventionsPage({ search }) {
  const session = useSession();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, search.get(f) ?? '']));
  const offset = Number(search.get('offset') ?? 0) || 0;
  const [q, setQ] = useState(filters.q);
  const [activeOn, setActiveOn] = useState(filters.activeOn);
  const [creating, setCreating] = useState(false);
  const lists = useAsync(loadLists, []);
  const page = useAsync(
    () => api(`/interventions${qs({ ...filters, limit: PAGE, offset })}`),
    [...FILTERS.map((f) => filters[f]), offset],
  );
  const canRegister = session.hasRole('administrator') || (session.hasRole('staff') && session.me.administration);
  const header = html`<${PageHeading} key="page-title" title=${t('register2.title')} />
    <p class="lead">${t('register2.lead')}</p>`;
  if (!lists.data)
    return html`${header}${lists.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${lists.error} onReload=${lists.reload} />`}`;
  const { refs, lists: vocab, plans } = lists.data;
  const code = (id) => refs.administrations.find((a) => a.id === id)?.code ?? '–';
  const areaNames = (areaIds) => areaIds.map((id) => refs.areas.find((a) => a.id === id)?.name ?? id).join(', ');
  const select = (name, label, options) =>
    html`<${SelectField}
      id=${`register-${name}`}
      label=${label}
      value=${filters[name]}
      onChange=${(v) => setSearch({ [name]: v, offset: '' })}
      options=${options}
      placeholder=${t('admin.all')}
    />`;
  const result = page.data;
  return html`${header}
    ${
      canRegister &&
      html`<div class="button-row">
        <button type="button" aria-expanded=${creating ? 'true' : 'false'} onClick=${() => setCreating(!creating)}>
          ${t('register2.new')}
        </button>
      </div>`
    }
    ${
      creating &&
      html`<${RecordForm}
        formId="intervention-form"
        heading="h2"
        focusOnOpen=${true}
        title=${t('register2.new')}
        fields=${interventionFields({ refs, lists: vocab, session })}
        save=${(body) => api('/interventions', { method: 'POST', body })}
        onSaved=${(i) => {
          forgetRegister();
          navigate(`/interventions/${i.id}?created=1`);
        }}
        onCancel=${() => setCreating(false)}
      />`
    }
    <form
      class="filters"
      role="search"
      aria-label=${t('register2.searchLabel')}
      onSubmit=${(e) => {
        e.preventDefault();
        setSearch({ q: q.trim(), activeOn, offset: '' });
      }}
    >
      <${TextField}
        id="register-q"
        label=${t('admin.search')}
        hint=${t('register2.searchHint')}
        type="search"
        value=${q}
        onInput=${setQ}
      />
      <${TextField}
        id="register-activeOn"
        label=${t('register2.fields.activeOn')}
        hint=${t('register2.activeOnHint')}
        type="date"
        value=${activeOn}
        onInput=${setActiveOn}
      />
      <div class="button-row"><button type="submit" class="secondary">${t('admin.searchButton')}</button></div>
      ${select(
        'kind',
        t('register2.fields.kind'),
        vocab.interventionKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
      )}
      ${select(
        'administrationId',
        t('register2.fields.owner'),
        refs.administrations.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` })),
      )}
      ${select(
        'areaId',
        t('register2.fields.area'),
        refs.areas.map((a) => ({ value: a.id, label: a.name })),
      )}
      ${select(
        'fundingSource',
        t('register2.fields.funding'),
        vocab.fundingSources.map((f) => ({ value: f, label: t(`funding.${f}`) })),
      )}
      ${select(
        'goalId',
        t('register2.fields.goal'),
        refs.cityGoals.map((g) => ({ value: g.id, label: g.title })),
      )}
      ${select(
        'planId',
        t('register2.fields.plan'),
        plans.map((p) => ({ value: p.id, label: p.title })),
      )}
    </form>
    <${ProblemNotice} error=${page.error} onReload=${page.reload} focus=${false} />
    ${
      !result
        ? page.loading && html`<${Loading} />`
        : // While another filter's page loads, the old one stays: it says so (useAsync keeps the last answer).
          html`${page.loading ? html`<${Loading} />` : null}
            <div aria-busy=${page.loading ? 'true' : 'false'}>
              <p class="meta" role="status">${t('register2.found', { count: result.total })}</p>
              ${
                result.items.length === 0
                  ? html`<p class="empty">${t('register2.none')}</p>`
                  : html`<${TableWrap} label=${t('register2.title')}>
                      <table>
                        <thead>
                          <tr>
                            <th scope="col">${t('register2.fields.name')}</th>
                            <th scope="col">${t('register2.fields.kind')}</th>
                            <th scope="col">${t('register2.fields.owner')}</th>
                            <th scope="col">${t('register2.fields.areas')}</th>
                            <th scope="col">${t('register2.fields.funding')}</th>
                            <th scope="col">${t('register2.fields.period')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          ${result.items.map(
                            (i) =>
                              html`<tr key=${i.id}>
                                <th scope="row"><a href=${`/interventions/${i.id}`}>${i.name}</a></th>
                                <td>${t(`kinds.${i.kind}`)}</td>
                                <td>${code(i.owningAdministrationId)}</td>
                                <td>${areaNames(i.areaIds) || t('register2.cityWide')}</td>
                                <td>${t(`funding.${i.fundingSource}`)}</td>
                                <td>${period(i)}</td>
                              </tr>`,
                          )}
                        </tbody>
                      </table>
                    <//>`
              }
            </div>
            <div class="button-row">
              ${offset > 0 && html`<button type="button" class="secondary" onClick=${() => setSearch({ offset: Math.max(0, offset - PAGE) || '' })}>${t('register2.previous')}</button>`}
              ${offset + PAGE < result.total && html`<button type="button" class="secondary" onClick=${() => setSearch({ offset: offset + PAGE })}>${t('register2.next')}</button>`}
            </div>`
    }`;
}

export function InterventionPage({ params, search }) {
  const session = useSession();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(search.get('created') ? 'created' : null);
  const data = useAsync(async () => {
    const [intervention, lists] = await Promise.all([api(`/interventions/${params.id}`), loadLists()]);
    return { intervention, ...lists };
  }, [params.id]);
  const crumbs = (label) =>
    html`<${Breadcrumbs} items=${[{ href: '/interventions', label: t('register2.title') }, { label }]} />`;
  if (!data.data)
    return html`${crumbs(t('register2.one'))}<${PageHeading} key="page-title" title=${t('register2.one')} />
      ${data.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`}`;
  const { intervention: i, refs, lists, plans } = data.data;
  const owner = refs.administrations.find((a) => a.id === i.owningAdministrationId);
  const mayOffer =
    session.hasRole('administrator') ||
    (session.hasRole('staff') && session.me.administration?.id === i.owningAdministrationId);
  const names = {
    owning_administration_id: (id) => refs.administrations.find((a) => a.id === id)?.code,
    area_ids: (ids) => (ids ?? []).map((id) => refs.areas.find((a) => a.id === id)?.name ?? id).join(', ') || '–',
    goal_ids: (ids) => (ids ?? []).map((id) => refs.goals.find((g) => g.id === id)?.title ?? id).join(', ') || '–',
    plan_ids: (ids) => (ids ?? []).map((id) => plans.find((p) => p.id === id)?.title ?? id).join(', ') || '–',
    kind: (v) => (v ? t(`kinds.${v}`) : '–'),
    funding_source: (v) => (v ? t(`funding.${v}`) : '–'),
  };
  return html`${crumbs(i.name)}
    <${PageHeading} key="page-title" title=${i.name} />
    ${saved && html`<${SuccessNotice} key=${saved}>${t(`register2.done.${saved}`, { name: i.name })}<//>`}
    ${i.description && html`<p class="lead">${i.description}</p>`}
    <dl class="facts">
      <dt>${t('register2.fields.kind')}</dt>
      <dd>${t(`kinds.${i.kind}`)}</dd>
      <dt>${t('register2.fields.owner')}</dt>
      <dd>${owner ? `${owner.name} (${owner.code})` : '–'}</dd>
      <dt>${t('register2.fields.areas')}</dt>
      <dd>${names.area_ids(i.areaIds) === '–' ? t('register2.cityWide') : names.area_ids(i.areaIds)}</dd>
      <dt>${t('register2.fields.funding')}</dt>
      <dd>${t(`funding.${i.fundingSource}`)}</dd>
      <dt>${t('register2.fields.period')}</dt>
      <dd>${period(i)}</dd>
      <dt>${t('register2.fields.goals')}</dt>
      <dd>${names.goal_ids(i.goalIds)}</dd>
    </dl>
    ${
      mayOffer &&
      html`<div class="button-row">
        <button
          type="button"
          class="secondary"
          aria-expanded=${editing ? 'true' : 'false'}
          onClick=${() => setEditing(!editing)}
        >
          ${t('register2.edit')}
        </button>
      </div>`
    }
    ${
      editing &&
      html`<${RecordForm}
        key=${i.version}
        formId="intervention-form"
        heading="h2"
        focusOnOpen=${true}
        title=${t('admin.editTitle', { name: i.name })}
        fields=${interventionFields({ refs, lists, session })}
        original=${i}
        historyPath=${`/interventions/${i.id}/history`}
        onReload=${data.reload}
        save=${(body) => api(`/interventions/${i.id}`, { method: 'PATCH', body })}
        onSaved=${async () => {
          forgetRegister();
          setEditing(false);
          setSaved('saved');
          await data.reload();
        }}
        onCancel=${() => setEditing(false)}
      />`
    }
    <section class="block" aria-labelledby="plans-heading">
      <h2 id="plans-heading">${t('register2.plans')}</h2>
      ${
        i.planIds.length === 0
          ? html`<p class="empty">${t('register2.noPlans')}</p>`
          : html`<ul>
              ${i.planIds.map((id) => html`<li key=${id}><a href=${`/plans/${id}`}>${plans.find((p) => p.id === id)?.title ?? id}</a></li>`)}
            </ul>`
      }
    </section>
    <section class="block" aria-labelledby="record-heading">
      <h2 id="record-heading">${t('register2.record')}</h2>
      <${ChangeList}
        key=${i.version}
        path=${`/interventions/${i.id}/history`}
        id="intervention-record"
        heading="h3"
        names=${names}
      />
    </section>`;
}
