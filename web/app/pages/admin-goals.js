// Goals (/admin/goals): the city's overall and concrete goals with measure,
// data source, linked indicator, direction, target year and value; and one
// goal's page (/admin/goals/:id) with its baseline and target kind, its
// tools and activities (the theory of change, editable) and its record.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { Breadcrumbs, Loading, PageHeading, ProblemNotice, SuccessNotice, useAsync } from '../components.js';
import { RecordForm, RecordToggle } from '../admin-kit.js';
import { forgetRefs, loadRefs } from '../refs.js';
import { GoalToolsEditor } from '../toc-editor.js';
import { vocabs } from '../vocabulary.js';
import { AdminHeader, AdminNav, ResourceAdmin } from './admin.js';

const labelled = (prefix, values) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

/** The goal's own fields, as the API takes them (PATCH /goals/:id). */
function goalFields({ refs, lists, item }) {
  const overall = refs.goals.filter((g) => g.level === 'overall' && g.id !== item?.id);
  return [
    { name: 'title', label: t('admin.fields.title'), type: 'text', required: true },
    { name: 'code', label: t('admin.fields.code'), hint: t('admin.hints.areaCode'), type: 'text', required: true },
    {
      name: 'level',
      label: t('admin.fields.level'),
      type: 'select',
      required: true,
      options: labelled('admin.goalLevels', lists.goalLevels),
      placeholder: item ? undefined : t('admin.choose'),
    },
    {
      name: 'parentId',
      label: t('admin.fields.parent'),
      hint: t('admin.hints.parent'),
      type: 'select',
      options: overall.map((g) => ({ value: g.id, label: g.title })),
      nullable: true,
    },
    { name: 'measure', label: t('admin.fields.measure'), type: 'textarea', rows: 2 },
    { name: 'dataSource', label: t('admin.fields.dataSource'), type: 'text' },
    {
      name: 'indicatorId',
      label: t('admin.fields.indicator'),
      type: 'select',
      options: refs.indicators.map((i) => ({ value: i.id, label: i.name })),
      nullable: true,
    },
    {
      name: 'direction',
      label: t('admin.fields.direction'),
      type: 'select',
      options: labelled('admin.directions', lists.directions),
      placeholder: item ? undefined : t('admin.defaultValue'),
    },
    { name: 'targetYear', label: t('admin.fields.targetYear'), type: 'integer', nullable: true },
    {
      name: 'targetValue',
      label: t('admin.fields.targetValue'),
      hint: t('admin.hints.targetValue'),
      type: 'number',
      nullable: true,
    },
    { name: 'sortOrder', label: t('admin.fields.sortOrder'), type: 'integer' },
  ];
}

function recordNames(refs) {
  return {
    indicator_id: (id) => refs.indicators.find((i) => i.id === id)?.name ?? (id ? id : '–'),
    parent_id: (id) => refs.goals.find((g) => g.id === id)?.title ?? (id ? id : '–'),
    level: (v) => (v ? t(`admin.goalLevels.${v}`) : '–'),
    direction: (v) => (v ? t(`admin.directions.${v}`) : '–'),
    target_kind: (v) => (v ? t(`admin.targetKinds.${v}`) : '–'),
  };
}

export function AdminGoalsPage() {
  const data = useAsync(async () => {
    const [refs, lists] = await Promise.all([loadRefs({ fresh: true }), vocabs('goalLevels', 'directions')]);
    return { refs, lists };
  }, []);
  if (!data.data)
    return html`<${AdminHeader} section="goals" title=${t('admin.sections.goals')} />
      ${data.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`}`;
  const { refs, lists } = data.data;
  const title = (id) => refs.goals.find((g) => g.id === id)?.title ?? '–';
  const config = {
    key: 'goals',
    path: '/goals',
    historyPath: (g) => `/theory-of-change/goals/${g.id}/history`,
    historyFilter: (c) => c.subject === 'goal',
    name: (g) => g.title,
    text: (g) => `${g.code} ${g.title} ${g.measure} ${g.dataSource}`,
    names: recordNames(refs),
    columns: [
      [t('admin.fields.title'), (g) => html`<a href=${`/admin/goals/${g.id}`}>${g.title}</a>`],
      [t('admin.fields.level'), (g) => t(`admin.goalLevels.${g.level}`)],
      [t('admin.fields.parent'), (g) => (g.parentId ? title(g.parentId) : '–')],
      [t('admin.fields.indicator'), (g) => refs.indicators.find((i) => i.id === g.indicatorId)?.name ?? '–'],
      [t('admin.fields.targetYear'), (g) => g.targetYear ?? '–'],
    ],
    fields: (item) => goalFields({ refs, lists, item }),
  };
  return html`<${AdminHeader} section="goals" title=${t('admin.sections.goals')} />
    <p class="lead">${t('admin.intro.goals')}</p>
    <${ResourceAdmin} config=${config} />`;
}

export function AdminGoalPage({ params }) {
  const [saved, setSaved] = useState(null);
  const data = useAsync(async () => {
    const [goal, refs, lists, toc] = await Promise.all([
      api(`/goals/${params.id}`),
      loadRefs({ fresh: true }),
      vocabs('goalLevels', 'directions', 'targetKinds'),
      api('/theory-of-change'),
    ]);
    const concrete = [...toc.overallGoals.flatMap((o) => o.goals), ...toc.otherGoals].find((g) => g.id === params.id);
    return { goal, refs, lists, concrete: concrete ?? null };
  }, [params.id]);
  if (!data.data)
    return html`<${Breadcrumbs}
        items=${[{ href: '/admin', label: t('admin.title') }, { href: '/admin/goals', label: t('admin.sections.goals') }, { label: t('admin.goalTitle') }]}
      />
      <${PageHeading} key="page-title" title=${t('admin.goalTitle')} />
      ${data.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`}`;
  const { goal, refs, lists, concrete } = data.data;
  const historyPath = `/theory-of-change/goals/${goal.id}/history`;
  const afterSave = async (what) => {
    forgetRefs();
    setSaved(what);
    await data.reload();
  };
  const baseline = concrete?.baseline;
  return html`
    <${Breadcrumbs}
      items=${[{ href: '/admin', label: t('admin.title') }, { href: '/admin/goals', label: t('admin.sections.goals') }, { label: goal.title }]}
    />
    <${PageHeading} key="page-title" title=${goal.title} />
    <${AdminNav} current="goals" />
    ${saved && html`<${SuccessNotice} key=${saved}>${t('admin.done.saved', { name: saved })}<//>`}
    <section class="block" aria-labelledby="goal-edit-heading">
      <h2 id="goal-edit-heading">${t('admin.goalFacts')}</h2>
      <${RecordForm}
        key=${`goal-${goal.version}`}
        formId="goal-form"
        title=${t('admin.editTitle', { name: goal.title })}
        fields=${goalFields({ refs, lists, item: goal })}
        original=${goal}
        historyPath=${historyPath}
        historyFilter=${(c) => c.subject === 'goal'}
        onReload=${data.reload}
        save=${(body) => api(`/goals/${goal.id}`, { method: 'PATCH', body })}
        onSaved=${(g) => afterSave(g.title)}
      />
    </section>
    ${
      baseline &&
      html`<section class="block" aria-labelledby="goal-baseline-heading">
        <h2 id="goal-baseline-heading">${t('admin.baselineTitle')}</h2>
        <${RecordForm}
          key=${`baseline-${baseline.version}`}
          formId="baseline-form"
          title=${t('admin.baselineForm')}
          fields=${[
            { name: 'baselineValue', label: t('admin.fields.baselineValue'), type: 'number', nullable: true },
            { name: 'baselineYear', label: t('admin.fields.baselineYear'), type: 'integer', nullable: true },
          ]}
          original=${baseline}
          historyPath=${historyPath}
          historyFilter=${(c) => c.subject === 'goal_baseline'}
          onReload=${data.reload}
          save=${(body) =>
            api(`/theory-of-change/goals/${goal.id}/baseline`, {
              method: 'PUT',
              body: { baselineValue: baseline.baselineValue, baselineYear: baseline.baselineYear, ...body },
            })}
          onSaved=${() => afterSave(t('admin.baselineTitle'))}
        />
        <${RecordForm}
          key=${`target-kind-${baseline.version}`}
          formId="target-kind-form"
          title=${t('admin.targetKindForm')}
          fields=${[
            {
              name: 'targetKind',
              label: t('admin.fields.targetKind'),
              hint: t('admin.hints.targetKind'),
              type: 'select',
              required: true,
              options: labelled('admin.targetKinds', lists.targetKinds),
            },
          ]}
          original=${baseline}
          historyPath=${historyPath}
          historyFilter=${(c) => c.subject === 'goal_baseline'}
          onReload=${data.reload}
          save=${(body) =>
            api(`/theory-of-change/goals/${goal.id}/target-kind`, {
              method: 'PUT',
              body: { targetKind: baseline.targetKind, ...body },
            })}
          onSaved=${() => afterSave(t('admin.fields.targetKind'))}
        />
      </section>`
    }
    ${
      concrete &&
      html`<section class="block" aria-labelledby="goal-toc-heading">
        <h2 id="goal-toc-heading">${t('admin.goalToc')}</h2>
        <p>${t('admin.goalTocLead')}</p>
        <${GoalToolsEditor} goal=${concrete} refs=${refs} level=${3} onChanged=${data.reload} />
      </section>`
    }
    <section class="block" aria-labelledby="goal-record-heading">
      <h2 id="goal-record-heading">${t('admin.goalRecord')}</h2>
      <${RecordToggle} path=${historyPath} id="record-goal" label=${goal.title} names=${recordNames(refs)} />
    </section>
  `;
}
