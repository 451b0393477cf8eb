// History-API routing: real paths such as /plans/:id (the same links the
// API's notifications carry). The server answers every such path with
// index.html; this module picks the page.
import { useEffect, useState } from './html.js';

const listeners = new Set();

function current() {
  return { path: location.pathname, search: new URLSearchParams(location.search), hash: location.hash };
}

export function navigate(to, { replace = false } = {}) {
  const url = new URL(to, location.origin);
  if (url.origin !== location.origin) {
    location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (target === location.pathname + location.search + location.hash && !replace) return notify(true);
  if (replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  lastPath = location.pathname;
  notify(true);
}

function notify(moved) {
  for (const l of listeners) l(current(), moved);
}

// Back and forward move to another page; a jump to an anchor on the same page (an error summary's link) does not.
let lastPath = location.pathname;
window.addEventListener('popstate', () => {
  const moved = location.pathname !== lastPath;
  lastPath = location.pathname;
  notify(moved);
});

// Any same-origin link in the app navigates without a page load (unless the
// user asked for a new tab or window, or it points at the API or a download).
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  const a = event.target.closest?.('a[href]');
  if (!a || a.target || a.hasAttribute('download') || a.dataset.external !== undefined) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || /^\/(api|health)(\/|$)/.test(url.pathname)) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return; // in-page anchor
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});

/** The current location; re-renders on every navigation. `moves` counts navigations (0 on the first page). */
export function useLocation() {
  const [state, setState] = useState(() => ({ ...current(), moves: 0 }));
  useEffect(() => {
    const listener = (loc, moved) => setState((prev) => ({ ...loc, moves: prev.moves + (moved ? 1 : 0) }));
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return state;
}

/** Matches a path against patterns such as '/plans/:id'; returns the params or null. */
export function match(pattern, path) {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

/** Sets the search part of the URL without a new history entry (filters, selected tabs). */
export function setSearch(params) {
  const search = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') search.delete(k);
    else search.set(k, String(v));
  }
  const s = search.toString();
  history.replaceState(null, '', location.pathname + (s ? `?${s}` : '') + location.hash);
  notify(false);
}
