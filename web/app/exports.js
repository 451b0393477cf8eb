// Exports from the screens: the API's own files (CSV and XLSX, made on the server with the library it already
// uses) as download links, and a table shown on the page as CSV in the reader's format, written by one function.
import { html } from './html.js';
import { qs } from './api.js';
import { getLocale, t } from './i18n.js';

/**
 * Links to the API's export of what the page shows (`path` answers ?format=csv|xlsx&locale=da|en): CSV in the
 * reader's language's conventions, whatever the browser's Accept-Language; the session cookie goes along.
 */
export function ExportLinks({ path, params = {}, what }) {
  return html`<p class="export-links">
    <span>${t('exports.download', { what })}:</span>
    ${['csv', 'xlsx'].map(
      (format) =>
        html` <a
          key=${format}
          href=${`/api${path}${qs({ ...params, format, ...(format === 'csv' ? { locale: getLocale() } : {}) })}`}
          download=""
          data-format=${format}
          >${t(`exports.${format}`)}</a
        >`,
    )}
  </p>`;
}

/**
 * A table as CSV in the reader's format: Danish (the default) with `;` between fields, a decimal comma and a
 * byte-order mark so that spreadsheets read the æøå; English with `,` and a decimal point. Numbers are given as
 * numbers, everything else as text; a field with the separator, a quote or a line break is quoted.
 */
export function csvText(header, rows, locale = getLocale()) {
  const danish = locale !== 'en';
  const separator = danish ? ';' : ',';
  const field = (v) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'number' ? (danish ? String(v).replace('.', ',') : String(v)) : String(v);
    return /[";,\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [header, ...rows].map((r) => r.map(field).join(separator));
  return `${danish ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

/** A link that downloads a table of the page as CSV (made in the browser from the figures shown). */
export function CsvDownload({ filename, header, rows, what }) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([csvText(header, rows)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return html`<p class="export-links">
    <button type="button" class="link-button csv-download" onClick=${download}>${t('exports.csvOf', { what })}</button>
  </p>`;
}
