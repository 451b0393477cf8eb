import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { OutboxRelay } from '../../src/platform/outbox/outbox.relay.js';
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
const PHONE = { width: 390, height: 844 };
const fixture = (name: string) => readFileSync(new URL(`../fixtures/statbank/${name}`, import.meta.url));

const LIST_2010 = [
  'boligområde;boligorganisation;byområde;liste;beskæftigelse;kriminalitet;uddannelse;indkomst;herkomst',
  'Tingbjerg;fsb;Tingbjerg/Husum;særligt udsatte boligområder;x;x;;;x',
  'Mjølnerparken;Lejerbo;Nørrebro;ghettolisten;x;x;;;x',
  '',
].join('\n');
const BAD_LIST = ['boligområde;byområde;liste', 'Tingbjerg;Østerbro;especially_deprived', ';Nørrebro;ghetto'].join(
  '\n',
);

/**
 * The administration of where the figures come from, in the browser: a year's list of housing areas imported
 * as a file (a bad one refused with its errors row by row, nothing loaded), a housing area added by hand and
 * put on a list with its criteria, and an indicator bound to a StatBank table and fetched (an error answer
 * shown as StatBank said it, nothing loaded), against a local server answering as StatBank does. axe: no
 * violation at desktop and phone width.
 */
describe('Administration of the housing lists and StatBank in the browser', () => {
  let h: BrowserHarness;
  let server: Server;
  const token: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${token[who]}` });
  const pageErrors: string[] = [];
  let indicatorId = '';

  const check = async (page: Page, name: string) => {
    for (const [label, size] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(size);
      await settled(page);
      await axe(h, page, `${name}-${label}`);
      const violations = h.axeResults[h.axeResults.length - 1].violations.map((v) => `${v.id} (${v.impact})`);
      await screenshot(page, `admin-${name}-${label}`);
      expect({ page: name, label, violations, overflow: await horizontalOverflow(page) }).toEqual({
        page: name,
        label,
        violations: [],
        overflow: 0,
      });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();
  /** Hands queued jobs to the workers until `done` holds. */
  const untilJobsDone = async (done: () => Promise<boolean>) => {
    const relay = h.t.app.get(OutboxRelay);
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      await relay.relayOnce();
      if (await done()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the background jobs did not finish');
  };

  beforeAll(async () => {
    // StatBank, as recorded: FOLK1A answers CSV, any other table the error answer.
    server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const body = JSON.parse(raw || '{}') as Json;
        if (req.url === '/v1/data' && body.table === 'FOLK1A') {
          res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(fixture('folk1a-101.csv'));
        } else {
          res.writeHead(400, { 'content-type': 'application/json' }).end(fixture('error-table-not-found.json'));
        }
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    h = await startHarness('admin-data-sources', { STATBANK_BASE_URL: `http://127.0.0.1:${port}/v1/` });
    token.admin = await h.t.tokenFor('admin');
    const created = await h.t.http
      .post('/api/indicators')
      .set(as('admin'))
      .send({ code: 'population-test', name: 'Befolkning (StatBank-test)', kind: 'supplementary', unit: 'personer' })
      .expect(201);
    indicatorId = created.body.id;
  }, SLOW);

  afterAll(async () => {
    await h?.close();
    server?.close();
    expect(pageErrors).toEqual([]);
  });

  it(
    "an administrator imports a year's list, is told row by row why a bad one loads nothing, edits housing areas",
    async () => {
      const s = await newPage(h);
      const { page } = s;
      await signIn(page, 'admin');
      await page.goto('/admin');
      await page.getByRole('link', { name: 'Boligområder og regeringens lister' }).first().click();
      await heading(page, 'Boligområder og regeringens lister');
      await settled(page);

      const importFile = async (year: string, name: string, content: string) => {
        await page.locator('#housing-import-year').fill(year);
        await page
          .locator('#housing-import-file')
          .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
        await page.getByRole('button', { name: 'Indlæs listen' }).click();
      };
      // A bad file: refused whole, each error with its row and column.
      await importFile('2011', 'fejl-2011.csv', BAD_LIST);
      const failed = page.locator('[data-import-status="failed"]');
      await failed.waitFor();
      await failed.getByText('Ukendt byområde "Østerbro"').waitFor();
      expect(await failed.locator('tbody tr').allInnerTexts()).toEqual([
        expect.stringMatching(/^2\s+area\s+Ukendt byområde "Østerbro"$/),
        expect.stringMatching(/^3\s+name\s+/),
        expect.stringMatching(/^3\s+list\s+/),
      ]);
      const none = (await h.t.http.get('/api/housing-areas').set(as('admin'))).body as Json;
      expect(none.housingAreas).toEqual([]);
      await check(page, 'housing-areas-refused');

      // A good one: loaded, and its housing areas listed with the year and the criteria.
      await importFile('2010', 'liste-2010.csv', LIST_2010);
      await page.locator('[data-import-status="succeeded"]').getByText('2 listninger for 2010 er indlæst').waitFor();
      const tingbjerg = page.locator('tr[data-row="Tingbjerg"]');
      await tingbjerg.getByText('Tingbjerg/Husum').waitFor();
      expect(await tingbjerg.innerText()).toContain(
        '2010: Særligt udsatte boligområder (ghettolisten) ' +
          '(Dømte for kriminalitet, Uden for arbejdsmarkedet, Ikke-vestlig herkomst)',
      );

      // A housing area by hand, then put on the 2010 list with the criteria it met.
      await page.getByRole('button', { name: 'Tilføj boligområde' }).click();
      await page.locator('#housing-form-name').fill('Bispeparken');
      await page.locator('#housing-form-housingAssociation').fill('fsb');
      await page.locator('#housing-form-areaId').selectOption({ label: 'Bispebjerg/Nordvest' });
      await page.locator('#housing-form').getByRole('button', { name: 'Gem' }).click();
      await page.getByText('Bispeparken er oprettet.').waitFor();
      const bispeparken = page.locator('tr[data-row="Bispeparken"]');
      await bispeparken.getByText('Ikke på nogen liste').waitFor();
      await bispeparken.getByRole('button', { name: 'Sæt på en liste: Bispeparken' }).click();
      const listing = bispeparken.locator('form');
      await listing.getByLabel('År').fill('2010');
      await listing.getByLabel('Liste').selectOption({ label: 'Særligt udsatte boligområder (ghettolisten)' });
      await listing.getByLabel('Uden for arbejdsmarkedet').check();
      await listing.getByLabel('Ikke-vestlig herkomst').check();
      await listing.getByRole('button', { name: 'Sæt på listen' }).click();
      await bispeparken
        .getByText(
          '2010: Særligt udsatte boligområder (ghettolisten) (Uden for arbejdsmarkedet, Ikke-vestlig herkomst)',
        )
        .waitFor();
      const all = (await h.t.http.get('/api/housing-areas').set(as('admin'))).body as Json;
      const added = all.housingAreas.find((x: Json) => x.name === 'Bispeparken');
      expect(added).toMatchObject({ housingAssociation: 'fsb', areaName: 'Bispebjerg/Nordvest' });
      expect(added.listings.map((l: Json) => [l.year, l.list, [...l.criteria].sort()])).toEqual([
        [2010, 'especially_deprived', ['employment', 'origin']],
      ]);

      // Edited, and the record says who changed what, in words.
      await page.getByRole('button', { name: 'Redigér Bispeparken' }).click();
      await page.locator('#housing-form-housingAssociation').fill('KAB');
      await page.locator('#housing-form').getByRole('button', { name: 'Gem' }).click();
      await page.getByText('Bispeparken er gemt.').waitFor();
      await bispeparken.getByRole('button', { name: 'Vis historik for Bispeparken' }).click();
      const update = bispeparken.locator('.change-list li[data-operation="update"]');
      await update.getByText('Anne Administrator').waitFor();
      expect(await update.innerText()).toMatch(/boligorganisation:\s*fsb\s*→\s*KAB/);
      await check(page, 'housing-areas');

      // The count the goal "halve the list" is measured by: 3 in the city in 2010, written through the import.
      await untilJobsDone(async () => {
        const counts = ((await h.t.http.get('/api/housing-areas').set(as('admin'))).body as Json).counts as Json[];
        return JSON.stringify(counts) === JSON.stringify([{ year: 2010, count: 3 }]);
      });

      // The area's page lists its housing areas, their years on the lists and the count per year.
      await page.goto('/');
      await page.getByRole('link', { name: 'Tingbjerg/Husum' }).first().click();
      await heading(page, 'Tingbjerg/Husum');
      const onArea = page.locator('tr[data-housing-area="Tingbjerg"]');
      await onArea.waitFor();
      expect(await onArea.innerText()).toMatch(/fsb\s+2010: Særligt udsatte boligområder \(ghettolisten\)/);
      expect(await page.locator('[data-housing-counts]').innerText()).toMatch(/2010: 1$/);
      await page.getByRole('link', { name: 'Redigér boligområderne og indlæs et års liste' }).waitFor();
      await check(page, 'area-housing-areas');
      pageErrors.push(...s.errors);
      await s.context.close();
    },
    SLOW,
  );

  it(
    'an administrator binds an indicator to a StatBank table, sees an error answer load nothing, fetches the figures',
    async () => {
      const s = await newPage(h);
      const { page } = s;
      await signIn(page, 'admin');
      await page.goto('/admin');
      await page.getByRole('link', { name: 'Statistikbanken' }).first().click();
      await heading(page, 'Statistikbanken');
      await page.locator('#statbank-indicator').selectOption({ label: 'Befolkning (StatBank-test) (population-test)' });
      await page.getByText('Indikatoren er ikke bundet til en tabel i Statistikbanken.').waitFor();
      await check(page, 'statbank-unbound');

      // A table StatBank does not know: its answer, in its words, and nothing loaded.
      await page.locator('#statbank-form-tableId').fill('NOSUCH');
      await page.locator('#statbank-form-municipalityCode').fill('101');
      await page.locator('#statbank-form').getByRole('button', { name: 'Gem' }).click();
      await page.getByText('Bindingen for Befolkning (StatBank-test) er gemt.').waitFor();
      await page.getByRole('button', { name: 'Hent tallene nu' }).click();
      const failed = page.locator('li[data-fetch-status="failed"]');
      await untilJobsDone(async () => (await failed.count()) > 0);
      expect(await failed.innerText()).toMatch(
        /Fejlede – intet er indlæst – Statistikbanken svarede 400: EXTRACT-NOTFOUND: .*intet er indlæst/,
      );
      await check(page, 'statbank-failed');

      // Two values of a variable would give two figures a period: refused, and said beside the field.
      await page.locator('#statbank-form-variables').fill('KØN=1,2');
      await page.locator('#statbank-form').getByRole('button', { name: 'Gem' }).click();
      await page.locator('#statbank-form-variables-error').waitFor();
      expect(await page.locator('#statbank-form-variables').getAttribute('aria-invalid')).toBe('true');

      // The right table and one value per other variable: the city's figures, through the measurement import.
      await page.locator('#statbank-form-tableId').fill('FOLK1A');
      await page.locator('#statbank-form-variables').fill('KØN=TOT\nALDER=IALT');
      await page.locator('#statbank-form').getByRole('button', { name: 'Gem' }).click();
      await page.getByText('Bindingen for Befolkning (StatBank-test) er gemt.').waitFor();
      const binding = (await h.t.http.get(`/api/indicators/${indicatorId}/statbank`).set(as('admin'))).body as Json;
      expect(binding).toMatchObject({
        tableId: 'FOLK1A',
        municipalityCode: '101',
        areaVariable: 'OMRÅDE',
        variables: [
          { code: 'KØN', values: ['TOT'] },
          { code: 'ALDER', values: ['IALT'] },
        ],
        yearly: false,
        version: 2,
      });
      await page.getByRole('button', { name: 'Hent tallene nu' }).click();
      const fetched = page.locator('li[data-fetch-status="succeeded"]');
      await untilJobsDone(async () => (await fetched.getByText('indlæsningen: Færdig').count()) > 0);
      expect(await fetched.innerText()).toMatch(/Hentet – 3 tal fundet, 1 uden tal/);
      const series = (await h.t.http.get(`/api/indicators/${indicatorId}/series`).set(as('admin'))).body as Json;
      const city = (series.series as Json[]).find((x) => x.areaId === null)!;
      expect(city.points.map((p: Json) => [p.period, p.value])).toEqual([
        ['2019-Q4', 632340],
        ['2020-Q1', 633021],
        ['2020-Q3', 638117],
      ]);
      await check(page, 'statbank');
      pageErrors.push(...s.errors);
      await s.context.close();
    },
    SLOW,
  );
});
