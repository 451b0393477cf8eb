import { html, useRef, useState } from '../html.js';
import { api } from '../api.js';
import { apiMessage, formatDate, formatDateTime, formatMoney, formatNumber, getLocale, t, tOr } from '../i18n.js';
import { parseNumber } from '../numbers.js';
import { setSearch } from '../router.js';
import {
  Breadcrumbs,
  fieldErrors,
  HistoryTable,
  Loading,
  PageHeading,
  ProblemNotice,
  SelectField,
  SuccessNotice,
  TableWrap,
  TextArea,
  TextField,
  useAsync,
  useSession,
} from '../components.js';
import { ProjectActions } from '../project-actions.js';
import { actionLabel } from '../actions.js';
import { fundingLabel, loadProjects, projectStateOrder, projectStateLabel } from '../projects-api.js';
import { loadRefs } from '../refs.js';
import { evidenceScale, recommendations } from '../vocabulary.js';
import { ProjectCycleSection } from '../project-cycle.js';

export function ProjectsPage({ search }) {
  const session = useSession();
  const state = search.get('state') ?? '';
  const data = useAsync(async () => {
    const [refs, all, mine, ours] = await Promise.all([
      loadRefs(),
      loadProjects({ state: state || undefined }),
      session.hasRole('project_leader') ? loadProjects({ leader: 'me' }) : Promise.resolve(null),
      session.hasRole('staff') && session.me.administration
        ? loadProjects({ administrationId: session.me.administration.id })
        : Promise.resolve(null),
    ]);
    return { refs, all, mine, ours };
  }, [state]);

  return html`
    <${PageHeading}
      key="page-title"
      title=${session.hasRole('project_leader') ? t('projects.myTitle') : t('projects.title')}
    />
    <p class="lead">${t('projects.lead')}</p>
    ${
      session.hasRole('staff') &&
      session.me.administration &&
      html`<p class="button-row"><a class="button" href="/projects/new">${t('propose.open')}</a></p>`
    }
    <${ProblemNotice} error=${data.error} onReload=${data.reload} focus=${false} />
    ${
      !data.data
        ? html`<${Loading} />`
        : html`
            ${
              data.data.mine &&
              html`<section class="block" aria-labelledby="mine-heading">
                <h2 id="mine-heading">${t('projects.mine')}</h2>
                <${ProjectTable} projects=${data.data.mine} refs=${data.data.refs} label=${t('projects.mine')} />
              </section>`
            }
            ${
              data.data.ours &&
              html`<section class="block" aria-labelledby="ours-heading">
                <h2 id="ours-heading">${t('projects.ours', { code: session.me.administration.code })}</h2>
                <${ProjectTable}
                  projects=${data.data.ours}
                  refs=${data.data.refs}
                  label=${t('projects.ours', { code: session.me.administration.code })}
                />
              </section>`
            }
            <section class="block" aria-labelledby="all-heading">
              <h2 id="all-heading">${t('projects.all')}</h2>
              <form onSubmit=${(e) => e.preventDefault()}>
                <${SelectField}
                  id="project-state-filter"
                  label=${t('projects.filterState')}
                  value=${state}
                  onChange=${(v) => setSearch({ state: v })}
                  options=${projectStateOrder().map((s) => ({ value: s, label: projectStateLabel(s) }))}
                  placeholder=${t('projects.allStates')}
                />
              </form>
              ${
                // While another state's list loads, the rows shown are the old ones (useAsync keeps the last
                // answer): say so, so that nobody reads them as the new list.
                data.loading ? html`<${Loading} />` : null
              }
              <div aria-busy=${data.loading ? 'true' : 'false'}>
                <${ProjectTable} projects=${data.data.all} refs=${data.data.refs} label=${t('projects.all')} />
              </div>
            </section>
          `
    }
  `;
}

function ProjectTable({ projects, refs, label }) {
  if (!projects.length) return html`<p class="empty">${t('projects.none')}</p>`;
  const admin = (id) => refs.administrations.find((a) => a.id === id)?.code ?? '';
  return html`<${TableWrap} label=${label}>
    <table>
      <thead>
        <tr>
          <th scope="col">${t('projects.project')}</th>
          <th scope="col">${t('projects.state')}</th>
          <th scope="col">${t('projects.owner')}</th>
          <th scope="col">${t('projects.period')}</th>
          <th scope="col">${t('projects.evaluationDeadline')}</th>
        </tr>
      </thead>
      <tbody>
        ${projects.map(
          (p) =>
            html`<tr key=${p.id} class=${p.overdue ? 'is-overdue' : ''}>
              <td><a href=${`/projects/${p.id}`}>${p.title}</a></td>
              <td>${projectStateLabel(p.state, p.stateLabel)}</td>
              <td>${admin(p.owningAdministrationId)}</td>
              <td>${formatDate(p.periodStart)} – ${formatDate(p.periodEnd)}</td>
              <td>
                ${p.final ? '–' : formatDate(p.evaluationDeadline)}
                ${p.overdue && html` <span class="tag overdue">${t('projects.evaluationOverdue')}</span>`}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  <//>`;
}

async function loadProject(id) {
  const [project, actions, evaluation, history, refs] = await Promise.all([
    api(`/projects/${id}`),
    api(`/projects/${id}/actions`),
    api(`/projects/${id}/evaluation`),
    api(`/projects/${id}/history`),
    loadRefs(),
  ]);
  return { project, actions, evaluation, history, refs };
}

export function ProjectPage({ params }) {
  const session = useSession();
  const data = useAsync(() => loadProject(params.id), [params.id]);
  const [done, setDone] = useState(null);
  const [opened, setOpened] = useState(0);
  if (!data.data) {
    return html`<${PageHeading} key="page-title" title=${t('projects.projectTitle')} />
      ${data.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`}`;
  }
  const { project, actions, evaluation, history, refs } = data.data;
  const owner = refs.administrations.find((a) => a.id === project.owningAdministrationId);
  const goals = project.goalIds.map((id) => refs.goals.find((g) => g.id === id)).filter(Boolean);
  // The indicators the evaluation reports on: the project's own and its goals'.
  const indicatorIds = [...new Set([...project.indicatorIds, ...goals.map((g) => g.indicatorId).filter(Boolean)])];
  const indicators = indicatorIds.map((id) => refs.indicators.find((i) => i.id === id)).filter(Boolean);
  const submitActions = {
    ...actions,
    actions: actions.actions.filter((a) => a.type === 'SUBMIT_EVALUATION'),
    missing: [],
  };
  const otherActions = { ...actions, actions: actions.actions.filter((a) => a.type !== 'SUBMIT_EVALUATION') };
  const reload = async (type) => {
    if (typeof type === 'string') {
      const action = actions.actions.find((a) => a.type === type);
      setDone(action ? actionLabel(action, 'projectEvents') : type);
    }
    await data.reload();
    session.refreshUnread();
  };
  // "Reload" after a conflict on the draft: the evaluation form is opened anew on the draft as it is now.
  const reopenEvaluation = async () => {
    await reload();
    setOpened((n) => n + 1);
  };

  return html`
    <${Breadcrumbs} items=${[{ href: '/projects', label: t('nav.projects') }, { label: project.title }]} />
    <${PageHeading} key="page-title" title=${project.title} />
    ${done && html`<${SuccessNotice} key=${done + data.data.project.version}><p>${t('actions.done', { action: done })}</p><//>`}
    <${ProblemNotice} error=${data.error} onReload=${data.reload} focus=${false} />
    <dl class="facts">
      <dt>${t('projects.state')}</dt>
      <dd>${projectStateLabel(project.state, project.stateLabel)}</dd>
      <dt>${t('projects.owner')}</dt>
      <dd>${owner ? `${owner.name} (${owner.code})` : '–'}</dd>
      <dt>${t('projects.funding')}</dt>
      <dd>${fundingLabel(project.fundingSource)} · ${formatMoney(project.budgetDkk)}</dd>
      <dt>${t('projects.period')}</dt>
      <dd>${formatDate(project.periodStart)} – ${formatDate(project.periodEnd)}</dd>
      ${
        !project.final &&
        html`<dt>${t('projects.evaluationDue')}</dt>
          <dd>
            ${t('projects.evaluationDueText', { due: formatDate(project.evaluationDueOn), deadline: formatDate(project.evaluationDeadline) })}
            ${project.overdue && html` <span class="tag overdue">${t('projects.evaluationOverdue')}</span>`}
          </dd>`
      }
      <dt>${t('projects.areas')}</dt>
      <dd>${project.areaIds.map((id) => refs.areas.find((a) => a.id === id)?.name ?? id).join(', ')}</dd>
      <dt>${t('projects.goals')}</dt>
      <dd>${goals.map((g) => g.title).join('; ')}</dd>
      ${
        project.budgetLine &&
        html`<dt>${t('projects.budgetLine')}</dt>
          <dd>
            ${t('projects.budgetLineText', {
              admin: refs.administrations.find((a) => a.id === project.budgetLine.administrationId)?.code ?? '',
              amount: formatMoney(project.budgetLine.yearlyAmountDkk),
              year: project.budgetLine.firstBudgetYear,
            })}
          </dd>`
      }
    </dl>
    <h2>${t('projects.problem')}</h2>
    <p>${project.problem}</p>
    <h2>${t('projects.solution')}</h2>
    <p>${project.proposedSolution}</p>

    <section class="block" aria-labelledby="project-actions-heading">
      <h2 id="project-actions-heading">${t('plan.actions')}</h2>
      <${ProjectActions} project=${project} actions=${otherActions} refs=${refs} onDone=${reload} announce=${false} />
    </section>

    <section class="block" aria-labelledby="evaluation-heading">
      <h2 id="evaluation-heading">${t('evaluation.title')}</h2>
      ${
        evaluation.editable
          ? html`<${EvaluationForm}
              key=${opened}
              project=${project}
              evaluation=${evaluation}
              goals=${goals}
              indicators=${indicators}
              onSaved=${reload}
              onReopen=${reopenEvaluation}
            />`
          : html`<${EvaluationView} evaluation=${evaluation} goals=${goals} indicators=${indicators} refs=${refs} />`
      }
      <${Attachments} project=${project} evaluation=${evaluation} onChanged=${reload} />
      ${
        evaluation.missing.length > 0 &&
        !project.final &&
        html`<h3>${t('evaluation.missing')}</h3>
          <ul>
            ${evaluation.missing.map((m, i) => html`<li key=${i}>${apiMessage(m)}</li>`)}
          </ul>`
      }
      ${
        submitActions.actions.length > 0 &&
        html`<h3>${t('evaluation.submitHeading')}</h3>
          <${ProjectActions}
            project=${project}
            actions=${submitActions}
            refs=${refs}
            onDone=${reload}
            idPrefix="submit-evaluation"
            headingLevel=${4}
            announce=${false}
          />`
      }
    </section>

    <${ProjectCycleSection} projectId=${project.id} version=${project.version} />

    <section class="block" aria-labelledby="project-history-heading">
      <h2 id="project-history-heading">${t('plan.history')}</h2>
      <${ProjectHistory} history=${history} />
    </section>
  `;
}

function text(v) {
  return v === null || v === undefined ? '' : String(v);
}

/**
 * The evaluation draft's form. It saves against the version it was opened with (then the one
 * its own save returned), so someone else's save in the meantime is a conflict even after the
 * page has reloaded; "Reload" then opens it anew on the draft as it is now (onReopen).
 */
function EvaluationForm({ project, evaluation, goals, indicators, onSaved, onReopen }) {
  const [goalResults, setGoalResults] = useState(() =>
    goals.map((g) => {
      const r = evaluation.goalResults.find((x) => x.goalId === g.id);
      return { goalId: g.id, description: text(r?.description), value: text(r?.value) };
    }),
  );
  const [indicatorResults, setIndicatorResults] = useState(() =>
    indicators.map((i) => {
      const r = evaluation.indicatorResults.find((x) => x.indicatorId === i.id);
      return { indicatorId: i.id, description: text(r?.description), value: text(r?.value) };
    }),
  );
  const [values, setValues] = useState(() => ({
    evidenceStrength: text(evaluation.evidenceStrength),
    evidenceNote: text(evaluation.evidenceNote),
    costsDkk: text(evaluation.costsDkk),
    whatWorked: text(evaluation.whatWorked),
    whatDidNotWork: text(evaluation.whatDidNotWork),
    recommendation: text(evaluation.recommendation),
    recommendationNote: text(evaluation.recommendationNote),
  }));
  const [version, setVersion] = useState(evaluation.version);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (name) => (v) => setValues((old) => ({ ...old, [name]: v }));
  const num = (v) => parseNumber(v, getLocale());
  const errors = fieldErrors(error);

  const save = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    const body = {
      version,
      goalResults: goalResults
        .filter((r) => r.description.trim() || r.value.trim())
        .map((r) => ({ goalId: r.goalId, description: r.description.trim(), value: num(r.value) })),
      indicatorResults: indicatorResults
        .filter((r) => r.description.trim() || r.value.trim())
        .map((r) => ({ indicatorId: r.indicatorId, description: r.description.trim() || null, value: num(r.value) })),
      evidenceStrength: values.evidenceStrength || null,
      evidenceNote: values.evidenceNote.trim() || null,
      costsDkk: num(values.costsDkk),
      whatWorked: values.whatWorked.trim() || null,
      whatDidNotWork: values.whatDidNotWork.trim() || null,
      recommendation: values.recommendation || null,
      recommendationNote: values.recommendationNote.trim() || null,
    };
    try {
      const stored = await api(`/projects/${project.id}/evaluation`, { method: 'PUT', body });
      setVersion(stored.version);
      setSaved(true);
      setBusy(false);
      await onSaved();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  // Field errors name the result by its place in the list sent, e.g. goalResults[0].value.
  const resultError = (list, sent, idKey, id, field) => {
    const index = sent.findIndex((r) => r[idKey] === id);
    return index < 0 ? undefined : errors[`${list}[${index}].${field}`];
  };
  const sentGoals = goalResults.filter((r) => r.description.trim() || r.value.trim());
  const sentIndicators = indicatorResults.filter((r) => r.description.trim() || r.value.trim());

  return html`<form id="evaluation-form" onSubmit=${save} novalidate>
    ${saved && html`<${SuccessNotice}><p>${t('evaluation.saved')}</p><//>`}
    <${ProblemNotice} error=${error} onReload=${error?.isVersionConflict ? onReopen : onSaved} subject="evaluation" />
    <p>${t('evaluation.lead')}</p>
    <h3>${t('evaluation.goalResults')}</h3>
    ${goals.length === 0 && html`<p class="empty">${t('evaluation.noGoals')}</p>`}
    ${goals.map((g, i) => {
      const r = goalResults[i];
      const update = (field) => (v) => setGoalResults((old) => old.map((x, j) => (j === i ? { ...x, [field]: v } : x)));
      return html`<fieldset class="boxed" key=${g.id}>
        <legend>${g.title}</legend>
        <${TextArea}
          id=${`goal-${i}-description`}
          label=${t('evaluation.achieved')}
          value=${r.description}
          onInput=${update('description')}
          rows=${3}
          error=${resultError('goalResults', sentGoals, 'goalId', g.id, 'description')}
        />
        <${TextField}
          id=${`goal-${i}-value`}
          label=${t('evaluation.measuredValue')}
          hint=${g.measure || undefined}
          inputMode="decimal"
          value=${r.value}
          onInput=${update('value')}
          error=${resultError('goalResults', sentGoals, 'goalId', g.id, 'value')}
        />
      </fieldset>`;
    })}
    ${
      indicators.length > 0 &&
      html`<h3>${t('evaluation.indicatorResults')}</h3>
        ${indicators.map((ind, i) => {
          const r = indicatorResults[i];
          const update = (field) => (v) =>
            setIndicatorResults((old) => old.map((x, j) => (j === i ? { ...x, [field]: v } : x)));
          return html`<fieldset class="boxed" key=${ind.id}>
            <legend>${ind.name}</legend>
            <${TextField}
              id=${`indicator-${i}-value`}
              label=${t('evaluation.measuredValue')}
              hint=${ind.unit || undefined}
              inputMode="decimal"
              value=${r.value}
              onInput=${update('value')}
              error=${resultError('indicatorResults', sentIndicators, 'indicatorId', ind.id, 'value')}
            />
            <${TextArea}
              id=${`indicator-${i}-description`}
              label=${t('evaluation.indicatorDescription')}
              value=${r.description}
              onInput=${update('description')}
              rows=${2}
              error=${resultError('indicatorResults', sentIndicators, 'indicatorId', ind.id, 'description')}
            />
          </fieldset>`;
        })}`
    }
    <h3>${t('evaluation.evidence')}</h3>
    <${SelectField}
      id="evaluation-evidenceStrength"
      label=${t('evaluation.evidenceStrength')}
      hint=${t('evaluation.evidenceHint')}
      value=${values.evidenceStrength}
      onChange=${set('evidenceStrength')}
      options=${evidenceScale().map((e, i) => ({ value: e, label: `${i + 1}. ${t(`evidence.${e}`)}` }))}
      placeholder=${t('form.choose')}
      error=${errors.evidenceStrength}
    />
    <${TextArea}
      id="evaluation-evidenceNote"
      label=${t('evaluation.evidenceNote')}
      value=${values.evidenceNote}
      onInput=${set('evidenceNote')}
      rows=${2}
      error=${errors.evidenceNote}
    />
    <${TextField}
      id="evaluation-costsDkk"
      label=${t('evaluation.costs')}
      inputMode="decimal"
      value=${values.costsDkk}
      onInput=${set('costsDkk')}
      error=${errors.costsDkk}
    />
    <${TextArea}
      id="evaluation-whatWorked"
      label=${t('evaluation.whatWorked')}
      value=${values.whatWorked}
      onInput=${set('whatWorked')}
      error=${errors.whatWorked}
    />
    <${TextArea}
      id="evaluation-whatDidNotWork"
      label=${t('evaluation.whatDidNotWork')}
      value=${values.whatDidNotWork}
      onInput=${set('whatDidNotWork')}
      error=${errors.whatDidNotWork}
    />
    <${SelectField}
      id="evaluation-recommendation"
      label=${t('evaluation.recommendation')}
      value=${values.recommendation}
      onChange=${set('recommendation')}
      options=${recommendations().map((r) => ({ value: r, label: t(`recommendation.${r}`) }))}
      placeholder=${t('form.choose')}
      error=${errors.recommendation}
    />
    <${TextArea}
      id="evaluation-recommendationNote"
      label=${t('evaluation.recommendationNote')}
      value=${values.recommendationNote}
      onInput=${set('recommendationNote')}
      rows=${2}
      error=${errors.recommendationNote}
    />
    <div class="button-row">
      <button type="submit" disabled=${busy}>${busy ? t('form.saving') : t('evaluation.saveDraft')}</button>
      <span class="meta"
        >${evaluation.updatedAt ? t('evaluation.lastSaved', { when: formatDateTime(evaluation.updatedAt) }) : t('evaluation.notSaved')}</span
      >
    </div>
  </form>`;
}

function EvaluationView({ evaluation, goals, indicators }) {
  if (!evaluation.version) return html`<p class="empty">${t('evaluation.none')}</p>`;
  const goalTitle = (id) => goals.find((g) => g.id === id)?.title ?? id;
  const indicatorName = (id) => indicators.find((i) => i.id === id)?.name ?? id;
  return html`<div>
    <h3>${t('evaluation.goalResults')}</h3>
    <ul>
      ${evaluation.goalResults.map(
        (r) =>
          html`<li key=${r.goalId}>
            <strong>${goalTitle(r.goalId)}</strong>:
            ${r.description}${r.value !== null && r.value !== undefined ? ` (${formatNumber(r.value, 2)})` : ''}
          </li>`,
      )}
    </ul>
    ${
      evaluation.indicatorResults.length > 0 &&
      html`<h3>${t('evaluation.indicatorResults')}</h3>
        <ul>
          ${evaluation.indicatorResults.map(
            (r) =>
              html`<li key=${r.indicatorId}>
                <strong>${indicatorName(r.indicatorId)}</strong>:
                ${[r.value !== null && r.value !== undefined ? formatNumber(r.value, 2) : null, r.description].filter(Boolean).join(' – ')}
              </li>`,
          )}
        </ul>`
    }
    <dl class="facts">
      <dt>${t('evaluation.evidenceStrength')}</dt>
      <dd>${evaluation.evidenceStrength ? t(`evidence.${evaluation.evidenceStrength}`) : '–'}</dd>
      ${
        evaluation.evidenceNote &&
        html`<dt>${t('evaluation.evidenceNote')}</dt>
          <dd>${evaluation.evidenceNote}</dd>`
      }
      <dt>${t('evaluation.costs')}</dt>
      <dd>${evaluation.costsDkk === null ? '–' : formatMoney(evaluation.costsDkk)}</dd>
      <dt>${t('evaluation.whatWorked')}</dt>
      <dd>${evaluation.whatWorked ?? '–'}</dd>
      <dt>${t('evaluation.whatDidNotWork')}</dt>
      <dd>${evaluation.whatDidNotWork ?? '–'}</dd>
      <dt>${t('evaluation.recommendation')}</dt>
      <dd>${evaluation.recommendation ? t(`recommendation.${evaluation.recommendation}`) : '–'}</dd>
      ${
        evaluation.recommendationNote &&
        html`<dt>${t('evaluation.recommendationNote')}</dt>
          <dd>${evaluation.recommendationNote}</dd>`
      }
    </dl>
  </div>`;
}

function Attachments({ project, evaluation, onChanged }) {
  const input = useRef(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [uploaded, setUploaded] = useState(null);

  const upload = async (e) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    setError(null);
    setUploaded(null);
    if (!file) {
      setError({ local: true });
      return;
    }
    setBusy(true);
    const form = new FormData();
    form.append('file', file);
    try {
      const a = await api(`/projects/${project.id}/evaluation/attachments`, { method: 'POST', form });
      setUploaded(a.fileName);
      input.current.value = '';
      await onChanged();
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  };

  const download = async (a) => {
    try {
      const blob = await api(`/projects/${project.id}/evaluation/attachments/${a.id}`, {
        as: 'blob',
        headers: { Accept: '*/*' },
      });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = a.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err);
    }
  };

  const localError = error?.local ? [t('attachments.chooseFile')] : undefined;
  return html`<div>
    <h3>${t('attachments.title')}</h3>
    ${
      evaluation.attachments.length === 0
        ? html`<p class="empty">${t('attachments.none')}</p>`
        : html`<ul>
            ${evaluation.attachments.map(
              (a) =>
                html`<li key=${a.id}>
                  <button
                    type="button"
                    class="link-button"
                    onClick=${() => download(a)}
                    aria-label=${t('attachments.downloadNamed', { name: a.fileName })}
                  >
                    ${a.fileName}
                  </button>
                  <span class="meta">
                    ${formatNumber(a.sizeBytes / 1024, 0)} kB · SHA-256 <code>${a.sha256.slice(0, 12)}…</code></span
                  >
                </li>`,
            )}
          </ul>`
    }
    ${uploaded && html`<${SuccessNotice}><p>${t('attachments.uploaded', { name: uploaded })}</p><//>`}
    ${error && !error.local && html`<${ProblemNotice} error=${error} />`}
    ${
      evaluation.editable &&
      html`<form onSubmit=${upload} novalidate>
        <div class=${`field${localError ? ' has-error' : ''}`}>
          <label for="attachment-file">${t('attachments.file')}</label>
          <span class="hint" id="attachment-file-hint">${t('attachments.hint')}</span>
          ${localError && html`<span class="field-error" id="attachment-file-error">${localError[0]}</span>`}
          <input
            type="file"
            id="attachment-file"
            ref=${input}
            accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
            aria-describedby=${`attachment-file-hint${localError ? ' attachment-file-error' : ''}`}
            aria-invalid=${localError ? 'true' : undefined}
          />
        </div>
        <div class="button-row">
          <button type="submit" class="secondary" disabled=${busy}>
            ${busy ? t('attachments.uploading') : t('attachments.upload')}
          </button>
        </div>
      </form>`
    }
  </div>`;
}

function ProjectHistory({ history }) {
  return html`<${HistoryTable}
    history=${history}
    eventLabel=${(e) => tOr(`projectEventsRecorded.${e}`, tOr(`projectEvents.${e}`, e))}
    stateLabel=${projectStateLabel}
  />`;
}
