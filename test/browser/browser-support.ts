import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/seed/seeder.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

/** Debian's Chromium, never a downloaded browser build. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export const ARTIFACTS = join(process.cwd(), 'test-artifacts');
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

export interface AxePageResult {
  page: string;
  url: string;
  violations: AxeViolation[];
}

/** The app on a real port, and Chromium driving it. */
export interface BrowserHarness {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  axeResults: AxePageResult[];
  close(): Promise<void>;
}

/** Removes this run's queue keys (delayed reminders and the like) from a shared Redis. */
async function dropQueueKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * The whole app on a database of its own, served on a loopback port; `env` adds to the test configuration.
 * `name` names this file's axe report (test-artifacts/axe-report[-name].json), so two spec files keep both.
 */
export async function startHarness(name?: string, env: NodeJS.ProcessEnv = {}): Promise<BrowserHarness> {
  const db = await createTestDatabase('byloeft_browser');
  const sharedUrl = process.env.BYLOEFT_TEST_DATABASE_URL;
  process.env.BYLOEFT_TEST_DATABASE_URL = db.url;
  let t: TestApp;
  // Its own queue prefix too, one per browser test file as its database is: on a shared Redis, its workers must
  // not take another file's jobs (whose rows are in another database), nor that file's workers take its own.
  const queuePrefix = `${process.env.BYLOEFT_TEST_QUEUE_PREFIX ?? 'byloeft-test'}-browser-${randomBytes(4).toString('hex')}`;
  try {
    t = await createTestApp({ ...env, QUEUE_PREFIX: queuePrefix });
  } finally {
    process.env.BYLOEFT_TEST_DATABASE_URL = sharedUrl;
  }
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const axeResults: AxePageResult[] = [];
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    axeResults,
    async close() {
      writeFileSync(join(ARTIFACTS, `axe-report${name ? `-${name}` : ''}.json`), JSON.stringify(axeResults, null, 2));
      await browser.close().catch(() => undefined);
      await t.close();
      await db.drop();
      if (process.env.REDIS_URL) await dropQueueKeys(process.env.REDIS_URL, queuePrefix);
    },
  };
}

/** A fresh browser session (its own sessionStorage and localStorage) at laptop or tablet size. */
export async function newPage(
  h: BrowserHarness,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await h.browser.newContext({ baseURL: h.baseUrl, viewport, locale: 'da-DK' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // Failed requests the page handles (a refused action's 4xx) are logged by the browser; they are expected.
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) errors.push(`console: ${msg.text()}`);
  });
  page.setDefaultTimeout(15_000);
  return { context, page, errors };
}

export async function signIn(page: Page, who: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('E-mailadresse').fill(`${who}@demo.byloeft.dk`);
  await page.getByLabel('Adgangskode').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overblik' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log ud' }).click();
  await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
}

/** Runs axe-core in the page (WCAG 2.1 A/AA and best practices) and records the result. */
export async function axe(h: BrowserHarness, page: Page, name: string): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy stays as in production.
  await page.evaluate(AXE_SOURCE);
  // A string, evaluated in the page (the tests' TypeScript has no DOM types).
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  })()`)) as AxeViolation[];
  h.axeResults.push({ page: name, url: page.url(), violations });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The page's globals, for functions run in the page (waitForFunction): the
 * tests' TypeScript has no DOM types, and the page's CSP forbids evaluating strings there.
 */
export type PageGlobals = {
  document: {
    querySelector(selector: string): unknown;
    querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }>;
    documentElement: { scrollWidth: number; clientWidth: number };
  };
};

/** How far the page is wider than the window (0: no sideways scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as PageGlobals).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/** Presses Tab until the element with this id has focus (keyboard only); fails after `max` presses. */
export async function tabTo(page: Page, id: string, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).id === id) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

/**
 * Presses Tab (or Shift+Tab, `back`) until the focused element's text is `text` (or matches it);
 * fails after `max` presses, naming where focus went.
 */
export async function tabToText(page: Page, text: string | RegExp, { back = false, max = 40 } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = (await focused(page)).text;
    if (typeof text === 'string' ? now === text : text.test(now)) return;
    seen.push(now.slice(0, 40));
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached "${text}"; focus went to: ${seen.join(' | ')}`);
}

/**
 * The focused element, and whether the keyboard user can see it: it matches
 * :focus-visible and draws a focus indicator (an outline or the halo).
 */
export async function focusRing(
  page: Page,
): Promise<{ tag: string; id: string; text: string; focusVisible: boolean; ring: boolean }> {
  return (await page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'BODY', id: '', text: '', focusVisible: false, ring: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return { tag: el.tagName, id: el.id, text: (el.textContent ?? '').trim(), focusVisible: el.matches(':focus-visible'), ring: outline || style.boxShadow !== 'none' };
  })()`)) as { tag: string; id: string; text: string; focusVisible: boolean; ring: boolean };
}

/**
 * Whether a control can be reached and used on this screen: visible, enabled,
 * and, once scrolled to, wholly inside the window's width (no sideways scrolling to get to it).
 */
export async function reachable(page: Page, locator: Locator): Promise<boolean> {
  if (!(await locator.isVisible()) || !(await locator.isEnabled())) return false;
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  return box !== null && box.width > 0 && box.x >= 0 && box.x + box.width <= width;
}

/** The focused element's tag name and id. */
export async function focused(page: Page): Promise<{ tag: string; id: string; text: string }> {
  return (await page.evaluate(
    "({ tag: document.activeElement?.tagName ?? '', id: document.activeElement?.id ?? '', text: " +
      "document.activeElement?.textContent?.trim() ?? '' })",
  )) as {
    tag: string;
    id: string;
    text: string;
  };
}

/** Waits for the page's data to settle: no "loading" status left. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !(globalThis as unknown as PageGlobals).document.querySelector('.loading'),
    undefined,
    { timeout: 15_000 },
  );
}

export function isoDate(offsetDays: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}
