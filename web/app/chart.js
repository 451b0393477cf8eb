// SVG charts drawn by the API, fetched with the bearer token and shown as an
// image (so the page's Content-Security-Policy stays strict), always with a
// text alternative and the numbers in a table beside it.
import { html, useEffect, useState } from './html.js';
import { api } from './api.js';
import { t } from './i18n.js';

export function ApiChart({ path, alt, onUnavailable }) {
  const [url, setUrl] = useState(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let objectUrl = null;
    let live = true;
    setFailed(false);
    api(path, { as: 'blob', headers: { Accept: 'image/svg+xml' } })
      .then((blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob.type ? blob : new Blob([blob], { type: 'image/svg+xml' }));
        setUrl(objectUrl);
      })
      .catch(() => {
        if (!live) return;
        setFailed(true);
        onUnavailable?.();
      });
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [path]);
  if (failed) return html`<p class="empty">${t('charts.unavailable')}</p>`;
  if (!url) return html`<p class="loading" role="status">${t('charts.loading')}</p>`;
  return html`<figure class="chart"><img src=${url} alt=${alt} /></figure>`;
}
