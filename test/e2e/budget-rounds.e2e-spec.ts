import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { canReadPdfText, pdfText } from '../support/pdf-text.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Issue 18, budget rounds and waves: the seeded waves of the policy, a round
 * created and changed by administrators (version check, on the record), its
 * plans' stages and deadlines, and the material for the budget negotiations
 * from three plans, as JSON, XLSX and PDF, with what the budget decisions
 * granted per proposal. A database of its own, so the round's counts and
 * sums are this file's alone.
 */
describe('Budget rounds', () => {
  let t: TestApp;
  let db: TestDatabase | undefined;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const expectStatus = (res: { status: number; body: unknown }, status: number) =>
    expect({ status: res.status, body: res.body }).toMatchObject({ status });

  const plan = (planId: string) => {
    const event = async (who: string, body: Json, expected = 200) => {
      const { version } = (await t.http.get(`/api/plans/${planId}`).set(as('tmf')).expect(200)).body as Json;
      const res = await t.http
        .post(`/api/plans/${planId}/events`)
        .set(as(who))
        .send({ expectedVersion: version, ...body });
      expectStatus(res, expected);
    };
    const add = async (who: string, section: string, data: Json, expected = 201) => {
      const res = await t.http.post(`/api/plans/${planId}/items`).set(as(who)).send({ section, data });
      expectStatus(res, expected);
      return res.body as Json;
    };
    return { id: planId, event, add };
  };
  const startPlan = async (area: string, budgetYear: number) => {
    const res = await t.http
      .post('/api/plans')
      .set(as('tmf'))
      .send({ areaId: ids[area], budgetYear, participatingAdministrationIds: [ids.BIF] })
      .expect(201);
    return plan(res.body.id as string);
  };
  /** Mapping and analysis approved, two goals with an intervention each: the plan stage, being drafted. */
  const toPlanning = async (area: string) => {
    const p = await startPlan(area, 2013);
    await p.add('tmf', 'mapping', { name: `Områdefornyelse ${area}`, kind: 'area_based' });
    await p.add('bif', 'mapping', { name: `Jobcenter ${area}`, kind: 'core_operations' });
    await p.event('tmf', { type: 'SUBMIT' });
    await p.event('forum', { type: 'APPROVE' });
    await p.add('bif', 'problem', { theme: 'Beskæftigelse', text: 'Mange uden for arbejdsmarkedet' });
    await p.add('tmf', 'potential', { theme: 'Byrum', text: 'Store grønne arealer' });
    await p.add('tmf', 'indicator', { indicatorId: ids.indicator, baselineValue: 120, baselineYear: 2012 });
    await p.event('tmf', { type: 'SUBMIT' });
    await p.event('forum', { type: 'APPROVE' });
    const goals: string[] = [];
    for (const title of ['Flere i job', 'Tryghed som i resten af byen'])
      goals.push((await p.add('tmf', 'goal', { title, targetValue: 100, targetYear: 2020 })).id as string);
    for (const [i, goal] of goals.entries())
      await p.add('bif', 'intervention', { name: `Indsats ${i + 1}`, kind: 'core_operations', goalItemIds: [goal] });
    return { ...p, goals };
  };

  const proposal: Record<string, string> = {};
  let nb: Awaited<ReturnType<typeof toPlanning>>;

  beforeAll(async () => {
    db = await createTestDatabase('byloeft_budget_rounds');
    t = await createTestApp({ DATABASE_URL: db.url, QUEUE_PREFIX: `byloeft-budget-${randomBytes(4).toString('hex')}` });
    for (const who of ['admin', 'tmf', 'bif', 'forum', 'observer']) tok[who] = await t.tokenFor(who);
    const admins = (await t.http.get('/api/administrations').set(as('admin'))).body as Json[];
    for (const code of ['TMF', 'BIF']) ids[code] = admins.find((a) => a.code === code)!.id;
    const areas = (await t.http.get('/api/areas').set(as('admin'))).body as Json[];
    for (const a of areas) ids[a.code] = a.id;
    ids.indicator = ((await t.http.get('/api/indicators').set(as('tmf'))).body as Json[])[0].id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it("has the policy's two waves from the seed: budget 2013 and budget 2014, three areas each", async () => {
    const res = await t.http.get('/api/budget-rounds').set(as('observer')).expect(200);
    expect((res.body as Json[]).map((r) => [r.budgetYear, r.areas.map((a: Json) => a.name), r.proposalsDueOn])).toEqual(
      [
        [2013, ['Bispebjerg/Nordvest', 'Nørrebro', 'Tingbjerg/Husum'], null],
        [2014, ['Vesterbro/Kongens Enghave (Sydhavnen)', 'Valby/Vigerslev', 'Amager/Sundby'], null],
      ],
    );
  });

  it('is created and changed by administrators (version check, on the record); earlier plans join it', async () => {
    await startPlan('valby-vigerslev', 2015);
    const body = { budgetYear: 2015, areaIds: [ids['valby-vigerslev'], ids['amager-sundby']] };
    await t.http.post('/api/budget-rounds').set(as('tmf')).send(body).expect(403);
    const bad = await t.http
      .post('/api/budget-rounds')
      .set(as('admin'))
      .send({ budgetYear: 2015, areaIds: [ids.TMF], proposalsDueOn: '2014-02-30' })
      .expect(400);
    expect((bad.body.errors as Json[]).map((e) => e.field)).toEqual(['proposalsDueOn']);
    const unknownArea = await t.http
      .post('/api/budget-rounds')
      .set(as('admin'))
      .send({ budgetYear: 2015, areaIds: [ids.TMF] })
      .expect(400);
    expect((unknownArea.body.errors as Json[]).map((e) => e.field)).toEqual(['areaIds']);
    const created = await t.http.post('/api/budget-rounds').set(as('admin')).send(body).expect(201);
    expect(created.body).toMatchObject({
      budgetYear: 2015,
      planCount: 1,
      proposalsDueOn: null,
      version: 1,
      createdByName: 'Anne Administrator',
      areas: [
        { name: 'Valby/Vigerslev', hasPlan: true },
        { name: 'Amager/Sundby', hasPlan: false },
      ],
    });
    expect((created.body.plans as Json[]).map((p) => [p.areaName, p.stage, p.inRoundAreas])).toEqual([
      ['Valby/Vigerslev', 'mapping', true],
    ]);
    const twice = await t.http.post('/api/budget-rounds').set(as('admin')).send(body).expect(409);
    expect(twice.body.violations[0]).toMatchObject({
      code: 'BUDGET_ROUND_ALREADY_EXISTS',
      message: 'Der findes allerede en budgetrunde for budget 2015',
    });

    const changed = await t.http
      .patch('/api/budget-rounds/2015')
      .set(as('admin'))
      .send({ version: 1, proposalsDueOn: '2014-06-13', areaIds: [ids['amager-sundby']] })
      .expect(200);
    expect(changed.body).toMatchObject({
      version: 2,
      proposalsDueOn: '2014-06-13',
      areas: [{ name: 'Amager/Sundby' }],
    });
    expect(changed.body.plans[0].inRoundAreas).toBe(false); // still the round's: a plan belongs to its budget year
    const stale = await t.http
      .patch('/api/budget-rounds/2015')
      .set(as('admin'))
      .send({ version: 1, proposalsDueOn: null })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    const history = (await t.http.get('/api/budget-rounds/2015/history').set(as('observer')).expect(200))
      .body as Json[];
    expect(history.map((h) => [h.operation, h.actorName])).toEqual([
      ['insert', 'Anne Administrator'],
      ['update', 'Anne Administrator'],
    ]);
    expect(history[1].changedFields).toEqual(expect.arrayContaining(['area_ids', 'proposals_due_on']));
    await t.http.get('/api/budget-rounds/2099').set(as('observer')).expect(404);
    const notYear = await t.http.get('/api/budget-rounds/abc').set(as('observer')).expect(400);
    expect((notYear.body.errors as Json[]).map((e) => e.field)).toEqual(['year']);
  });

  describe('the material for the budget negotiations, from three plans', () => {
    beforeAll(async () => {
      // Nørrebro: proposals from both administrations, an idea, then the plan approved and the budget decided.
      nb = await toPlanning('norrebro');
      proposal.job = (
        await nb.add('bif', 'budget_proposal', {
          amount: 1_200_000,
          budgetYear: 2013,
          description: 'Opsøgende jobindsats i Mjølnerparken',
          goalItemIds: [nb.goals[0]],
        })
      ).id;
      proposal.light = (
        await nb.add('tmf', 'budget_proposal', {
          amount: 800_000.5,
          budgetYear: 2014,
          description: 'Tryg belysning på Nørrebroruten',
          goalItemIds: [nb.goals[1]],
        })
      ).id;
      const wrongGoal = await nb.add(
        'tmf',
        'budget_proposal',
        { amount: 1, budgetYear: 2013, description: 'Forkert mål', goalItemIds: [ids.TMF] },
        400,
      );
      expect((wrongGoal.errors as Json[]).map((e) => e.field)).toEqual(['data.goalItemIds']);
      await nb.add('tmf', 'idea', {
        title: 'Nyt kulturhus ved Superkilen',
        investmentType: 'public',
        estimatedAmount: 25_000_000,
      });
      await nb.event('tmf', { type: 'SIGN_COMMITMENT' });
      await nb.event('bif', { type: 'SIGN_COMMITMENT' });
      await nb.event('tmf', { type: 'SUBMIT' });
      await nb.event('forum', { type: 'APPROVE' });

      // Bispebjerg: proposals and a private idea, in the plan stage.
      const bb = await toPlanning('bispebjerg-nordvest');
      proposal.bb = (
        await bb.add('bif', 'budget_proposal', {
          amount: 450_000,
          budgetYear: 2013,
          description: 'Ny start for unge i Nordvest',
        })
      ).id;
      await bb.add('bif', 'idea', { title: 'Privat erhvervshus på Rentemestervej', investmentType: 'private' });

      // Tingbjerg/Husum: just started, nothing proposed yet.
      await startPlan('tingbjerg-husum', 2013);
    }, 180_000);

    it('records per proposal what a budget decision granted, only for a proposal of its plan', async () => {
      const other = await nb.add(
        'tmf',
        'budget_decision',
        { decidedOn: '2012-10-04', amount: 1, reference: 'Forkert', proposalItemId: proposal.bb, amountGranted: 1 },
        400,
      );
      expect((other.errors as Json[]).map((e) => e.field)).toEqual(['data.proposalItemId']);
      const noAmount = await nb.add(
        'tmf',
        'budget_decision',
        { decidedOn: '2012-10-04', amount: 1, reference: 'Uden beløb', proposalItemId: proposal.job },
        400,
      );
      expect((noAmount.errors as Json[]).map((e) => e.field)).toEqual(['data.amountGranted']);
      await nb.add('tmf', 'budget_decision', {
        decidedOn: '2012-10-04',
        amount: 900_000,
        reference: 'Budgetaftale 2013',
        proposalItemId: proposal.job,
        amountGranted: 900_000,
      });
      await nb.add('tmf', 'budget_decision', {
        decidedOn: '2012-10-04',
        amount: 0,
        reference: 'Budgetaftale 2013, belysning',
        proposalItemId: proposal.light,
        amountGranted: 0,
      });
      // As a decision was recorded before decisions named proposals: still valid.
      await nb.add('tmf', 'budget_decision', { decidedOn: '2012-10-05', amount: 150_000, reference: 'Puljemidler' });
    });

    it("shows every plan's stage and deadline on the round", async () => {
      const res = await t.http.get('/api/budget-rounds/2013').set(as('observer')).expect(200);
      expect(res.body.planCount).toBe(3);
      expect(res.body.areas.map((a: Json) => a.hasPlan)).toEqual([true, true, true]);
      expect((res.body.plans as Json[]).map((p) => [p.areaName, p.stage, p.status, p.inRoundAreas])).toEqual([
        ['Bispebjerg/Nordvest', 'planning', 'drafting', true],
        ['Nørrebro', 'implementation', 'drafting', true],
        ['Tingbjerg/Husum', 'mapping', 'drafting', true],
      ]);
      for (const p of res.body.plans as Json[]) expect(p.stageDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('groups the proposals by administration and area, with amounts per year, goals, asked and granted', async () => {
      const res = await t.http.get('/api/budget-rounds/2013/proposals').set(as('observer')).expect(200);
      const m = res.body as Json;
      expect(m.years).toEqual([2013, 2014]);
      expect(m.totals).toEqual({
        asked: 2_450_000.5,
        granted: 900_000,
        proposals: 3,
        decided: 2,
        byYear: [
          { year: 2013, asked: 1_650_000, granted: 900_000 },
          { year: 2014, asked: 800_000.5, granted: 0 },
        ],
      });
      const groups = m.administrations as Json[];
      expect(groups.map((g) => [g.administrationCode, g.areas.map((a: Json) => a.areaName), g.totals.asked])).toEqual([
        ['BIF', ['Bispebjerg/Nordvest', 'Nørrebro'], 1_650_000],
        ['TMF', ['Nørrebro'], 800_000.5],
      ]);
      const job = groups[0].areas[1].proposals[0] as Json;
      expect(job).toMatchObject({
        id: proposal.job,
        asked: 1_200_000,
        granted: 900_000,
        goals: ['Flere i job'],
        decisions: [{ reference: 'Budgetaftale 2013', amountGranted: 900_000 }],
      });
      expect(groups[0].areas[0].proposals[0]).toMatchObject({ id: proposal.bb, granted: null, goals: [] });
      expect(groups[1].areas[0].proposals[0]).toMatchObject({ id: proposal.light, granted: 0 });
      expect((m.ideas as Json[]).map((g) => [g.investmentType, g.ideas.map((i: Json) => i.title)])).toEqual([
        ['public', ['Nyt kulturhus ved Superkilen']],
        ['private', ['Privat erhvervshus på Rentemestervej']],
      ]);
      expect((m.unlinkedDecisions as Json[]).map((d) => [d.reference, d.amount])).toEqual([['Puljemidler', 150_000]]);
      const csv = await t.http.get('/api/budget-rounds/2013/proposals?format=csv').set(as('observer')).expect(400);
      expect((csv.body.errors as Json[]).map((e) => e.field)).toEqual(['format']);
    });

    it('gives the same material as an XLSX workbook', async () => {
      const res = await t.http
        .get('/api/budget-rounds/2013/proposals?format=xlsx')
        .set(as('observer'))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200)
        .expect('content-type', /spreadsheetml/)
        .expect('content-disposition', /budgetforhandlinger-2013\.xlsx/);
      const wb = new ExcelJS.Workbook();
      const body = res.body as Buffer;
      await wb.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
      const rows = (name: string) => {
        const out: unknown[][] = [];
        wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
        return out;
      };
      const proposals = rows('Budgetforslag');
      expect(proposals[0]).toEqual([
        'Forvaltning',
        'Byområde',
        'Udviklingsplan',
        'Budgetforslag',
        'Mål',
        'Ønsket 2013 (kr.)',
        'Ønsket 2014 (kr.)',
        'Ønsket i alt (kr.)',
        'Bevilget (kr.)',
        'Bevilget ved',
      ]);
      const job = proposals.find((r) => r[3] === 'Opsøgende jobindsats i Mjølnerparken')!;
      expect(job.slice(0, 2)).toEqual(['BIF', 'Nørrebro']);
      expect(job.slice(4)).toEqual([
        'Flere i job',
        1_200_000,
        undefined,
        1_200_000,
        900_000,
        'Budgetaftale 2013 (2012-10-04)',
      ]);
      const light = proposals.find((r) => r[3] === 'Tryg belysning på Nørrebroruten')!;
      expect(light.slice(5, 9)).toEqual([undefined, 800_000.5, 800_000.5, 0]);
      const undecided = proposals.find((r) => r[3] === 'Ny start for unge i Nordvest')!;
      expect(undecided[8]).toBeUndefined();
      expect(proposals.find((r) => r[0] === 'I alt BIF')!.slice(5, 9)).toEqual([1_650_000, 0, 1_650_000, 900_000]);
      expect(proposals.at(-1)!.slice(0, 1).concat(proposals.at(-1)!.slice(5, 9))).toEqual([
        'I alt',
        1_650_000,
        800_000.5,
        2_450_000.5,
        900_000,
      ]);
      const ideas = rows('Idékatalog');
      expect(ideas.filter((r) => !String(r[0]).startsWith('I alt')).map((r) => [r[0], r[1], r[4], r[6]])).toEqual([
        ['Investering', 'Byområde', 'Idé', 'Anslået (kr.)'],
        ['Offentlig', 'Nørrebro', 'Nyt kulturhus ved Superkilen', 25_000_000],
        ['Privat', 'Bispebjerg/Nordvest', 'Privat erhvervshus på Rentemestervej', undefined],
      ]);
      expect(rows('Beslutninger uden forslag').slice(1)).toEqual([
        [expect.stringContaining('Nørrebro'), 'Puljemidler', '2012-10-05', 150_000],
      ]);
    });

    (canReadPdfText ? it : it.skip)('gives the same material as a tagged PDF in Danish', async () => {
      await t.http
        .patch('/api/budget-rounds/2013')
        .set(as('admin'))
        .send({ version: 1, proposalsDueOn: '2012-06-15' })
        .expect(200);
      const res = await t.http
        .get('/api/budget-rounds/2013/proposals?format=pdf')
        .set(as('observer'))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200)
        .expect('content-type', /application\/pdf/);
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const raw = pdf.toString('latin1');
      expect(raw).toContain('/StructTreeRoot');
      expect(raw).toMatch(/\/Lang \(da\)/);
      const text = pdfText(pdf).replace(/\s+/g, ' ');
      for (const expected of [
        'Budgetforhandlinger: budget 2013',
        'Budgetforslagene skal være indsendt senest 15. juni 2012.',
        '3 budgetforslag, ønsket 2.450.000,5 kr., bevilget 900.000 kr. (2 af 3 forslag besluttet).',
        'Budget 2014: ønsket 800.000,5 kr., bevilget 0 kr.',
        'Beskæftigelses- og Integrationsforvaltningen (BIF)',
        'Opsøgende jobindsats i Mjølnerparken: ønsket 1.200.000 kr., bevilget 900.000 kr.',
        'Mål: Flere i job.',
        'Ny start for unge i Nordvest: ønsket 450.000 kr., ikke besluttet.',
        'Idékatalog',
        'Offentlige investeringer',
        'Nyt kulturhus ved Superkilen (Nørrebro, TMF): anslået 25.000.000 kr.',
        'Private investeringer',
        'Privat erhvervshus på Rentemestervej (Bispebjerg/Nordvest, BIF)',
        'Puljemidler',
      ])
        expect(text).toContain(expected);
    });
  });
});
