import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import send from 'send';
import serveStatic from 'serve-static';

/**
 * The browser app's static files, served without a build step: web/ as it
 * is, and a handful of ES modules straight from node_modules (Preact, its
 * hooks and htm) under /vendor/. Every path the app does not know as a file
 * gets index.html (client-side routes such as /plans/:id), except /api and
 * /health, which stay the API's.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** Vendor modules the import map in index.html names, from node_modules (only these files). */
export const VENDOR_FILES: Record<string, string> = {
  '/vendor/preact.mjs': 'preact/dist/preact.mjs',
  '/vendor/preact-hooks.mjs': 'preact/hooks/dist/hooks.mjs',
  '/vendor/htm.mjs': 'htm/dist/htm.mjs',
  '/vendor/htm-preact.mjs': 'htm/preact/index.mjs',
};

/** Paths that belong to the API (and health checks), never to the browser app. */
const API_PATHS = /^\/(api|health)(\/|$)/;

export interface WebAssetsOptions {
  /** The web/ folder. */
  webRoot: string;
  /** The node_modules folder the vendor files come from. */
  nodeModules: string;
}

/**
 * Finds the project folder (the one with web/index.html) upwards from this file, falling back to the working directory.
 */
export function locateProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'web', 'index.html')) && existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return process.cwd();
}

/** The hash of each inline <script> in the page, for the Content-Security-Policy (the import map is the only one). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc=/.test(m[0].slice(0, m[0].indexOf('>')))) continue;
    hashes.push(
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '', 'utf8')
        .digest('base64')}'`,
    );
  }
  return hashes;
}

export function contentSecurityPolicy(html: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(html).join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

type Next = (err?: unknown) => void;

export function createWebAssetsHandler(options: WebAssetsOptions) {
  const webRoot = resolve(options.webRoot);
  const indexFile = join(webRoot, 'index.html');
  let cachedIndex: { mtimeMs: number; body: Buffer; csp: string; etag: string } | null = null;

  const readIndex = () => {
    const stat = statSync(indexFile);
    if (!cachedIndex || cachedIndex.mtimeMs !== stat.mtimeMs) {
      const body = readFileSync(indexFile);
      cachedIndex = {
        mtimeMs: stat.mtimeMs,
        body,
        csp: contentSecurityPolicy(body.toString('utf8')),
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      };
    }
    return cachedIndex;
  };

  const commonHeaders = (res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
  };

  const sendIndex = (req: IncomingMessage, res: ServerResponse) => {
    const index = readIndex();
    commonHeaders(res);
    res.setHeader('Content-Type', CONTENT_TYPES['.html']);
    res.setHeader('Content-Security-Policy', index.csp);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', index.etag);
    if (req.headers['if-none-match'] === index.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Length', index.body.length);
    res.end(req.method === 'HEAD' ? undefined : index.body);
  };

  // Files: serve-static/send (ETag, 304, HEAD, ranges, path safety); our
  // content types and headers are set first, and send keeps them.
  const fileHeaders = (res: ServerResponse, path: string) => {
    commonHeaders(res);
    res.setHeader('Content-Type', CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-cache');
  };
  const files = serveStatic(webRoot, {
    index: false,
    fallthrough: true,
    dotfiles: 'ignore',
    cacheControl: false,
    setHeaders: fileHeaders,
  });
  const sendVendor = (req: IncomingMessage, res: ServerResponse, next: Next, file: string): void => {
    send(req, file, { cacheControl: false })
      .on('headers', (r: ServerResponse, path: string) => fileHeaders(r, path))
      .on('error', () => next())
      .pipe(res);
  };

  return function webAssets(req: IncomingMessage, res: ServerResponse, next: Next): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return next();
    }
    if (API_PATHS.test(path) || path.includes('\0')) return next();
    if (path === '/' || path === '/index.html') return sendIndex(req, res);
    if (path.startsWith('/vendor/')) {
      const vendor = VENDOR_FILES[path];
      return vendor ? sendVendor(req, res, next, join(options.nodeModules, vendor)) : next();
    }
    // A client-side route (no file extension) that is no file: the app decides what to show.
    files(req, res, () => (extname(path) ? next() : sendIndex(req, res)));
  };
}
