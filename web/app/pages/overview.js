import { html } from '../html.js';
import { api } from '../api.js';
import { apiMessage, formatDate, t } from '../i18n.js';
import {
  DeadlineCell,
  Loading,
  PageHeading,
  ProblemNotice,
  StageTag,
  TableWrap,
  useAsync,
  useSession,
} from '../components.js';
import { loadProjects, projectStateLabel } from '../projects-api.js';
import { actionLabel } from '../actions.js';

/**
 * What waits for the signed-in user, each task told by the API (agenda, /actions' missing items, conditions, projects).
 */
async function loadTasks(session, plans) {
  const tasks = [];
  const jobs = [];
  if (session.hasRole('forum_member')) {
    jobs.push(
      api('/meetings/agenda').then((agenda) => {
        for (const item of agenda.items) {
          tasks.push({
            key: `agenda-${item.id}`,
            kind: 'agenda',
            overdue: item.kind === 'escalation',
            title: item.title,
            href: item.subjectType === 'plan' ? `/plans/${item.subjectId}` : `/projects/${item.subjectId}`,
            text: item.kind === 'escalation' ? t('tasks.escalation') : t('tasks.agendaItem'),
            extra: agenda.nextMeeting
              ? t('tasks.nextMeeting', {
                  title: agenda.nextMeeting.title,
                  date: formatDate(agenda.nextMeeting.meetingDate),
                })
              : t('tasks.noMeeting'),
            link: '/forum',
          });
        }
      }),
    );
  }
  const mine = session.me.administration?.id;
  if (session.hasRole('staff') && mine) {
    const active = plans.filter(
      (p) => p.stage !== 'closed' && p.participatingAdministrationIds.includes(mine) && p.status === 'drafting',
    );
    for (const plan of active) {
      jobs.push(
        api(`/plans/${plan.id}/actions`).then((a) => {
          const allowed = a.actions.filter((x) => x.allowed);
          if (!a.missing.length && !plan.openConditions && !allowed.length && !a.editableSections.length) return;
          tasks.push({
            key: `plan-${plan.id}`,
            kind: 'plan',
            overdue: plan.overdue,
            title: plan.title,
            href: `/plans/${plan.id}`,
            text: t('tasks.planStage', {
              stage: t(`stages.${plan.stage}`),
              date: plan.stageDueDate ? formatDate(plan.stageDueDate) : '–',
            }),
            missing: a.missing.map(apiMessage),
            conditions: plan.openConditions,
            allowed: allowed.map((x) => actionLabel(x)),
          });
        }),
      );
    }
  }
  if (session.hasRole('project_leader')) {
    jobs.push(
      loadProjects({ leader: 'me' }).then((projects) => {
        for (const p of projects) {
          if (p.state !== 'evaluationDue' && p.state !== 'scaledEvaluationDue' && !p.overdue) continue;
          tasks.push({
            key: `project-${p.id}`,
            kind: 'project',
            overdue: p.overdue,
            title: p.title,
            href: `/projects/${p.id}`,
            text: t('tasks.projectEvaluation', {
              state: projectStateLabel(p.state, p.stateLabel),
              date: formatDate(p.evaluationDeadline),
            }),
          });
        }
      }),
    );
  }
  if (session.hasRole('staff') && mine) {
    // Projects of the user's administration where the API offers them an action now (start, assess, …).
    jobs.push(
      loadProjects({ administrationId: mine }).then((projects) =>
        Promise.all(
          projects
            .filter((p) => !p.final)
            .map((p) =>
              api(`/projects/${p.id}/actions`).then((a) => {
                const allowed = a.actions.filter((x) => x.allowed);
                if (!allowed.length) return;
                tasks.push({
                  key: `project-${p.id}`,
                  kind: 'project',
                  overdue: p.overdue,
                  title: p.title,
                  href: `/projects/${p.id}`,
                  text: projectStateLabel(p.state, p.stateLabel),
                  allowed: allowed.map((x) => actionLabel(x, 'projectEvents')),
                });
              }),
            ),
        ),
      ),
    );
  }
  await Promise.all(jobs.map((j) => j.catch(() => undefined)));
  tasks.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.title.localeCompare(b.title, 'da'));
  return tasks;
}

export function OverviewPage() {
  const session = useSession();
  const data = useAsync(async () => {
    const [areas, plans, administrations] = await Promise.all([
      api('/areas'),
      api('/plans?limit=200'),
      api('/administrations'),
    ]);
    return { areas, plans: plans.items, administrations };
  }, []);
  const tasks = useAsync(async () => (data.data ? loadTasks(session, data.data.plans) : undefined), [data.data]);

  return html`
    <${PageHeading} key="page-title" title=${t('overview.title')} />
    <p class="lead">${t('overview.lead', { name: session.me.displayName })}</p>
    <${ProblemNotice} error=${data.error} onReload=${data.reload} focus=${false} />
    <section class="block" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">${t('tasks.title')}</h2>
      ${tasks.loading || !tasks.data ? html`<${Loading} />` : html`<${TaskList} tasks=${tasks.data} />`}
    </section>
    <section class="block" aria-labelledby="areas-heading">
      <h2 id="areas-heading">${t('overview.areas')}</h2>
      ${data.loading && !data.data ? html`<${Loading} />` : data.data && html`<${AreaTable} ...${data.data} />`}
    </section>
  `;
}

function TaskList({ tasks }) {
  if (!tasks.length) return html`<p class="empty">${t('tasks.none')}</p>`;
  return html`<ul class="tasks">
    ${tasks.map(
      (task) =>
        html`<li key=${task.key} class=${task.overdue ? 'overdue' : ''}>
          <a href=${task.href}><strong>${task.title}</strong></a>
          ${task.overdue && html` <span class="tag overdue">${t('plan.overdue')}</span>`}
          <p>
            ${task.text}${task.extra ? html` · ${task.link ? html`<a href=${task.link}>${task.extra}</a>` : task.extra}` : null}
          </p>
          ${task.allowed?.length > 0 && html`<p>${t('tasks.youCan')}: ${task.allowed.join(', ')}</p>`}
          ${task.conditions > 0 && html`<p>${t('tasks.openConditions', { n: task.conditions })}</p>`}
          ${
            task.missing?.length > 0 &&
            html`<p class="label">${t('tasks.missing')}</p>
              <ul>
                ${task.missing.map((m, i) => html`<li key=${i}>${m}</li>`)}
              </ul>`
          }
        </li>`,
    )}
  </ul>`;
}

function AreaTable({ areas, plans, administrations }) {
  const adminName = (id) => administrations.find((a) => a.id === id)?.code ?? '';
  const rows = areas.map((area) => {
    const own = plans.filter((p) => p.areaId === area.id);
    return { area, plans: own, overdue: own.some((p) => p.overdue) };
  });
  rows.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.area.name.localeCompare(b.area.name, 'da'));
  const overdueCount = plans.filter((p) => p.overdue).length;
  return html`
    ${overdueCount > 0 && html`<p><span class="tag overdue">${t('overview.overdueCount', { n: overdueCount })}</span></p>`}
    <${TableWrap} label=${t('overview.areas')}>
      <table>
        <caption class="visually-hidden">
          ${t('overview.tableCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('overview.area')}</th>
            <th scope="col">${t('overview.plan')}</th>
            <th scope="col">${t('overview.stage')}</th>
            <th scope="col">${t('overview.coordinator')}</th>
            <th scope="col">${t('overview.deadline')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.flatMap(({ area, plans: own }) =>
            own.length === 0
              ? [
                  html`<tr key=${area.id}>
                    <th scope="row"><a href=${`/areas/${area.id}`}>${area.name}</a></th>
                    <td colspan="4" class="meta">${t('overview.noPlan')}</td>
                  </tr>`,
                ]
              : own.map(
                  (p, i) =>
                    html`<tr key=${p.id} class=${p.overdue ? 'is-overdue' : ''}>
                      <th scope="row">
                        ${i === 0 ? html`<a href=${`/areas/${area.id}`}>${area.name}</a>` : html`<span class="visually-hidden">${area.name}</span>`}
                      </th>
                      <td><a href=${`/plans/${p.id}`}>${p.title}</a> <span class="meta">(${p.budgetYear})</span></td>
                      <td><${StageTag} plan=${p} /></td>
                      <td>${adminName(p.coordinatingAdministrationId)}</td>
                      <td><${DeadlineCell} plan=${p} /></td>
                    </tr>`,
                ),
          )}
        </tbody>
      </table>
    <//>
  `;
}
