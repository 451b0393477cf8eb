import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { today } from '../../src/platform/common/local-day.js';
import { canReadPdfText, pdfText as readPdfText } from '../support/pdf-text.js';
import {
  axe,
  horizontalOverflow,
  newPage,
  screenshot,
  settled,
  signIn,
  startHarness,
  type BrowserHarness,
} from './browser-support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SLOW = 120_000;

/**
 * The mayors' forum's meeting, walked through in the browser: a forum
 * member opens today's meeting from the forum page, reads what changed in a
 * resubmitted plan since the forum returned it, approves it with a condition
 * (and confirms), and downloads the agenda pack and the minutes; both PDFs
 * name the plan, the decision and the condition. The decisions table names
 * the subject, who decided and where (the meeting, or a written procedure).
 */
describe("The forum's meeting in the browser", () => {
  let h: BrowserHarness;
  const token: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${token[who]}` });
  const planTitle = 'Udviklingsplan for Nørrebro 2031';
  const addedName = 'Lektiecafé på Mjølnerparken';
  const condition = 'Boligselskabet skal med i styregruppen';
  const meetingTitle = 'Borgmesterforum, mødetest';
  let planId = '';
  let meetingId = '';

  const check = async (page: Page, name: string) => {
    await settled(page);
    const serious = await axe(h, page, name);
    await screenshot(page, name);
    expect({ page: name, serious, overflow: await horizontalOverflow(page) }).toEqual({
      page: name,
      serious: [],
      overflow: 0,
    });
  };

  const pdfText = async (page: Page, link: string): Promise<string> => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: link }).click(),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'byloeft-dl-')), download.suggestedFilename());
    await download.saveAs(file);
    return readPdfText(file);
  };

  beforeAll(async () => {
    h = await startHarness('forum-meeting');
    for (const who of ['tmf', 'forum']) token[who] = await h.t.tokenFor(who);
    const areas = (await h.t.http.get('/api/areas').set(as('tmf'))).body as Json[];
    const area = areas.find((a) => a.code === 'norrebro') ?? areas[0];
    const plan = (
      await h.t.http
        .post('/api/plans')
        .set(as('tmf'))
        .send({ areaId: area.id, budgetYear: 2031, participatingAdministrationIds: [], title: planTitle })
        .expect(201)
    ).body as Json;
    planId = plan.id;
    const item = (name: string) =>
      h.t.http
        .post(`/api/plans/${planId}/items`)
        .set(as('tmf'))
        .send({ section: 'mapping', data: { name, kind: 'core_operations', goalIds: [] } })
        .expect(201);
    const version = async () => (await h.t.http.get(`/api/plans/${planId}`).set(as('tmf')).expect(200)).body.version;
    const step = async (who: string, body: Json) =>
      h.t.http
        .post(`/api/plans/${planId}/events`)
        .set(as(who))
        .send({ expectedVersion: await version(), ...body })
        .expect(200);
    await item('Områdefornyelse Nørrebro');
    await step('tmf', { type: 'SUBMIT' });
    // Returned before any meeting is held: a written procedure.
    await step('forum', { type: 'RETURN', comment: 'Kortlægningen mangler fritidstilbud' });
    await item(addedName);
    await step('tmf', { type: 'SUBMIT' });
    const meeting = await h.t.http
      .post('/api/meetings')
      .set(as('forum'))
      .send({ meetingDate: today(), title: meetingTitle })
      .expect(201);
    meetingId = meeting.body.id;
  }, SLOW);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'opens the meeting, reads what changed, approves with a condition after confirming, and downloads both documents',
    async () => {
      const forum = await newPage(h);
      await signIn(forum.page, 'forum');
      await forum.page
        .getByRole('navigation', { name: 'Hovedmenu' })
        .getByRole('link', { name: 'Borgmesterforum' })
        .click();
      await forum.page.getByRole('heading', { level: 1, name: 'Borgmesterforum' }).waitFor();
      await settled(forum.page);
      // The return stands in the decisions table: subject with its area, who, and "written procedure".
      const returned = forum.page.locator('table.decisions tbody tr', { hasText: planTitle });
      await returned.first().waitFor();
      expect(await returned.first().textContent()).toMatch(/Send retur|Returnér|retur/i);
      expect(await returned.first().textContent()).toContain('Skriftlig behandling');
      expect(await returned.first().textContent()).toContain('Nørrebro');

      await forum.page.locator('#meetings-heading ~ ul').getByRole('link', { name: meetingTitle }).click();
      await forum.page.getByRole('heading', { level: 1, name: new RegExp(meetingTitle) }).waitFor();
      await settled(forum.page);
      expect(forum.page.url()).toContain(`/meetings/${meetingId}`);
      await forum.page.getByRole('heading', { level: 3, name: /Indsendte faser/ }).waitFor();
      const entry = forum.page.locator('[data-agenda-item]', { hasText: planTitle });
      const changed = entry.locator('[data-what-changed]');
      expect(await changed.textContent()).toContain(addedName);
      await check(forum.page, 'm1-moede-dagsorden');

      await entry.getByLabel('Betingelser').fill(condition);
      await entry.getByRole('button', { name: 'Godkend med betingelser' }).click();
      const confirm = entry.getByRole('alertdialog');
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain(condition);
      await check(forum.page, 'm2-moede-bekraeft');
      await confirm.getByRole('button', { name: 'Bekræft beslutningen' }).click();
      await forum.page.getByText(`Beslutningen er registreret: Godkend med betingelser – ${planTitle}.`).waitFor();
      await settled(forum.page);
      // The record says what was decided in the past tense, not in the button's words.
      const decided = forum.page.locator('table.decisions tbody tr', { hasText: 'Godkendt med betingelser' });
      await decided.waitFor();
      const row = await decided.textContent();
      expect(row).toContain(planTitle);
      expect(row).toContain(condition);
      expect(row).toContain(meetingTitle);
      expect(row).toMatch(/Afventer|Journaliseret/);
      await check(forum.page, 'm3-moede-besluttet');

      // Without poppler's pdftotext (outside CI) the documents' text is not read; the links are still followed.
      for (const link of canReadPdfText ? ['Dagsorden (PDF)', 'Beslutningsprotokol (PDF)'] : []) {
        const text = await pdfText(forum.page, link);
        expect(text).toContain(planTitle);
        if (link.startsWith('Beslutningsprotokol')) expect(text).toContain('Godkendt med betingelser');
        expect(text).toContain(condition);
      }

      // The plan page offers the progress report, made in the background and then downloaded.
      await forum.page.locator('table.decisions').getByRole('link', { name: planTitle }).first().click();
      await forum.page.getByRole('heading', { level: 1, name: planTitle }).waitFor();
      await settled(forum.page);
      await forum.page.getByRole('button', { name: 'Lav fremdriftsrapport (PDF)' }).click();
      await forum.page.getByRole('link', { name: 'Hent fremdriftsrapporten (PDF)' }).waitFor({ timeout: 60_000 });
      await check(forum.page, 'm4-plan-fremdriftsrapport');
      if (canReadPdfText) {
        const report = await pdfText(forum.page, 'Hent fremdriftsrapporten (PDF)');
        expect(report).toContain('Fremdriftsrapport');
        expect(report).toContain(planTitle);
      }
      expect(forum.errors).toEqual([]);
      await forum.context.close();
    },
    SLOW,
  );
});
