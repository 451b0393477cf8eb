// The content of a plan, section by section: how each section's fields are
// asked for and shown. Which sections may be edited, and by whom, is the
// API's answer (/actions: editableSections; refusals otherwise).
import { html, useRef, useState } from './html.js';
import { api, qs } from './api.js';
import { fundingSources, interventionKinds, investmentTypes } from './vocabulary.js';
import { formatDate, formatDateTime, formatMoney, formatNumber, has, t, tOr } from './i18n.js';
import {
  CheckboxGroup,
  fieldErrors,
  Loading,
  ProblemNotice,
  SelectField,
  SuccessNotice,
  TextArea,
  TextField,
  toPayload,
  useAsync,
  withFieldLinks,
} from './components.js';

const kindOptions = () => interventionKinds().map((k) => ({ value: k, label: t(`kinds.${k}`) }));

/** Each section's fields: name (as the API calls it), type, and whether the API needs it. */
export const SECTION_FIELDS = {
  mapping: [
    { name: 'name', type: 'text', required: true },
    {
      name: 'kind',
      type: 'select',
      required: true,
      options: kindOptions,
    },
    { name: 'description', type: 'textarea' },
    { name: 'effectAssessment', type: 'textarea' },
    {
      name: 'goalIds',
      type: 'checkboxes',
      options: (refs) => refs.cityGoals.map((g) => ({ value: g.id, label: g.title })),
    },
    { name: 'periodStart', type: 'date' },
    { name: 'periodEnd', type: 'date' },
  ],
  problem: [
    { name: 'theme', type: 'text', required: true },
    { name: 'text', type: 'textarea', required: true },
  ],
  potential: [
    { name: 'theme', type: 'text', required: true },
    { name: 'text', type: 'textarea', required: true },
  ],
  indicator: [
    {
      name: 'indicatorId',
      type: 'select',
      required: true,
      options: (refs) => refs.indicators.map((i) => ({ value: i.id, label: i.name })),
    },
    { name: 'baselineValue', type: 'number' },
    { name: 'baselineYear', type: 'integer' },
  ],
  goal: [
    { name: 'title', type: 'text', required: true },
    { name: 'targetValue', type: 'number' },
    { name: 'targetYear', type: 'integer' },
    {
      name: 'indicatorId',
      type: 'select',
      options: (refs) => refs.indicators.map((i) => ({ value: i.id, label: i.name })),
    },
    {
      name: 'cityGoalId',
      type: 'select',
      options: (refs) => refs.cityGoals.map((g) => ({ value: g.id, label: g.title })),
    },
  ],
  intervention: [
    { name: 'name', type: 'text', required: true },
    {
      name: 'kind',
      type: 'select',
      required: true,
      options: kindOptions,
    },
    {
      name: 'goalItemIds',
      type: 'checkboxes',
      required: true,
      options: (refs) => refs.planGoals.map((g) => ({ value: g.id, label: g.data.title })),
    },
    { name: 'description', type: 'textarea' },
    {
      name: 'fundingSource',
      type: 'select',
      options: () => fundingSources().map((k) => ({ value: k, label: tOr(`funding.${k}`, k) })),
    },
    { name: 'yearlyAmountDkk', type: 'number', money: true },
  ],
  idea: [
    { name: 'title', type: 'text', required: true },
    {
      name: 'investmentType',
      type: 'select',
      required: true,
      options: () => investmentTypes().map((k) => ({ value: k, label: t(`investment.${k}`) })),
    },
    { name: 'estimatedAmount', type: 'number', money: true },
    { name: 'description', type: 'textarea' },
  ],
  budget_proposal: [
    { name: 'amount', type: 'number', required: true, money: true },
    { name: 'budgetYear', type: 'integer', required: true },
    { name: 'description', type: 'textarea', required: true },
    {
      name: 'goalItemIds',
      type: 'checkboxes',
      options: (refs) => refs.planGoals.map((g) => ({ value: g.id, label: g.data.title })),
    },
  ],
  budget_decision: [
    { name: 'decidedOn', type: 'date', required: true },
    { name: 'amount', type: 'number', required: true, money: true },
    { name: 'reference', type: 'text', required: true },
    { name: 'note', type: 'textarea' },
    // What the decision granted for one of the plan's budget proposals (the budget round shows asked vs granted).
    {
      name: 'proposalItemId',
      type: 'select',
      options: (refs) => (refs.planProposals ?? []).map((p) => ({ value: p.id, label: proposalLabel(p) })),
    },
    { name: 'amountGranted', type: 'number', money: true },
  ],
  progress_report: [
    { name: 'period', type: 'text', required: true },
    { name: 'summary', type: 'textarea', required: true },
    { name: 'goalNotes', type: 'textarea' },
  ],
};

const proposalLabel = (p) => `${p.data.budgetYear}: ${p.data.description} (${formatMoney(p.data.amount)})`;

const fieldLabel = (section, name) =>
  has(`fields.${section}.${name}`) ? t(`fields.${section}.${name}`) : t(`fields.${name}`);

/** The item's heading: its name, title, theme, … */
export function itemTitle(item, refs) {
  const d = item.data ?? {};
  switch (item.section) {
    case 'indicator':
      return refs.indicators.find((i) => i.id === d.indicatorId)?.name ?? t('sections.indicator');
    case 'problem':
    case 'potential':
      return d.theme;
    case 'budget_proposal':
      return `${t('sections.budget_proposal')} ${d.budgetYear ?? ''}`.trim();
    case 'budget_decision':
      return d.reference;
    case 'progress_report':
      return `${t('sections.progress_report')} ${d.period ?? ''}`.trim();
    default:
      return d.name ?? d.title ?? t(`sections.${item.section}`);
  }
}

function showValue(field, value, refs) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return null;
  switch (field.name) {
    case 'kind':
      return t(`kinds.${value}`);
    case 'investmentType':
      return t(`investment.${value}`);
    case 'fundingSource':
      return tOr(`funding.${value}`, value);
    case 'goalIds':
      return value.map((id) => refs.cityGoals.find((g) => g.id === id)?.title ?? id).join('; ');
    case 'goalItemIds':
      return value.map((id) => refs.planGoals.find((g) => g.id === id)?.data.title ?? id).join('; ');
    case 'indicatorId':
      return refs.indicators.find((i) => i.id === value)?.name ?? value;
    case 'proposalItemId': {
      const proposal = (refs.planProposals ?? refs.allItems ?? []).find((i) => i.id === value);
      return proposal ? proposalLabel(proposal) : value;
    }
    case 'cityGoalId':
      return refs.cityGoals.find((g) => g.id === value)?.title ?? value;
    default:
      break;
  }
  if (field.type === 'date') return formatDate(value);
  if (field.money) return formatMoney(value);
  if (field.type === 'number') return formatNumber(value, 2);
  return String(value);
}

/** One item, read-only: its fields, its administration, likely overlaps. */
export function ItemView({ item, refs, headingTag = 'h4', children }) {
  const fields = SECTION_FIELDS[item.section] ?? [];
  const titleField =
    item.section === 'indicator'
      ? 'indicatorId'
      : ['name', 'title', 'theme', 'reference'].find((n) => fields.some((f) => f.name === n));
  const admin = refs.administrations.find((a) => a.id === item.administrationId);
  const H = headingTag;
  const overlaps = (item.overlapsWith ?? []).map((id) => refs.allItems?.find((i) => i.id === id)).filter(Boolean);
  return html`<li class="item" data-item=${item.id}>
    <${H}>${itemTitle(item, refs)}<//>
    <dl>
      ${
        admin &&
        html`<dt>${t('plan.administration')}</dt>
          <dd>${admin.name} (${admin.code})</dd>`
      }
      ${fields
        .filter((f) => f.name !== titleField)
        .map((f) => {
          const shown = showValue(f, item.data?.[f.name], refs);
          return shown === null
            ? null
            : html`<dt key=${`${f.name}-t`}>${fieldLabel(item.section, f.name)}</dt>
                <dd key=${`${f.name}-d`}>${shown}</dd>`;
        })}
    </dl>
    ${item.section === 'mapping' && item.data?.interventionId && html`<${RegisterOrigin} item=${item} title=${itemTitle(item, refs)} />`}
    ${
      overlaps.length > 0 &&
      html`<p class="notice warning">
        ${t('plan.overlaps')}:
        ${overlaps.map((o) => `${itemTitle(o, refs)} (${refs.administrations.find((a) => a.id === o.administrationId)?.code ?? ''})`).join('; ')}
      </p>`
    }
    ${children}
  </li>`;
}

function initialValues(section, data = {}) {
  const values = {};
  for (const f of SECTION_FIELDS[section]) {
    const v = data[f.name];
    values[f.name] =
      f.type === 'checkboxes' ? (Array.isArray(v) ? v : []) : v === null || v === undefined ? '' : String(v);
  }
  return values;
}

/**
 * The form for adding or changing one item; errors come from the API, tied to their fields.
 * A change is saved against the version the form was opened with, so someone else's change in
 * the meantime is a conflict even after the page has reloaded; "Reload" then opens the form
 * anew on the item as it is now (onReopen).
 */
export function ItemForm({ planId, section, item, refs, onSaved, onCancel, onReload, onReopen }) {
  const formId = `${item ? `edit-${item.id}` : `add-${section}`}`;
  const [values, setValues] = useState(() => initialValues(section, item?.data));
  const [version] = useState(() => item?.version);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const fields = SECTION_FIELDS[section];
  const set = (name) => (v) => setValues((old) => ({ ...old, [name]: v }));
  const errors = fieldErrors(error, 'data.');
  const labels = Object.fromEntries(fields.map((f) => [f.name, fieldLabel(section, f.name)]));

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const data = toPayload(values, fields);
    // When changing an item, clear optional fields the user emptied (null), rather than keep the old value.
    if (item)
      for (const f of fields)
        if (!(f.name in data) && item.data?.[f.name] != null && f.type !== 'checkboxes') data[f.name] = null;
    // An item mapped from the register stays linked to its intervention when it is changed.
    if (item?.data?.interventionId) data.interventionId = item.data.interventionId;
    try {
      const saved = item
        ? await api(`/plans/${planId}/items/${item.id}`, { method: 'PATCH', body: { version, data } })
        : await api(`/plans/${planId}/items`, { method: 'POST', body: { section, data } });
      setBusy(false);
      if (!item) setValues(initialValues(section));
      onSaved(saved);
    } catch (err) {
      setError(withFieldLinks(err, formId, labels, 'data.'));
      setBusy(false);
    }
  };

  return html`<form id=${formId} class="section-editor" onSubmit=${submit} novalidate>
    <${ProblemNotice} error=${error} onReload=${error?.isVersionConflict ? (onReopen ?? onReload) : onReload} />
    ${fields.map((f) => {
      const id = `${formId}-${f.name}`;
      const common = {
        id,
        label: labels[f.name],
        error: errors[f.name],
        required: f.required,
        hint: hintFor(section, f.name),
      };
      if (f.type === 'textarea')
        return html`<${TextArea} key=${f.name} ...${common} value=${values[f.name]} onInput=${set(f.name)} />`;
      if (f.type === 'select')
        return html`<${SelectField}
          key=${f.name}
          ...${common}
          value=${values[f.name]}
          onChange=${set(f.name)}
          options=${f.options(refs)}
          placeholder=${t('form.choose')}
        />`;
      if (f.type === 'checkboxes')
        return html`<${CheckboxGroup}
          key=${f.name}
          ...${common}
          values=${values[f.name]}
          onChange=${set(f.name)}
          options=${f.options(refs)}
        />`;
      if (f.type === 'number' || f.type === 'integer')
        return html`<${TextField}
          key=${f.name}
          ...${common}
          type="text"
          inputMode=${f.type === 'integer' ? 'numeric' : 'decimal'}
          value=${values[f.name]}
          onInput=${set(f.name)}
        />`;
      return html`<${TextField}
        key=${f.name}
        ...${common}
        type=${f.type === 'date' ? 'date' : 'text'}
        value=${values[f.name]}
        onInput=${set(f.name)}
      />`;
    })}
    <div class="button-row">
      <button type="submit" disabled=${busy}>
        ${busy ? t('form.saving') : item ? t('form.saveChanges') : t('plan.addItem', { section: t(`sections.${section}`) })}
      </button>
      ${onCancel && html`<button type="button" class="secondary" onClick=${onCancel}>${t('form.cancel')}</button>`}
    </div>
  </form>`;
}

function hintFor(section, name) {
  return has(`hints.${section}.${name}`)
    ? t(`hints.${section}.${name}`)
    : has(`hints.${name}`)
      ? t(`hints.${name}`)
      : undefined;
}

/**
 * A section of the plan: its items, and (when the API says the user may edit it now) the forms to add, change and
 * remove.
 */
export function SectionBlock({ plan, section, items, editable, refs, myAdministrationId, onChanged }) {
  const [editing, setEditing] = useState(null);
  const [removing, setRemoving] = useState(null);
  const [error, setError] = useState(null);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(null);
  const [opened, setOpened] = useState(0);
  const headingRef = useRef(null);
  const afterChange = (message) => {
    setSaved(message);
    onChanged();
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  // "Reload" after a refusal: the plan as it is now; the refusal was about the old one.
  const reload = async () => {
    await onChanged();
    setError(null);
  };
  // After a conflict on an item: the edit form is opened anew on the item as it is now (its values and version).
  const reopen = async () => {
    await onChanged();
    setOpened((n) => n + 1);
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const remove = async (item) => {
    setError(null);
    try {
      await api(`/plans/${plan.id}/items/${item.id}?version=${item.version}`, { method: 'DELETE' });
      setRemoving(null);
      afterChange(t('plan.removed'));
    } catch (err) {
      setError(err);
    }
  };

  return html`<section class="block" aria-labelledby=${`sec-${section}`}>
    <h3 id=${`sec-${section}`} tabindex="-1" ref=${headingRef}>
      ${t(`sections.${section}`)} <span class="meta">(${items.length})</span>
    </h3>
    ${editable && html`<p class="meta">${t('plan.editableNow')}</p>`}
    <p role="status" class=${saved ? 'notice success' : 'visually-hidden'}>${saved ?? ''}</p>
    <${ProblemNotice} error=${error} onReload=${reload} />
    ${
      items.length === 0
        ? html`<p class="empty">${t('plan.noItems')}</p>`
        : html`<ul class="items">
            ${items.map((item) => {
              const own = editable && myAdministrationId && item.administrationId === myAdministrationId;
              if (editing === item.id)
                return html`<li class="item" key=${item.id}>
                  <h4>${t('plan.editing', { title: itemTitle(item, refs) })}</h4>
                  <${ItemForm}
                    key=${opened}
                    planId=${plan.id}
                    section=${section}
                    item=${item}
                    refs=${refs}
                    onSaved=${() => {
                      setEditing(null);
                      afterChange(t('plan.saved'));
                    }}
                    onCancel=${() => setEditing(null)}
                    onReload=${onChanged}
                    onReopen=${reopen}
                  />
                </li>`;
              return html`<${ItemView} key=${item.id} item=${item} refs=${refs}>
                ${
                  own &&
                  html`<div class="button-row">
                    ${
                      removing === item.id
                        ? html`<span>${t('plan.confirmRemove')}</span>
                            <button type="button" class="danger" onClick=${() => remove(item)}>
                              ${t('plan.remove')}
                            </button>
                            <button type="button" class="secondary" onClick=${() => setRemoving(null)}>
                              ${t('form.cancel')}
                            </button>`
                        : html`<button
                              type="button"
                              class="secondary"
                              onClick=${() => setEditing(item.id)}
                              aria-label=${t('plan.editNamed', { title: itemTitle(item, refs) })}
                            >
                              ${t('plan.edit')}
                            </button>
                            <button
                              type="button"
                              class="secondary"
                              onClick=${() => setRemoving(item.id)}
                              aria-label=${t('plan.removeNamed', { title: itemTitle(item, refs) })}
                            >
                              ${t('plan.remove')}
                            </button>`
                    }
                  </div>`
                }
              <//>`;
            })}
          </ul>`
    }
    ${
      editable &&
      html`<div>
        <button
          type="button"
          class="secondary"
          aria-expanded=${adding ? 'true' : 'false'}
          aria-controls=${adding ? `add-${section}` : undefined}
          onClick=${() => setAdding(!adding)}
        >
          ${adding ? t('form.closeForm') : t('plan.addItem', { section: t(`sections.${section}`) })}
        </button>
        ${
          adding &&
          html`<${ItemForm}
            planId=${plan.id}
            section=${section}
            refs=${refs}
            onSaved=${() => {
              setAdding(false);
              afterChange(t('plan.added'));
            }}
            onReload=${onChanged}
          />`
        }
      </div>`
    }
    ${
      editable &&
      section === 'mapping' &&
      myAdministrationId &&
      html`<${FromRegister}
        plan=${plan}
        items=${items}
        administrationId=${myAdministrationId}
        onChanged=${onChanged}
      />`
    }
  </section>`;
}

/** The whole register for one administration (every page of it). */
async function loadRegister(administrationId) {
  const limit = 200;
  const all = [];
  for (let offset = 0; ; offset += limit) {
    const page = await api(`/interventions${qs({ administrationId, limit, offset })}`);
    all.push(...page.items);
    if (!page.items.length || all.length >= page.total) return all;
  }
}

/**
 * "Fetch from the register": the user's own administration's registered interventions, those already
 * mapped in this plan marked as such; the ticked ones are mapped in one go (the API decides whether
 * the user may, and answers with the created items).
 */
function FromRegister({ plan, items, administrationId, onChanged }) {
  const [open, setOpen] = useState(false);
  const formId = `from-register-${plan.id}`;
  return html`<div class="from-register">
    <button
      type="button"
      class="secondary"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${open ? formId : undefined}
      onClick=${() => setOpen(!open)}
    >
      ${open ? t('register.close') : t('register.open')}
    </button>
    ${open && html`<${FromRegisterForm} formId=${formId} plan=${plan} items=${items} administrationId=${administrationId} onChanged=${onChanged} />`}
  </div>`;
}

function FromRegisterForm({ formId, plan, items, administrationId, onChanged }) {
  const register = useAsync(() => loadRegister(administrationId), [administrationId]);
  const [chosen, setChosen] = useState([]);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  const mapped = new Set(items.map((i) => i.data?.interventionId).filter(Boolean));
  const labels = { interventionIds: t('register.legend') };

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const created = await api(`/plans/${plan.id}/mapping/from-register`, {
        method: 'POST',
        body: { interventionIds: chosen },
      });
      await onChanged();
      setChosen([]);
      setResult({ n: created.length, seq: (result?.seq ?? 0) + 1 });
    } catch (err) {
      setError(withFieldLinks(err, formId, labels));
    }
    setBusy(false);
  };

  if (!register.data) {
    return html`<div id=${formId} class="section-editor">
      ${register.loading ? html`<${Loading} what=${t('register.loading')} />` : html`<${ProblemNotice} error=${register.error} onReload=${register.reload} />`}
    </div>`;
  }
  const options = register.data.map((i) => {
    const already = mapped.has(i.id);
    const period = i.periodEnd
      ? `${formatDate(i.periodStart)} – ${formatDate(i.periodEnd)}`
      : t('register.from', { date: formatDate(i.periodStart) });
    return {
      value: i.id,
      checked: already ? true : undefined,
      disabled: already,
      label: html`<span data-intervention=${i.id}>
        ${i.name} <span class="meta">(${tOr(`kinds.${i.kind}`, i.kind)}, ${period})</span>
        ${already && html` <span class="tag ok">${t('register.alreadyMapped')}</span>`}
      </span>`,
    };
  });
  const selectable = register.data.filter((i) => !mapped.has(i.id)).length;
  return html`<form id=${formId} class="section-editor" onSubmit=${submit} novalidate>
    ${
      result &&
      html`<${SuccessNotice} key=${result.seq}
        ><p>${result.n ? t('register.added', { n: result.n }) : t('register.noneAdded')}</p><//
      >`
    }
    <${ProblemNotice} error=${error} onReload=${onChanged} />
    ${
      register.data.length === 0
        ? html`<p class="empty">${t('register.empty')}</p>`
        : html`<${CheckboxGroup}
              id=${`${formId}-interventionIds`}
              label=${labels.interventionIds}
              hint=${t('register.hint')}
              error=${fieldErrors(error).interventionIds}
              values=${chosen}
              onChange=${setChosen}
              options=${options}
            />
            ${
              selectable === 0
                ? html`<p class="meta">${t('register.allMapped')}</p>`
                : html`<div class="button-row">
                    <button type="submit" disabled=${busy}>${busy ? t('form.saving') : t('register.submit')}</button>
                  </div>`
            }`
    }
  </form>`;
}

/** "From the register", on an item mapped from it, with the intervention's change history on request. */
function RegisterOrigin({ item, title }) {
  const [open, setOpen] = useState(false);
  const historyId = `register-history-${item.id}`;
  return html`<div class="register-origin">
    <p>
      <span class="tag neutral">${t('register.label')}</span>${' '}
      <button
        type="button"
        class="link-button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${open ? historyId : undefined}
        aria-label=${open ? t('register.hideHistoryNamed', { title }) : t('register.showHistoryNamed', { title })}
        onClick=${() => setOpen(!open)}
      >
        ${open ? t('register.hideHistory') : t('register.showHistory')}
      </button>
    </p>
    ${open && html`<${RegisterHistory} id=${historyId} interventionId=${item.data.interventionId} />`}
  </div>`;
}

function RegisterHistory({ id, interventionId }) {
  const history = useAsync(() => api(`/interventions/${interventionId}/history`), [interventionId]);
  const what = (c) => {
    if (c.operation === 'insert') return t('register.change.insert');
    if (c.operation === 'baseline') return t('register.change.baseline');
    if (c.operation === 'delete') return t('register.change.delete');
    const fields = c.changedFields.filter((f) => !/_(at|by)$/.test(f)); // not when and by whom: that is said beside it
    return fields.length
      ? t('register.change.updateFields', { fields: fields.map((f) => tOr(`register.fields.${f}`, f)).join(', ') })
      : t('register.change.update');
  };
  return html`<div id=${id} class="register-history">
    <h5>${t('register.historyTitle')}</h5>
    ${
      !history.data
        ? history.loading
          ? html`<${Loading} what=${t('register.loadingHistory')} />`
          : html`<${ProblemNotice} error=${history.error} onReload=${history.reload} focus=${false} />`
        : history.data.length === 0
          ? html`<p class="empty">${t('register.noHistory')}</p>`
          : html`<ul class="change-list">
              ${[...history.data].reverse().map(
                (c, i) =>
                  html`<li key=${i} data-operation=${c.operation}>
                    <time datetime=${new Date(c.at).toISOString()}>${formatDateTime(c.at)}</time>: ${what(c)}
                    <span class="meta"> · ${c.actorName ?? t('register.unknownActor')}</span>
                  </li>`,
              )}
            </ul>`
    }
  </div>`;
}
