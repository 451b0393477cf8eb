// The theory of change (forandringsstrategi), read-only: the city's vision →
// overall goals → concrete goals (measure, source, baseline, target, status)
// → tools (redskaber) → activities, with the interventions serving each goal
// (GET /api/theory-of-change?areaId=); and a plan's goals refining the city's
// (GET /api/plans/:id/theory-of-change). A city-level goal ("på niveau med
// byen") is measured as the area's index against the city (= 100): its
// target and figures are shown in index points, never as a missing target.
import { html } from './html.js';
import { formatDate, formatNumber, t } from './i18n.js';

const STATUS_TAG = { on_track: 'ok', at_risk: 'submitted', off_track: 'overdue', no_data: 'neutral' };

/** A figure in what the goal is measured in: "indeks 88,9", or "61,5 %". */
export function measuredValue(value, measuredAs, indicator) {
  if (value === null || value === undefined) return '–';
  if (measuredAs === 'index') return t('toc.index', { value: formatNumber(value, 1) });
  const unit = indicator?.unit ? ` ${indicator.unit}` : '';
  return `${formatNumber(value, 1)}${unit}`;
}

/** The goal's target in words: "På niveau med byen (indeks 100) i 2020", "95 % i 2020", or "no target". */
export function targetText({ targetKind, target, targetYear, indicator }) {
  const year = target?.year ?? targetYear ?? null;
  if (targetKind === 'city_level') return year ? t('toc.cityLevelBy', { year }) : t('toc.cityLevel');
  if (!target) return t('toc.noTarget');
  return t('toc.targetBy', { value: measuredValue(target.value, 'value', indicator), year: target.year });
}

function baselineText(progress, indicator) {
  const b = progress?.baseline;
  if (!b) return t('toc.noBaseline');
  const from = progress.baselineFrom ? ` – ${t(`toc.baselineFrom.${progress.baselineFrom}`)}` : '';
  const year = Number.isInteger(b.year) ? b.year : formatNumber(b.year, 2);
  return `${measuredValue(b.value, progress.measuredAs, indicator)} (${year})${from}`;
}

function latestText(progress, indicator, measuredIn) {
  const l = progress?.latest;
  if (!l) return null;
  const c = progress.latestCompared;
  const compared = c
    ? ` – ${t('toc.compared', { area: measuredIn, value: measuredValue(c.value, 'value', indicator), city: measuredValue(c.cityValue, 'value', indicator) })}`
    : '';
  return `${measuredValue(l.value, progress.measuredAs, indicator)} (${l.period})${compared}`;
}

function expectedText(progress, indicator) {
  if (progress?.expectedAtLatest === null || progress?.expectedAtLatest === undefined) return null;
  const expected = measuredValue(progress.expectedAtLatest, progress.measuredAs, indicator);
  if (progress.gap === null || progress.gap === undefined) return expected;
  const amount =
    progress.measuredAs === 'index'
      ? t('toc.points', { value: formatNumber(Math.abs(progress.gap), 1) })
      : measuredValue(Math.abs(progress.gap), 'value', indicator);
  const gap =
    Math.abs(progress.gap) < 0.05
      ? t('toc.onCourse')
      : progress.gap > 0
        ? t('toc.ahead', { amount })
        : t('toc.behind', { amount });
  return `${expected} (${gap})`;
}

function trendText(progress) {
  const tr = progress?.trend;
  if (!tr) return null;
  const reaches =
    tr.reachesTarget === true
      ? ` – ${t('toc.reaches')}`
      : tr.reachesTarget === false
        ? ` – ${t('toc.doesNotReach')}`
        : '';
  return `${t(`toc.trend.${tr.direction}`)}${reaches}`;
}

/** The status as a tag, with why there is none when there is no data. */
export function GoalStatus({ progress }) {
  if (!progress) return html`<span class="tag neutral">${t('goalStatus.no_data')}</span>`;
  return html`<span class=${`tag ${STATUS_TAG[progress.status] ?? 'neutral'}`} data-goal-status=${progress.status}
      >${t(`goalStatus.${progress.status}`)}</span
    >${progress.reason ? html` <span class="meta">${t(`goalReason.${progress.reason}`)}</span>` : ''}`;
}

/** The measured facts of a goal, as dt/dd pairs (each dd marked with data-fact, for the tests and for print). */
function ProgressFacts({ targetKind, target, targetYear, indicator, progress, measuredIn }) {
  const latest = latestText(progress, indicator, measuredIn);
  const expected = expectedText(progress, indicator);
  const trend = trendText(progress);
  return html`
    <dt>${t('toc.baseline')}</dt>
    <dd data-fact="baseline">${baselineText(progress, indicator)}</dd>
    <dt>${t('toc.target')}</dt>
    <dd data-fact="target">
      ${targetText({ targetKind, target: target ?? progress?.target ?? null, targetYear, indicator })}
    </dd>
    <dt>${t('toc.status')}</dt>
    <dd data-fact="status"><${GoalStatus} progress=${progress} /></dd>
    ${
      latest &&
      html`<dt>${t('toc.latest')}</dt>
        <dd data-fact="latest">${latest}</dd>`
    }
    ${
      expected &&
      html`<dt>${t('toc.expected')}</dt>
        <dd data-fact="expected">${expected}</dd>`
    }
    ${
      trend &&
      html`<dt>${t('toc.trendLabel')}</dt>
        <dd data-fact="trend">${trend}</dd>`
    }
  `;
}

const adminCode = (refs, id) => refs?.administrations?.find((a) => a.id === id)?.code ?? null;
const H = (level) => `h${Math.min(level, 6)}`;

/** The tools towards a goal, each with its activities. */
function Tools({ tools, refs, level, heading }) {
  const Heading = H(level);
  return html`<div class="toc-part">
    <${Heading}>${heading ?? t('toc.tools')}<//>
    ${
      tools.length === 0
        ? html`<p class="empty">${t('toc.noTools')}</p>`
        : html`<ul class="toc-tools">
            ${tools.map((tool) => {
              const owner = adminCode(refs, tool.administrationId);
              return html`<li key=${tool.id} data-tool=${tool.id}>
                <strong>${tool.name}</strong
                >${owner ? html` <span class="meta">(${owner})</span>` : ''}${tool.description ? ` – ${tool.description}` : ''}
                ${
                  tool.activities.length === 0
                    ? html`<p class="meta">${t('toc.noActivities')}</p>`
                    : html`<${Activities}
                        activities=${tool.activities}
                        label=${t('toc.activitiesOf', { tool: tool.name })}
                      />`
                }
              </li>`;
            })}
          </ul>`
    }
  </div>`;
}

function Activities({ activities, label }) {
  return html`<ul class="toc-activities" aria-label=${label}>
    ${activities.map(
      (a) =>
        html`<li key=${a.id}>
          ${a.name}${a.description ? ` – ${a.description}` : ''}${a.interventionName ? html` <span class="meta">(${t('toc.through', { name: a.interventionName })})</span>` : ''}
        </li>`,
    )}
  </ul>`;
}

function period(i) {
  return i.periodEnd
    ? `${formatDate(i.periodStart)} – ${formatDate(i.periodEnd)}`
    : t('toc.from', { date: formatDate(i.periodStart) });
}

/** The registered interventions serving a city goal. */
function Interventions({ interventions, refs, level }) {
  const Heading = H(level);
  return html`<div class="toc-part">
    <${Heading}>${t('toc.interventions')}<//>
    ${
      interventions.length === 0
        ? html`<p class="empty">${t('toc.noInterventions')}</p>`
        : html`<ul class="toc-interventions">
            ${interventions.map((i) => {
              const owner = adminCode(refs, i.owningAdministrationId);
              return html`<li key=${i.id}>
                ${i.name}${' '}<span class="meta"
                  >(${[t(`kinds.${i.kind}`), owner, period(i)].filter(Boolean).join(', ')})</span
                >
              </li>`;
            })}
          </ul>`
    }
  </div>`;
}

/** One concrete city goal: its facts, status, tools and interventions. `level` is its heading's level. */
function ConcreteGoal({ goal, refs, level, measuredIn }) {
  const Heading = H(level);
  const p = goal.progress;
  return html`<li class="toc-goal" data-goal=${goal.code} data-target-kind=${goal.targetKind}>
    <${Heading}>${goal.title}<//>
    <dl class="toc-facts">
      <dt>${t('toc.measure')}</dt>
      <dd>${goal.measure || '–'}</dd>
      <dt>${t('toc.dataSource')}</dt>
      <dd>${goal.dataSource || '–'}</dd>
      ${
        goal.indicator &&
        html`<dt>${t('toc.indicator')}</dt>
          <dd>${goal.indicator.name}</dd>`
      }
      <${ProgressFacts}
        targetKind=${goal.targetKind}
        target=${p?.target}
        targetYear=${goal.targetYear}
        indicator=${goal.indicator}
        progress=${p}
        measuredIn=${measuredIn}
      />
    </dl>
    ${
      goal.tools.length === 0 && goal.interventions.length === 0
        ? html`<p class="empty">${t('toc.noToolsNorInterventions')}</p>`
        : html`<${Tools} tools=${goal.tools} refs=${refs} level=${level + 1} />
            <${Interventions} interventions=${goal.interventions} refs=${refs} level=${level + 1} />`
    }
  </li>`;
}

/**
 * The city's theory of change, measured in an area (or the city): vision →
 * overall goals (h at `level`) → concrete goals (level + 1) → tools and
 * interventions (level + 2).
 */
export function TheoryOfChange({ toc, refs, level = 3 }) {
  const Overall = H(level);
  const groups = [
    ...toc.overallGoals.map((o) => ({ key: o.id, title: o.title, goals: o.goals })),
    ...(toc.otherGoals.length ? [{ key: 'other', title: t('toc.otherGoals'), goals: toc.otherGoals }] : []),
  ];
  return html`<div class="toc">
    <p class="toc-vision"><strong>${t('toc.vision')}:</strong> ${toc.vision}</p>
    <p class="meta">
      ${t('toc.measuredIn', { place: toc.measuredIn, year: toc.targetYear, tolerance: formatNumber(toc.tolerancePercent, 1) })}
    </p>
    <ul class="toc-overall">
      ${groups.map(
        (o) =>
          html`<li key=${o.key}>
            <${Overall}>${o.title}<//>
            ${
              o.goals.length === 0
                ? html`<p class="empty">${t('toc.noGoals')}</p>`
                : html`<ul class="toc-goals">
                    ${o.goals.map((g) => html`<${ConcreteGoal} key=${g.id} goal=${g} refs=${refs} level=${level + 1} measuredIn=${toc.measuredIn} />`)}
                  </ul>`
            }
          </li>`,
      )}
    </ul>
  </div>`;
}

/** The plan's interventions naming a goal, each with the activities done through its registered intervention. */
function PlanInterventions({ interventions, refs, level, heading, empty }) {
  const Heading = H(level);
  return html`<div class="toc-part">
    <${Heading}>${heading}<//>
    ${
      interventions.length === 0
        ? html`<p class="empty">${empty}</p>`
        : html`<ul class="toc-interventions">
            ${interventions.map((i) => {
              const owner = adminCode(refs, i.administrationId);
              return html`<li key=${i.itemId}>
                <strong>${i.name}</strong>${' '}<span class="meta"
                  >(${[t(`kinds.${i.kind}`), owner].filter(Boolean).join(', ')})</span
                >${i.description ? ` – ${i.description}` : ''}
                ${i.activities.length > 0 && html`<${Activities} activities=${i.activities} label=${t('toc.activitiesOf', { tool: i.name })} />`}
              </li>`;
            })}
          </ul>`
    }
  </div>`;
}

/** A plan's theory of change: its goals (h at `level`) refining the city's, measured in the plan's area. */
export function PlanTheoryOfChange({ toc, refs, level = 3 }) {
  const Goal = H(level);
  return html`<div class="toc">
    <p class="toc-vision"><strong>${t('toc.vision')}:</strong> ${toc.vision}</p>
    <p class="meta">${t('toc.planLead', { area: toc.areaName, year: toc.targetYear })}</p>
    ${
      toc.goals.length === 0
        ? html`<p class="empty">${t('toc.noPlanGoals')}</p>`
        : html`<ul class="toc-goals">
            ${toc.goals.map(
              (g) =>
                html`<li key=${g.itemId} class="toc-goal" data-plan-goal=${g.itemId} data-target-kind=${g.targetKind}>
                  <${Goal}>${g.title}<//>
                  <dl class="toc-facts">
                    <dt>${t('toc.refines')}</dt>
                    <dd data-fact="refines">
                      ${g.cityGoal ? `${g.cityGoal.title}${g.cityGoal.overallGoalTitle ? ` (${t('toc.under', { overall: g.cityGoal.overallGoalTitle })})` : ''}` : t('toc.noCityGoal')}
                    </dd>
                    ${
                      g.indicator &&
                      html`<dt>${t('toc.indicator')}</dt>
                        <dd>${g.indicator.name}</dd>`
                    }
                    <${ProgressFacts}
                      targetKind=${g.targetKind}
                      target=${g.target}
                      indicator=${g.indicator}
                      progress=${g.progress}
                      measuredIn=${toc.areaName}
                    />
                  </dl>
                  ${g.cityGoal && html`<${Tools} tools=${g.tools} refs=${refs} level=${level + 1} heading=${t('toc.cityTools')} />`}
                  <${PlanInterventions}
                    interventions=${g.interventions}
                    refs=${refs}
                    level=${level + 1}
                    heading=${t('toc.planInterventions')}
                    empty=${t('toc.noPlanInterventions')}
                  />
                </li>`,
            )}
          </ul>`
    }
    ${
      toc.unlinkedInterventions.length > 0 &&
      html`<${PlanInterventions}
        interventions=${toc.unlinkedInterventions}
        refs=${refs}
        level=${level}
        heading=${t('toc.unlinked')}
        empty=""
      />`
    }
  </div>`;
}
