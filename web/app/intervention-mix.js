// The plan's mix of interventions (issue 18): its chosen interventions by kind (core operations,
// individual-oriented, area-based), count and amount a year, for the whole plan and per goal, and the kinds
// it lacks. One section of the plan page, loading its own data, so the page's other parts stay as they are.
import { html } from './html.js';
import { api } from './api.js';
import { formatMoney, t, tOr } from './i18n.js';
import { Loading, ProblemNotice, TableWrap, useAsync } from './components.js';
import { interventionKinds } from './vocabulary.js';

const kindLabel = (kind) => tOr(`kinds.${kind}`, kind);

function Amount({ cell }) {
  return html`${formatMoney(cell.yearlyAmountDkk)}${
    cell.withoutAmount > 0
      ? html` <span class="hint">(${t('interventionMix.withoutAmount', { n: cell.withoutAmount })})</span>`
      : ''
  }`;
}

function Sources({ cell }) {
  const entries = Object.entries(cell.bySource ?? {});
  if (!entries.length) return '–';
  return entries
    .map(
      ([source, amount]) =>
        `${source === 'unstated' ? t('interventionMix.unstated') : tOr(`funding.${source}`, source)}: ${formatMoney(amount)}`,
    )
    .join('; ');
}

/** The section: `version` reloads it when the plan changes. */
export function InterventionMixSection({ planId, version }) {
  const data = useAsync(() => api(`/plans/${planId}/intervention-mix`), [planId, version]);
  const kinds = interventionKinds();
  let body;
  if (!data.data) {
    body = data.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`;
  } else {
    const mix = data.data;
    body = html`
      <p>${t('interventionMix.lead')}</p>
      ${
        mix.missingKinds.length
          ? html`<p class=${mix.required ? 'notice warning' : 'notice'}>
              ${t('interventionMix.missing', { kinds: mix.missingKinds.map(kindLabel).join(', ') })}
              ${mix.required ? ` ${t('interventionMix.required')}` : ''}
            </p>`
          : html`<p class="notice success">${t('interventionMix.complete')}</p>`
      }
      <${TableWrap} label=${t('interventionMix.tableLabel')}>
        <table>
          <thead>
            <tr>
              <th scope="col">${t('interventionMix.kind')}</th>
              <th scope="col">${t('interventionMix.count')}</th>
              <th scope="col">${t('interventionMix.amount')}</th>
              <th scope="col">${t('interventionMix.sources')}</th>
            </tr>
          </thead>
          <tbody>
            ${kinds.map(
              (k) =>
                html`<tr key=${k}>
                  <th scope="row">${kindLabel(k)}</th>
                  <td>${mix.kinds[k].count}</td>
                  <td><${Amount} cell=${mix.kinds[k]} /></td>
                  <td><${Sources} cell=${mix.kinds[k]} /></td>
                </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">${t('interventionMix.total')}</th>
              <td>${mix.total.count}</td>
              <td><${Amount} cell=${mix.total} /></td>
              <td><${Sources} cell=${mix.total} /></td>
            </tr>
          </tfoot>
        </table>
      <//>
      <h3>${t('interventionMix.perGoal')}</h3>
      ${
        mix.goals.length === 0
          ? html`<p class="empty">${t('interventionMix.noGoals')}</p>`
          : html`<${TableWrap} label=${t('interventionMix.goalTableLabel')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('interventionMix.goal')}</th>
                    ${kinds.map((k) => html`<th scope="col" key=${k}>${kindLabel(k)}</th>`)}
                    <th scope="col">${t('interventionMix.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${mix.goals.map(
                    (g) =>
                      html`<tr key=${g.goalItemId}>
                        <th scope="row">${g.title}</th>
                        ${kinds.map(
                          (k) => html`<td key=${k}>${g.kinds[k].count} · <${Amount} cell=${g.kinds[k]} /></td>`,
                        )}
                        <td>${g.total.count} · <${Amount} cell=${g.total} /></td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            <//>`
      }
      ${mix.withoutGoal > 0 && html`<p>${t('interventionMix.withoutGoal', { n: mix.withoutGoal })}</p>`}
    `;
  }
  return html`<section class="block" aria-labelledby="intervention-mix-heading">
    <h2 id="intervention-mix-heading" tabindex="-1">${t('interventionMix.title')}</h2>
    ${body}
  </section>`;
}
