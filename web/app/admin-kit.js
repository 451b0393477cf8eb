// Building blocks of the administration pages: a form drawn from a list of
// fields (using the shared fields of components.js), the record of changes
// (who, when, what), and a version conflict that shows the change that beat
// the user's edit. The API decides everything; these only show what it says.
import { html, useEffect, useRef, useState } from './html.js';
import { api } from './api.js';
import { formatDate, formatDateTime, getLocale, t, tOr } from './i18n.js';
import { parseNumber } from './numbers.js';
import {
  CheckboxGroup,
  fieldErrors,
  Loading,
  ProblemNotice,
  SelectField,
  TextArea,
  TextField,
  useAsync,
  useFocusOnMount,
  withFieldLinks,
} from './components.js';

/** A form's text value for a field, from the API's value. */
export function formValue(field, value) {
  if (field.type === 'lines') return (value ?? []).join('\n');
  if (field.type === 'checkboxes') return value ?? [];
  if (field.type === 'checkbox') return Boolean(value);
  if (value === null || value === undefined) return '';
  return String(value);
}

/** The API's value for a field, from the form's text; `undefined` leaves it out. */
export function apiValue(field, value) {
  if (field.type === 'lines')
    return String(value ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  if (field.type === 'checkboxes' || field.type === 'checkbox') return value;
  const text = typeof value === 'string' ? value.trim() : value;
  if (text === '' || text === undefined || text === null) {
    if (field.nullable) return null;
    return field.required ? '' : undefined; // a required field left empty: the API says so, beside it
  }
  if (field.type === 'integer' || field.type === 'number') {
    return parseNumber(text, getLocale()); // what is not a number is sent as typed: the API says what is wrong
  }
  return text;
}

/** The body to send: every field's value; on an edit only the fields that changed, and the version read. */
export function payload(fields, values, original) {
  const body = {};
  for (const f of fields) {
    if (f.readOnlyOnEdit && original) continue;
    let v = apiValue(f, values[f.name]);
    // An optional text emptied on an edit is cleared; left out, it would stay as it was.
    if (v === undefined && original && typeof original[f.name] === 'string' && original[f.name] !== '') v = '';
    if (v === undefined) continue;
    if (original && JSON.stringify(v) === JSON.stringify(original[f.name] ?? (f.nullable ? null : undefined))) continue;
    body[f.name] = v;
  }
  if (original) body.version = original.version;
  return body;
}

/** One form field of the given type, tied to its errors. */
export function Field({ formId, field, value, onChange, errors }) {
  const id = `${formId}-${field.name}`;
  const common = { id, label: field.label, hint: field.hint, error: errors[field.name], required: field.required };
  if (field.type === 'textarea' || field.type === 'lines')
    return html`<${TextArea} ...${common} rows=${field.rows ?? 4} value=${value} onInput=${onChange} />`;
  if (field.type === 'select')
    return html`<${SelectField}
      ...${common}
      value=${value}
      onChange=${onChange}
      options=${field.options}
      placeholder=${field.placeholder ?? (field.required ? undefined : t('admin.none'))}
    />`;
  if (field.type === 'checkboxes')
    return html`<${CheckboxGroup} ...${common} values=${value} onChange=${onChange} options=${field.options} />`;
  if (field.type === 'checkbox')
    return html`<div class="field choice">
      <input type="checkbox" id=${id} checked=${value} onChange=${(e) => onChange(e.currentTarget.checked)} />
      <label for=${id}>${field.label}</label>
    </div>`;
  return html`<${TextField}
    ...${common}
    type=${field.inputType ?? 'text'}
    inputMode=${field.type === 'integer' ? 'numeric' : field.type === 'number' ? 'decimal' : undefined}
    autocomplete=${field.autocomplete}
    value=${value}
    onInput=${onChange}
  />`;
}

/**
 * A create or edit form for the fields. `original` (with its version) makes it an edit: only changed fields
 * are sent. `save(body)` calls the API; a refusal shows its reasons, each field error beside its field, and a
 * version conflict shows the other person's change (from `historyPath`) with the offer to start again.
 */
export function RecordForm({
  formId,
  title,
  fields,
  original,
  save,
  onSaved,
  onCancel,
  historyPath,
  onReload,
  heading = 'h3',
  focusOnOpen = false,
  historyFilter,
}) {
  const Heading = heading;
  const headingRef = useRef(null);
  // Opened by a button: focus moves to the form's heading, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (focusOnOpen) headingRef.current?.focus();
  }, []);
  const [values, setValues] = useState(() =>
    Object.fromEntries(fields.map((f) => [f.name, formValue(f, original ? original[f.name] : f.initial)])),
  );
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const labels = Object.fromEntries(fields.map((f) => [f.name, f.label]));
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await save(payload(fields, values, original));
      setBusy(false);
      onSaved?.(saved);
    } catch (err) {
      setError(withFieldLinks(err, formId, labels));
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  return html`<form id=${formId} class="section-editor" onSubmit=${submit} novalidate>
    <${Heading} tabindex="-1" ref=${headingRef}>${title}<//>
    ${
      error?.isVersionConflict
        ? html`<${ConflictNotice}
            error=${error}
            historyPath=${historyPath}
            filter=${historyFilter}
            onReload=${onReload}
          />`
        : html`<${ProblemNotice} error=${error} />`
    }
    ${fields
      .filter((f) => !(f.readOnlyOnEdit && original))
      .map(
        (f) =>
          html`<${Field}
            key=${f.name}
            formId=${formId}
            field=${f}
            value=${values[f.name]}
            onChange=${(v) => setValues((s) => ({ ...s, [f.name]: v }))}
            errors=${errors}
          />`,
      )}
    <div class="button-row">
      <button type="submit" disabled=${busy}>${busy ? t('admin.saving') : t('admin.save')}</button>
      ${onCancel && html`<button type="button" class="secondary" onClick=${onCancel}>${t('admin.cancel')}</button>`}
    </div>
  </form>`;
}

/** A field's name on the record (database column names) in words. */
export function columnLabel(column) {
  return tOr(`record.fields.${column}`, column.replace(/_/g, ' '));
}

function shown(value) {
  if (value === null || value === undefined || value === '') return '–';
  if (Array.isArray(value)) return value.length ? value.map(shown).join(', ') : '–';
  // Never JSON or an id to a person: an object by its name, else that it is there.
  if (typeof value === 'object') return value.name ?? value.title ?? t('record.someValue');
  if (value === true) return t('admin.yes');
  if (value === false) return t('admin.no');
  // Dates as people read them (1. december 2026); ISO only in data exports.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    return value.length === 10 ? formatDate(value) : formatDateTime(value);
  }
  return String(value);
}

const NOT_CHANGES = new Set(['version', 'updated_at', 'updated_by', 'created_at', 'created_by', 'id']);

/** The fields a change changed: as the record lists them, else those whose value differs before and after. */
function changedFieldsOf(change) {
  const listed = change.changedFields ?? change.changed;
  if (listed) return listed;
  if (!change.before || !change.after) return [];
  return Object.keys(change.after).filter(
    (k) => !NOT_CHANGES.has(k) && JSON.stringify(change.before[k]) !== JSON.stringify(change.after[k]),
  );
}

/** What one change did, in words: created, removed, or the fields changed with before → after. */
export function ChangeSummary({ change, names = {} }) {
  const name = (col, v) => (names[col] ? (names[col](v) ?? shown(v)) : shown(v));
  if (change.operation === 'insert') return html`<span>${t('record.insert')}</span>`;
  if (change.operation === 'delete') return html`<span>${t('record.delete')}</span>`;
  if (change.operation === 'baseline') return html`<span>${t('record.baseline')}</span>`;
  const fields = changedFieldsOf(change);
  if (!fields.length) return html`<span>${t('record.update')}</span>`;
  return html`<ul class="diff-list">
    ${fields.map(
      (f) =>
        html`<li key=${f}>
          <strong>${columnLabel(f)}</strong>:
          ${f === 'password_changed' ? t('record.passwordChanged') : html`${name(f, change.before?.[f])} → ${name(f, change.after?.[f])}`}
        </li>`,
    )}
  </ul>`;
}

const actorOf = (c) => c.actorName ?? t('record.unknownActor');
const atOf = (c) => c.at ?? c.createdAt;

/** The record of changes at `path` (newest first): when, who, what. */
export function ChangeList({ path, id, heading = 'h3', names }) {
  const history = useAsync(() => api(path), [path]);
  const Heading = heading;
  return html`<div id=${id} class="register-history">
    <${Heading}>${t('record.title')}<//>
    ${
      !history.data
        ? history.loading
          ? html`<${Loading} what=${t('record.loading')} />`
          : html`<${ProblemNotice} error=${history.error} onReload=${history.reload} focus=${false} />`
        : history.data.length === 0
          ? html`<p class="empty">${t('record.empty')}</p>`
          : html`<ul class="change-list">
              ${[...history.data].reverse().map(
                (c, i) =>
                  html`<li key=${i} data-operation=${c.operation}>
                    <time datetime=${new Date(atOf(c)).toISOString()}>${formatDateTime(atOf(c))}</time>
                    <span class="meta"> · ${actorOf(c)}</span>
                    <${ChangeSummary} change=${c} names=${names} />
                  </li>`,
              )}
            </ul>`
    }
  </div>`;
}

/** A show/hide button for the record of one thing. */
export function RecordToggle({ path, id, label, names, heading = 'h4' }) {
  const [open, setOpen] = useState(false);
  return html`<div>
    <button
      type="button"
      class="link-button"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${open ? id : undefined}
      aria-label=${t(open ? 'record.hideNamed' : 'record.showNamed', { name: label })}
      onClick=${() => setOpen(!open)}
    >
      ${open ? t('record.hide') : t('record.show')}
    </button>
    ${open && html`<${ChangeList} path=${path} id=${id} heading=${heading} names=${names} />`}
  </div>`;
}

/**
 * A 409: someone else changed it since the form was opened; their change (the latest on the record that
 * `filter` keeps), and the way on.
 */
export function ConflictNotice({ error, historyPath, onReload, filter = () => true }) {
  const latest = useAsync(async () => {
    if (!historyPath) return null;
    const changes = (await api(historyPath)).filter(filter);
    return changes[changes.length - 1] ?? null;
  }, [historyPath, error]);
  const ref = useFocusOnMount();
  return html`<div class="notice warning" role="alert" tabindex="-1" ref=${ref}>
    <p class="notice-title">${t('record.conflictTitle')}</p>
    <p>${t('record.conflictText')}</p>
    ${
      latest.data &&
      html`<div data-conflict-change="">
        <p>${t('record.theirChange', { who: actorOf(latest.data), when: formatDateTime(atOf(latest.data)) })}</p>
        <${ChangeSummary} change=${latest.data} />
      </div>`
    }
    ${onReload && html`<div class="button-row"><button type="button" onClick=${onReload}>${t('record.reload')}</button></div>`}
  </div>`;
}
