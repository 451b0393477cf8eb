import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Malformed input answers 400 naming the field (issue 11, defect 2), from
 * checks every DTO gets: a JSON depth limit, strings PostgreSQL can store,
 * integers in range, and null only where the DTO allows it.
 */

interface Problem {
  status: number;
  code: string;
  errors?: { field: string; messages: string[] }[];
}

/** `{"a":{"a":…1…}}` as JSON text: JSON.stringify itself overflows the stack at this depth. */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const unique = () => randomBytes(4).toString('hex');

describe('Malformed input is a 400 naming the field', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({}, { api: true, worker: false });
    admin = await t.tokenFor('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const fields = (body: Problem) => (body.errors ?? []).map((e) => e.field);

  async function expect400(res: { status: number; body: unknown }, field: string): Promise<void> {
    const body = res.body as Problem;
    expect({ status: res.status, code: body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(fields(body)).toContain(field);
  }

  it('refuses JSON nested 5,000 levels deep, also on the unauthenticated login', async () => {
    const send = (url: string, json: string, token?: string) => {
      const req = t.http.post(url).set('content-type', 'application/json');
      return (token ? req.auth(token, { type: 'bearer' }) : req).send(json);
    };
    const login = `{"email":"tmf@demo.byloeft.dk","password":"x","extra":${nested(5000)}}`;
    await expect400(await send('/api/auth/login', login), 'body');
    const area = `{"code":"a-${unique()}","name":"Deep","description":${nested(5000)}}`;
    await expect400(await send('/api/areas', area, admin), 'body');
    const arrays = `{"code":"a-${unique()}","name":"Deep","localCommittees":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    await expect400(await send('/api/areas', arrays, admin), 'body');
  });

  it('refuses a NUL character in a body string and in a query', async () => {
    const res = await t.http
      .post('/api/areas')
      .auth(admin, { type: 'bearer' })
      .send({ code: `a-${unique()}`, name: 'a\u0000b' });
    await expect400(res, 'name');
    await expect400(await t.http.get('/api/interventions?q=a%00b').auth(admin, { type: 'bearer' }), 'q');
  });

  it('refuses a lone surrogate in an e-mail', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":"\\ud800x@demo.byloeft.dk","password":"byloeft-demo"}');
    await expect400(res, 'email');
  });

  it('refuses integers out of range in queries and bodies', async () => {
    const auth = { type: 'bearer' } as const;
    await expect400(await t.http.get('/api/plans?offset=99999999999999999999').auth(admin, auth), 'offset');
    await expect400(await t.http.get('/api/plans?budgetYear=99999999999').auth(admin, auth), 'budgetYear');
    const indicator = { code: `i-${unique()}`, name: 'Range', kind: 'supplementary', sortOrder: -99999999999 };
    await expect400(await t.http.post('/api/indicators').auth(admin, auth).send(indicator), 'sortOrder');
    const area = (await t.http.get('/api/areas').auth(admin, auth).expect(200)).body[0] as { id: string };
    const patch = (version: unknown) =>
      t.http
        .patch(`/api/areas/${area.id}`)
        .auth(admin, auth)
        .set('content-type', 'application/json')
        .send(`{"name":"Xy","version":${String(version)}}`);
    await expect400(await patch('9223372036854775808'), 'version');
    await expect400(await patch('1e308'), 'version');
  });

  it('refuses an out-of-range number the DTO takes as a string (the diff), naming it', async () => {
    const plan = '6f1c0a52-7d3e-4c1b-9a8e-2b4f5c6d7e8f';
    const res = await t.http.get(`/api/plans/${plan}/diff?from=99999999999999999999`).auth(admin, { type: 'bearer' });
    await expect400(res, 'from');
  });

  it('refuses explicit null for a required column', async () => {
    const auth = { type: 'bearer' } as const;
    await expect400(
      await t.http
        .post('/api/areas')
        .auth(admin, auth)
        .send({ code: `a-${unique()}`, name: 'Null', description: null }),
      'description',
    );
    for (const field of ['unit', 'source', 'direction', 'sortOrder']) {
      const res = await t.http
        .post('/api/indicators')
        .auth(admin, auth)
        .send({ code: `i-${unique()}`, name: 'Null', kind: 'supplementary', [field]: null });
      await expect400(res, field);
    }
    const area = (await t.http.get('/api/areas').auth(admin, auth).expect(200)).body[0] as {
      id: string;
      version: number;
    };
    await expect400(
      await t.http.patch(`/api/areas/${area.id}`).auth(admin, auth).send({ code: null, version: area.version }),
      'code',
    );
  });

  it('refuses a body that is not an object (a list, a number, a string), naming the body', async () => {
    const indicators = (await t.http.get('/api/indicators').auth(admin, { type: 'bearer' }).expect(200)).body as {
      id: string;
    }[];
    const put = (raw: string) =>
      t.http
        .put(`/api/indicators/${indicators[0].id}/statbank`)
        .auth(admin, { type: 'bearer' })
        .set('content-type', 'application/json')
        .send(raw);
    for (const raw of ['[]', '[{"tableId":"FOLK1A"}]']) await expect400(await put(raw), 'body');
    // A bare number, string or literal is not a JSON body at all here (the JSON parser is strict).
    for (const raw of ['7', '"FOLK1A"', 'null', 'true']) {
      const res = await put(raw);
      expect({ status: res.status, detail: (res.body as { detail: string }).detail }).toEqual({
        status: 400,
        detail: 'The request body is not valid JSON.',
      });
    }
    await expect400(
      await t.http
        .post('/api/areas')
        .auth(admin, { type: 'bearer' })
        .set('content-type', 'application/json')
        .send('[]'),
      'body',
    );
  });

  it("refuses a list or a number where a nested object belongs (a StatBank binding's variables)", async () => {
    const indicators = (await t.http.get('/api/indicators').auth(admin, { type: 'bearer' }).expect(200)).body as {
      id: string;
    }[];
    const binding = { tableId: 'FOLK1A', municipalityCode: '101', yearly: true, version: 0 };
    for (const variables of [[[[]]], [7], ['KØN'], [null]]) {
      const res = await t.http
        .put(`/api/indicators/${indicators[0].id}/statbank`)
        .auth(admin, { type: 'bearer' })
        .send({ ...binding, variables });
      await expect400(res, 'variables[0]');
    }
  });

  it('refuses an id in the path that is not a uuid, naming the parameter', async () => {
    const path = await t.http.get("/api/plans/1' or '1'='1").auth(admin, { type: 'bearer' });
    await expect400(path, 'id');
    expect((path.body as Problem).errors).toEqual([{ field: 'id', messages: ['id must be a UUID'] }]);
    const counted = t.http.put('/api/housing-areas/counted-indicators/x').auth(admin, { type: 'bearer' });
    await expect400(await counted.send({ counted: true }), 'indicatorId');
    await expect400(await t.http.post('/api/notifications/x/read').auth(admin, { type: 'bearer' }), 'id');
  });

  it('changed nothing while refusing', async () => {
    const areas = (await t.http.get('/api/areas').auth(admin, { type: 'bearer' }).expect(200)).body as {
      name: string;
    }[];
    expect(areas.filter((a) => ['Deep', 'Null', 'Xy'].includes(a.name) || a.name.includes('\u0000'))).toEqual([]);
  });
});
