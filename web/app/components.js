// Building blocks shared by the pages: data loading, headings with focus,
// the API's refusals shown in plain words, and form fields whose errors are
// tied to them (aria-describedby, aria-invalid).
import { createContext, html, useCallback, useContext, useEffect, useRef, useState } from './html.js';
import { ApiError } from './api.js';
import { apiMessage, fieldMessage, formatDate, formatDateTime, getLocale, t, tOr } from './i18n.js';
import { parseNumber } from './numbers.js';
import { fieldLabel } from './field-labels.js';

export { fieldLabel };

export const SessionContext = createContext(null);
export const useSession = () => useContext(SessionContext);

/**
 * Runs what a form or button does: `busy` while it runs, the API's refusal
 * kept in `error` (for ProblemNotice and the fields), `done` after success.
 */
export function useSubmit(work) {
  const [state, setState] = useState({ busy: false, error: null, done: false });
  const run = async (event, ...args) => {
    event?.preventDefault?.();
    setState({ busy: true, error: null, done: false });
    try {
      await work(...args);
      setState({ busy: false, error: null, done: true });
    } catch (err) {
      setState({ busy: false, error: err, done: false });
    }
  };
  return { ...state, run };
}

/** Loads data for a page; reload() fetches again. Keeps the old data while reloading. */
export function useAsync(load, deps = []) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const counter = useRef(0);
  const run = useCallback(async () => {
    const mine = ++counter.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const data = await load();
      if (mine === counter.current) setState({ data, error: null, loading: false });
      return data;
    } catch (error) {
      if (mine === counter.current) setState((s) => ({ data: s.data, error, loading: false }));
      return undefined;
    }
  }, deps);
  useEffect(() => {
    run();
  }, [run]);
  return { ...state, reload: run };
}

/**
 * A list whose first page came with its page and whose other pages are fetched on demand (`fetchPage(offset)`).
 * Returns the page to show, the last error, whether a page is loading, and `go(offset)` (0 shows the first again).
 */
export function usePages(first, fetchPage) {
  const [page, setPage] = useState(null);
  const [error, setError] = useState(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const go = async (offset) => {
    // Only the last page asked for is shown, whatever order the answers come in.
    const mine = ++latest.current;
    try {
      setError(null);
      setLoading(true);
      const next = offset === 0 ? null : await fetchPage(offset);
      if (mine === latest.current) setPage(next);
    } catch (err) {
      if (mine === latest.current) setError(err);
    } finally {
      if (mine === latest.current) setLoading(false);
    }
  };
  return { shown: page ?? first, error, loading, go };
}

/**
 * Previous / next for a list the API serves a page at a time (`total`, `limit`, `offset`); nothing when it fits on
 * one page. `onChange` gets the new offset.
 */
export function Pager({ total, limit, offset, onChange, label }) {
  if (total <= limit) return null;
  const page = Math.floor(offset / limit);
  const pages = Math.ceil(total / limit);
  return html`<nav aria-label=${label} class="button-row pager">
    <button
      type="button"
      class="secondary"
      disabled=${page === 0}
      onClick=${() => onChange(Math.max(0, offset - limit))}
    >
      ${t('pager.previous')}
    </button>
    <span aria-live="polite">${t('pager.pageOf', { page: page + 1, pages, total })}</span>
    <button type="button" class="secondary" disabled=${page + 1 >= pages} onClick=${() => onChange(offset + limit)}>
      ${t('pager.next')}
    </button>
  </nav>`;
}

export function usePageTitle(title) {
  useEffect(() => {
    document.title = title ? `${title} – Byløft` : 'Byløft';
  }, [title]);
}

/** The page's one h1; the router moves focus here after each navigation. */
export function PageHeading({ title, children }) {
  usePageTitle(title);
  return html`<h1 id="page-title" tabindex="-1">${title}${children}</h1>`;
}

export function Loading({ what }) {
  return html`<p class="loading" role="status">${what ?? t('common.loading')}</p>`;
}

/** Moves focus to an element when it first appears (alerts after a submit). */
export function useFocusOnMount() {
  const ref = useRef(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/**
 * A refusal or failure as the user should read it: the API's own reasons
 * (violations in the chosen language, field errors), a version conflict
 * with the offer to reload, or a plain-words explanation of the status.
 * `subject` names what a version conflict is about: 'plan', 'project' or 'evaluation'.
 */
export function ProblemNotice({ error, onReload, title, focus = true, subject = 'plan' }) {
  const ref = useRef(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const api = error instanceof ApiError ? error : new ApiError(0, { detail: String(error?.message ?? error) });
  if (api.isVersionConflict) {
    return html`<div class="notice warning" role="alert" tabindex="-1" ref=${ref}>
      <p class="notice-title">${t(`problem.conflict.${subject}.title`)}</p>
      <p>${t(`problem.conflict.${subject}.text`)}</p>
      ${onReload && html`<div class="button-row"><button type="button" onClick=${onReload}>${t('problem.reload')}</button></div>`}
    </div>`;
  }
  const heading =
    title ??
    (api.code === 'WORKFLOW_REFUSED' || api.status === 422
      ? t('problem.refusedTitle')
      : api.code === 'VALIDATION_FAILED'
        ? t('problem.invalidTitle')
        : api.status === 403
          ? t('problem.forbiddenTitle')
          : api.status === 404
            ? t('problem.notFoundTitle')
            : api.status === 0
              ? t('problem.networkTitle')
              : t('problem.errorTitle'));
  const explanation =
    api.violations.length || api.errors.length
      ? null
      : api.status === 403
        ? t('problem.forbiddenText')
        : api.status === 404
          ? t('problem.notFoundText')
          : api.status === 0
            ? t('problem.networkText')
            : api.status >= 500
              ? t('problem.serverText')
              : null;
  return html`<div class="notice error" role="alert" tabindex="-1" ref=${ref}>
    <p class="notice-title">${heading}</p>
    ${
      api.violations.length > 0 &&
      html`<ul>
        ${api.violations.map((v) => html`<li key=${v.code + v.message}>${apiMessage(v)}</li>`)}
      </ul>`
    }
    ${
      api.errors.length > 0 &&
      html`<ul>
        ${api.errors.map((e) => html`<li key=${e.field}>${e.href ? html`<a href=${e.href}>${e.label ?? fieldLabel(e.field)}</a>` : html`<strong>${e.label ?? fieldLabel(e.field)}</strong>`}: ${e.messages.map(fieldMessage).join(' ')}</li>`)}
      </ul>`
    }
    ${explanation && html`<p>${explanation}</p>`}
    ${!explanation && !api.violations.length && !api.errors.length && api.problem.detail && html`<p>${api.problem.detail}</p>`}
    ${api.problem.requestId && api.status >= 500 && html`<p class="meta">${t('problem.requestId', { id: api.problem.requestId })}</p>`}
    ${onReload && api.status !== 422 && api.status !== 400 && html`<div class="button-row"><button type="button" class="secondary" onClick=${onReload}>${t('problem.tryAgain')}</button></div>`}
  </div>`;
}

/**
 * Asks before a step that cannot be undone, saying what will happen: a modal <dialog> (focus kept inside, Escape
 * cancels), named by its heading and described by its text. Focus starts on "Fortryd" and goes back to the button
 * that opened it. `headingLevel` keeps the page's outline (the level of the headings beside the dialog).
 */
export function ConfirmDialog({ id, title, text, confirmLabel, onConfirm, onCancel, headingLevel = 2 }) {
  const H = `h${headingLevel}`;
  const ref = useRef(null);
  const cancelRef = useRef(null);
  const openerRef = useRef(null);
  // Closes the dialog and puts focus back, at once: left to the unmount, focus sat on the page's body for a
  // moment after the dialog had gone (the effect's cleanup runs after the element is removed).
  const close = (dialog = ref.current) => {
    if (!dialog?.open) return;
    dialog.close();
    const opener = openerRef.current;
    if (opener && opener.isConnected) opener.focus();
  };
  useEffect(() => {
    const dialog = ref.current;
    openerRef.current = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => close(dialog); // unmounted while open (the page went away): focus goes back all the same
  }, []);
  const cancel = () => {
    close();
    onCancel();
  };
  return html`<dialog
    ref=${ref}
    class="confirm-dialog"
    id=${id}
    aria-labelledby=${`${id}-title`}
    aria-describedby=${`${id}-text`}
    onCancel=${(e) => {
      e.preventDefault();
      cancel();
    }}
  >
    <${H} id=${`${id}-title`} class="dialog-title">${title}<//>
    <p id=${`${id}-text`}>${text}</p>
    <div class="button-row">
      <button
        type="button"
        data-confirm="yes"
        onClick=${() => {
          close();
          onConfirm();
        }}
      >
        ${confirmLabel}
      </button>
      <button type="button" class="secondary" data-confirm="no" ref=${cancelRef} onClick=${cancel}>
        ${t('confirm.cancel')}
      </button>
    </div>
  </dialog>`;
}

export function SuccessNotice({ children }) {
  const ref = useFocusOnMount();
  return html`<div class="notice success" role="status" tabindex="-1" ref=${ref}>${children}</div>`;
}

/** Field errors from a 400 problem, by field name (the part after an optional prefix such as "data."). */
export function fieldErrors(error, prefix = '') {
  const out = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.errors) {
    const field = prefix && e.field.startsWith(prefix) ? e.field.slice(prefix.length) : e.field;
    const key = field.replace(/\[\d+\]$/, '');
    out[key] = [...(out[key] ?? []), ...e.messages];
  }
  return out;
}

/** The same problem, with each field error linked to its input (an error summary). */
export function withFieldLinks(error, formId, labels, prefix = '') {
  if (!(error instanceof ApiError) || !error.errors.length) return error;
  const copy = new ApiError(error.status, error.problem);
  copy.errors = error.errors.map((e) => {
    const field = (prefix && e.field.startsWith(prefix) ? e.field.slice(prefix.length) : e.field).replace(
      /\[\d+\]$/,
      '',
    );
    return {
      ...e,
      label: labels[field] ?? fieldLabel(e.field),
      href: labels[field] ? `#${formId}-${field}` : undefined,
    };
  });
  return copy;
}

function describedBy(id, hint, error) {
  return [hint ? `${id}-hint` : null, error?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function FieldShell({ id, label, hint, error, required, children, asFieldset = false }) {
  const req = required ? html` <span class="req">${t('form.required')}</span>` : null;
  const hintEl = hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : null;
  const errorEl = error?.length
    ? html`<span class="field-error" id=${`${id}-error`}
        ><span class="visually-hidden">${t('form.errorPrefix')} </span>${error.map(fieldMessage).join(' ')}</span
      >`
    : null;
  if (asFieldset) {
    return html`<fieldset
      class=${`field${error?.length ? ' has-error' : ''}`}
      aria-describedby=${describedBy(id, hint, error)}
      id=${id}
    >
      <legend>${label}${req}</legend>
      ${hintEl}${errorEl}${children}
    </fieldset>`;
  }
  return html`<div class=${`field${error?.length ? ' has-error' : ''}`}>
    <label for=${id}>${label}${req}</label>${hintEl}${errorEl}${children}
  </div>`;
}

export function TextField({
  id,
  label,
  hint,
  error,
  required,
  value,
  onInput,
  type = 'text',
  autocomplete,
  inputMode,
  step,
  min,
  max,
  name,
}) {
  return html`<${FieldShell} id=${id} label=${label} hint=${hint} error=${error} required=${required}>
    <input
      id=${id}
      name=${name ?? id}
      type=${type}
      value=${value ?? ''}
      onInput=${(e) => onInput(e.currentTarget.value)}
      aria-describedby=${describedBy(id, hint, error)}
      aria-invalid=${error?.length ? 'true' : undefined}
      aria-required=${required ? 'true' : undefined}
      autocomplete=${autocomplete}
      inputmode=${inputMode}
      step=${step}
      min=${min}
      max=${max}
    />
  <//>`;
}

export function TextArea({ id, label, hint, error, required, value, onInput, rows = 4 }) {
  return html`<${FieldShell} id=${id} label=${label} hint=${hint} error=${error} required=${required}>
    <textarea
      id=${id}
      name=${id}
      rows=${rows}
      value=${value ?? ''}
      onInput=${(e) => onInput(e.currentTarget.value)}
      aria-describedby=${describedBy(id, hint, error)}
      aria-invalid=${error?.length ? 'true' : undefined}
      aria-required=${required ? 'true' : undefined}
    ></textarea>
  <//>`;
}

export function SelectField({ id, label, hint, error, required, value, onChange, options, placeholder }) {
  return html`<${FieldShell} id=${id} label=${label} hint=${hint} error=${error} required=${required}>
    <select
      id=${id}
      name=${id}
      value=${value ?? ''}
      onChange=${(e) => onChange(e.currentTarget.value)}
      aria-describedby=${describedBy(id, hint, error)}
      aria-invalid=${error?.length ? 'true' : undefined}
      aria-required=${required ? 'true' : undefined}
    >
      ${placeholder !== undefined && html`<option value="">${placeholder}</option>`}
      ${options.map((o) => html`<option key=${o.value} value=${o.value} selected=${o.value === value}>${o.label}</option>`)}
    </select>
  <//>`;
}

/** Checkboxes in a fieldset; an option may be shown `checked` and `disabled` (already chosen elsewhere). */
export function CheckboxGroup({ id, label, hint, error, required, values = [], onChange, options }) {
  const toggle = (v, on) => onChange(on ? [...values, v] : values.filter((x) => x !== v));
  return html`<${FieldShell}
    id=${id}
    label=${label}
    hint=${hint}
    error=${error}
    required=${required}
    asFieldset=${true}
  >
    ${
      options.length === 0
        ? html`<p class="empty">${t('form.noOptions')}</p>`
        : html`<div class="choices">
            ${options.map(
              (o, i) =>
                html`<div class="choice" key=${o.value}>
                  <input
                    type="checkbox"
                    id=${`${id}-${i}`}
                    checked=${o.checked ?? values.includes(o.value)}
                    disabled=${o.disabled}
                    onChange=${(e) => toggle(o.value, e.currentTarget.checked)}
                  />
                  <label for=${`${id}-${i}`}>${o.label}</label>
                </div>`,
            )}
          </div>`
    }
  <//>`;
}

export function RadioGroup({ id, label, hint, error, required, value, onChange, options }) {
  return html`<${FieldShell}
    id=${id}
    label=${label}
    hint=${hint}
    error=${error}
    required=${required}
    asFieldset=${true}
  >
    <div class="choices">
      ${options.map(
        (o, i) =>
          html`<div class="choice" key=${o.value}>
            <input
              type="radio"
              name=${id}
              id=${`${id}-${i}`}
              value=${o.value}
              checked=${value === o.value}
              disabled=${o.disabled}
              onChange=${() => onChange(o.value)}
            />
            <label for=${`${id}-${i}`}>${o.label}</label>
          </div>`,
      )}
    </div>
  <//>`;
}

/** A scrollable table region a keyboard user can reach and scroll. */
export function TableWrap({ label, children }) {
  return html`<div class="table-wrap" role="region" aria-label=${t('common.table', { label })} tabindex="0">
    ${children}
  </div>`;
}

/**
 * A record of transitions (plans, projects), newest first. `eventLabel` and
 * `stateLabel` name events and states; `details` adds to the comment cell.
 */
export function HistoryTable({ history, eventLabel, stateLabel, details = () => null }) {
  if (!history.length) return html`<p class="empty">${t('plan.noHistory')}</p>`;
  return html`<${TableWrap} label=${t('plan.history')}>
    <table>
      <thead>
        <tr>
          <th scope="col">${t('history.when')}</th>
          <th scope="col">${t('history.event')}</th>
          <th scope="col">${t('history.who')}</th>
          <th scope="col">${t('history.fromTo')}</th>
          <th scope="col">${t('history.comment')}</th>
        </tr>
      </thead>
      <tbody>
        ${[...history].reverse().map(
          (h) =>
            html`<tr key=${h.seq}>
              <td>${formatDateTime(h.createdAt)}</td>
              <td>${eventLabel(h.event)}</td>
              <td>${h.actorName}</td>
              <td>${h.fromState ? stateLabel(h.fromState) : '–'} → ${stateLabel(h.toState)}</td>
              <td>${h.comment ?? ''}${details(h)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  <//>`;
}

export function stageLabel(stage) {
  return tOr(`stages.${stage}`, stage ?? '');
}

export function StageTag({ plan }) {
  const status = plan.status ? ` · ${t(`status.${plan.status}`)}` : '';
  return html`<span>${stageLabel(plan.stage)}${status}</span>`;
}

export function DeadlineCell({ plan }) {
  if (!plan.stageDueDate) return html`<span class="meta">${t('plan.noDeadline')}</span>`;
  return html`<span>${formatDate(plan.stageDueDate)}</span>${' '}${
      plan.overdue
        ? html`<span class="tag overdue">${t('plan.overdue')}</span>`
        : html`<span class="tag ok">${t('plan.onTime')}</span>`
    }`;
}

export function Breadcrumbs({ items }) {
  return html`<nav class="breadcrumbs" aria-label=${t('nav.breadcrumbs')}>
    <ol>
      ${items.map(
        (it, i) =>
          html`<li key=${i}>
            ${it.href && i < items.length - 1 ? html`<a href=${it.href}>${it.label}</a>` : html`<span aria-current=${i === items.length - 1 ? 'page' : undefined}>${it.label}</span>`}
          </li>`,
      )}
    </ol>
  </nav>`;
}

/**
 * Turns a form's text values into the API's types: numbers, nulls, trimmed strings; blank optional fields are left out.
 */
export function toPayload(values, fields) {
  const out = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.type === 'checkboxes') {
      if (f.required || (v && v.length)) out[f.name] = v ?? [];
      continue;
    }
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (f.required) out[f.name] = f.type === 'number' || f.type === 'integer' ? null : '';
      continue;
    }
    if (f.type === 'number' || f.type === 'integer') {
      out[f.name] = parseNumber(v, getLocale());
    } else out[f.name] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}
