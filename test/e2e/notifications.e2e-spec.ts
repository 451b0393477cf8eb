import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../../src/notifications/notifications.service.js';
import { DEMO_PASSWORD } from '../../src/seed/seeder.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Item {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/**
 * The notification endpoints over HTTP, for two users created here so the
 * counts are exact. The API role only: no worker needed to read notifications.
 */
describe('Notifications over HTTP', () => {
  let t: TestApp;
  let service: NotificationsService;
  let ds: DataSource;
  const run = randomBytes(4).toString('hex');
  const users = { anna: `anna-${run}@kk.dk`, bo: `bo-${run}@kk.dk` };
  const ids: Record<keyof typeof users, string> = { anna: '', bo: '' };
  let anna: string;
  let bo: string;

  const get = (path: string, token: string) => t.http.get(path).auth(token, { type: 'bearer' });
  const post = (path: string, token: string) => t.http.post(path).auth(token, { type: 'bearer' });
  const notify = (user: keyof typeof users, title: string, extra: { link?: string; dedupKey?: string } = {}) =>
    service.notify(ds.manager, {
      recipients: { userIds: [ids[user]] },
      kind: 'plan-submitted',
      title,
      body: `${title}: læs mere i planen.`,
      ...extra,
    });

  beforeAll(async () => {
    t = await createTestApp({}, { api: true, worker: false });
    service = t.app.get(NotificationsService);
    ds = t.app.get(DataSource);
    const admin = await t.tokenFor('admin');
    for (const [key, email] of Object.entries(users) as [keyof typeof users, string][]) {
      const res = await post('/api/users', admin)
        .send({ email, displayName: key, password: DEMO_PASSWORD, roles: ['observer'] })
        .expect(201);
      ids[key] = res.body.id as string;
    }
    anna = await t.tokenFor(users.anna);
    bo = await t.tokenFor(users.bo);
    // Each in its own transaction, so they are ordered by creation time.
    await notify('anna', 'Første', { link: '/plans/11111111-1111-4111-8111-111111111111' });
    await notify('anna', 'Anden');
    await notify('anna', 'Tredje', { dedupKey: 'third' });
    expect(await notify('anna', 'Tredje igen', { dedupKey: 'third' })).toBe(0);
    await notify('bo', 'Bos egen');
  }, 30_000);

  afterAll(async () => {
    await t.close();
  });

  it('lists only your own notifications, newest first, with the counts', async () => {
    const res = await get('/api/notifications', anna).expect(200);
    expect(res.body.total).toBe(3);
    expect(res.body.unread).toBe(3);
    expect(res.body.items.map((i: Item) => i.title)).toEqual(['Tredje', 'Anden', 'Første']);
    const first = res.body.items[2] as Item;
    expect(first).toEqual({
      id: expect.any(String),
      kind: 'plan-submitted',
      title: 'Første',
      body: 'Første: læs mere i planen.',
      // Made without a message key (Danish text only): no key to render in another language.
      titleKey: null,
      titleParams: null,
      bodyKey: null,
      bodyParams: null,
      link: '/plans/11111111-1111-4111-8111-111111111111',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      readAt: null,
    });
    const other = await get('/api/notifications', bo).expect(200);
    expect(other.body.items.map((i: Item) => i.title)).toEqual(['Bos egen']);
  });

  it('pages with limit and offset', async () => {
    const page = await get('/api/notifications?limit=2&offset=1', anna).expect(200);
    expect(page.body.items.map((i: Item) => i.title)).toEqual(['Anden', 'Første']);
    expect(page.body.total).toBe(3);
  });

  it('counts unread, marks one read (twice is fine), and filters on unread', async () => {
    await get('/api/notifications/unread-count', anna).expect(200, { unread: 3 });
    const list = await get('/api/notifications', anna).expect(200);
    const second = (list.body.items as Item[]).find((i) => i.title === 'Anden')!;

    const read = await post(`/api/notifications/${second.id}/read`, anna).expect(200);
    expect(read.body).toMatchObject({ id: second.id, title: 'Anden', readAt: expect.stringMatching(/^\d{4}-/) });
    const again = await post(`/api/notifications/${second.id}/read`, anna).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    await get('/api/notifications/unread-count', anna).expect(200, { unread: 2 });
    const unread = await get('/api/notifications?unread=true', anna).expect(200);
    expect(unread.body.items.map((i: Item) => i.title)).toEqual(['Tredje', 'Første']);
    expect(unread.body).toMatchObject({ total: 2, unread: 2 });
    const readOnly = await get('/api/notifications?unread=false', anna).expect(200);
    expect(readOnly.body.items.map((i: Item) => i.title)).toEqual(['Anden']);
  });

  it("answers 404 for someone else's notification, and leaves it unread", async () => {
    const bos = (await get('/api/notifications', bo).expect(200)).body.items[0] as Item;
    const res = await post(`/api/notifications/${bos.id}/read`, anna).expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    await get('/api/notifications/unread-count', bo).expect(200, { unread: 1 });
    await post('/api/notifications/00000000-0000-4000-8000-000000000000/read', anna).expect(404);
    const bad = await post('/api/notifications/not-a-uuid/read', anna).expect(400);
    expect(bad.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'id', messages: ['id must be a UUID'] }],
    });
  });

  it('marks all read', async () => {
    const res = await post('/api/notifications/read-all', anna).expect(200);
    expect(res.body).toEqual({ marked: 2, unread: 0 });
    await get('/api/notifications/unread-count', anna).expect(200, { unread: 0 });
    await post('/api/notifications/read-all', anna).expect(200, { marked: 0, unread: 0 });
    await get('/api/notifications/unread-count', bo).expect(200, { unread: 1 });
  });

  it('refuses bad query parameters, naming each', async () => {
    const res = await get('/api/notifications?limit=0&unread=maybe&offset=-1', anna).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'offset', 'unread']);
    const unknown = await get('/api/notifications?sort=asc', anna).expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'sort', messages: ['property sort should not exist'] }]);
    await get('/api/notifications?limit=101', anna).expect(400);
  });

  it('needs a signed-in user', async () => {
    await t.http.get('/api/notifications').expect(401);
    await t.http.get('/api/notifications/unread-count').expect(401);
    await t.http.post('/api/notifications/read-all').expect(401);
  });

  it('documents every endpoint with its roles and errors', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    const paths = doc.body.paths as Record<
      string,
      Record<string, { 'x-roles'?: string[]; responses: Record<string, unknown> }>
    >;
    const ops = [
      ['/api/notifications', 'get', ['200', '400', '401']],
      ['/api/notifications/unread-count', 'get', ['200', '401']],
      ['/api/notifications/read-all', 'post', ['200', '401']],
      ['/api/notifications/{id}/read', 'post', ['200', '400', '401', '404']],
    ] as const;
    for (const [path, method, statuses] of ops) {
      const op = paths[path]?.[method];
      expect({ path, roles: op?.['x-roles'] }).toEqual({ path, roles: ['any signed-in user'] });
      expect({ path, statuses: Object.keys(op.responses).sort() }).toEqual({ path, statuses: [...statuses].sort() });
    }
    expect(doc.body.components.schemas.NotificationListDto.required).toEqual(
      expect.arrayContaining(['items', 'total', 'unread']),
    );
  });
});
