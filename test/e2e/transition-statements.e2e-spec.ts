import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type Logger, type QueryRunner } from 'typeorm';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The hot path stays cheap: a plan transition over HTTP takes at most 8 SQL
 * statements (BEGIN and COMMIT included), locks once, and reads nothing
 * again after its guarded update. Its plan (Valby/Vigerslev, budget 2074) is its own:
 * the suite shares one database. Counted with a TypeORM logger around every
 * query of the app (the API alone: no worker, no outbox relay polling).
 */
describe('The statements of a transition', () => {
  let t: TestApp;
  let statements: string[] = [];
  let planId = '';
  let version = 0;
  const tok: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });

  beforeAll(async () => {
    t = await createTestApp({}, { api: true, worker: false });
    const dataSource = t.app.get(DataSource);
    const original = dataSource.logger;
    const counting: Logger = {
      logQuery: (query: string, parameters?: unknown[], queryRunner?: QueryRunner) => {
        statements.push(query.replace(/\s+/g, ' ').trim());
        original.logQuery(query, parameters, queryRunner);
      },
      logQueryError: (...args) => original.logQueryError(...args),
      logQuerySlow: (...args) => original.logQuerySlow(...args),
      logSchemaBuild: (...args) => original.logSchemaBuild(...args),
      logMigration: (...args) => original.logMigration(...args),
      log: (...args) => original.log(...args),
    };
    Object.defineProperty(dataSource, 'logger', { value: counting });
    for (const who of ['tmf', 'forum']) tok[who] = await t.tokenFor(who);
    const areas = (await t.http.get('/api/areas').set(as('tmf'))).body as Json[];
    const valby = areas.find((a) => a.code === 'valby-vigerslev')!;
    const plan = await t.http
      .post('/api/plans')
      .set(as('tmf'))
      .send({ areaId: valby.id, budgetYear: 2074, participatingAdministrationIds: [] })
      .expect(201);
    planId = plan.body.id as string;
    version = plan.body.version as number;
    await t.http
      .post(`/api/plans/${planId}/items`)
      .set(as('tmf'))
      .send({ section: 'mapping', data: { name: 'Lektiecafé', kind: 'area_based' } })
      .expect(201);
    // Both users have been looked up once: their next requests find them in the cache.
    await t.http.get(`/api/plans/${planId}`).set(as('forum')).expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const counted = async (who: string, body: Json) => {
    statements = [];
    const res = await t.http
      .post(`/api/plans/${planId}/events`)
      .set(as(who))
      .send({ expectedVersion: version, ...body });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    version = res.body.plan.version as number;
    return [...statements];
  };

  const expectCheap = (done: string[]) => {
    expect(done.length).toBeLessThanOrEqual(8);
    expect(done.filter((s) => /FOR UPDATE/i.test(s))).toHaveLength(1);
    const update = done.findIndex((s) => /UPDATE "plan" SET/.test(s));
    expect(update).toBeGreaterThan(0);
    // Nothing is read again under the lock once the plan is written.
    expect(done.slice(update + 1).filter((s) => /^SELECT/i.test(s))).toEqual([]);
    expect(done.filter((s) => /app_user/.test(s) && !/INSERT INTO "notification"/.test(s))).toEqual([]);
  };

  it('submits in at most 8 statements: lock, facts, update with the record, agenda, notifications with their e-mails', async () => {
    const done = await counted('tmf', { type: 'SUBMIT' });
    expectCheap(done);
    expect(done.filter((s) => /INSERT INTO "outbox_message"/.test(s))).toHaveLength(1);
  });

  it('withdraws in at most 8 statements', async () => {
    expectCheap(await counted('tmf', { type: 'WITHDRAW' }));
  });

  it('approves (a gate decision with its snapshot, a new deadline and its jobs) in at most 8 statements', async () => {
    await counted('tmf', { type: 'SUBMIT' });
    const done = await counted('forum', { type: 'APPROVE' });
    expectCheap(done);
    expect(done.some((s) => /INSERT INTO "plan_gate_version"/.test(s))).toBe(true);
  });
});
