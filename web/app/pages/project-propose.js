// Staff propose a time-limited project for their own administration; the
// mayors' forum then approves or rejects it. The API checks everything (dates,
// references, the leader's role); its field errors are shown at the fields.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { apiMessage, getLocale, t } from '../i18n.js';
import { parseNumber } from '../numbers.js';
import { navigate } from '../router.js';
import {
  Breadcrumbs,
  CheckboxGroup,
  fieldErrors,
  Loading,
  PageHeading,
  ProblemNotice,
  SelectField,
  TextArea,
  TextField,
  useAsync,
  useSession,
  withFieldLinks,
} from '../components.js';
import { fundingLabel } from '../projects-api.js';
import { fundingSources } from '../vocabulary.js';
import { loadRefs } from '../refs.js';

const FORM_ID = 'propose-project';

/** A typed amount → a number (Danish or English input, as the locale is); anything else as typed, for the API. */
const amount = (text) => parseNumber(text, getLocale());

export function ProposeProjectPage() {
  const session = useSession();
  const administration = session.me.administration;
  const isStaff = session.hasRole('staff') && Boolean(administration);
  const data = useAsync(async () => {
    if (!isStaff) return null;
    const [refs, leaders] = await Promise.all([loadRefs(), api('/users/project-leaders')]);
    return { refs, leaders };
  }, [isStaff]);

  const crumbs = html`<${Breadcrumbs}
    items=${[{ href: '/projects', label: t('nav.projects') }, { label: t('propose.title') }]}
  />`;
  if (!isStaff) {
    return html`${crumbs}<${PageHeading} key="page-title" title=${t('propose.title')} />
      <p class="empty">${t('propose.staffOnly')}</p>
      <p><a href="/projects">${t('propose.back')}</a></p>`;
  }
  return html`${crumbs}<${PageHeading} key="page-title" title=${t('propose.title')} />
    <p class="lead">${t('propose.lead')}</p>
    ${
      data.data
        ? html`<${ProposeForm} administration=${administration} refs=${data.data.refs} leaders=${data.data.leaders} />`
        : data.loading
          ? html`<${Loading} />`
          : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`
    }`;
}

function ProposeForm({ administration, refs, leaders }) {
  const [values, setValues] = useState({
    title: '',
    problem: '',
    proposedSolution: '',
    projectLeaderId: leaders.length === 1 ? leaders[0].id : '',
    fundingSource: '',
    budgetDkk: '',
    periodStart: '',
    periodEnd: '',
    evaluationDate: '',
    areaIds: [],
    goalIds: [],
  });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (name) => (v) => setValues((old) => ({ ...old, [name]: v }));
  const labels = {
    title: t('propose.projectTitle'),
    problem: t('propose.problem'),
    proposedSolution: t('propose.solution'),
    owningAdministrationId: t('propose.owner'),
    projectLeaderId: t('propose.leader'),
    fundingSource: t('propose.funding'),
    budgetDkk: t('propose.budget'),
    periodStart: t('propose.periodStart'),
    periodEnd: t('propose.periodEnd'),
    evaluationDate: t('propose.evaluationDate'),
    areaIds: t('propose.areas'),
    goalIds: t('propose.goals'),
  };

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    // Required fields are always sent (empty if blank), so the API names each one that is missing.
    const body = {
      title: values.title.trim(),
      problem: values.problem.trim(),
      proposedSolution: values.proposedSolution.trim(),
      owningAdministrationId: administration.id,
      projectLeaderId: values.projectLeaderId,
      fundingSource: values.fundingSource,
      budgetDkk: amount(values.budgetDkk),
      periodStart: values.periodStart,
      periodEnd: values.periodEnd,
      areaIds: values.areaIds,
      goalIds: values.goalIds,
    };
    if (values.evaluationDate) body.evaluationDate = values.evaluationDate;
    try {
      const project = await api('/projects', { method: 'POST', body });
      navigate(`/projects/${project.id}`);
    } catch (err) {
      setError(withFieldLinks(err, FORM_ID, labels));
      setBusy(false);
    }
  };

  const errors = fieldErrors(error);
  // The dates' rule violations, in the chosen language, at the field the API names for them.
  for (const v of error?.violations ?? []) {
    const field =
      v.code === 'PERIOD_END_BEFORE_START'
        ? 'periodEnd'
        : v.code?.startsWith('EVALUATION_DATE')
          ? 'evaluationDate'
          : null;
    if (field) errors[field] = [apiMessage(v)];
  }
  const leaderOptions = leaders.map((l) => ({ value: l.id, label: `${l.displayName} (${l.email})` }));
  const areaOptions = refs.areas.map((a) => ({ value: a.id, label: a.name }));
  const goalOptions = refs.cityGoals.map((g) => ({ value: g.id, label: g.title }));
  const id = (field) => `${FORM_ID}-${field}`;

  return html`<form id=${FORM_ID} class="section-editor" onSubmit=${submit} novalidate>
    <${ProblemNotice} error=${error} />
    <dl class="facts">
      <dt>${labels.owningAdministrationId}</dt>
      <dd id=${id('owningAdministrationId')} tabindex="-1">
        ${administration.name} (${administration.code})
        <span class="hint"> – ${t('propose.ownerHint')}</span>
        ${errors.owningAdministrationId && html`<span class="field-error"> ${errors.owningAdministrationId.join(' ')}</span>`}
      </dd>
    </dl>
    <${TextField}
      id=${id('title')}
      label=${labels.title}
      value=${values.title}
      onInput=${set('title')}
      error=${errors.title}
      required=${true}
    />
    <${TextArea}
      id=${id('problem')}
      label=${labels.problem}
      hint=${t('propose.problemHint')}
      value=${values.problem}
      onInput=${set('problem')}
      error=${errors.problem}
      required=${true}
    />
    <${TextArea}
      id=${id('proposedSolution')}
      label=${labels.proposedSolution}
      value=${values.proposedSolution}
      onInput=${set('proposedSolution')}
      error=${errors.proposedSolution}
      required=${true}
    />
    <${SelectField}
      id=${id('projectLeaderId')}
      label=${labels.projectLeaderId}
      hint=${leaders.length ? t('propose.leaderHint') : t('propose.noLeaders')}
      value=${values.projectLeaderId}
      onChange=${set('projectLeaderId')}
      options=${leaderOptions}
      placeholder=${t('form.choose')}
      error=${errors.projectLeaderId}
      required=${true}
    />
    <${SelectField}
      id=${id('fundingSource')}
      label=${labels.fundingSource}
      value=${values.fundingSource}
      onChange=${set('fundingSource')}
      options=${fundingSources().map((f) => ({ value: f, label: fundingLabel(f) }))}
      placeholder=${t('form.choose')}
      error=${errors.fundingSource}
      required=${true}
    />
    <${TextField}
      id=${id('budgetDkk')}
      label=${labels.budgetDkk}
      hint=${t('propose.budgetHint')}
      inputMode="decimal"
      value=${values.budgetDkk}
      onInput=${set('budgetDkk')}
      error=${errors.budgetDkk}
      required=${true}
    />
    <${TextField}
      id=${id('periodStart')}
      type="date"
      label=${labels.periodStart}
      value=${values.periodStart}
      onInput=${set('periodStart')}
      error=${errors.periodStart}
      required=${true}
    />
    <${TextField}
      id=${id('periodEnd')}
      type="date"
      label=${labels.periodEnd}
      value=${values.periodEnd}
      onInput=${set('periodEnd')}
      error=${errors.periodEnd}
      required=${true}
    />
    <${TextField}
      id=${id('evaluationDate')}
      type="date"
      label=${labels.evaluationDate}
      hint=${t('propose.evaluationDateHint')}
      value=${values.evaluationDate}
      onInput=${set('evaluationDate')}
      error=${errors.evaluationDate}
    />
    <${CheckboxGroup}
      id=${id('areaIds')}
      label=${labels.areaIds}
      hint=${t('propose.areasHint')}
      values=${values.areaIds}
      onChange=${set('areaIds')}
      options=${areaOptions}
      error=${errors.areaIds}
      required=${true}
    />
    <${CheckboxGroup}
      id=${id('goalIds')}
      label=${labels.goalIds}
      hint=${t('propose.goalsHint')}
      values=${values.goalIds}
      onChange=${set('goalIds')}
      options=${goalOptions}
      error=${errors.goalIds}
      required=${true}
    />
    <div class="button-row">
      <button type="submit" disabled=${busy}>${busy ? t('form.saving') : t('propose.submit')}</button>
      <a href="/projects">${t('form.cancel')}</a>
    </div>
  </form>`;
}
