import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { startTestProvider, type TestProvider } from '../support/oidc-test-provider.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { CHROMIUM, CHROMIUM_FLAGS } from './browser-support.js';

/**
 * In Chromium: "Log ind med Testkommune" → the provider's own login page →
 * back in Byløft, on the overview with "Mine opgaver", signed in with the
 * roles the provider's claims map to; sign-out ends the provider's session too.
 */
describe('Signing in through the municipality’s provider, in the browser', () => {
  let idp: TestProvider;
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const run = randomUUID().slice(0, 8);
  const username = `birgit-${run}`;

  beforeAll(async () => {
    idp = await startTestProvider({
      [username]: {
        email: `birgit.${run}@testkommune.dk`,
        name: 'Birgit Borgmesterforum',
        roles: ['Byloeft.Forum', 'Byloeft.Staff'],
        administration: 'TMF',
      },
    });
    t = await createTestApp(
      {
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_PROVIDER_NAME: 'Testkommune',
        OIDC_SCOPES: 'openid email profile byloeft',
        OIDC_ROLE_MAP: '{"Byloeft.Staff":"staff","Byloeft.Forum":"forum_member"}',
      },
      { api: true, worker: false },
    );
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    idp.registerClient(baseUrl);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await t?.close();
    await idp?.close();
  });

  it('lands on "Mine opgaver" with the mapped roles, and signs out of the provider too', async () => {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'da-DK' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.setDefaultTimeout(15_000);

    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    // Production with the provider configured: no password form, only the provider.
    expect(await page.getByLabel('Adgangskode').count()).toBe(0);
    await page.getByRole('link', { name: 'Log ind med Testkommune' }).click();

    await page.getByRole('heading', { name: 'Testkommunens login' }).waitFor();
    expect(new URL(page.url()).origin).toBe(idp.issuer);
    await page.getByLabel('Brugernavn').fill(username);
    await page.getByRole('button', { name: 'Fortsæt' }).click();

    await page.getByRole('heading', { level: 1, name: 'Overblik' }).waitFor();
    await page.getByRole('heading', { name: 'Mine opgaver' }).waitFor();
    expect(new URL(page.url()).origin).toBe(baseUrl);
    const who = await page.locator('.who').textContent();
    expect(who).toContain('Birgit Borgmesterforum');
    expect(who).toContain('Medlem af borgmesterforum');
    expect(who).toContain('TMF');
    // The session is an HttpOnly cookie: the page's script cannot read it, only the CSRF token beside it.
    expect(await page.evaluate('document.cookie')).not.toMatch(/byloeft_session/);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'byloeft_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    await page.getByRole('button', { name: 'Log ud' }).click();
    // The provider's end-session page (it asks to confirm, as RP-initiated logout has it).
    await page.waitForURL((url) => url.origin === idp.issuer);
    expect((await context.cookies(baseUrl)).find((c) => c.name === 'byloeft_session')).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('explains a refused sign-in on the sign-in page', async () => {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'da-DK' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // A callback no sign-in was started for (e.g. an old bookmark of the provider's redirect).
    await page.goto('/api/auth/oidc/callback?code=x&state=y');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Login blev ikke startet fra denne browser');
    expect(page.url()).not.toContain('signInError');
    await context.close();
  });
});
