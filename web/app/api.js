// The one way the browser talks to the API. The session is an HttpOnly
// cookie the API sets at sign-in (script cannot read it); every request that
// changes something sends the CSRF token from the byloeft_csrf cookie back in
// X-CSRF-Token. Every refusal comes back as an ApiError carrying the API's
// problem document (code, violations, errors).
import { getLocale } from './i18n.js';

const CSRF_COOKIE = 'byloeft_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session's CSRF token, or null when there is no session. */
export function csrfToken() {
  const match = document.cookie.split(/;\s*/).find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(CSRF_COOKIE.length + 1)) : null;
}

/** Whether this browser holds a session (the API still decides whether it is valid). */
export function hasSession() {
  return csrfToken() !== null;
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
    this.code = this.problem.code ?? (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    this.violations = Array.isArray(this.problem.violations) ? this.problem.violations : [];
    this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }

  get isVersionConflict() {
    return this.code === 'VERSION_CONFLICT';
  }
}

/** Fired when the API says the session is no longer valid; the app signs out and asks to sign in again. */
export const SESSION_EXPIRED = 'byloeft:session-expired';

/**
 * api('/plans/1') → parsed JSON. Options: method, body (JSON), form
 * (FormData), headers, as ('json' | 'text' | 'blob' | 'response').
 */
export async function api(path, { method = 'GET', body, form, headers = {}, as = 'json', signal } = {}) {
  // The reader's language, not the browser's: refusals, notifications and agenda titles come back in it.
  const h = {
    Accept: 'application/json, application/problem+json;q=0.9, */*;q=0.5',
    'Accept-Language': getLocale(),
    ...headers,
  };
  const csrf = csrfToken();
  if (csrf && !SAFE_METHODS.has(method)) h['X-CSRF-Token'] = csrf;
  let payload;
  if (form) payload = form;
  else if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(`/api${path}`, { method, headers: h, body: payload, signal, credentials: 'same-origin' });
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw new ApiError(0, { code: 'NETWORK', detail: String(err?.message ?? err) });
  }
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    let problem;
    try {
      problem = type.includes('json') ? await res.json() : { detail: await res.text() };
    } catch {
      problem = {};
    }
    if (res.status === 401 && csrf && !path.startsWith('/auth/')) {
      window.dispatchEvent(new CustomEvent(SESSION_EXPIRED));
    }
    throw new ApiError(res.status, { status: res.status, ...problem });
  }
  if (as === 'response') return res;
  if (res.status === 204) return null;
  if (as === 'text') return res.text();
  if (as === 'blob') return res.blob();
  return type.includes('json') ? res.json() : res.text();
}

/** A key for a workflow event, so a retried click (double click, flaky network) is applied once. */
export function idempotencyKey() {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** Query string from an object, leaving out empty values. */
export function qs(params) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}
