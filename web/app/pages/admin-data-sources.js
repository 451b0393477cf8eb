// Where the figures come from, for administrators: the government's lists of
// housing areas (/admin/housing-areas: a year's list imported as a file, the
// housing areas and their listings edited by hand, which lists the "halve the
// list" indicator counts) and the binding of indicators to Statistics
// Denmark's StatBank (/admin/statbank: bind, fetch now, the fetches and why
// one failed). The API decides everything; these pages show what it says.
import { html, useEffect, useRef, useState } from '../html.js';
import { api, ApiError } from '../api.js';
import { formatDateTime, getLocale, t } from '../i18n.js';
import {
  CheckboxGroup,
  fieldErrors,
  Loading,
  ProblemNotice,
  SelectField,
  SuccessNotice,
  TableWrap,
  TextField,
  useAsync,
  withFieldLinks,
} from '../components.js';
import { RecordForm, RecordToggle } from '../admin-kit.js';
import { loadRefs } from '../refs.js';
import { AdminHeader } from './admin.js';

const localName = (item) => (getLocale() === 'en' ? (item.nameEn ?? item.name) : item.name);
const asYear = (text) => {
  const n = Number(String(text).trim());
  return String(text).trim() && Number.isInteger(n) ? n : text; // not a year: sent as typed, the API says why
};

/** The government's lists: import a year's list, the housing areas, their listings, and what is counted. */
export function AdminHousingAreasPage() {
  const data = useAsync(
    () =>
      Promise.all([
        api('/housing-areas'),
        api('/housing-areas/lists'),
        loadRefs(),
        api('/housing-areas/counted-indicators'),
      ]),
    [],
  );
  const [editing, setEditing] = useState(null); // null, 'new' or a housing area
  const [saved, setSaved] = useState(null);
  const [query, setQuery] = useState('');
  const header = html`<${AdminHeader} section="housingAreas" title=${t('admin.sections.housingAreas')} />
    <p class="lead">${t('admin.intro.housingAreas')}</p>`;
  if (!data.data)
    return html`${header}
    ${data.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`}`;
  const [{ housingAreas, counts }, vocab, refs, counted] = data.data;
  const lists = vocab.lists.map((l) => ({ value: l.code, label: localName(l) }));
  const criteria = vocab.criteria.map((c) => ({ value: c.code, label: localName(c) }));
  const listName = (code) => lists.find((l) => l.value === code)?.label ?? code;
  const criterionName = (code) => criteria.find((c) => c.value === code)?.label ?? code;
  const areaOptions = refs.areas.filter((a) => a.active !== false).map((a) => ({ value: a.id, label: a.name }));
  const recordNames = {
    area_id: (v) => (v ? (refs.areas.find((a) => a.id === v)?.name ?? null) : t('housing.noArea')),
    list: (v) => listName(v),
    criteria: (v) => (Array.isArray(v) ? v.map(criterionName).join(', ') || '–' : null),
  };
  const q = query.trim().toLowerCase();
  const visible = housingAreas.filter(
    (h) => !q || [h.name, h.housingAssociation, h.areaName ?? ''].join(' ').toLowerCase().includes(q),
  );
  const fields = [
    { name: 'name', label: t('housing.name'), type: 'text', required: true },
    { name: 'housingAssociation', label: t('housing.association'), type: 'text' },
    {
      name: 'areaId',
      label: t('admin.fields.area'),
      hint: t('housing.areaHint'),
      type: 'select',
      nullable: true,
      options: areaOptions,
      placeholder: t('housing.noArea'),
    },
  ];
  const reload = async (name, verb) => {
    setEditing(null);
    if (name) setSaved({ name, verb });
    await data.reload();
  };
  const formFor = (item) =>
    html`<${RecordForm}
      key=${item ? `${item.id}-${item.version}` : 'new'}
      formId="housing-form"
      heading="h3"
      focusOnOpen=${true}
      title=${item ? t('admin.editTitle', { name: item.name }) : t('housing.new')}
      fields=${fields}
      original=${item}
      historyPath=${item ? `/housing-areas/${item.id}/history` : undefined}
      historyFilter=${(c) => c.subject === 'housing_area'}
      onReload=${async () => {
        const fresh = await data.reload();
        setEditing(fresh?.[0].housingAreas.find((x) => x.id === item.id) ?? null);
      }}
      save=${(body) =>
        item
          ? api(`/housing-areas/${item.id}`, { method: 'PATCH', body })
          : api('/housing-areas', { method: 'POST', body })}
      onSaved=${(s) => reload(s.name, item ? 'saved' : 'created')}
      onCancel=${() => setEditing(null)}
    />`;
  return html`
    ${header}
    <section class="block" aria-labelledby="housing-import-heading">
      <h2 id="housing-import-heading">${t('housing.importTitle')}</h2>
      <${HousingListImport} onDone=${() => data.reload()} />
    </section>
    <section class="block" aria-labelledby="housing-list-heading">
      <h2 id="housing-list-heading">${t('housing.allTitle')}</h2>
      ${
        counts.length > 0 &&
        html`<p data-housing-counts>
          ${t('housing.cityCounts')}: ${counts.map((c) => `${c.year}: ${c.count}`).join(' · ')}
        </p>`
      }
      ${
        saved &&
        html`<${SuccessNotice} key=${saved.name + saved.verb}>
          ${t(`admin.done.${saved.verb}`, { name: saved.name })}
        <//>`
      }
      <div class="button-row">
        <button
          type="button"
          aria-expanded=${editing === 'new' ? 'true' : 'false'}
          onClick=${() => setEditing(editing === 'new' ? null : 'new')}
        >
          ${t('housing.new')}
        </button>
      </div>
      ${editing === 'new' && formFor(null)} ${editing && editing !== 'new' && formFor(editing)}
      <form class="filters" role="search" aria-label=${t('admin.searchLabel')} onSubmit=${(e) => e.preventDefault()}>
        <${TextField}
          id="housing-search"
          label=${t('admin.search')}
          hint=${t('housing.searchHint')}
          type="search"
          value=${query}
          onInput=${setQuery}
        />
      </form>
      <p class="meta" role="status">${t('admin.shown', { shown: visible.length, total: housingAreas.length })}</p>
      ${
        housingAreas.length > 0 &&
        html`<${TableWrap} label=${t('housing.allTitle')}>
          <table>
            <thead>
              <tr>
                <th scope="col">${t('housing.name')}</th>
                <th scope="col">${t('housing.association')}</th>
                <th scope="col">${t('admin.fields.area')}</th>
                <th scope="col">${t('housing.history')}</th>
                <th scope="col">${t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              ${visible.map(
                (h) =>
                  html`<tr key=${h.id} data-row=${h.name}>
                    <th scope="row">${h.name}</th>
                    <td>${h.housingAssociation || '–'}</td>
                    <td>${h.areaName ?? t('housing.noArea')}</td>
                    <td>
                      <${Listings}
                        housingArea=${h}
                        listName=${listName}
                        criterionName=${criterionName}
                        onChanged=${() => data.reload()}
                      />
                    </td>
                    <td>
                      <div class="button-row">
                        <button
                          type="button"
                          class="secondary"
                          aria-label=${t('admin.editNamed', { name: h.name })}
                          onClick=${() => setEditing(h)}
                        >
                          ${t('admin.edit')}
                        </button>
                      </div>
                      <${AddListing}
                        housingArea=${h}
                        lists=${lists}
                        criteria=${criteria}
                        onDone=${() => data.reload()}
                      />
                      <${RecordToggle}
                        path=${`/housing-areas/${h.id}/history`}
                        id=${`record-${h.id}`}
                        label=${h.name}
                        names=${recordNames}
                        heading="h3"
                      />
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        <//>`
      }
    </section>
    <section class="block" aria-labelledby="housing-counted-heading">
      <h2 id="housing-counted-heading">${t('housing.countedTitle')}</h2>
      <p>${t('housing.countedLead')}</p>
      ${counted.length === 0 && html`<p class="empty">${t('housing.noCounted')}</p>`}
      ${counted.map(
        (c) => html`<${CountedLists} key=${c.indicatorId} counted=${c} lists=${lists} onDone=${() => data.reload()} />`,
      )}
    </section>
  `;
}

/** One year's list as a file: refused whole with its errors row by row, or loaded (and the counts written). */
function HousingListImport({ onDone }) {
  const input = useRef(null);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [missingFile, setMissingFile] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    setError(null);
    setResult(null);
    setMissingFile(!file);
    if (!file) return;
    setBusy(true);
    const form = new FormData();
    form.append('year', String(year).trim());
    form.append('file', file);
    try {
      const imported = await api('/housing-areas/imports', { method: 'POST', form });
      setResult(imported);
      input.current.value = '';
      if (imported.status === 'succeeded') onDone();
    } catch (err) {
      setError(withFieldLinks(err, 'housing-import', { year: t('housing.year'), file: t('housing.file') }));
    }
    setBusy(false);
  };
  const errors = fieldErrors(error);
  const fileError = missingFile ? [t('indicators.chooseFile')] : errors.file;
  return html`<div>
    <p>${t('housing.importLead')}</p>
    <form id="housing-import" onSubmit=${submit} novalidate>
      <${ProblemNotice} error=${error} />
      <${TextField}
        id="housing-import-year"
        label=${t('housing.year')}
        hint=${t('housing.yearHint')}
        inputMode="numeric"
        value=${year}
        onInput=${setYear}
        error=${errors.year}
        required=${true}
      />
      <div class=${`field${fileError?.length ? ' has-error' : ''}`}>
        <label for="housing-import-file">${t('housing.file')}</label>
        <span class="hint" id="housing-import-file-hint">${t('housing.fileHint')}</span>
        ${
          fileError?.length > 0 &&
          html`<span class="field-error" id="housing-import-file-error">${fileError.join(' ')}</span>`
        }
        <input
          type="file"
          id="housing-import-file"
          ref=${input}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby=${`housing-import-file-hint${fileError?.length ? ' housing-import-file-error' : ''}`}
          aria-invalid=${fileError?.length ? 'true' : undefined}
        />
      </div>
      <div class="button-row">
        <button type="submit" disabled=${busy}>${busy ? t('housing.importing') : t('housing.importSubmit')}</button>
      </div>
    </form>
    ${result && html`<${HousingImportResult} result=${result} />`}
  </div>`;
}

function HousingImportResult({ result }) {
  return html`<div class="card" data-import-status=${result.status}>
    <h3>${t('housing.importOf', { file: result.fileName, year: result.year })}</h3>
    ${result.duplicate && html`<p class="notice">${t('indicators.duplicate')}</p>`}
    ${
      result.status === 'succeeded'
        ? html`<${SuccessNotice}>
            <p>
              ${t('housing.imported', { listed: result.listed, added: result.housingAreasAdded, year: result.year })}
            </p>
          <//>`
        : html`<div class="notice error" role="alert">
            <h4>${t('indicators.failed', { n: result.errorCount })}</h4>
            <p>${t('indicators.failedLead')}</p>
          </div>`
    }
    ${
      result.errors.length > 0 &&
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
            ${result.errors.map(
              (e, i) =>
                html`<tr key=${i}>
                  <td class="num">${e.row === 0 ? t('indicators.wholeFile') : e.row}</td>
                  <td>${e.column ?? '–'}</td>
                  <td>${getLocale() === 'en' ? e.messageEn : e.message}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      <//>`
    }
  </div>`;
}

/** A housing area's years on the lists, each with its criteria, and a way to take it off. */
function Listings({ housingArea: h, listName, criterionName, onChanged }) {
  const [error, setError] = useState(null);
  const remove = async (l) => {
    setError(null);
    try {
      await api(`/housing-areas/${h.id}/listings/${l.id}`, { method: 'DELETE' });
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  if (h.listings.length === 0) return t('housing.neverListed');
  return html`<${ProblemNotice} error=${error} focus=${false} />
    <ul>
      ${h.listings.map(
        (l) =>
          html`<li key=${l.id}>
            <strong>${l.year}</strong>: ${listName(l.list)}
            ${l.criteria.length > 0 && ` (${l.criteria.map(criterionName).join(', ')})`}
            <button
              type="button"
              class="link-button"
              aria-label=${t('housing.removeLabel', { name: h.name, year: l.year })}
              onClick=${() => remove(l)}
            >
              ${t('housing.remove')}
            </button>
          </li>`,
      )}
    </ul>`;
}

/** Put one housing area on a year's list, with the criteria it met. */
function AddListing({ housingArea: h, lists, criteria, onDone }) {
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [list, setList] = useState(lists[0]?.value ?? '');
  const [met, setMet] = useState([]);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const formId = `listing-${h.id}`;
  const labels = { year: t('housing.year'), list: t('housing.list'), criteria: t('housing.criteria') };
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/housing-areas/${h.id}/listings`, {
        method: 'POST',
        body: { year: asYear(year), list, criteria: met },
      });
      setOpen(false);
      setMet([]);
      onDone();
    } catch (err) {
      setError(withFieldLinks(err, formId, labels));
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  return html`<div>
    <button
      type="button"
      class="link-button"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${open ? formId : undefined}
      aria-label=${open ? `${t('form.closeForm')}: ${h.name}` : t('housing.addNamed', { name: h.name })}
      onClick=${() => setOpen(!open)}
    >
      ${open ? t('form.closeForm') : t('housing.addShort')}
    </button>
    ${
      open &&
      html`<form id=${formId} class="section-editor" onSubmit=${submit} novalidate>
        <${ProblemNotice} error=${error} />
        <${TextField}
          id=${`${formId}-year`}
          label=${labels.year}
          inputMode="numeric"
          value=${year}
          onInput=${setYear}
          error=${errors.year}
          required=${true}
        />
        <${SelectField}
          id=${`${formId}-list`}
          label=${labels.list}
          value=${list}
          onChange=${setList}
          options=${lists}
          error=${errors.list}
          required=${true}
        />
        <${CheckboxGroup}
          id=${`${formId}-criteria`}
          label=${labels.criteria}
          values=${met}
          onChange=${setMet}
          options=${criteria}
          error=${errors.criteria}
        />
        <div class="button-row"><button type="submit" disabled=${busy}>${t('housing.addSubmit')}</button></div>
      </form>`
    }
  </div>`;
}

/** Which lists an indicator measured from them counts; its counts are written again for every year loaded. */
function CountedLists({ counted, lists, onDone }) {
  const [chosen, setChosen] = useState(counted.lists);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(false);
  const formId = `counted-${counted.indicatorId}`;
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    try {
      await api(`/housing-areas/counted-indicators/${counted.indicatorId}`, { method: 'PUT', body: { lists: chosen } });
      setDone(true);
      onDone();
    } catch (err) {
      setError(withFieldLinks(err, formId, { lists: t('housing.countedLists') }));
    }
  };
  return html`<form id=${formId} class="section-editor" onSubmit=${submit} novalidate>
    <h3>${counted.indicatorName}</h3>
    <${ProblemNotice} error=${error} />
    ${done && html`<${SuccessNotice}>${t('housing.countedSaved', { name: counted.indicatorName })}<//>`}
    <${CheckboxGroup}
      id=${`${formId}-lists`}
      label=${t('housing.countedLists')}
      values=${chosen}
      onChange=${setChosen}
      options=${lists}
      error=${fieldErrors(error).lists}
      required=${true}
    />
    <div class="button-row"><button type="submit">${t('admin.save')}</button></div>
  </form>`;
}

// ---------------------------------------------------------------------------------------------------------------
// StatBank

const DONE = ['succeeded', 'failed'];

/** "KØN=TOT" per line ↔ [{ code, values }]. */
const variablesText = (variables) => variables.map((v) => `${v.code}=${v.values.join(',')}`).join('\n');
const variablesFrom = (text) =>
  String(text)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf('=');
      const code = (at < 0 ? line : line.slice(0, at)).trim();
      const values =
        at < 0
          ? []
          : line
              .slice(at + 1)
              .split(',')
              .map((v) => v.trim())
              .filter(Boolean);
      return { code, values };
    });

/** An indicator bound to a StatBank table, its city-level values fetched now or every year. */
export function AdminStatbankPage() {
  const refs = useAsync(() => loadRefs(), []);
  const [indicatorId, setIndicatorId] = useState('');
  const header = html`<${AdminHeader} section="statbank" title=${t('admin.sections.statbank')} />
    <p class="lead">${t('admin.intro.statbank')}</p>`;
  if (!refs.data)
    return html`${header}
    ${refs.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${refs.error} onReload=${refs.reload} />`}`;
  const indicators = refs.data.indicators.filter((i) => i.active !== false);
  return html`${header}
    <form class="filters" onSubmit=${(e) => e.preventDefault()}>
      <${SelectField}
        id="statbank-indicator"
        label=${t('admin.fields.indicator')}
        value=${indicatorId}
        onChange=${setIndicatorId}
        options=${indicators.map((i) => ({ value: i.id, label: `${i.name} (${i.code})` }))}
        placeholder=${t('admin.choose')}
      />
    </form>
    ${
      indicatorId &&
      html`<${StatbankIndicator} key=${indicatorId} indicator=${indicators.find((i) => i.id === indicatorId)} />`
    }`;
}

function StatbankIndicator({ indicator }) {
  const binding = useAsync(
    () => api(`/indicators/${indicator.id}/statbank`).catch((err) => (err.status === 404 ? null : Promise.reject(err))),
    [indicator.id],
  );
  const fetches = useAsync(() => api(`/indicators/${indicator.id}/statbank/fetches`), [indicator.id]);
  const [saved, setSaved] = useState(null);
  const [startError, setStartError] = useState(null);
  const running = (fetches.data ?? []).some(
    (f) => f.status === 'queued' || (f.status === 'succeeded' && f.importStatus && !DONE.includes(f.importStatus)),
  );
  // A fetch runs in the background: look again until it is done.
  useEffect(() => {
    if (!running) return undefined;
    const timer = setTimeout(() => fetches.reload(), 1000);
    return () => clearTimeout(timer);
  }, [running, fetches.data]);
  if (binding.loading && binding.data === undefined) return html`<${Loading} />`;
  if (binding.error) return html`<${ProblemNotice} error=${binding.error} onReload=${binding.reload} />`;
  const current = binding.data;
  const fields = [
    { name: 'tableId', label: t('statbank.tableId'), hint: t('statbank.tableIdHint'), type: 'text', required: true },
    {
      name: 'municipalityCode',
      label: t('statbank.municipalityCode'),
      hint: t('statbank.municipalityCodeHint'),
      type: 'text',
      required: true,
    },
    {
      name: 'areaVariable',
      label: t('statbank.areaVariable'),
      hint: t('statbank.defaultIs', { v: 'OMRÅDE' }),
      type: 'text',
    },
    {
      name: 'timeVariable',
      label: t('statbank.timeVariable'),
      hint: t('statbank.defaultIs', { v: 'Tid' }),
      type: 'text',
    },
    { name: 'variables', label: t('statbank.variables'), hint: t('statbank.variablesHint'), type: 'textarea', rows: 3 },
    { name: 'yearly', label: t('statbank.yearly'), type: 'checkbox' },
  ];
  const original = current ? { ...current, variables: variablesText(current.variables) } : null;
  const save = async (body) => {
    // The binding is put whole: every field, the variables as the API takes them.
    const values = { ...(original ?? {}), ...body };
    return api(`/indicators/${indicator.id}/statbank`, {
      method: 'PUT',
      body: {
        tableId: values.tableId ?? '',
        municipalityCode: values.municipalityCode ?? '',
        ...(values.areaVariable ? { areaVariable: values.areaVariable } : {}),
        ...(values.timeVariable ? { timeVariable: values.timeVariable } : {}),
        variables: variablesFrom(values.variables ?? ''),
        yearly: Boolean(values.yearly),
        version: current?.version ?? 0,
      },
    }).catch((err) => {
      // "variables[1].values": said beside the one field the variables are typed in.
      if (err instanceof ApiError)
        err.errors = err.errors.map((e) => (e.field?.startsWith('variables') ? { ...e, field: 'variables' } : e));
      throw err;
    });
  };
  const remove = async () => {
    setStartError(null);
    try {
      await api(`/indicators/${indicator.id}/statbank?version=${current.version}`, { method: 'DELETE' });
      setSaved('removed');
      await binding.reload();
    } catch (err) {
      setStartError(err);
    }
  };
  const start = async () => {
    setStartError(null);
    setSaved(null);
    try {
      await api(`/indicators/${indicator.id}/statbank/fetches`, { method: 'POST' });
      await fetches.reload();
    } catch (err) {
      setStartError(err);
    }
  };
  return html`<section class="block" aria-labelledby="statbank-binding-heading">
      <h2 id="statbank-binding-heading">${t('statbank.bindingOf', { name: indicator.name })}</h2>
      ${!current && html`<p class="empty">${t('statbank.notBound')}</p>`}
      ${saved && html`<${SuccessNotice} key=${saved}>${t(`statbank.done.${saved}`, { name: indicator.name })}<//>`}
      <${RecordForm}
        key=${current ? `b-${current.version}` : 'new'}
        formId="statbank-form"
        heading="h3"
        title=${current ? t('statbank.editBinding') : t('statbank.newBinding')}
        fields=${fields}
        original=${original}
        save=${save}
        onSaved=${async () => {
          setSaved('saved');
          await binding.reload();
        }}
      />
      <${ProblemNotice} error=${startError} />
      ${
        current &&
        html`<div class="button-row">
          <button type="button" onClick=${start} disabled=${running}>${t('statbank.fetchNow')}</button>
          <button type="button" class="secondary" onClick=${remove}>${t('statbank.remove')}</button>
        </div>`
      }
    </section>
    <section class="block" aria-labelledby="statbank-fetches-heading">
      <h2 id="statbank-fetches-heading">${t('statbank.fetches')}</h2>
      <${StatbankFetches} fetches=${fetches} />
    </section>`;
}

function StatbankFetches({ fetches }) {
  if (!fetches.data)
    return fetches.loading
      ? html`<${Loading} />`
      : html`<${ProblemNotice} error=${fetches.error} onReload=${fetches.reload} focus=${false} />`;
  if (fetches.data.length === 0) return html`<p class="empty">${t('statbank.noFetches')}</p>`;
  const en = getLocale() === 'en';
  return html`<ul class="change-list">
    ${fetches.data.map(
      (f) =>
        html`<li key=${f.id} data-fetch-status=${f.status}>
          <time datetime=${new Date(f.createdAt).toISOString()}>${formatDateTime(f.createdAt)}</time>
          <span class="meta"> · ${t(`statbank.triggers.${f.trigger}`)}</span>
          <p class=${f.status === 'failed' ? 'field-error' : undefined}>
            <strong>${t(`statbank.statuses.${f.status}`)}</strong>
            ${
              f.status === 'succeeded' &&
              html` – ${t('statbank.found', { found: f.valuesFound, skipped: f.valuesSkipped })}
              ${f.importStatus && html` ${t('statbank.importStatus', { status: t(`importPhase.${f.importStatus}`) })}`}`
            }
            ${f.status === 'failed' && html` – ${en ? f.messageEn : f.message}`}
          </p>
          ${
            f.errors.length > 0 &&
            html`<ul>
              ${f.errors.map(
                (e) =>
                  html`<li key=${e.line}>${t('statbank.line', { line: e.line })}: ${en ? e.messageEn : e.message}</li>`,
              )}
            </ul>`
          }
        </li>`,
    )}
  </ul>`;
}
