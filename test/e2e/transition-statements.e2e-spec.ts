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

  /** The one statement that writes the plan. */
  const writeOf = (done: string[]) => {
    const writes = done.filter((s) => /UPDATE "plan" SET/.test(s));
    expect(writes).toHaveLength(1);
    return writes[0];
  };

  it('submits in 5 statements: lock, facts, the update with its record, agenda item and notifications', async () => {
    const done = await counted('tmf', { type: 'SUBMIT' });
    expectCheap(done);
    // The agenda item, the forum members' notifications and their e-mail jobs are parts of the plan's own write.
    const parts = ['INSERT INTO "plan_transition"', 'INSERT INTO agenda_item', 'INSERT INTO "notification"'];
    expect(writeOf(done)).toMatch(new RegExp([...parts, 'INSERT INTO "outbox_message"'].join('.*')));
    expect(done.filter((s) => /INSERT INTO "outbox_message"/.test(s))).toHaveLength(1);
    expect(done).toHaveLength(5);
  });

  it('withdraws in 4 statements: lock, and the update with its record and the agenda item it resolves', async () => {
    const done = await counted('tmf', { type: 'WITHDRAW' });
    expectCheap(done);
    expect(writeOf(done)).toMatch(/UPDATE agenda_item SET resolved_at/);
    expect(done).toHaveLength(4);
  });

  it('approves (a gate decision with its snapshot, a new deadline and its jobs) in at most 8 statements', async () => {
    await counted('tmf', { type: 'SUBMIT' });
    const done = await counted('forum', { type: 'APPROVE' });
    expectCheap(done);
    expect(done.some((s) => /INSERT INTO "plan_gate_version"/.test(s))).toBe(true);
  });
});
