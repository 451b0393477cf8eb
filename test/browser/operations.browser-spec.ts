import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { runCreateAdmin } from '../../src/cli/create-admin-command.js';
import { QUEUES } from '../../src/platform/queue/queue-names.js';
import { axe, newPage, settled, signIn, startHarness, type BrowserHarness } from './browser-support.js';

interface JobSeen {
  id: string;
  attemptsMade: number;
  failedReason: string | null;
}

/**
 * What the municipality's IT department does in the browser (issue 10): the
 * first administrator, made with create-admin and a one-time password, signs
 * in and chooses their own; an administrator finds a failed job with its
 * error on the queues page and retries it there, and sees a delayed job and
 * when it runs. The app's own worker runs the jobs (a job no handler is
 * registered for fails, as an unknown job does in production), on whichever
 * backend this run uses.
 */
describe('Putting Byløft into service and keeping it running, in the browser', () => {
  let h: BrowserHarness;
  let queue: Queue;
  let admin: string;

  /** The notifications queue as GET /api/admin/jobs shows it. */
  const seen = async () => {
    const res = await h.t.http.get('/api/admin/jobs').auth(admin, { type: 'bearer' }).expect(200);
    return (res.body as { queue: string; failed: JobSeen[]; delayed: JobSeen[] }[]).find(
      (q) => q.queue === 'notifications',
    )!;
  };
  /** Waits until the failed job has been tried `attempts` times (the worker's pace, not a fixed time). */
  const failedAfter = async (attempts: number) => {
    for (;;) {
      const job = (await seen()).failed.find((j) => j.id === 'broken-1');
      if (job && job.attemptsMade >= attempts) return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    h = await startHarness('queues');
    admin = await h.t.tokenFor('admin');
    queue = h.t.app.get<Queue>(getQueueToken(QUEUES.notifications), { strict: false });
    await queue.add('no-such-job', {}, { jobId: 'broken-1', attempts: 1 });
    await queue.add('send-notification-email', { notificationId: 'later' }, { jobId: 'later-1', delay: 3_600_000 });
  }, 120_000);
  afterAll(async () => {
    await queue?.remove('later-1').catch(() => undefined);
    await h?.close();
  });

  it('lets the first administrator sign in with create-admin’s one-time password and choose their own', async () => {
    const url = (h.t.app.get(DataSource).options as { url: string }).url;
    let printed = '';
    const code = await runCreateAdmin({
      argv: ['--email', 'it@kommune.dk', '--name', 'Ida IT'],
      env: { DATABASE_URL: url },
      stdin: Object.assign(Readable.from([]), { isTTY: true }),
      out: (text) => (printed += text),
      err: () => undefined,
    });
    expect(code).toBe(0);
    const otp = /\n {2}(\S+)\n/.exec(printed)![1];

    const { page, context, errors } = await newPage(h);
    await page.goto('/');
    await page.getByLabel('E-mailadresse').fill('it@kommune.dk');
    await page.getByLabel('Adgangskode').fill(otp);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vælg din egen adgangskode' }).waitFor();
    await settled(page);
    await axe(h, page, 'forced-password-change');
    expect(h.axeResults[h.axeResults.length - 1].violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);

    await page.getByLabel(/^Ny adgangskode/).fill('idas-egen-adgangskode');
    await page.getByLabel('Gentag den nye adgangskode').fill('idas-egen-adgangskode');
    await page.getByRole('button', { name: 'Skift adgangskode' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overblik' }).waitFor();
    expect(await page.locator('.who').textContent()).toContain('Ida IT');

    // Ida resets a colleague's forgotten password: a one-time password, shown once, to hand over.
    const users = (await h.t.http.get('/api/users').auth(admin, { type: 'bearer' }).expect(200)).body as {
      email: string;
      displayName: string;
    }[];
    const observer = users.find((u) => u.email === 'observer@demo.byloeft.dk')!;
    await page.goto('/admin/users');
    await page.getByRole('button', { name: `Nulstil adgangskode for ${observer.displayName}` }).click();
    const shown = page.getByRole('alert').filter({ hasText: `Engangsadgangskode til ${observer.displayName}` });
    const handedOver = (await shown.locator('code').textContent())!;
    expect(handedOver).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await settled(page);
    await axe(h, page, 'one-time-password');
    expect(h.axeResults[h.axeResults.length - 1].violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
    const first = await h.t.http
      .post('/api/auth/login')
      .send({ email: observer.email, password: handedOver })
      .expect(403);
    expect(first.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await shown.getByRole('button', { name: 'Jeg har givet den videre' }).click();
    expect(await shown.count()).toBe(0);
    // From now on the one-time password is worth nothing, and the chosen one signs in.
    await h.t.http.post('/api/auth/login').send({ email: 'it@kommune.dk', password: otp }).expect(401);
    await h.t.http
      .post('/api/auth/login')
      .send({ email: 'it@kommune.dk', password: 'idas-egen-adgangskode' })
      .expect(200);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a failed job with its error and retries it; shows a delayed one; axe finds nothing', async () => {
    expect((await failedAfter(1)).failedReason).toMatch(/No handler is registered for job "no-such-job"/);

    const { page, context, errors } = await newPage(h);
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Køer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Køer' }).waitFor();
    const notifications = page.getByRole('region', { name: 'Notifikationer' });
    await notifications.getByRole('heading', { name: 'Fejlede job' }).waitFor();
    const failed = notifications.getByRole('listitem').filter({ hasText: 'broken-1' });
    expect(await failed.textContent()).toMatch(/^no-such-job \(broken-1\) · 1 forsøg · \d.*No handler is registered/s);
    const delayed = notifications.getByRole('listitem').filter({ hasText: 'later-1' });
    expect(await delayed.textContent()).toMatch(/send-notification-email \(later-1\) · kører \d/);

    await settled(page);
    await axe(h, page, 'queues');
    expect(h.axeResults[h.axeResults.length - 1].violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);

    // The retry runs the job again (and, as nothing handles it, it fails again: a second attempt).
    await failed.getByRole('button', { name: 'Prøv job broken-1 igen' }).click();
    expect((await failedAfter(2)).attemptsMade).toBe(2);
    await page.reload();
    await notifications.getByRole('listitem').filter({ hasText: '2 forsøg' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells anyone else that the queues are for administrators', async () => {
    const { page, context } = await newPage(h);
    await signIn(page, 'tmf');
    await page.goto('/queues');
    await page.getByText('Kun administratorer kan se køerne.').waitFor();
    expect(await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Køer' }).count()).toBe(
      0,
    );
    await context.close();
  });
});
