import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { today } from '../../src/platform/common/local-day.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { canReadPdfText, pdfText } from '../support/pdf-text.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Setting up a database of its own and waiting for retries takes a while on a busy machine. */
const SLOW = 120_000;

/** The case system's adapter as a stand-in: it fails while told to, keeps each package once per idempotency key. */
class ArchiveStandIn {
  failNext = 0;
  down = false;
  failures = 0;
  /** 2xx answers per idempotency key: what was written. */
  accepted = new Map<string, number>();
  packages = new Map<string, Json>();
  server: Server;

  constructor() {
    this.server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const key = String(req.headers['idempotency-key'] ?? '');
        if (this.down || this.failNext > 0) {
          if (this.failNext > 0) this.failNext -= 1;
          this.failures += 1;
          res.writeHead(503, { 'content-type': 'text/plain' }).end('ESDH vedligeholdelse');
          return;
        }
        const body = JSON.parse(raw) as Json;
        this.accepted.set(key, (this.accepted.get(key) ?? 0) + 1);
        if (!this.packages.has(key)) this.packages.set(key, body);
        res
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ reference: `ESDH-${key.slice(0, 8)}` }));
      });
    });
  }
}

const binary = (res: { body: unknown }) => res.body as Buffer;

/**
 * The forum's meeting made real, with the HTTP archive target: decisions
 * credited to today's meeting or a written procedure, the agenda pack and
 * minutes as tagged PDFs, and every decision journalised exactly once while
 * the archive fails for a while, then recovers; a failure for good is
 * retried by an administrator.
 */
describe("The forum's meeting, its documents and the case archive", () => {
  let db: TestDatabase;
  let t: TestApp;
  const archive = new ArchiveStandIn();
  const tok: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const suffix = randomBytes(3).toString('hex');
  const plans: { id: string; version: number; title: string }[] = [];
  let meetingId = '';

  const event = async (plan: { id: string; version: number }, who: string, body: Json) => {
    const res = await t.http
      .post(`/api/plans/${plan.id}/events`)
      .set(as(who))
      .send({ expectedVersion: plan.version, ...body });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    plan.version = res.body.plan.version;
    return res.body as Json;
  };

  const decisions = async () =>
    (await t.http.get('/api/decisions?limit=500').set(as('observer')).expect(200)).body as Json[];

  const until = async (what: string, check: () => Promise<boolean>, ms = 60_000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    await new Promise<void>((resolve) => archive.server.listen(0, '127.0.0.1', resolve));
    const { port } = archive.server.address() as AddressInfo;
    db = await createTestDatabase('byloeft_forum');
    t = await createTestApp({
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `byloeft-forum-${suffix}`,
      ARCHIVE_URL: `http://127.0.0.1:${port}/packages`,
      ARCHIVE_RETRY_MS: '50',
      ARCHIVE_MAX_ATTEMPTS: '5',
    });
    for (const who of ['admin', 'tmf', 'forum', 'observer']) tok[who] = await t.tokenFor(who);
    const areas = (await t.http.get('/api/areas').set(as('tmf'))).body as Json[];
    const goals = (await t.http.get('/api/goals').set(as('tmf'))).body as Json[];
    const goal = goals.find((g) => g.code === 'employment-city-level')!.id;
    for (const area of areas.slice(0, 2)) {
      const title = `Plan ${area.name} ${suffix}`;
      const res = await t.http
        .post('/api/plans')
        .set(as('tmf'))
        .send({ areaId: area.id, budgetYear: 2030, participatingAdministrationIds: [], title })
        .expect(201);
      await t.http
        .post(`/api/plans/${res.body.id}/items`)
        .set(as('tmf'))
        .send({
          section: 'mapping',
          data: { name: `Områdefornyelse ${suffix}`, kind: 'area_based', goalIds: [goal], periodStart: '2025-01-01' },
        })
        .expect(201);
      plans.push({ id: res.body.id, version: res.body.version, title });
    }
  }, SLOW);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
    archive.server.close();
  });

  it(
    'credits decisions to the meeting held today, and the rest to a written procedure',
    async () => {
      // The first plan is decided before any meeting is held: a written procedure of today.
      await event(plans[0], 'tmf', { type: 'SUBMIT' });
      archive.failNext = 3; // the archive is away for a while
      await event(plans[0], 'forum', { type: 'RETURN', comment: 'Kortlægningen skal uddybes' });
      const meeting = await t.http
        .post('/api/meetings')
        .set(as('forum'))
        .send({ meetingDate: today(), title: `Borgmesterforum ${suffix}` })
        .expect(201);
      meetingId = meeting.body.id;
      // Worked on again after the return: the forum will read what changed since its decision.
      await t.http
        .post(`/api/plans/${plans[0].id}/items`)
        .set(as('tmf'))
        .send({ section: 'mapping', data: { name: `Ny indsats ${suffix}`, kind: 'core_operations', goalIds: [] } })
        .expect(201);
      plans[0].version = (await t.http.get(`/api/plans/${plans[0].id}`).set(as('tmf')).expect(200)).body.version;
      await event(plans[0], 'tmf', { type: 'SUBMIT' });
      await event(plans[1], 'tmf', { type: 'SUBMIT' });
      const pack = (await t.http.get(`/api/meetings/${meetingId}/pack`).set(as('forum')).expect(200)).body as Json;
      const submissions = pack.groups.find((g: Json) => g.group === 'stage_submission');
      expect(submissions.items.map((i: Json) => i.subjectId).sort()).toEqual(plans.map((p) => p.id).sort());
      const first = submissions.items.find((i: Json) => i.subjectId === plans[0].id);
      expect(first).toMatchObject({ subjectTitle: plans[0].title, lastDecision: { seq: expect.any(Number) } });
      expect(first.question).toMatch(/godkendes/);
      expect(first.changes.join(' ')).toContain(`Ny indsats ${suffix}`);
      expect(submissions.items.find((i: Json) => i.subjectId === plans[1].id).lastDecision).toBeNull();

      await event(plans[0], 'forum', { type: 'APPROVE_WITH_CONDITIONS', conditions: [`Betingelse ${suffix}`] });
      await event(plans[1], 'forum', { type: 'APPROVE', comment: 'Godkendt' });

      const mine = (await decisions()).filter((d) => plans.some((p) => p.id === d.subjectId));
      expect(mine.map((d) => [d.subjectTitle, d.event, d.procedure, d.meetingId]).sort()).toEqual(
        [
          [plans[0].title, 'RETURN', 'written', null],
          [plans[0].title, 'APPROVE_WITH_CONDITIONS', 'meeting', meetingId],
          [plans[1].title, 'APPROVE', 'meeting', meetingId],
        ].sort(),
      );
      const withCondition = mine.find((d) => d.event === 'APPROVE_WITH_CONDITIONS')!;
      expect(withCondition).toMatchObject({
        subjectDetail: expect.any(String),
        decidedBy: expect.stringMatching(/\S/),
        conditions: [`Betingelse ${suffix}`],
        decidedOn: today(),
      });
    },
    SLOW,
  );

  (canReadPdfText ? it : it.skip)(
    'makes the agenda pack and the minutes as tagged PDFs in Danish',
    async () => {
      const agenda = await t.http
        .get(`/api/meetings/${meetingId}/agenda.pdf`)
        .set(as('observer'))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200)
        .expect('content-type', /application\/pdf/);
      const minutes = await t.http
        .get(`/api/meetings/${meetingId}/minutes.pdf`)
        .set(as('observer'))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      for (const pdf of [binary(agenda), binary(minutes)]) {
        const raw = pdf.toString('latin1');
        expect(raw).toContain('/StructTreeRoot');
        expect(raw).toMatch(/\/Lang \(da\)/);
        expect(raw).toContain('/MarkInfo');
      }
      const agendaText = pdfText(binary(agenda));
      expect(agendaText).toContain('Dagsorden');
      expect(agendaText).toContain(plans[0].title);
      expect(agendaText).toContain(plans[1].title);
      expect(agendaText).toContain('Indsendte faser');
      const minutesText = pdfText(binary(minutes));
      expect(minutesText).toContain('Beslutningsprotokol');
      expect(minutesText).toContain(plans[0].title);
      expect(minutesText).toContain('Godkendt med betingelser');
      expect(minutesText).toContain(`Betingelse ${suffix}`);
    },
    SLOW,
  );

  it(
    'journalises every decision exactly once after the archive failed for a while',
    async () => {
      const ids = (await decisions()).filter((d) => plans.some((p) => p.id === d.subjectId)).map((d) => d.id as string);
      expect(ids).toHaveLength(3);
      await until('every decision journalised', async () =>
        (await decisions()).filter((d) => ids.includes(d.id)).every((d) => d.journal.state === 'journalised'),
      );
      expect(archive.failures).toBe(3);
      expect([...archive.accepted.keys()].sort()).toEqual([...ids].sort());
      expect([...archive.accepted.values()]).toEqual([1, 1, 1]);
      for (const id of ids) {
        const pkg = archive.packages.get(id)!;
        const doc = Buffer.from(pkg.document as string, 'base64');
        expect(createHash('sha256').update(doc).digest('hex')).toBe(pkg.metadata.document.sha256);
        expect(pkg.metadata).toMatchObject({
          packageId: id,
          decidedOn: today(),
          decidedBy: { name: expect.any(String) },
        });
        expect(['meeting', 'written']).toContain(pkg.metadata.procedure);
        expect(doc.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        if (canReadPdfText) expect(pdfText(doc)).toContain(pkg.metadata.subject.title);
      }
      const one = (await t.http.get(`/api/decisions/${ids[0]}`).set(as('observer')).expect(200)).body as Json;
      expect(one.journal).toMatchObject({ state: 'journalised', error: null, reference: `ESDH-${ids[0].slice(0, 8)}` });
    },
    SLOW,
  );

  it(
    'marks a decision failed when the archive stays away, and an administrator retries it',
    async () => {
      const areas = (await t.http.get('/api/areas').set(as('tmf'))).body as Json[];
      const title = `Plan ${areas[2].name} ${suffix}`;
      const created = await t.http
        .post('/api/plans')
        .set(as('tmf'))
        .send({ areaId: areas[2].id, budgetYear: 2030, participatingAdministrationIds: [], title })
        .expect(201);
      await t.http
        .post(`/api/plans/${created.body.id}/items`)
        .set(as('tmf'))
        .send({ section: 'mapping', data: { name: `Indsats ${suffix}`, kind: 'core_operations', goalIds: [] } })
        .expect(201);
      const plan = { id: created.body.id as string, version: 0, title };
      plan.version = (await t.http.get(`/api/plans/${plan.id}`).set(as('tmf')).expect(200)).body.version;
      await event(plan, 'tmf', { type: 'SUBMIT' });
      archive.down = true;
      await event(plan, 'forum', { type: 'RETURN', comment: 'Mere arbejde' });
      const [fresh] = (await decisions()).filter((d) => d.subjectId === plan.id);
      const journal = async () =>
        ((await t.http.get(`/api/decisions/${fresh.id}`).set(as('observer')).expect(200)).body as Json).journal as Json;
      await until('the decision failed', async () => (await journal()).state === 'failed');
      expect(await journal()).toMatchObject({ state: 'failed', attempts: 5, error: expect.stringContaining('503') });
      expect(archive.accepted.has(fresh.id)).toBe(false);
      await t.http.post(`/api/decisions/${fresh.id}/journal/retry`).set(as('forum')).expect(403);
      archive.down = false;
      await t.http.post(`/api/decisions/${fresh.id}/journal/retry`).set(as('admin')).expect(204);
      await until('the retried decision journalised', async () => (await journal()).state === 'journalised');
      expect(archive.accepted.get(fresh.id)).toBe(1);
      const again = await t.http.post(`/api/decisions/${fresh.id}/journal/retry`).set(as('admin')).expect(409);
      expect(again.body.code).toBe('CONFLICT');
    },
    SLOW,
  );
});
