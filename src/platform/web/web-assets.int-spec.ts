import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { contentSecurityPolicy, createWebAssetsHandler, locateProjectRoot, VENDOR_FILES } from './web-assets.js';

/** The static file handler on its own, over real HTTP, with the real web/ folder. */
describe('Serving the browser app', () => {
  const root = locateProjectRoot();
  const handler = createWebAssetsHandler({ webRoot: join(root, 'web'), nodeModules: join(root, 'node_modules') });

  /**
   * A revalidation as a browser's cache makes it: If-None-Match alone. (fetch()
   * adds Cache-Control: no-cache to such a request, which rightly gets a 200.)
   */
  const revalidate = (url: string, etag: string) =>
    new Promise<number>((resolve, reject) => {
      get(url, { headers: { 'If-None-Match': etag } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });

  async function withServer<T>(fn: (base: string) => Promise<T>): Promise<T> {
    const server: Server = createServer((req, res) =>
      handler(req, res, () => {
        res.statusCode = 599; // "passed on to the API"
        res.end('next');
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      return await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }

  it('answers / and client-side routes with index.html under a strict CSP that allows only its import map inline', async () => {
    await withServer(async (base) => {
      const html = readFileSync(join(root, 'web', 'index.html'), 'utf8');
      const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)![1];
      const hash = createHash('sha256').update(importMap).digest('base64');
      for (const path of ['/', '/plans/6f1c0d9e-0000-4000-8000-000000000000', '/forum']) {
        const res = await fetch(base + path);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        const csp = res.headers.get('content-security-policy')!;
        expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
        expect(csp).toContain("style-src 'self'");
        expect(csp).not.toContain('unsafe-inline');
        expect(await res.text()).toContain('<script type="module" src="/app/main.js">');
      }
      expect(contentSecurityPolicy('<script src="/x.js"></script>')).toContain("script-src 'self';");
    });
  });

  it('serves the app modules and exactly the whitelisted vendor modules, with ETags', async () => {
    await withServer(async (base) => {
      for (const path of ['/app/main.js', '/i18n/da.js', '/styles.css', ...Object.keys(VENDOR_FILES)]) {
        const res = await fetch(base + path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        const etag = res.headers.get('etag')!;
        expect(await revalidate(base + path, etag)).toBe(304);
      }
      expect((await fetch(`${base}/app/main.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect((await fetch(`${base}/vendor/preact.mjs`)).headers.get('content-type')).toBe(
        'text/javascript; charset=utf-8',
      );
      const head = await fetch(`${base}/styles.css`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    });
  });

  it('leaves the API, health checks, other methods, unknown files and paths outside web/ alone', async () => {
    await withServer(async (base) => {
      for (const path of [
        '/api/plans',
        '/api',
        '/health/live',
        '/vendor/other.mjs',
        '/app/missing.js',
        '/%2e%2e/package.json',
        '/..%2fpackage.json',
      ]) {
        const res = await fetch(base + path);
        expect({ path, status: res.status }).toEqual({ path, status: 599 });
      }
      expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(599);
    });
  });
});
