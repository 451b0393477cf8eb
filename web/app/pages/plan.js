import { html, useState } from '../html.js';
import { ProgressReport } from '../progress-report.js';
import { api, idempotencyKey } from '../api.js';
import { apiMessage, formatDate, formatDateTime, t, tOr } from '../i18n.js';
import { ActionsPanel, actionLabel } from '../actions.js';
import { PartLink, PartsMenu, StageProgress, workingDaysText } from '../glance.js';
import {
  Breadcrumbs,
  DeadlineCell,
  fieldErrors,
  HistoryTable,
  Loading,
  PageHeading,
  Pager,
  ProblemNotice,
  SelectField,
  stageLabel,
  SuccessNotice,
  TableWrap,
  TextArea,
  TextField,
  useAsync,
  usePages,
  useFocusOnMount,
  useSession,
  useSubmit,
  withFieldLinks,
} from '../components.js';
import { ItemView, SectionBlock } from '../plan-sections.js';
import { stageOrder, stageSections } from '../vocabulary.js';
import { loadRefs } from '../refs.js';
import { PlanTheoryOfChange } from '../theory-of-change.js';
import { InterventionMixSection } from '../intervention-mix.js';

const UNAVAILABLE = Symbol('unavailable');

async function loadPlan(id) {
  const contentP = api(`/plans/${id}/content`);
  // The plan's theory of change once it has goals or interventions (the planning stage's sections); else there is
  // nothing to show.
  const tocP = contentP.then((c) =>
    c.items.some((i) => i.section === 'goal' || i.section === 'intervention')
      ? api(`/plans/${id}/theory-of-change`).catch(() => UNAVAILABLE)
      : null,
  );
  const [plan, actions, content, history, versions, refs, toc, deadlines] = await Promise.all([
    api(`/plans/${id}`),
    api(`/plans/${id}/actions`),
    contentP,
    loadHistory(id, 0),
    api(`/plans/${id}/versions`),
    loadRefs(),
    tocP,
    // The working days left (the API counts them in the municipality's calendar); the page does without them.
    api(`/deadlines?planId=${id}`).catch(() => ({ items: [] })),
  ]);
  return { plan, actions, content, history, versions, refs, toc, deadline: deadlines.items[0] ?? null };
}

/** The record is served a page at a time (a plan may have thousands of transitions): newest first. */
const HISTORY_PAGE = 50;
function loadHistory(id, offset) {
  return api(`/plans/${id}/history?order=desc&limit=${HISTORY_PAGE}&offset=${offset}`);
}

export function PlanPage({ params }) {
  const session = useSession();
  const data = useAsync(() => loadPlan(params.id), [params.id]);

  if (!data.data) {
    return html`<${PageHeading} key="page-title" title=${t('plan.title')} />
      ${data.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`}`;
  }
  const { plan, actions, content, history, versions, refs: baseRefs, toc, deadline } = data.data;
  const refs = {
    ...baseRefs,
    planGoals: content.items.filter((i) => i.section === 'goal'),
    planProposals: content.items.filter((i) => i.section === 'budget_proposal'),
    allItems: content.items,
  };
  // Only what the user's roles could ever do; what they could do but not now stays, with why not.
  const ownActions = actions.actions.filter((a) => a.withinRoles !== false);

  const act = async ({ type, comment, conditions }) => {
    const body = { type, expectedVersion: actions.version };
    if (comment) body.comment = comment;
    if (conditions) body.conditions = conditions;
    await api(`/plans/${plan.id}/events`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey() } });
    await data.reload();
    session.refreshUnread();
  };
  // The page's parts, in the order they come: the menu jumps to each (and stays in view while the page scrolls).
  const parts = [
    { id: 'actions-heading', label: t('glance.parts.actions'), count: ownActions.filter((a) => a.allowed).length },
    ...(content.conditions.length > 0 ? [{ id: 'conditions-heading', label: t('glance.parts.conditions') }] : []),
    { id: 'plan-content', label: t('glance.parts.content') },
    ...(toc ? [{ id: 'plan-toc-heading', label: t('glance.parts.toc') }] : []),
    ...(content.items.some((i) => i.section === 'goal' || i.section === 'intervention')
      ? [{ id: 'intervention-mix-heading', label: t('interventionMix.title') }]
      : []),
    { id: 'history-heading', label: t('glance.parts.history') },
    { id: 'versions-heading', label: t('glance.parts.versions') },
    { id: 'progress-report-heading', label: t('progressReport.heading') },
  ];

  return html`
    <${Breadcrumbs}
      items=${[{ href: '/', label: t('nav.overview') }, { href: `/areas/${plan.areaId}`, label: plan.areaName }, { label: plan.title }]}
    />
    <${PageHeading} key="page-title" title=${plan.title} />
    <${ProblemNotice} error=${data.error} onReload=${data.reload} focus=${false} />
    <${PlanAtAGlance}
      plan=${plan}
      refs=${refs}
      actions=${ownActions}
      missing=${actions.missing}
      conditions=${content.conditions}
      deadline=${deadline}
    />
    <${PartsMenu} label=${t('glance.partsLabel')} parts=${parts} />

    <section class="block" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">${t('plan.timeline')}</h2>
      <${Timeline} plan=${plan} />
    </section>

    <section class="block" aria-labelledby="actions-heading">
      <h2 id="actions-heading" tabindex="-1">${t('plan.actions')}</h2>
      <${ActionsPanel}
        idPrefix="plan-action"
        actions=${ownActions}
        missing=${actions.missing}
        onAct=${act}
        onReload=${data.reload}
        emptyText=${ownActions.length === 0 ? t('glance.noRoleActions') : undefined}
      />
      ${session.hasRole('forum_member', 'administrator') && plan.stage !== 'closed' && html`<${MoveDeadline} plan=${plan} onDone=${data.reload} />`}
    </section>

    ${
      content.conditions.length > 0 &&
      html`<section class="block" aria-labelledby="conditions-heading">
        <h2 id="conditions-heading" tabindex="-1">${t('plan.conditions')}</h2>
        <${Conditions}
          plan=${plan}
          conditions=${content.conditions}
          canClose=${session.hasRole('staff')}
          onDone=${data.reload}
        />
      </section>`
    }
    <div id="plan-content" tabindex="-1" class="part-anchor">
      <${PlanContent}
        plan=${plan}
        content=${content}
        actions=${actions}
        refs=${refs}
        session=${session}
        onChanged=${data.reload}
      />
    </div>
    ${
      toc &&
      html`<section class="block" aria-labelledby="plan-toc-heading">
        <h2 id="plan-toc-heading" tabindex="-1">${t('plan.toc')}</h2>
        ${toc === UNAVAILABLE ? html`<p class="empty">${t('plan.tocUnavailable')}</p>` : html`<${PlanTheoryOfChange} toc=${toc} refs=${refs} level=${3} />`}
      </section>`
    }
    ${
      content.items.some((i) => i.section === 'goal' || i.section === 'intervention') &&
      html`<${InterventionMixSection}
        planId=${plan.id}
        version=${`${plan.version}:${content.items.map((i) => `${i.id}.${i.version}`).join(',')}`}
      />`
    }

    <section class="block" aria-labelledby="history-heading">
      <h2 id="history-heading" tabindex="-1">${t('plan.history')}</h2>
      <${History} key=${`${plan.id}:${history.total}`} planId=${plan.id} first=${history} />
    </section>

    <section class="block" aria-labelledby="versions-heading">
      <h2 id="versions-heading" tabindex="-1">${t('plan.versions')}</h2>
      <${Versions} plan=${plan} versions=${versions} refs=${refs} />
    </section>

    <${ProgressReport} planId=${plan.id} />
  `;
}

/**
 * The overview at the top: stage and status, the progress through the stages, the deadline with the working
 * days left, what the stage still lacks, open conditions, and the next action (the user's own, else whose turn).
 */
function PlanAtAGlance({ plan, refs, actions, missing, conditions, deadline }) {
  const coordinator = refs.administrations.find((a) => a.id === plan.coordinatingAdministrationId);
  const participants = plan.participatingAdministrationIds
    .map((id) => refs.administrations.find((a) => a.id === id))
    .filter(Boolean);
  const open = conditions.filter((c) => c.status === 'open');
  const allowed = actions.filter((a) => a.allowed);
  const link = (id, text) => html`<${PartLink} target=${id}>${text}<//>`;
  const next =
    plan.stage === 'closed'
      ? t('glance.next.closed')
      : allowed.length
        ? html`${t('glance.next.you')} ${link('actions-heading', allowed.map((a) => actionLabel(a)).join(', '))}`
        : plan.status === 'submitted'
          ? t('glance.next.forum')
          : missing.length
            ? t('glance.next.complete', { code: coordinator?.code ?? '' })
            : t('glance.next.submit', { code: coordinator?.code ?? '' });
  return html`<section class="glance" aria-label=${t('glance.overview')}>
    <div class="glance-grid">
      <div class="glance-cell">
        <span class="glance-label">${t('plan.stage')}</span>
        <strong>${stageLabel(plan.stage)}${plan.status ? ` · ${t(`status.${plan.status}`)}` : ''}</strong>
        <${StageProgress} stage=${plan.stage} id="plan-progress" />
      </div>
      <div class=${`glance-cell ${plan.overdue ? 'alert' : ''}`}>
        <span class="glance-label">${t('plan.deadline')}</span>
        <strong><${DeadlineCell} plan=${plan} /></strong>
        ${deadline && html`<span class="glance-days" data-working-days=${deadline.workingDaysLeft}>${workingDaysText(deadline.workingDaysLeft, deadline.overdue)}</span>`}
      </div>
      <div class=${`glance-cell ${missing.length ? 'warn' : ''}`}>
        <span class="glance-label">${t('glance.missing')}</span>
        ${
          missing.length
            ? html`<strong>${t('glance.missingCount', { n: missing.length })}</strong>
                <ul class="glance-list">
                  ${missing.slice(0, 3).map((m, i) => html`<li key=${i}>${apiMessage(m)}</li>`)}
                </ul>
                ${missing.length > 3 && link('actions-heading', t('glance.more', { n: missing.length - 3 }))}`
            : html`<strong>${plan.stage === 'closed' ? '–' : t('glance.nothingMissing')}</strong>`
        }
      </div>
      <div class=${`glance-cell ${open.length ? 'warn' : ''}`}>
        <span class="glance-label">${t('glance.openConditions')}</span>
        <strong>${open.length ? t('glance.conditionsCount', { n: open.length }) : t('glance.noConditions')}</strong>
        ${open.length > 0 && link('conditions-heading', t('glance.seeConditions'))}
      </div>
      <div class="glance-cell wide">
        <span class="glance-label">${t('glance.nextAction')}</span>
        <strong>${next}</strong>
      </div>
    </div>
    <dl class="facts">
      <dt>${t('plan.area')}</dt>
      <dd><a href=${`/areas/${plan.areaId}`}>${plan.areaName}</a></dd>
      <dt>${t('plan.budgetYear')}</dt>
      <dd>${plan.budgetYear}</dd>
      <dt>${t('plan.coordinator')}</dt>
      <dd>${coordinator ? `${coordinator.name} (${coordinator.code})` : '–'}</dd>
      <dt>${t('plan.participants')}</dt>
      <dd>${participants.map((a) => a.code).join(', ')}</dd>
      ${
        plan.stage === 'planning' &&
        html`<dt>${t('plan.signatures')}</dt>
          <dd>
            ${
              plan.signatures.length
                ? plan.signatures
                    .map((s) => refs.administrations.find((a) => a.id === s.administrationId)?.code ?? '?')
                    .join(', ')
                : t('plan.noSignatures')
            }
          </dd>`
      }
    </dl>
  </section>`;
}

/** The content of every stage reached (or with content), section by section. */
function PlanContent({ plan, content, actions, refs, session, onChanged }) {
  const currentIndex = stageOrder().indexOf(plan.stage);
  const shownStages = stageOrder().filter(
    (s, i) =>
      s !== 'closed' && (i <= currentIndex || content.items.some((it) => stageSections()[s].includes(it.section))),
  );
  return shownStages.map(
    (stage) =>
      html`<section class="block" key=${stage} aria-labelledby=${`content-${stage}`}>
        <h2 id=${`content-${stage}`}>${t('plan.contentOf', { stage: stageLabel(stage) })}</h2>
        ${stageSections()[stage].map(
          (section) =>
            html`<${SectionBlock}
              key=${section}
              plan=${plan}
              section=${section}
              items=${content.items.filter((i) => i.section === section)}
              editable=${actions.editableSections.includes(section)}
              refs=${refs}
              myAdministrationId=${session.me.administration?.id}
              onChanged=${onChanged}
            />`,
        )}
      </section>`,
  );
}

function Timeline({ plan }) {
  const current = stageOrder().indexOf(plan.stage);
  return html`<ol class="timeline">
    ${stageOrder().map((stage, i) => {
      const state = i < current || plan.stage === 'closed' ? 'done' : i === current ? 'current' : 'upcoming';
      return html`<li key=${stage} class=${state} aria-current=${state === 'current' ? 'step' : undefined}>
        ${stageLabel(stage)}
        <span class="state"
          >${state === 'current' ? (plan.status ? t(`status.${plan.status}`) : t('timeline.current')) : t(`timeline.${state}`)}</span
        >
        ${state === 'current' && plan.stageDueDate && html`<span class="state">${t('plan.dueOn', { date: formatDate(plan.stageDueDate) })}</span>`}
      </li>`;
    })}
  </ol>`;
}

function History({ planId, first }) {
  const { shown: current, error, go } = usePages(first, (offset) => loadHistory(planId, offset));
  // HistoryTable shows its list newest first from the oldest on: the page came newest first.
  const history = [...current.items].reverse();
  const state = (s) => {
    const [stage, status] = s.split('.');
    return `${stageLabel(stage)}${status ? ` (${t(`status.${status}`)})` : ''}`;
  };
  const conditions = (h) =>
    Array.isArray(h.payload?.conditions) && h.payload.conditions.length > 0
      ? html`<ul>
          ${h.payload.conditions.map((c, i) => html`<li key=${i}>${typeof c === 'string' ? c : c.text}</li>`)}
        </ul>`
      : null;
  return html`<${ProblemNotice} error=${error} onReload=${() => go(current.offset)} focus=${false} />
    <${HistoryTable}
      history=${history}
      eventLabel=${(e) => tOr(`eventNames.${e}`, e)}
      stateLabel=${state}
      details=${conditions}
    />
    <${Pager}
      total=${current.total}
      limit=${current.limit}
      offset=${current.offset}
      onChange=${go}
      label=${t('plan.history')}
    />`;
}

function Conditions({ plan, conditions, canClose, onDone }) {
  return html`<ul class="items">
    ${conditions.map((c) => html`<${Condition} key=${c.id} plan=${plan} condition=${c} canClose=${canClose} onDone=${onDone} />`)}
  </ul>`;
}

function Condition({ plan, condition, canClose, onDone }) {
  const [note, setNote] = useState('');
  const {
    run: close,
    busy,
    error,
  } = useSubmit(async () => {
    await api(`/plans/${plan.id}/conditions/${condition.id}/close`, {
      method: 'POST',
      body: { note, expectedVersion: plan.version },
    });
    onDone();
  });
  const id = `cond-${condition.id}`;
  return html`<li class="item">
    <h3 class="h4">${condition.text}</h3>
    <p>
      <span class=${`tag ${condition.status === 'open' ? 'submitted' : 'ok'}`}
        >${t(`conditions.${condition.status}`)}</span
      >
      ${' '}<span class="meta">${stageLabel(condition.stage)}</span>
    </p>
    ${condition.closingNote && html`<p>${t('conditions.closedWith')}: ${condition.closingNote}</p>`}
    ${
      condition.status === 'open' &&
      canClose &&
      html`<form onSubmit=${close} novalidate>
        <${ProblemNotice} error=${withFieldLinks(error, id, { note: t('conditions.note') })} onReload=${onDone} />
        <${TextArea}
          id=${`${id}-note`}
          label=${t('conditions.note')}
          value=${note}
          onInput=${setNote}
          error=${fieldErrors(error).note}
          required=${true}
          rows=${2}
        />
        <div class="button-row"><button type="submit" disabled=${busy}>${t('conditions.close')}</button></div>
      </form>`
    }
  </li>`;
}

function MoveDeadline({ plan, onDone }) {
  const [dueDate, setDueDate] = useState('');
  const [reason, setReason] = useState('');
  const {
    run: submit,
    error,
    done,
  } = useSubmit(async () => {
    await api(`/plans/${plan.id}/deadline`, {
      method: 'POST',
      body: { dueDate, reason, expectedVersion: plan.version },
    });
    onDone();
  });
  const errors = fieldErrors(error);
  return html`<details>
    <summary>${t('deadline.move')}</summary>
    ${done && html`<${SuccessNotice}><p>${t('deadline.moved')}</p><//>`}
    <${ProblemNotice}
      error=${withFieldLinks(error, 'deadline', { dueDate: t('deadline.date'), reason: t('deadline.reason') })}
      onReload=${onDone}
    />
    <form onSubmit=${submit} novalidate>
      <${TextField}
        id="deadline-dueDate"
        type="date"
        label=${t('deadline.date')}
        value=${dueDate}
        onInput=${setDueDate}
        error=${errors.dueDate}
        required=${true}
      />
      <${TextArea}
        id="deadline-reason"
        label=${t('deadline.reason')}
        value=${reason}
        onInput=${setReason}
        error=${errors.reason}
        required=${true}
        rows=${2}
      />
      <div class="button-row"><button type="submit">${t('deadline.save')}</button></div>
    </form>
  </details>`;
}

function Versions({ plan, versions, refs }) {
  const [from, setFrom] = useState(versions.length ? String(versions[versions.length - 1].seq) : '');
  const [to, setTo] = useState('current');
  const [diff, setDiff] = useState(null);
  const [shown, setShown] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  if (!versions.length) return html`<p class="empty">${t('versions.none')}</p>`;
  const label = (v) =>
    `${t('versions.number', { seq: v.seq })}: ${stageLabel(v.stage)}, ${tOr(`eventNames.${v.decision}`, v.decision)} (${formatDate(v.createdAt)})`;
  const options = versions.map((v) => ({ value: String(v.seq), label: label(v) }));

  const compare = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setDiff(await api(`/plans/${plan.id}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`));
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  };
  const show = async (seq) => {
    setError(null);
    try {
      setShown(await api(`/plans/${plan.id}/versions/${seq}`));
    } catch (err) {
      setError(err);
    }
  };

  return html`
    <${TableWrap} label=${t('plan.versions')}>
      <table>
        <thead>
          <tr>
            <th scope="col">${t('versions.seq')}</th>
            <th scope="col">${t('versions.stage')}</th>
            <th scope="col">${t('versions.decision')}</th>
            <th scope="col">${t('versions.when')}</th>
            <th scope="col"><span class="visually-hidden">${t('versions.show')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${versions.map(
            (v) =>
              html`<tr key=${v.seq}>
                <td>${v.seq}</td>
                <td>${stageLabel(v.stage)}</td>
                <td>${tOr(`eventNames.${v.decision}`, v.decision)}</td>
                <td>${formatDateTime(v.createdAt)}</td>
                <td>
                  <button
                    type="button"
                    class="link-button"
                    onClick=${() => show(v.seq)}
                    aria-label=${t('versions.showNamed', { seq: v.seq })}
                  >
                    ${t('versions.show')}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
    <${ProblemNotice} error=${error} />
    ${shown && html`<${StoredVersion} version=${shown} refs=${refs} onClose=${() => setShown(null)} />`}
    <h3>${t('versions.compare')}</h3>
    <form onSubmit=${compare} novalidate>
      <${SelectField} id="diff-from" label=${t('versions.from')} value=${from} onChange=${setFrom} options=${options} />
      <${SelectField}
        id="diff-to"
        label=${t('versions.to')}
        value=${to}
        onChange=${setTo}
        options=${[{ value: 'current', label: t('versions.current') }, ...options]}
      />
      <div class="button-row"><button type="submit" disabled=${busy}>${t('versions.showDiff')}</button></div>
    </form>
    ${
      diff &&
      html`<div role="status">
        <h4>
          ${t('versions.changes', { from: diff.from, to: diff.to === 'current' ? t('versions.current') : diff.to })}
        </h4>
        ${
          diff.changes.length === 0
            ? html`<p class="empty">${t('versions.noChanges')}</p>`
            : html`<ul class="diff-list">
                ${diff.changes.map(
                  (c, i) =>
                    html`<li key=${i} class=${c.kind}>
                      <span class="visually-hidden">${t(`diff.${c.kind}`)}: </span
                      >${apiMessage({ message: c.summary, messageEn: c.summaryEn })}
                    </li>`,
                )}
              </ul>`
        }
      </div>`
    }
  `;
}

function StoredVersion({ version, refs, onClose }) {
  const items = version.content?.items ?? [];
  const conditions = version.content?.conditions ?? [];
  const ref = useFocusOnMount();
  return html`<div class="card" tabindex="-1" ref=${ref}>
    <h3>${t('versions.content', { seq: version.seq, stage: stageLabel(version.stage) })}</h3>
    <p class="meta">
      ${tOr(`eventNames.${version.decision}`, version.decision)} · ${formatDateTime(version.createdAt)}
    </p>
    ${
      items.length === 0
        ? html`<p class="empty">${t('plan.noItems')}</p>`
        : html`<ul class="items">
            ${items.map(
              (item) =>
                html`<${ItemView}
                  key=${item.id}
                  item=${item}
                  refs=${{
                    ...refs,
                    allItems: items,
                    planGoals: items.filter((i) => i.section === 'goal'),
                    planProposals: items.filter((i) => i.section === 'budget_proposal'),
                  }}
                  headingTag="h4"
                />`,
            )}
          </ul>`
    }
    ${
      conditions.length > 0 &&
      html`<h4>${t('plan.conditions')}</h4>
        <ul>
          ${conditions.map((c) => html`<li key=${c.id}>${c.text} (${t(`conditions.${c.status}`)})</li>`)}
        </ul>`
    }
    <div class="button-row">
      <button type="button" class="secondary" onClick=${onClose}>${t('versions.hide')}</button>
    </div>
  </div>`;
}
