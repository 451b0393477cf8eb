// Users (/admin/users): search and filter (server-side: the list may be
// long), create with roles and administration membership, edit, deactivate
// (the user is kept, so their history stays readable), the record of changes
// to each, and, for local accounts, a one-time password that forces a new
// one at the next sign-in. The API decides; the page shows what it says.
import { html, useState } from '../html.js';
import { api, qs } from '../api.js';
import { formatDateTime, t } from '../i18n.js';
import { setSearch } from '../router.js';
import {
  Loading,
  ProblemNotice,
  SelectField,
  SuccessNotice,
  TableWrap,
  TextField,
  useAsync,
  useFocusOnMount,
} from '../components.js';
import { ConflictNotice, RecordForm, RecordToggle } from '../admin-kit.js';
import { loadRefs } from '../refs.js';
import { vocab } from '../vocabulary.js';
import { AdminHeader } from './admin.js';

/** Where the user signs in: the API's `origin` where it says, else from `external`. */
const originOf = (u) => u.origin ?? (u.external ? 'oidc' : 'local');

export function AdminUsersPage({ search }) {
  const filters = {
    q: search.get('q') ?? '',
    role: search.get('role') ?? '',
    administrationId: search.get('administrationId') ?? '',
    active: search.get('active') ?? 'true',
  };
  const [q, setQ] = useState(filters.q);
  const [editing, setEditing] = useState(null);
  const [saved, setSaved] = useState(null);
  const [rowError, setRowError] = useState(null);
  const [oneTime, setOneTime] = useState(null);
  const lists = useAsync(async () => {
    const [roles, refs] = await Promise.all([vocab('roles'), loadRefs()]);
    return { roles, refs };
  }, []);
  const users = useAsync(
    () => api(`/users${qs({ ...filters, active: filters.active === 'all' ? undefined : filters.active })}`),
    [filters.q, filters.role, filters.administrationId, filters.active],
  );
  const header = html`<${AdminHeader} section="users" title=${t('admin.sections.users')} />
    <p class="lead">${t('admin.intro.users')}</p>`;
  if (!lists.data)
    return html`${header}${lists.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${lists.error} onReload=${lists.reload} />`}`;
  const { roles, refs } = lists.data;
  const adminLabel = (id) => {
    const a = refs.administrations.find((x) => x.id === id);
    return a ? `${a.name} (${a.code})` : id;
  };
  const adminOptions = refs.administrations
    .filter((a) => a.active !== false)
    .map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }));
  const roleOptions = roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const fields = (user) => [
    { name: 'displayName', label: t('admin.fields.displayName'), type: 'text', required: true },
    {
      name: 'email',
      label: t('admin.fields.email'),
      type: 'text',
      inputType: 'email',
      autocomplete: 'off',
      required: true,
      readOnlyOnEdit: true,
    },
    ...(user
      ? []
      : [
          {
            name: 'password',
            label: t('admin.fields.password'),
            hint: t('admin.hints.password'),
            type: 'text',
            inputType: 'password',
            autocomplete: 'new-password',
          },
        ]),
    { name: 'roles', label: t('admin.fields.roles'), type: 'checkboxes', options: roleOptions, required: true },
    {
      name: 'administrationId',
      label: t('admin.fields.administration'),
      hint: t('admin.hints.administration'),
      type: 'select',
      options: adminOptions,
      nullable: true,
    },
  ];
  const done = async (user, verb) => {
    setEditing(null);
    setSaved({ name: user.displayName, verb });
    await users.reload();
  };
  const setActive = async (user, active) => {
    setRowError(null);
    setSaved(null);
    try {
      const updated = await api(`/users/${user.id}`, { method: 'PATCH', body: { version: user.version, active } });
      await done(updated, active ? 'reactivated' : 'deactivated');
    } catch (err) {
      setRowError({ err, user });
    }
  };
  const reset = async (user) => {
    setRowError(null);
    setSaved(null);
    setOneTime(null);
    try {
      const res = await api(`/users/${user.id}/reset-password`, { method: 'POST' });
      setOneTime({ name: user.displayName, password: res.oneTimePassword });
      await users.reload();
    } catch (err) {
      setRowError({ err, user });
    }
  };
  const names = {
    administration_id: (id) => (id ? adminLabel(id) : '–'),
    roles: (rs) => (rs ?? []).map((r) => t(`roles.${r}`)).join(', ') || '–',
  };
  const list = users.data ?? [];
  return html`${header}
    ${saved && html`<${SuccessNotice} key=${saved.name + saved.verb}>${t(`admin.done.${saved.verb}`, { name: saved.name })}<//>`}
    ${oneTime && html`<${OneTimePassword} ...${oneTime} onDone=${() => setOneTime(null)} />`}
    ${
      rowError &&
      (rowError.err.isVersionConflict
        ? html`<${ConflictNotice}
            error=${rowError.err}
            historyPath=${`/users/${rowError.user.id}/history`}
            onReload=${() => {
              setRowError(null);
              users.reload();
            }}
          />`
        : html`<${ProblemNotice} error=${rowError.err} />`)
    }
    <div class="button-row">
      <button
        type="button"
        aria-expanded=${editing === 'new' ? 'true' : 'false'}
        onClick=${() => setEditing(editing === 'new' ? null : 'new')}
      >
        ${t('admin.new.users')}
      </button>
    </div>
    ${
      editing === 'new' &&
      html`<${RecordForm}
        key="new"
        formId="users-form"
        heading="h2"
        focusOnOpen=${true}
        title=${t('admin.new.users')}
        fields=${fields(null)}
        save=${(body) => api('/users', { method: 'POST', body })}
        onSaved=${(u) => done(u, 'created')}
        onCancel=${() => setEditing(null)}
      />`
    }
    ${
      editing &&
      editing !== 'new' &&
      html`<${RecordForm}
        key=${`${editing.id}-${editing.version}`}
        formId="users-form"
        heading="h2"
        focusOnOpen=${true}
        title=${t('admin.editTitle', { name: editing.displayName })}
        fields=${fields(editing)}
        original=${{ ...editing, administrationId: editing.administration?.id ?? null }}
        historyPath=${`/users/${editing.id}/history`}
        onReload=${async () => {
          const fresh = await users.reload();
          setEditing(fresh?.find((x) => x.id === editing.id) ?? null);
        }}
        save=${(body) => api(`/users/${editing.id}`, { method: 'PATCH', body })}
        onSaved=${(u) => done(u, 'saved')}
        onCancel=${() => setEditing(null)}
      />`
    }
    <form
      class="filters"
      role="search"
      aria-label=${t('admin.searchLabel')}
      onSubmit=${(e) => {
        e.preventDefault();
        setSearch({ q: q.trim() });
      }}
    >
      <${TextField}
        id="users-search"
        label=${t('admin.search')}
        hint=${t('admin.searchHint.users')}
        type="search"
        value=${q}
        onInput=${setQ}
      />
      <div class="button-row"><button type="submit" class="secondary">${t('admin.searchButton')}</button></div>
      <${SelectField}
        id="users-role"
        label=${t('admin.fields.role')}
        value=${filters.role}
        onChange=${(v) => setSearch({ role: v })}
        options=${roleOptions}
        placeholder=${t('admin.all')}
      />
      <${SelectField}
        id="users-administration"
        label=${t('admin.fields.administration')}
        value=${filters.administrationId}
        onChange=${(v) => setSearch({ administrationId: v })}
        options=${refs.administrations.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }))}
        placeholder=${t('admin.all')}
      />
      <${SelectField}
        id="users-active"
        label=${t('admin.status')}
        value=${filters.active}
        onChange=${(v) => setSearch({ active: v === 'true' ? '' : v })}
        options=${[
          { value: 'true', label: t('admin.onlyActive') },
          { value: 'false', label: t('admin.onlyInactive') },
          { value: 'all', label: t('admin.all') },
        ]}
      />
    </form>
    <${ProblemNotice} error=${users.error} onReload=${users.reload} focus=${false} />
    ${
      !users.data
        ? users.loading && html`<${Loading} />`
        : html`<p class="meta" role="status">${t('admin.found', { count: list.length })}</p>
            <${TableWrap} label=${t('admin.sections.users')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('admin.fields.displayName')}</th>
                    <th scope="col">${t('admin.fields.roles')}</th>
                    <th scope="col">${t('admin.fields.administration')}</th>
                    <th scope="col">${t('admin.fields.origin')}</th>
                    <th scope="col">${t('admin.fields.lastSignIn')}</th>
                    <th scope="col">${t('admin.status')}</th>
                    <th scope="col">${t('admin.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${list.map(
                    (u) =>
                      html`<tr key=${u.id} data-row=${u.email}>
                        <th scope="row">${u.displayName}<br /><span class="meta">${u.email}</span></th>
                        <td>${u.roles.map((r) => t(`roles.${r}`)).join(', ') || '–'}</td>
                        <td>${u.administration ? `${u.administration.name} (${u.administration.code})` : '–'}</td>
                        <td>${t(`admin.origins.${originOf(u)}`)}</td>
                        <td>
                          ${u.lastSignInAt ? formatDateTime(u.lastSignInAt) : u.lastSignInAt === null ? t('admin.never') : '–'}
                          ${u.mustChangePassword && html`<br /><span class="tag submitted">${t('admin.mustChangePassword')}</span>`}
                        </td>
                        <td>
                          ${u.active ? html`<span class="tag ok">${t('admin.active')}</span>` : html`<span class="tag neutral">${t('admin.inactive')}</span>`}
                        </td>
                        <td>
                          <div class="button-row">
                            <button
                              type="button"
                              class="secondary"
                              aria-label=${t('admin.editNamed', { name: u.displayName })}
                              onClick=${() => setEditing(u)}
                            >
                              ${t('admin.edit')}
                            </button>
                            <button
                              type="button"
                              class="secondary"
                              aria-label=${t(u.active ? 'admin.deactivateNamed' : 'admin.reactivateNamed', { name: u.displayName })}
                              onClick=${() => setActive(u, !u.active)}
                            >
                              ${t(u.active ? 'admin.deactivate' : 'admin.reactivate')}
                            </button>
                            ${
                              originOf(u) === 'local' &&
                              html`<button
                                type="button"
                                class="secondary"
                                aria-label=${t('admin.resetPasswordNamed', { name: u.displayName })}
                                onClick=${() => reset(u)}
                              >
                                ${t('admin.resetPassword')}
                              </button>`
                            }
                          </div>
                          <${RecordToggle}
                            path=${`/users/${u.id}/history`}
                            id=${`record-${u.id}`}
                            label=${u.displayName}
                            names=${names}
                          />
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            <//>`
    }`;
}

/** The one-time password, shown once, with what to do with it. */
function OneTimePassword({ name, password, onDone }) {
  const ref = useFocusOnMount();
  return html`<div class="notice warning" role="alert" tabindex="-1" ref=${ref} data-one-time-password="">
    <p class="notice-title">${t('admin.oneTimeTitle', { name })}</p>
    <p><code>${password}</code></p>
    <p>${t('admin.oneTimeWarning')}</p>
    <div class="button-row"><button type="button" onClick=${onDone}>${t('admin.oneTimeDone')}</button></div>
  </div>`;
}
