import { randomBytes } from 'node:crypto';
import { parse as parseCookies, serialize } from 'cookie';
import type { Request, Response } from 'express';

/**
 * How the browser holds its session: Byløft's own short-lived token in an
 * HttpOnly, SameSite=Strict cookie (script cannot read it, so an injected
 * script cannot carry it off, and the OpenID Connect callback can hand it
 * over without putting a token in a URL), with a CSRF token beside it that
 * the app sends back in X-CSRF-Token on every request that changes
 * something (the session token carries the same value; a cross-site page
 * can neither read the cookie nor set the header). API clients keep
 * sending Authorization: Bearer, which needs no CSRF token.
 */
export const SESSION_COOKIE = 'byloeft_session';
export const CSRF_COOKIE = 'byloeft_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/**
 * The sign-in in progress with the provider (state, nonce, PKCE verifier), signed; Lax, as the provider's redirect back
 * is cross-site.
 */
export const OIDC_TX_COOKIE = 'byloeft_oidc';
export const OIDC_TX_PATH = '/api/auth/oidc';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Credential {
  token: string;
  /** The CSRF token the request must match (the header's, or null when missing); undefined: no check applies. */
  csrf?: string | null;
}

export function cookiesOf(req: Request): Record<string, string | undefined> {
  return parseCookies(req.headers.cookie ?? '');
}

/** The request's credential: a bearer header first, else the session cookie (with its CSRF check on writes). */
export function readCredential(req: Request): Credential | null {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (match) return { token: match[1] };
  const token = cookiesOf(req)[SESSION_COOKIE];
  if (!token) return null;
  if (SAFE_METHODS.has(req.method)) return { token };
  const csrf = req.headers[CSRF_HEADER];
  return { token, csrf: typeof csrf === 'string' && csrf ? csrf : null };
}

export const newCsrfToken = () => randomBytes(24).toString('base64url');

/** Secure cookies where the request came over TLS or the public address is https. */
export function isSecure(req: Request, publicUrl: string | undefined): boolean {
  return req.secure || (publicUrl?.startsWith('https://') ?? false);
}

export function setSessionCookies(
  res: Response,
  session: { token: string; csrf: string; maxAgeSeconds: number; secure: boolean },
): void {
  const common = { path: '/', sameSite: 'strict' as const, secure: session.secure, maxAge: session.maxAgeSeconds };
  res.append('Set-Cookie', serialize(SESSION_COOKIE, session.token, { ...common, httpOnly: true }));
  res.append('Set-Cookie', serialize(CSRF_COOKIE, session.csrf, { ...common, httpOnly: false }));
}

export function clearSessionCookies(res: Response, secure: boolean): void {
  for (const name of [SESSION_COOKIE, CSRF_COOKIE])
    res.append(
      'Set-Cookie',
      serialize(name, '', { path: '/', sameSite: 'strict', secure, httpOnly: name === SESSION_COOKIE, maxAge: 0 }),
    );
}

export function setTransactionCookie(res: Response, value: string, secure: boolean): void {
  res.append(
    'Set-Cookie',
    serialize(OIDC_TX_COOKIE, value, { path: OIDC_TX_PATH, sameSite: 'lax', secure, httpOnly: true, maxAge: 600 }),
  );
}

export function clearTransactionCookie(res: Response, secure: boolean): void {
  res.append(
    'Set-Cookie',
    serialize(OIDC_TX_COOKIE, '', { path: OIDC_TX_PATH, sameSite: 'lax', secure, httpOnly: true, maxAge: 0 }),
  );
}
