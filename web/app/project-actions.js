// A project's workflow actions, from /projects/:id/actions, with the extra
// fields some events carry (the base-budget line on adoption, a new period on
// extension or scaling). Which are allowed, and why not, is the API's answer.
import { html, useState } from './html.js';
import { api, idempotencyKey } from './api.js';
import { apiMessage, getLocale, t } from './i18n.js';
import { parseNumber } from './numbers.js';
import { ActionsPanel } from './actions.js';
import { CheckboxGroup, SelectField, TextField } from './components.js';

/** Events whose free text the API calls `reason` rather than `comment`. */
const REASON_EVENTS = ['REJECT', 'EXTEND', 'SCALE', 'TERMINATE'];

/** Rule violations shown beside the field they are about (as well as in the summary). */
const FIELD_OF_VIOLATION = {
  BUDGET_LINE_ADMINISTRATION_MISSING: 'budgetLine.administrationId',
  BUDGET_LINE_AMOUNT_INVALID: 'budgetLine.yearlyAmountDkk',
  BUDGET_LINE_YEAR_INVALID: 'budgetLine.firstBudgetYear',
  NEW_END_DATE_REQUIRED: 'newEndDate',
  NEW_END_DATE_IN_PAST: 'newEndDate',
  EVALUATION_DATE_AFTER_END: 'evaluationDate',
  EVALUATION_DATE_IN_PAST: 'evaluationDate',
};

export function ProjectActions({
  project,
  actions,
  refs,
  onDone,
  idPrefix = 'project-action',
  headingLevel = 3,
  announce = true,
}) {
  const allowed = new Set(actions.actions.filter((a) => a.allowed).map((a) => a.type));
  const [line, setLine] = useState({
    administrationId: project.owningAdministrationId,
    yearlyAmountDkk: '',
    firstBudgetYear: String(new Date().getFullYear() + 1),
  });
  const [period, setPeriod] = useState({ newEndDate: '', evaluationDate: '', addAreaIds: [] });
  const [errors, setErrors] = useState({});

  const act = async ({ type, comment }) => {
    setErrors({});
    const body = { type, expectedVersion: actions.version };
    if (comment) body[REASON_EVENTS.includes(type) ? 'reason' : 'comment'] = comment;
    if (type === 'ADOPT') {
      const amount = parseNumber(line.yearlyAmountDkk, getLocale());
      const year = parseNumber(line.firstBudgetYear, getLocale());
      body.budgetLine = {};
      if (line.administrationId) body.budgetLine.administrationId = line.administrationId;
      if (String(line.yearlyAmountDkk).trim()) body.budgetLine.yearlyAmountDkk = amount;
      if (String(line.firstBudgetYear).trim()) body.budgetLine.firstBudgetYear = year;
    }
    if (type === 'EXTEND' || type === 'SCALE') {
      if (period.newEndDate) body.newEndDate = period.newEndDate;
      if (period.evaluationDate) body.evaluationDate = period.evaluationDate;
    }
    if (type === 'SCALE') body.addAreaIds = period.addAreaIds;
    try {
      await api(`/projects/${project.id}/events`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey() },
      });
    } catch (err) {
      const byField = {};
      for (const e of err.errors ?? []) byField[e.field] = [...(byField[e.field] ?? []), ...e.messages];
      for (const v of err.violations ?? []) {
        const field = FIELD_OF_VIOLATION[v.code];
        if (field) byField[field] = [...(byField[field] ?? []), apiMessage(v)];
      }
      setErrors(byField);
      throw err;
    }
    await onDone?.(type);
  };

  const areas = (refs?.areas ?? [])
    .filter((a) => !project.areaIds.includes(a.id))
    .map((a) => ({ value: a.id, label: a.name }));
  const admins = (refs?.administrations ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }));
  const extras = html`
    ${
      allowed.has('ADOPT') &&
      html`<fieldset class="boxed">
        <legend>${t('adopt.legend')}</legend>
        <p class="hint">${t('adopt.hint')}</p>
        <${SelectField}
          id=${`${idPrefix}-line-admin`}
          label=${t('adopt.administration')}
          value=${line.administrationId}
          onChange=${(v) => setLine({ ...line, administrationId: v })}
          options=${admins}
          error=${errors['budgetLine.administrationId']}
        />
        <${TextField}
          id=${`${idPrefix}-line-amount`}
          label=${t('adopt.amount')}
          inputMode="decimal"
          value=${line.yearlyAmountDkk}
          onInput=${(v) => setLine({ ...line, yearlyAmountDkk: v })}
          error=${errors['budgetLine.yearlyAmountDkk']}
        />
        <${TextField}
          id=${`${idPrefix}-line-year`}
          label=${t('adopt.firstYear')}
          inputMode="numeric"
          value=${line.firstBudgetYear}
          onInput=${(v) => setLine({ ...line, firstBudgetYear: v })}
          error=${errors['budgetLine.firstBudgetYear']}
        />
      </fieldset>`
    }
    ${
      (allowed.has('EXTEND') || allowed.has('SCALE')) &&
      html`<fieldset class="boxed">
        <legend>${t('period.legend')}</legend>
        <${TextField}
          id=${`${idPrefix}-end`}
          type="date"
          label=${t('period.newEnd')}
          value=${period.newEndDate}
          onInput=${(v) => setPeriod({ ...period, newEndDate: v })}
          error=${errors.newEndDate}
        />
        <${TextField}
          id=${`${idPrefix}-evaluation`}
          type="date"
          label=${t('period.evaluationDate')}
          hint=${t('period.evaluationHint')}
          value=${period.evaluationDate}
          onInput=${(v) => setPeriod({ ...period, evaluationDate: v })}
          error=${errors.evaluationDate}
        />
        ${
          allowed.has('SCALE') &&
          html`<${CheckboxGroup}
            id=${`${idPrefix}-areas`}
            label=${t('period.addAreas')}
            values=${period.addAreaIds}
            onChange=${(v) => setPeriod({ ...period, addAreaIds: v })}
            options=${areas}
            error=${errors.addAreaIds}
          />`
        }
      </fieldset>`
    }
  `;

  return html`<${ActionsPanel}
    idPrefix=${idPrefix}
    actions=${actions.actions}
    missing=${actions.missing}
    onAct=${act}
    onReload=${onDone}
    conditionTypes=${[]}
    labelGroup="projectEvents"
    extras=${extras}
    headingLevel=${headingLevel}
    commentLabel=${t('actions.commentOrReason')}
    commentHint=${t('actions.commentOrReasonHint')}
    announce=${announce}
    subject="project"
  />`;
}
