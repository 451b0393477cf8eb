import { html, useState } from './html.js';
import { api } from './api.js';
import { t } from './i18n.js';
import {
  fieldErrors,
  Loading,
  ProblemNotice,
  SelectField,
  TableWrap,
  TextField,
  useAsync,
  useSession,
  withFieldLinks,
} from './components.js';

/**
 * The housing areas on the government's lists that lie in an area, each with
 * every year it was listed (which lists, which criteria), and the count per
 * year that the goal "halve the list" is measured by. Administrators put a
 * housing area on a year's list, or take it off, here; a year's whole list is
 * imported, and housing areas added and edited, on /admin/housing-areas.
 */
export function HousingAreas({ area }) {
  const session = useSession();
  const [error, setError] = useState(null);
  const data = useAsync(
    () => Promise.all([api(`/housing-areas?areaId=${area.id}`), api('/housing-areas/lists')]),
    [area.id],
  );
  if (!data.data) {
    return data.loading
      ? html`<${Loading} />`
      : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} focus=${false} />`;
  }
  const [{ housingAreas, counts }, { lists, criteria }] = data.data;
  const listName = (code) => lists.find((l) => l.code === code)?.name ?? code;
  const criterionName = (code) => criteria.find((c) => c.code === code)?.name ?? code;
  const isAdmin = session.hasRole('administrator');
  const remove = async (h, l) => {
    setError(null);
    try {
      await api(`/housing-areas/${h.id}/listings/${l.id}`, { method: 'DELETE' });
      data.reload();
    } catch (err) {
      setError(err);
    }
  };
  return html`
    ${
      counts.length > 0 &&
      html`<p data-housing-counts>${t('housing.counts')}: ${counts.map((c) => `${c.year}: ${c.count}`).join(' · ')}</p>`
    }
    <${ProblemNotice} error=${error} focus=${false} />
    ${
      housingAreas.length === 0
        ? html`<p class="empty">${t('housing.none')}</p>`
        : html`<${TableWrap} label=${t('housing.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t('housing.name')}</th>
                  <th scope="col">${t('housing.association')}</th>
                  <th scope="col">${t('housing.history')}</th>
                </tr>
              </thead>
              <tbody>
                ${housingAreas.map(
                  (h) =>
                    html`<tr key=${h.id} data-housing-area=${h.name}>
                      <th scope="row">${h.name}</th>
                      <td>${h.housingAssociation || '–'}</td>
                      <td>
                        ${
                          h.listings.length === 0
                            ? t('housing.neverListed')
                            : html`<ul>
                                ${h.listings.map(
                                  (l) =>
                                    html`<li key=${l.id}>
                                      <strong>${l.year}</strong>: ${listName(l.list)}
                                      ${l.criteria.length > 0 && ` (${l.criteria.map(criterionName).join(', ')})`}
                                      ${
                                        isAdmin &&
                                        html` <button
                                          type="button"
                                          class="link-button"
                                          aria-label=${t('housing.removeLabel', { name: h.name, year: l.year })}
                                          onClick=${() => remove(h, l)}
                                        >
                                          ${t('housing.remove')}
                                        </button>`
                                      }
                                    </li>`,
                                )}
                              </ul>`
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          <//>`
    }
    ${isAdmin && housingAreas.length > 0 && html`<${AddListing} housingAreas=${housingAreas} lists=${lists} onDone=${data.reload} />`}
    ${isAdmin && html`<p><a href="/admin/housing-areas">${t('housing.edit')}</a></p>`}
  `;
}

function AddListing({ housingAreas, lists, onDone }) {
  const [open, setOpen] = useState(false);
  const [housingAreaId, setHousingAreaId] = useState(housingAreas[0].id);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [list, setList] = useState(lists[0].code);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const labels = { year: t('housing.year'), list: t('housing.list') };
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const n = Number(year);
    try {
      await api(`/housing-areas/${housingAreaId}/listings`, {
        method: 'POST',
        body: { year: year.trim() && Number.isInteger(n) ? n : year, list },
      });
      setOpen(false);
      onDone();
    } catch (err) {
      setError(withFieldLinks(err, 'add-listing', labels));
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  return html`<div>
    <button
      type="button"
      class="secondary"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${open ? 'add-listing' : undefined}
      onClick=${() => setOpen(!open)}
    >
      ${open ? t('form.closeForm') : t('housing.add')}
    </button>
    ${
      open &&
      html`<form id="add-listing" class="section-editor" onSubmit=${submit} novalidate>
        <${ProblemNotice} error=${error} />
        <${SelectField}
          id="add-listing-housingAreaId"
          label=${t('housing.name')}
          value=${housingAreaId}
          onChange=${setHousingAreaId}
          options=${housingAreas.map((h) => ({ value: h.id, label: h.name }))}
          required=${true}
        />
        <${TextField}
          id="add-listing-year"
          label=${labels.year}
          inputMode="numeric"
          value=${year}
          onInput=${setYear}
          error=${errors.year}
          required=${true}
        />
        <${SelectField}
          id="add-listing-list"
          label=${labels.list}
          value=${list}
          onChange=${setList}
          options=${lists.map((l) => ({ value: l.code, label: l.name }))}
          error=${errors.list}
          required=${true}
        />
        <div class="button-row"><button type="submit" disabled=${busy}>${t('housing.addSubmit')}</button></div>
      </form>`
    }
  </div>`;
}
