// Where things stand at a glance: the small pieces the plan page, the deadlines, the comparison of areas and the
// identification share: a plan's progress through its stages, working days left, an in-page menu of a page's
// parts, and bar charts drawn as SVG in the page (scaled to the screen) with their numbers in a table beside them.
import { html } from './html.js';
import { formatNumber, t } from './i18n.js';
import { stageOrder } from './vocabulary.js';
import { stageLabel } from './components.js';

/** A plan's progress through its stages (closed counts as all done): a bar with the stage in words. */
export function StageProgress({ stage, id }) {
  const stages = stageOrder().filter((s) => s !== 'closed');
  const at = stage === 'closed' ? stages.length : Math.max(0, stages.indexOf(stage));
  const text =
    stage === 'closed'
      ? t('glance.allStagesDone')
      : t('glance.stageOf', { n: at + 1, of: stages.length, stage: stageLabel(stage) });
  return html`<div class="stage-progress">
    <div
      class="progress-bar"
      role="progressbar"
      id=${id}
      aria-valuemin="0"
      aria-valuemax=${stages.length}
      aria-valuenow=${at}
      aria-valuetext=${text}
      aria-label=${t('glance.progressLabel')}
    >
      <span class="progress-fill" style=${{ width: `${(at / stages.length) * 100}%` }}></span>
    </div>
    <span class="meta">${text}</span>
  </div>`;
}

/** "12 arbejdsdage tilbage", "i dag", "3 arbejdsdage over fristen". */
export function workingDaysText(days, overdue) {
  if (days === null || days === undefined) return '';
  if (overdue || days < 0) return t('glance.daysOverdue', { n: Math.abs(days) });
  if (days === 0) return t('glance.dueToday');
  return t('glance.daysLeft', { n: days });
}

/** Jumps to a part of the page: scrolls its heading into view and gives it focus (the keyboard goes on from there). */
export function jumpTo(event, id) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

/** A link to a part of the page (an element with that id and tabindex=-1). */
export function PartLink({ target, children }) {
  return html`<a href=${`#${target}`} onClick=${(e) => jumpTo(e, target)}>${children}</a>`;
}

/** The parts of a page as an in-page menu that stays in view while the page scrolls. */
export function PartsMenu({ label, parts }) {
  return html`<nav class="parts-menu" aria-label=${label}>
    <ul>
      ${parts.map(
        (p) =>
          html`<li key=${p.id}>
            <a href=${`#${p.id}`} data-part=${p.id} onClick=${(e) => jumpTo(e, p.id)}
              >${p.label}${p.count ? html` <span class="badge-count">${p.count}</span>` : null}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

/**
 * Horizontal bars drawn with HTML and CSS, so the words keep their size on any screen (on a phone the label goes
 * above its bar), with a reference line (e.g. the city's 100). The figure is hidden from assistive technology; the
 * table beside it carries the same numbers. bars: [{ label, value, tone? }]; digits: decimals shown.
 */
export function BarChart({ bars, reference = null, referenceLabel = '', digits = 0, title }) {
  const shown = bars.filter((b) => b.value !== null && b.value !== undefined && Number.isFinite(b.value));
  if (!shown.length) return null;
  const max = Math.max(reference ?? 0, ...shown.map((b) => b.value)) * 1.1 || 1;
  const pct = (v) => `${(Math.max(0, v) / max) * 100}%`;
  return html`<figure class="chart html-bars" aria-hidden="true">
    <figcaption class="chart-title">
      ${title}${reference !== null ? html` <span class="chart-reference-key">${referenceLabel}</span>` : null}
    </figcaption>
    <ul class="bars">
      ${shown.map(
        (b, i) =>
          html`<li class="bar-row" key=${i}>
            <span class="bar-label">${b.label}</span>
            <span class="bar-track">
              <span class=${`bar-fill ${b.tone ?? ''}`} style=${{ width: pct(b.value) }}></span>
              ${reference !== null && html`<span class="bar-city" style=${{ left: pct(reference) }}></span>`}
            </span>
            <span class="bar-value">${formatNumber(b.value, digits)}</span>
          </li>`,
      )}
    </ul>
  </figure>`;
}

/** Lines over time as SVG: series [{ label, points: [{ period, value }] }], a reference value (the city's 100). */
export function LineChart({ series, reference = null, referenceLabel = '', title }) {
  const periods = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const values = series.flatMap((s) => s.points.map((p) => p.value)).filter((v) => Number.isFinite(v));
  if (periods.length < 2 || !values.length) return null;
  const lo = Math.min(reference ?? Infinity, ...values);
  const hi = Math.max(reference ?? -Infinity, ...values);
  const pad = (hi - lo) * 0.1 || 10;
  const [min, max] = [lo - pad, hi + pad];
  const W = 720;
  const H = 300;
  const left = 50;
  const right = 10;
  const topY = 12;
  const bottom = 30;
  const px = (period) => left + (periods.indexOf(period) / (periods.length - 1)) * (W - left - right);
  const py = (v) => topY + (1 - (v - min) / (max - min)) * (H - topY - bottom);
  const ticks = periods.filter((_, i) => i % Math.ceil(periods.length / 8) === 0);
  return html`<figure class="chart svg-chart" aria-hidden="true">
    <svg viewBox=${`0 0 ${W} ${H}`} role="presentation" focusable="false">
      <title>${title}</title>
      ${ticks.map(
        (p) => html`<text key=${p} x=${px(p)} y=${H - 8} text-anchor="middle" class="chart-label">${p}</text>`,
      )}
      <text x=${left - 6} y=${py(max - pad) + 4} text-anchor="end" class="chart-label">
        ${formatNumber(max - pad, 0)}
      </text>
      <text x=${left - 6} y=${py(min + pad) + 4} text-anchor="end" class="chart-label">
        ${formatNumber(min + pad, 0)}
      </text>
      ${
        reference !== null &&
        html`<line x1=${left} x2=${W - right} y1=${py(reference)} y2=${py(reference)} class="chart-reference" />
          <text x=${W - right} y=${py(reference) - 4} text-anchor="end" class="chart-label">${referenceLabel}</text>`
      }
      ${series.map(
        (s, i) =>
          html`<polyline
            key=${s.label}
            class=${`chart-line tone-${i % 6}`}
            points=${s.points
              .filter((p) => Number.isFinite(p.value))
              .map((p) => `${px(p.period)},${py(p.value)}`)
              .join(' ')}
          />`,
      )}
    </svg>
    <figcaption class="chart-legend">
      ${series.map((s, i) => html`<span key=${s.label} class=${`legend-item tone-${i % 6}`}>${s.label}</span>`)}
    </figcaption>
  </figure>`;
}

/**
 * Stacked horizontal bars in HTML: rows [{ label, parts: [{ key, value }] }], each part a share of the row's
 * total (scaled to the largest total), with a legend of the keys. Hidden from assistive technology: the table
 * beside it has the numbers.
 */
export function StackedBars({ rows, keys, keyLabel, title }) {
  const max = Math.max(0, ...rows.map((r) => r.parts.reduce((s, p) => s + p.value, 0)));
  if (!max) return null;
  return html`<figure class="chart html-bars" aria-hidden="true">
    <figcaption class="chart-title">${title}</figcaption>
    <p class="chart-legend">
      ${keys.map((k, i) => html`<span key=${k} class=${`legend-item tone-${i % 6}`}>${keyLabel(k)}</span>`)}
    </p>
    <ul class="bars">
      ${rows.map((r) => {
        const total = r.parts.reduce((s, p) => s + p.value, 0);
        return html`<li class="bar-row" key=${r.label}>
          <span class="bar-label">${r.label}</span>
          <span class="bar-track stacked" style=${{ width: `${(total / max) * 100}%` }}>
            ${r.parts
              .filter((p) => p.value > 0)
              .map(
                (p) =>
                  html`<span
                    key=${p.key}
                    class=${`bar-part fill-${keys.indexOf(p.key) % 6}`}
                    style=${{ width: `${(p.value / total) * 100}%` }}
                  ></span>`,
              )}
          </span>
          <span class="bar-value">${formatNumber(total, 0)}</span>
        </li>`;
      })}
    </ul>
  </figure>`;
}
