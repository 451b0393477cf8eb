// The project's way as the policy's figure draws it (the Young Foundation cycle, issue 18):
// problem → proposal → intervention → evaluation → scaling → new method in core operations,
// each step with where the project stands and when it got there. The API reads it from the record.
import { html } from './html.js';
import { api } from './api.js';
import { formatDate, getLocale, t } from './i18n.js';
import { Loading, ProblemNotice, useAsync } from './components.js';

/** The plan timeline's classes (done, current, upcoming) for the cycle's statuses. */
const CLASS = { done: 'done', current: 'current', pending: 'upcoming', skipped: 'upcoming', not_reached: 'upcoming' };

/** The section: `version` reloads it when the project changes. */
export function ProjectCycleSection({ projectId, version }) {
  const data = useAsync(() => api(`/projects/${projectId}/cycle`), [projectId, version]);
  const en = getLocale() === 'en';
  return html`<section class="block" aria-labelledby="project-cycle-heading">
    <h2 id="project-cycle-heading">${t('projectCycle.title')}</h2>
    <p>${t('projectCycle.lead')}</p>
    ${
      !data.data
        ? data.loading
          ? html`<${Loading} />`
          : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`
        : html`<ol class="timeline">
            ${data.data.map(
              (step) =>
                html`<li
                  key=${step.step}
                  class=${CLASS[step.status]}
                  aria-current=${step.status === 'current' ? 'step' : undefined}
                >
                  ${en ? step.labelEn : step.label}
                  <span class="state">${t(`projectCycle.status.${step.status}`)}</span>
                  ${step.reachedAt && html`<span class="state">${t('projectCycle.reached', { date: formatDate(step.reachedAt) })}</span>`}
                  ${step.doneAt && html`<span class="state">${t('projectCycle.done', { date: formatDate(step.doneAt) })}</span>`}
                </li>`,
            )}
          </ol>`
    }
  </section>`;
}
