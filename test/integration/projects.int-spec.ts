import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/auth/auth-user.js';
import { AppError } from '../../src/platform/common/app-error.js';
import type { DeadlineJobData } from '../../src/deadlines/deadline-scheduler.service.js';
import { ProjectEvaluationService } from '../../src/projects/project-evaluation.service.js';
import { ProjectWorkflowService } from '../../src/projects/project-workflow.service.js';
import type { ProjectEventDto } from '../../src/projects/project.dto.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/**
 * The project workflow's guarantees on a real PostgreSQL: concurrent events
 * (one wins), the append-only record, and the deadline jobs (stale ones do
 * nothing; an escalation happens once).
 */
describe('Project workflow on the database', () => {
  let t: TestApp;
  let ds: DataSource;
  let workflow: ProjectWorkflowService;
  let evaluations: ProjectEvaluationService;
  const users: Record<string, AuthUser> = {};
  let SOF = '';
  let VALBY = '';
  let EMPLOYMENT = '';
  let OUTSIDE = '';

  const user = async (email: string): Promise<AuthUser> => {
    const [u] = (await ds.query(
      `SELECT id, email, display_name, roles, administration_id FROM app_user WHERE email = $1`,
      [email],
    )) as {
      id: string;
      email: string;
      display_name: string;
      roles: AuthUser['roles'];
      administration_id: string | null;
    }[];
    return {
      id: u.id,
      email: u.email,
      displayName: u.display_name,
      roles: u.roles,
      administrationId: u.administration_id,
    };
  };
  const count = async (sql: string, params: unknown[]) => ((await ds.query(sql, params)) as { n: number }[])[0].n;
  const row = async (id: string) =>
    (
      (await ds.query(
        `SELECT version, state_value, deadline_seq, to_char(evaluation_deadline, 'YYYY-MM-DD') AS deadline FROM
          project WHERE id = $1`,
        [id],
      )) as { version: number; state_value: string; deadline_seq: number | null; deadline: string }[]
    )[0];
  const jobs = async (id: string) =>
    (await ds.query(`SELECT job_id, data, run_at FROM outbox_message WHERE job_id LIKE $1 ORDER BY id`, [
      `project.${id}.%`,
    ])) as { job_id: string; data: DeadlineJobData; run_at: Date }[];
  const apply = async (who: string, id: string, dto: Omit<ProjectEventDto, 'expectedVersion'>) =>
    (await workflow.applyEvent(users[who], id, { ...dto, expectedVersion: (await row(id)).version })).body;

  /** A SOF project in Valby, proposed by SOF staff and led by the demo project leader. */
  const proposed = (overrides: Partial<{ periodStart: string; periodEnd: string; evaluationDate: string }> = {}) =>
    workflow.propose(users.sof, {
      title: 'Helhedsindsats Valby',
      problem: 'Udsatte familier',
      proposedSolution: 'Familiekonsulenter',
      owningAdministrationId: SOF,
      projectLeaderId: users.leader.id,
      fundingSource: 'municipal_pool',
      budgetDkk: 900_000,
      periodStart: overrides.periodStart ?? '2031-01-01',
      periodEnd: overrides.periodEnd ?? '2031-12-31',
      evaluationDate: overrides.evaluationDate,
      areaIds: [VALBY],
      goalIds: [EMPLOYMENT],
    });
  const running = async (overrides?: Parameters<typeof proposed>[0]) => {
    const project = await proposed(overrides);
    await apply('forum', project.id, { type: 'APPROVE' });
    await apply('sof', project.id, { type: 'START' });
    return project.id;
  };
  const completeDraft = (id: string) =>
    evaluations.save(users.leader, id, {
      version: 0,
      goalResults: [{ goalId: EMPLOYMENT, description: 'Flere i job' }],
      indicatorResults: [{ indicatorId: OUTSIDE, description: 'Faldende' }],
      evidenceStrength: 'descriptive',
      costsDkk: 800_000,
      whatWorked: 'Hjemmebesøg',
      whatDidNotWork: 'Gruppeforløb',
      recommendation: 'adopt',
    });

  beforeAll(async () => {
    // The API role: these tests run the deadline jobs themselves (the handler, with the jobs the outbox holds).
    t = await createTestApp({}, { api: true, worker: false });
    ds = t.app.get<DataSource>(getDataSourceToken());
    workflow = t.app.get(ProjectWorkflowService);
    evaluations = t.app.get(ProjectEvaluationService);
    SOF = ((await ds.query(`SELECT id FROM administration WHERE code = 'SOF'`)) as { id: string }[])[0].id;
    VALBY = ((await ds.query(`SELECT id FROM area WHERE code = 'valby-vigerslev'`)) as { id: string }[])[0].id;
    [{ id: EMPLOYMENT, indicator_id: OUTSIDE }] = (await ds.query(
      `SELECT id, indicator_id FROM goal WHERE code = 'employment-city-level'`,
    )) as { id: string; indicator_id: string }[];
    for (const [email, roles] of [
      ['sof-staff@kk.dk', ['staff']],
      ['sof-staff-2@kk.dk', ['staff']],
    ] as const) {
      await ds.query(
        `INSERT INTO app_user (email, display_name, roles, administration_id) VALUES ($1, $1, $2, $3) ON CONFLICT
          (email) DO NOTHING`,
        [email, roles, SOF],
      );
    }
    users.sof = await user('sof-staff@kk.dk');
    users.sof2 = await user('sof-staff-2@kk.dk');
    users.forum = await user('forum@demo.byloeft.dk');
    users.forum2 = await user('forum2@demo.byloeft.dk');
    users.leader = await user('projektleder@demo.byloeft.dk');
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('applies exactly one of 50 concurrent approvals; the rest get 409 and leave no trace', async () => {
    const project = await proposed();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        workflow.applyEvent(i % 2 ? users.forum : users.forum2, project.id, { type: 'APPROVE', expectedVersion: 1 }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    const reasons = lost.map((r) =>
      r.reason instanceof AppError ? `${r.reason.status} ${r.reason.code}` : String(r.reason),
    );
    expect(reasons).toEqual(Array.from({ length: 49 }, () => '409 VERSION_CONFLICT'));
    expect(await row(project.id)).toMatchObject({ version: 2, state_value: 'approved' });
    expect(
      await count(`SELECT count(*)::int AS n FROM project_transition WHERE project_id = $1 AND event = 'APPROVE'`, [
        project.id,
      ]),
    ).toBe(1);
  });

  it('lets one of two concurrent different events win (start vs. a second start by a colleague)', async () => {
    const project = await proposed();
    await apply('forum', project.id, { type: 'APPROVE' });
    const results = await Promise.allSettled([
      workflow.applyEvent(users.sof, project.id, { type: 'START', expectedVersion: 2 }),
      workflow.applyEvent(users.sof2, project.id, { type: 'START', expectedVersion: 2 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    // One set of deadline jobs, written with the winning transition.
    expect((await jobs(project.id)).map((j) => j.data.kind)).toEqual(['due', 'reminder', 'escalation']);
  });

  it('applies a retried event with the same Idempotency-Key once, even concurrently', async () => {
    const project = await proposed();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        workflow.applyEvent(users.forum, project.id, { type: 'APPROVE', expectedVersion: 1 }, 'int-approve-key-0001'),
      ),
    );
    const bodies = results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<{ body: unknown }>).value.body);
    expect(bodies.length).toBeGreaterThanOrEqual(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM project_transition WHERE project_id = $1 AND event = 'APPROVE'`, [
        project.id,
      ]),
    ).toBe(1);
  });

  it('writes nothing, not even deadline jobs, when an event is refused', async () => {
    const project = await proposed();
    await apply('forum', project.id, { type: 'APPROVE' });
    await expect(
      workflow.applyEvent(users.forum, project.id, { type: 'START', expectedVersion: 2 }),
    ).rejects.toMatchObject({ code: 'WORKFLOW_REFUSED' });
    expect(await jobs(project.id)).toEqual([]);
    expect(await row(project.id)).toMatchObject({ version: 2, state_value: 'approved' });
  });

  it(
    'refuses updates and deletes of the record, submitted evaluations, attachments and the ledger in the database ' +
      'itself',
    async () => {
      const id = await running();
      await apply('sof', id, { type: 'EVALUATION_DUE' });
      await completeDraft(id);
      await evaluations.upload(users.leader, id, {
        originalname: 'rapport.pdf',
        mimetype: 'application/pdf',
        size: PDF.length,
        buffer: PDF,
      });
      await apply('leader', id, { type: 'SUBMIT_EVALUATION' });
      await apply('sof', id, { type: 'ASSESS' });
      await apply('forum', id, {
        type: 'ADOPT',
        budgetLine: { administrationId: SOF, yearlyAmountDkk: 750_000, firstBudgetYear: 2034 },
      });
      for (const table of [
        'project_transition',
        'project_evaluation_submission',
        'project_attachment',
        'project_adoption',
      ]) {
        await expect(
          ds.query(`UPDATE "${table}" SET project_id = project_id WHERE project_id = $1`, [id]),
        ).rejects.toThrow(/append-only/);
        await expect(ds.query(`DELETE FROM "${table}" WHERE project_id = $1`, [id])).rejects.toThrow(/append-only/);
        await expect(ds.query(`TRUNCATE "${table}"`)).rejects.toThrow(/append-only/);
      }
      expect(await count(`SELECT count(*)::int AS n FROM project_transition WHERE project_id = $1`, [id])).toBe(7);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM project_adoption WHERE project_id = $1 AND yearly_amount_dkk = 750000`,
          [id],
        ),
      ).toBe(1);
      const [stored] = (await ds.query(
        `SELECT content, attachments FROM project_evaluation_submission WHERE project_id = $1`,
        [id],
      )) as {
        content: { recommendation: string };
        attachments: { sha256: string }[];
      }[];
      expect(stored.content.recommendation).toBe('adopt');
      expect(stored.attachments).toHaveLength(1);
      const [{ sha }] = (await ds.query(
        `SELECT encode(sha256(content), 'hex') AS sha FROM project_attachment WHERE project_id = $1`,
        [id],
      )) as { sha: string }[];
      expect(stored.attachments[0].sha256).toBe(sha);
    },
  );

  it('saves the evaluation draft with a version: one of two concurrent saves of the same version wins', async () => {
    const id = await running();
    await completeDraft(id);
    const save = (note: string) => evaluations.save(users.leader, id, { version: 1, whatWorked: note });
    const results = await Promise.allSettled([save('A'), save('B')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost?.reason).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await evaluations.get(id)).version).toBe(2);
  });

  it(
    'schedules the evaluation-due moment, reminder and escalation with stable ids, and calls for the evaluation ' +
      'when the due job runs',
    async () => {
      const id = await running({ periodStart: '2024-01-01', periodEnd: '2024-06-28' });
      const { deadline, deadline_seq } = await row(id);
      expect(deadline).toBe('2024-07-26'); // 20 Danish working days after Friday 28 June 2024
      const written = await jobs(id);
      expect(written.map((j) => j.job_id)).toEqual([
        `project.${id}.seq.${deadline_seq}.due.2024-07-26`,
        `project.${id}.seq.${deadline_seq}.reminder.2024-07-26`,
        `project.${id}.seq.${deadline_seq}.escalation.2024-07-26`,
      ]);
      // When each runs (08:00 Danish summer time, 06:00 UTC): the end date; 5 working days before the deadline
      // (Friday 19 July 2024); the day after it.
      expect(written.map((j) => new Date(j.run_at).toISOString())).toEqual([
        '2024-06-28T06:00:00.000Z',
        '2024-07-19T06:00:00.000Z',
        '2024-07-27T06:00:00.000Z',
      ]);
      const due = written[0].data;
      await workflow.handleDeadline(due);
      await workflow.handleDeadline(due); // a job may run twice (and a worker may have run it already)
      expect((await row(id)).state_value).toBe('evaluationDue');
      const transitions = (await ds.query(
        `SELECT actor_id, actor_name, payload FROM project_transition WHERE project_id = $1 AND event =
          'EVALUATION_DUE'`,
        [id],
      )) as {
        actor_id: string | null;
        actor_name: string;
        payload: { bySchedule: boolean };
      }[];
      expect(transitions).toEqual([
        {
          actor_id: null,
          actor_name: 'Byløft (frist)',
          payload: { bySchedule: true, evaluationDeadline: '2024-07-26' },
        },
      ]);
    },
  );

  it(
    'ignores deadline jobs for a moved deadline, an earlier schedule, or a state that was left; escalates an ' +
      'overdue evaluation once',
    async () => {
      const id = await running();
      const first = await jobs(id);
      const escalation = first.find((j) => j.data.kind === 'escalation')!.data;
      const due = first.find((j) => j.data.kind === 'due')!.data;
      const agendaCount = () =>
        count(`SELECT count(*)::int AS n FROM agenda_item WHERE subject_id = $1 AND kind = 'escalation'`, [id]);
      const notified = () =>
        count(
          `SELECT count(*)::int AS n FROM notification WHERE kind = 'project.evaluation.escalation' AND link = $1
            AND user_id = ANY($2::uuid[])`,
          [`/projects/${id}`, [users.sof.id, users.sof2.id, users.leader.id]],
        );

      // The period is extended: the jobs scheduled at START are stale.
      await apply('sof', id, { type: 'EXTEND', reason: 'Forsinket opstart', newEndDate: '2032-06-30' });
      await workflow.handleDeadline(escalation);
      await workflow.handleDeadline(due);
      expect(await agendaCount()).toBe(0);
      expect((await row(id)).state_value).toBe('running');

      const extended = await row(id);
      const current = (await jobs(id)).filter((j) => j.data.entrySeq === extended.deadline_seq).map((j) => j.data);
      const currentEscalation = current.find((j) => j.kind === 'escalation')!;
      expect(currentEscalation.dueDate).toBe(extended.deadline);
      await workflow.handleDeadline({ ...currentEscalation, dueDate: '2000-01-01' }); // a date that is not the deadline
      expect(await agendaCount()).toBe(0);

      // Driving the clock: the current escalation job runs (twice).
      await workflow.handleDeadline(currentEscalation);
      await workflow.handleDeadline(currentEscalation);
      expect(await agendaCount()).toBe(1);
      expect(await notified()).toBe(3); // both SOF staff and the project leader, once each

      // Once the evaluation is submitted, the leader is no longer late: the job does nothing and the escalation is
      // resolved.
      await apply('sof', id, { type: 'EVALUATION_DUE' });
      await completeDraft(id);
      await apply('leader', id, { type: 'SUBMIT_EVALUATION' });
      expect(
        await count(
          `SELECT count(*)::int AS n FROM agenda_item WHERE subject_id = $1 AND kind = 'escalation' AND resolved_at
            IS NULL`,
          [id],
        ),
      ).toBe(0);
      await workflow.handleDeadline({ ...currentEscalation });
      await workflow.handleDeadline(current.find((j) => j.kind === 'due')!);
      expect(await agendaCount()).toBe(1);
      expect((await row(id)).state_value).toBe('evaluationSubmitted');
    },
  );

  it('gives a returned evaluation a fresh deadline and new jobs; the old ones become no-ops', async () => {
    const id = await running({ periodStart: '2024-01-01', periodEnd: '2024-06-28' });
    await workflow.handleDeadline((await jobs(id)).find((j) => j.data.kind === 'due')!.data);
    await completeDraft(id);
    await apply('leader', id, { type: 'SUBMIT_EVALUATION' });
    const before = await row(id);
    await apply('sof2', id, { type: 'RETURN_EVALUATION', comment: 'Mangler tal' });
    const after = await row(id);
    expect(after.deadline_seq).toBe(before.version + 1);
    expect(after.deadline > new Date().toISOString().slice(0, 10)).toBe(true);
    const newJobs = (await jobs(id)).filter((j) => j.data.entrySeq === after.deadline_seq).map((j) => j.data.kind);
    expect(newJobs).toEqual(['reminder', 'escalation']);
    const old = (await jobs(id)).find(
      (j) => j.data.kind === 'escalation' && j.data.entrySeq !== after.deadline_seq,
    )!.data;
    const agendaBefore = await count(
      `SELECT count(*)::int AS n FROM agenda_item WHERE subject_id = $1 AND kind = 'escalation' AND resolved_at IS
        NULL`,
      [id],
    );
    await workflow.handleDeadline(old);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM agenda_item WHERE subject_id = $1 AND kind = 'escalation' AND resolved_at IS
          NULL`,
        [id],
      ),
    ).toBe(agendaBefore);
  });
});
