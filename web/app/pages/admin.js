// The administration section (/admin/…), shown to administrators: areas,
// administrations, indicators, local networks and the municipality's
// settings (users: admin-users.js; goals and their theory of change:
// admin-goals.js). Every list can be searched; every row edited,
// deactivated (kept, so what refers to it stays readable) and its record
// read. The API decides and says why not; the pages show what it says.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { formatDate, t } from '../i18n.js';
import {
  Breadcrumbs,
  fieldErrors,
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
import { ConflictNotice, RecordForm, RecordToggle } from '../admin-kit.js';
import { forgetRefs, loadRefs } from '../refs.js';
import { vocabs } from '../vocabulary.js';

export const ADMIN_SECTIONS = [
  ['users', '/admin/users'],
  ['areas', '/admin/areas'],
  ['administrations', '/admin/administrations'],
  ['localNetworks', '/admin/local-networks'],
  ['goals', '/admin/goals'],
  ['indicators', '/admin/indicators'],
  ['housingAreas', '/admin/housing-areas'],
  ['statbank', '/admin/statbank'],
  ['municipality', '/admin/municipality'],
];

/** The section's own menu, on every administration page. */
export function AdminNav({ current }) {
  return html`<nav class="admin-nav" aria-label=${t('admin.navLabel')}>
    <ul>
      ${ADMIN_SECTIONS.map(
        ([key, href]) =>
          html`<li key=${key}>
            <a href=${href} aria-current=${key === current ? 'page' : undefined}>${t(`admin.sections.${key}`)}</a>
          </li>`,
      )}
    </ul>
  </nav>`;
}

/** Breadcrumbs, heading and the section menu of an administration page. */
export function AdminHeader({ section, title }) {
  return html`
    <${Breadcrumbs} items=${[{ href: '/admin', label: t('admin.title') }, { label: title }]} />
    <${PageHeading} key="page-title" title=${title} />
    <${AdminNav} current=${section} />
  `;
}

export function AdminIndexPage() {
  const session = useSession();
  return html`
    <${PageHeading} key="page-title" title=${t('admin.title')} />
    <p class="lead">${t('admin.lead')}</p>
    ${!session.hasRole('administrator') && html`<p class="notice warning">${t('admin.onlyAdministrators')}</p>`}
    <ul class="grid">
      ${ADMIN_SECTIONS.map(
        ([key, href]) =>
          html`<li class="card" key=${key}>
            <h2><a href=${href}>${t(`admin.sections.${key}`)}</a></h2>
            <p>${t(`admin.intro.${key}`)}</p>
          </li>`,
      )}
    </ul>
  `;
}

const activeTag = (item) =>
  item.active === false
    ? html`<span class="tag neutral">${t('admin.inactive')}</span>`
    : html`<span class="tag ok">${t('admin.active')}</span>`;

/**
 * A searchable list of one kind of master data with create, edit, deactivate and the record.
 * `config`: { key, path, columns: [[label, cell]], fields(item?), text(item), name(item), names? }.
 */
export function ResourceAdmin({ config, load, canWrite = true }) {
  const [query, setQuery] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState(null); // null, 'new' or the item
  const [saved, setSaved] = useState(null);
  const [rowError, setRowError] = useState(null);
  const data = useAsync(load ?? (() => api(config.path)), [config.path]);
  const historyOf = (item) => (config.historyPath ? config.historyPath(item) : `${config.path}/${item.id}/history`);
  const items = data.data ?? [];
  const q = query.trim().toLowerCase();
  const visible = items.filter(
    (i) => (showInactive || i.active !== false) && (!q || config.text(i).toLowerCase().includes(q)),
  );
  const finish = async (item, verb) => {
    forgetRefs();
    setEditing(null);
    setSaved({ name: config.name(item), verb });
    await data.reload();
  };
  const setActive = async (item, active) => {
    setRowError(null);
    setSaved(null);
    try {
      const updated = await api(`${config.path}/${item.id}`, {
        method: 'PATCH',
        body: { version: item.version, active },
      });
      await finish(updated, active ? 'reactivated' : 'deactivated');
    } catch (err) {
      setRowError({ err, item });
    }
  };
  const formFor = (item) =>
    html`<${RecordForm}
      key=${item ? `${item.id}-${item.version}` : 'new'}
      formId=${`${config.key}-form`}
      heading="h2"
      focusOnOpen=${true}
      title=${item ? t('admin.editTitle', { name: config.name(item) }) : t(`admin.new.${config.key}`)}
      fields=${config.fields(item)}
      original=${item}
      historyPath=${item ? historyOf(item) : undefined}
      historyFilter=${config.historyFilter}
      onReload=${async () => {
        const fresh = await data.reload();
        setEditing(fresh?.find((x) => x.id === item.id) ?? null);
      }}
      save=${(body) =>
        item ? api(`${config.path}/${item.id}`, { method: 'PATCH', body }) : api(config.path, { method: 'POST', body })}
      onSaved=${(s) => finish(s, item ? 'saved' : 'created')}
      onCancel=${() => setEditing(null)}
    />`;
  return html`
    ${saved && html`<${SuccessNotice} key=${saved.name + saved.verb}>${t(`admin.done.${saved.verb}`, { name: saved.name })}<//>`}
    ${
      rowError &&
      (rowError.err.isVersionConflict
        ? html`<${ConflictNotice}
            error=${rowError.err}
            historyPath=${historyOf(rowError.item)}
            filter=${config.historyFilter}
            onReload=${() => {
              setRowError(null);
              data.reload();
            }}
          />`
        : html`<${ProblemNotice} error=${rowError.err} />`)
    }
    <${ProblemNotice} error=${data.error} onReload=${data.reload} focus=${false} />
    ${
      canWrite &&
      html`<div class="button-row">
        <button
          type="button"
          aria-expanded=${editing === 'new' ? 'true' : 'false'}
          onClick=${() => setEditing(editing === 'new' ? null : 'new')}
        >
          ${t(`admin.new.${config.key}`)}
        </button>
      </div>`
    }
    ${editing === 'new' && formFor(null)} ${editing && editing !== 'new' && formFor(editing)}
    <form class="filters" role="search" aria-label=${t('admin.searchLabel')} onSubmit=${(e) => e.preventDefault()}>
      <${TextField}
        id=${`${config.key}-search`}
        label=${t('admin.search')}
        hint=${t(`admin.searchHint.${config.key}`)}
        type="search"
        value=${query}
        onInput=${setQuery}
      />
      <div class="field choice">
        <input
          type="checkbox"
          id=${`${config.key}-inactive`}
          checked=${showInactive}
          onChange=${(e) => setShowInactive(e.currentTarget.checked)}
        />
        <label for=${`${config.key}-inactive`}>${t('admin.showInactive')}</label>
      </div>
    </form>
    ${
      !data.data
        ? data.loading && html`<${Loading} />`
        : html`<p class="meta" role="status">${t('admin.shown', { shown: visible.length, total: items.length })}</p>
            <${TableWrap} label=${t(`admin.sections.${config.sectionKey ?? config.key}`)}>
              <table>
                <thead>
                  <tr>
                    ${config.columns.map(([label]) => html`<th scope="col" key=${label}>${label}</th>`)}
                    <th scope="col">${t('admin.status')}</th>
                    <th scope="col">${t('admin.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${visible.map(
                    (item) =>
                      html`<tr key=${item.id} data-row=${config.name(item)}>
                        ${config.columns.map(([label, cell], i) => (i === 0 ? html`<th scope="row" key=${label}>${cell(item)}</th>` : html`<td key=${label}>${cell(item)}</td>`))}
                        <td>${activeTag(item)}</td>
                        <td>
                          ${
                            canWrite &&
                            html`<div class="button-row">
                              <button
                                type="button"
                                class="secondary"
                                aria-label=${t('admin.editNamed', { name: config.name(item) })}
                                onClick=${() => setEditing(item)}
                              >
                                ${t('admin.edit')}
                              </button>
                              <button
                                type="button"
                                class="secondary"
                                aria-label=${t(item.active === false ? 'admin.reactivateNamed' : 'admin.deactivateNamed', { name: config.name(item) })}
                                onClick=${() => setActive(item, item.active === false)}
                              >
                                ${t(item.active === false ? 'admin.reactivate' : 'admin.deactivate')}
                              </button>
                            </div>`
                          }
                          <${RecordToggle}
                            path=${historyOf(item)}
                            id=${`record-${item.id}`}
                            label=${config.name(item)}
                            names=${config.names}
                          />
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            <//>`
    }
  `;
}

const lines = (arr) => (arr?.length ? arr.join(', ') : '–');

export function AdminAreasPage() {
  const config = {
    key: 'areas',
    path: '/areas',
    name: (a) => a.name,
    text: (a) => [a.code, a.name, a.description, ...a.deprivedHousingAreas, ...a.localCommittees].join(' '),
    columns: [
      [t('admin.fields.name'), (a) => html`<a href=${`/areas/${a.id}`}>${a.name}</a>`],
      [t('admin.fields.code'), (a) => a.code],
      [t('admin.fields.deprivedHousingAreas'), (a) => lines(a.deprivedHousingAreas)],
      [t('admin.fields.localCommittees'), (a) => lines(a.localCommittees)],
    ],
    fields: () => [
      { name: 'name', label: t('admin.fields.name'), type: 'text', required: true },
      {
        name: 'code',
        label: t('admin.fields.code'),
        hint: t('admin.hints.areaCode'),
        type: 'text',
        required: true,
      },
      { name: 'description', label: t('admin.fields.description'), type: 'textarea' },
      {
        name: 'deprivedHousingAreas',
        label: t('admin.fields.deprivedHousingAreas'),
        hint: t('admin.hints.deprivedHousingAreas'),
        type: 'lines',
      },
      {
        name: 'localCommittees',
        label: t('admin.fields.localCommittees'),
        hint: t('admin.hints.onePerLine'),
        type: 'lines',
      },
    ],
  };
  return html`<${AdminHeader} section="areas" title=${t('admin.sections.areas')} />
    <p class="lead">${t('admin.intro.areas')}</p>
    <${ResourceAdmin} config=${config} />`;
}

export function AdminAdministrationsPage() {
  const config = {
    key: 'administrations',
    path: '/administrations',
    name: (a) => `${a.name} (${a.code})`,
    text: (a) => `${a.code} ${a.name}`,
    columns: [
      [t('admin.fields.name'), (a) => a.name],
      [t('admin.fields.code'), (a) => a.code],
    ],
    fields: () => [
      { name: 'name', label: t('admin.fields.name'), type: 'text', required: true },
      {
        name: 'code',
        label: t('admin.fields.code'),
        hint: t('admin.hints.administrationCode'),
        type: 'text',
        required: true,
      },
    ],
  };
  return html`<${AdminHeader} section="administrations" title=${t('admin.sections.administrations')} />
    <p class="lead">${t('admin.intro.administrations')}</p>
    <${ResourceAdmin} config=${config} />`;
}

const labelled = (prefix, values) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

export function AdminIndicatorsPage() {
  const lists = useAsync(() => vocabs('indicatorKinds', 'directions'), []);
  if (!lists.data)
    return html`<${AdminHeader} section="indicators" title=${t('admin.sections.indicators')} />
      ${lists.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${lists.error} onReload=${lists.reload} />`}`;
  const { indicatorKinds, directions } = lists.data;
  const config = {
    key: 'indicators',
    path: '/indicators',
    name: (i) => i.name,
    text: (i) => `${i.code} ${i.name} ${i.source} ${i.unit}`,
    names: { kind: (v) => t(`admin.indicatorKinds.${v}`), direction: (v) => t(`admin.directions.${v}`) },
    columns: [
      [t('admin.fields.name'), (i) => i.name],
      [t('admin.fields.code'), (i) => i.code],
      [t('admin.fields.unit'), (i) => i.unit || '–'],
      [t('admin.fields.source'), (i) => i.source || '–'],
      [t('admin.fields.direction'), (i) => t(`admin.directions.${i.direction}`)],
      [t('admin.fields.sortOrder'), (i) => i.sortOrder],
    ],
    fields: (item) => [
      { name: 'name', label: t('admin.fields.name'), type: 'text', required: true },
      { name: 'code', label: t('admin.fields.code'), hint: t('admin.hints.areaCode'), type: 'text', required: true },
      {
        name: 'kind',
        label: t('admin.fields.kind'),
        type: 'select',
        required: true,
        options: labelled('admin.indicatorKinds', indicatorKinds),
        placeholder: item ? undefined : t('admin.choose'),
      },
      { name: 'unit', label: t('admin.fields.unit'), hint: t('admin.hints.unit'), type: 'text' },
      { name: 'source', label: t('admin.fields.source'), type: 'text' },
      {
        name: 'direction',
        label: t('admin.fields.direction'),
        type: 'select',
        options: labelled('admin.directions', directions),
        placeholder: item ? undefined : t('admin.defaultValue'),
      },
      { name: 'shownAsIndex', label: t('admin.fields.shownAsIndex'), type: 'checkbox' },
      { name: 'sortOrder', label: t('admin.fields.sortOrder'), type: 'integer' },
    ],
  };
  return html`<${AdminHeader} section="indicators" title=${t('admin.sections.indicators')} />
    <p class="lead">${t('admin.intro.indicators')}</p>
    <${ResourceAdmin} config=${config} />`;
}

/** The municipality's days off on weekdays this year, as every deadline counts them. */
function DaysOffThisYear({ version }) {
  const year = new Date().getFullYear();
  const data = useAsync(() => api(`/municipality/calendar?from=${year}-01-01&to=${year}-12-31`), [version]);
  if (!data.data)
    return data.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`;
  const { daysOff, workingDays } = data.data;
  return html`<section aria-labelledby="days-off-title">
    <h2 id="days-off-title">${t('admin.daysOff.title', { year })}</h2>
    <p>${t('admin.daysOff.lead')} ${t('admin.daysOff.workingDays', { n: workingDays, year })}</p>
    ${
      daysOff.length === 0
        ? html`<p>${t('admin.daysOff.none')}</p>`
        : html`<${TableWrap} label=${t('admin.daysOff.title', { year })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t('admin.daysOff.date')}</th>
                  <th scope="col">${t('admin.daysOff.kind')}</th>
                </tr>
              </thead>
              <tbody>
                ${daysOff.map(
                  (d) =>
                    html`<tr key=${d.date}>
                      <td>${formatDate(d.date)}</td>
                      <td>${t(`admin.daysOff.${d.kind}`)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          <//>`
    }
  </section>`;
}

/** The API's field names for the days off, and the form's (one line per day). */
const DAYS_OFF_FIELDS = { 'nonWorkingDays.dates': 'nonWorkingDates', 'nonWorkingDays.yearly': 'nonWorkingYearly' };

export function AdminMunicipalityPage() {
  const data = useAsync(() => api('/municipality'), []);
  // The administration that starts each area's local network (TMF in the policy) is one of the settings.
  const refs = useAsync(() => loadRefs(), []);
  const starterOptions = (refs.data?.administrations ?? [])
    .filter((a) => a.active !== false)
    .map((a) => ({ value: a.id, label: a.name }));
  const [saved, setSaved] = useState(false);
  const fields = [
    { name: 'name', label: t('admin.fields.municipalityName'), type: 'text', required: true },
    { name: 'vision', label: t('admin.fields.vision'), type: 'textarea', rows: 6 },
    { name: 'targetYear', label: t('admin.fields.targetYear'), type: 'integer', required: true },
    {
      name: 'nonWorkingYearly',
      label: t('admin.fields.nonWorkingYearly'),
      hint: t('admin.hints.nonWorkingYearly'),
      type: 'lines',
    },
    {
      name: 'nonWorkingDates',
      label: t('admin.fields.nonWorkingDates'),
      hint: t('admin.hints.nonWorkingDates'),
      type: 'lines',
    },
    {
      name: 'requireInterventionMix',
      label: t('admin.fields.requireInterventionMix'),
      type: 'checkbox',
    },
    {
      name: 'networkStarterAdministrationId',
      label: t('admin.fields.networkStarter'),
      hint: t('admin.hints.networkStarter'),
      type: 'select',
      nullable: true,
      options: starterOptions,
      placeholder: t('admin.hints.noNetworkStarter'),
    },
  ];
  // The form edits the days off as two lists; the API keeps them as one setting (NON_WORKING_DAYS).
  const original = data.data && {
    ...data.data,
    nonWorkingDates: data.data.nonWorkingDays?.dates ?? [],
    nonWorkingYearly: data.data.nonWorkingDays?.yearly ?? [],
  };
  const save = async ({ nonWorkingDates, nonWorkingYearly, ...body }) => {
    if (nonWorkingDates !== undefined || nonWorkingYearly !== undefined)
      body.nonWorkingDays = {
        dates: nonWorkingDates ?? original.nonWorkingDates,
        yearly: nonWorkingYearly ?? original.nonWorkingYearly,
      };
    try {
      return await api('/municipality', { method: 'PUT', body });
    } catch (err) {
      if (Array.isArray(err?.errors))
        err.errors = err.errors.map((e) => ({ ...e, field: DAYS_OFF_FIELDS[e.field] ?? e.field }));
      throw err;
    }
  };
  return html`<${AdminHeader} section="municipality" title=${t('admin.sections.municipality')} />
    <p class="lead">${t('admin.intro.municipality')}</p>
    ${saved && html`<${SuccessNotice}>${t('admin.done.saved', { name: data.data?.name ?? '' })}<//>`}
    ${
      !data.data || !refs.data
        ? data.loading || refs.loading
          ? html`<${Loading} />`
          : html`<${ProblemNotice} error=${data.error ?? refs.error} onReload=${data.reload} />`
        : html`<${RecordForm}
              key=${data.data.version}
              formId="municipality-form"
              heading="h2"
              title=${t('admin.municipalityForm')}
              fields=${fields}
              original=${original}
              historyPath="/municipality/history"
              onReload=${() => {
                setSaved(false);
                data.reload();
              }}
              save=${save}
              onSaved=${() => {
                setSaved(true);
                data.reload();
              }}
            />
            <${DaysOffThisYear} version=${data.data.version} />
            <${RecordToggle} path="/municipality/history" id="record-municipality" label=${data.data.name} />`
    }`;
}

/**
 * Local networks: per area, its coordinating administration (tovholder) and members; start one where none is
 * (with the municipality's network starter, TMF in Copenhagen, as its first coordinator). Members and hand-overs
 * are events on the network's own page (/networks/:id), never an edit here.
 */
export function AdminLocalNetworksPage() {
  const data = useAsync(async () => {
    const [networks, refs, municipality] = await Promise.all([
      api('/local-networks'),
      loadRefs({ fresh: true }),
      api('/municipality'),
    ]);
    return { networks, refs, municipality };
  }, []);
  const [saved, setSaved] = useState(null);
  const [editing, setEditing] = useState(null);
  if (!data.data)
    return html`<${AdminHeader} section="localNetworks" title=${t('admin.sections.localNetworks')} />
      ${data.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`}`;
  const { networks, refs, municipality } = data.data;
  const adminName = (id) => {
    const a = refs.administrations.find((x) => x.id === id);
    return a ? `${a.name} (${a.code})` : '–';
  };
  const adminOptions = refs.administrations
    .filter((a) => a.active !== false)
    .map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }));
  const names = {
    coordinating_administration_id: adminName,
    area_id: (id) => refs.areas.find((a) => a.id === id)?.name,
  };
  const rows = refs.areas.map((area) => ({ area, network: networks.find((n) => n.areaId === area.id) ?? null }));
  const done = async (area) => {
    setEditing(null);
    setSaved(area.name);
    await data.reload();
  };
  return html`<${AdminHeader} section="localNetworks" title=${t('admin.sections.localNetworks')} />
    <p class="lead">${t('admin.intro.localNetworks')}</p>
    ${saved && html`<${SuccessNotice} key=${saved}>${t('admin.done.network', { name: saved })}<//>`}
    <${TableWrap} label=${t('admin.sections.localNetworks')}>
      <table>
        <thead>
          <tr>
            <th scope="col">${t('admin.fields.area')}</th>
            <th scope="col">${t('admin.fields.coordinator')}</th>
            <th scope="col">${t('admin.fields.members')}</th>
            <th scope="col">${t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ({ area, network }) =>
              html`<tr key=${area.id} data-row=${area.name}>
                <th scope="row">${area.name}</th>
                <td>
                  ${network ? adminName(network.coordinatingAdministrationId) : html`<span class="meta">${t('admin.noNetwork')}</span>`}
                </td>
                <td>
                  ${
                    network?.members.length
                      ? html`<ul>
                          ${network.members.map(
                            (m) => html`<li key=${m.id}>${m.name} – ${t(`network.capacities.${m.capacity}`)}</li>`,
                          )}
                        </ul>`
                      : '–'
                  }
                </td>
                <td>
                  ${
                    network
                      ? html`<a href=${`/networks/${network.id}`}>${t('network.openNamed', { name: area.name })}</a>
                          <${RecordToggle}
                            path=${`/local-networks/${network.id}/history`}
                            id=${`record-${network.id}`}
                            label=${area.name}
                            names=${names}
                          />`
                      : html`<button
                          type="button"
                          class="secondary"
                          aria-label=${t('admin.startNetworkNamed', { name: area.name })}
                          onClick=${() => setEditing(area.id)}
                        >
                          ${t('admin.startNetwork')}
                        </button>`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
    ${rows
      .filter((r) => r.area.id === editing && !r.network)
      .map(
        ({ area }) =>
          html`<${NetworkForm}
            key=${area.id}
            area=${area}
            starter=${municipality.networkStarterAdministrationId}
            adminOptions=${adminOptions}
            onSaved=${() => done(area)}
            onCancel=${() => setEditing(null)}
          />`,
      )}`;
}

function NetworkForm({ area, starter, adminOptions, onSaved, onCancel }) {
  const [coordinator, setCoordinator] = useState(starter ?? '');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/local-networks', {
        method: 'POST',
        body: { areaId: area.id, ...(coordinator ? { coordinatingAdministrationId: coordinator } : {}) },
      });
      setBusy(false);
      onSaved();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return html`<form id="network-form" class="section-editor" onSubmit=${submit} novalidate>
    <h2>${t('admin.startNetworkTitle', { name: area.name })}</h2>
    <${ProblemNotice} error=${error} />
    <${SelectField}
      id="network-form-coordinatingAdministrationId"
      label=${t('network.startWith')}
      hint=${t('network.startWithHint')}
      value=${coordinator}
      onChange=${setCoordinator}
      options=${adminOptions}
      placeholder=${t('admin.choose')}
      required=${true}
      error=${fieldErrors(error).coordinatingAdministrationId}
    />
    <div class="button-row">
      <button type="submit" disabled=${busy}>${busy ? t('admin.saving') : t('admin.startNetwork')}</button>
      <button type="button" class="secondary" onClick=${onCancel}>${t('admin.cancel')}</button>
    </div>
  </form>`;
}
