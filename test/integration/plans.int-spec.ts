import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/auth/auth-user.js';
import { AppError } from '../../src/platform/common/app-error.js';
import { PlanContentService } from '../../src/plans/plan-content.service.js';
import { PlanWorkflowService } from '../../src/plans/plan-workflow.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The plan workflow's guarantees on a real PostgreSQL: concurrency, the append-only record, deadlines. */
describe('Plan workflow on the database', () => {
  let t: TestApp;
  let ds: DataSource;
  let workflow: PlanWorkflowService;
  let content: PlanContentService;
  const users: Record<string, AuthUser> = {};

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

  /** A plan in mapping.submitted, ready for the forum's decision. */
  const submittedPlan = async (budgetYear: number) => {
    const [area] = (await ds.query(`SELECT id FROM area WHERE code = 'valby-vigerslev'`)) as { id: string }[];
    const plan = await workflow.create(users.tmf, {
      areaId: area.id,
      budgetYear,
      participatingAdministrationIds: [users.tmf.administrationId!],
    });
    await content.addItem(users.tmf, plan.id, {
      section: 'mapping',
      data: { name: 'Helhedsplan', kind: 'area_based' },
    });
    const submitted = await workflow.applyEvent(users.tmf, plan.id, { type: 'SUBMIT', expectedVersion: 1 });
    expect(submitted.body.plan.status).toBe('submitted');
    return plan.id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    workflow = t.app.get(PlanWorkflowService);
    content = t.app.get(PlanContentService);
    users.tmf = await user('tmf@demo.byloeft.dk');
    users.forum = await user('forum@demo.byloeft.dk');
  });
  afterAll(async () => {
    await t.close();
  });

  it('applies exactly one of 50 concurrent approvals of the same submission; the rest get 409', async () => {
    const planId = await submittedPlan(2031);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        workflow.applyEvent(users.forum, planId, { type: 'APPROVE', expectedVersion: 2 }),
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
    const [row] = (await ds.query(`SELECT version, state_value FROM plan WHERE id = $1`, [planId])) as {
      version: number;
      state_value: string;
    }[];
    expect(row).toEqual({ version: 3, state_value: 'analysis.drafting' });
    const [{ approvals }] = (await ds.query(
      `SELECT count(*)::int AS approvals FROM plan_transition WHERE plan_id = $1 AND event = 'APPROVE'`,
      [planId],
    )) as { approvals: number }[];
    expect(approvals).toBe(1);
    const [{ gates }] = (await ds.query(`SELECT count(*)::int AS gates FROM plan_gate_version WHERE plan_id = $1`, [
      planId,
    ])) as { gates: number }[];
    expect(gates).toBe(1);
  });

  it('refuses updates and deletes of the record in the database itself', async () => {
    const planId = await submittedPlan(2032);
    await expect(
      ds.query(`UPDATE plan_transition SET comment = 'rewritten' WHERE plan_id = $1`, [planId]),
    ).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM plan_transition WHERE plan_id = $1`, [planId])).rejects.toThrow(/append-only/);
    await expect(ds.query(`TRUNCATE plan_gate_version`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`TRUNCATE plan_transition`)).rejects.toThrow(/append-only/);
    await workflow.applyEvent(users.forum, planId, { type: 'RETURN', expectedVersion: 2, comment: 'Tilbage' }); // a gate version now exists
    await expect(
      ds.query(`UPDATE plan_gate_version SET decision = 'APPROVE' WHERE plan_id = $1`, [planId]),
    ).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM plan_gate_version WHERE plan_id = $1`, [planId])).rejects.toThrow(/append-only/);
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM plan_transition WHERE plan_id = $1`, [planId])) as {
      n: number;
    }[];
    expect(n).toBe(3);
    const [{ g }] = (await ds.query(
      `SELECT count(*)::int AS g FROM plan_gate_version WHERE plan_id = $1 AND decision = 'RETURN'`,
      [planId],
    )) as { g: number }[];
    expect(g).toBe(1);
  });

  it('writes the stage deadline jobs to the outbox in the same transaction, with stable ids', async () => {
    const planId = await submittedPlan(2033);
    const rows = (await ds.query(`SELECT name, job_id FROM outbox_message WHERE job_id LIKE $1 ORDER BY name`, [
      `plan.${planId}.%`,
    ])) as { name: string; job_id: string }[];
    expect(rows.map((r) => r.name)).toEqual(['deadline-escalation', 'deadline-reminder']);
    expect(rows[0].job_id).toMatch(new RegExp(`^plan\\.${planId}\\.seq\\.1\\.escalation\\.\\d{4}-\\d{2}-\\d{2}$`));
  });

  it('escalates an overdue stage once, and ignores jobs for a deadline that moved or a stage that was left', async () => {
    const planId = await submittedPlan(2034);
    await workflow.applyEvent(users.forum, planId, { type: 'RETURN', expectedVersion: 2, comment: 'Mere detalje' });
    const [plan] = (await ds.query(
      `SELECT stage_entry_seq, to_char(stage_due_date, 'YYYY-MM-DD') AS due FROM plan WHERE id = $1`,
      [planId],
    )) as { stage_entry_seq: number; due: string }[];
    const job = {
      subjectType: 'plan' as const,
      subjectId: planId,
      entrySeq: plan.stage_entry_seq,
      dueDate: plan.due,
      kind: 'escalation' as const,
    };

    await workflow.handleDeadline({ ...job, dueDate: '2000-01-01' }); // moved deadline: no-op
    await workflow.handleDeadline({ ...job, entrySeq: 99 }); // stage left: no-op
    const agendaCount = async () =>
      (
        (await ds.query(`SELECT count(*)::int AS n FROM agenda_item WHERE subject_id = $1 AND kind = 'escalation'`, [
          planId,
        ])) as { n: number }[]
      )[0].n;
    expect(await agendaCount()).toBe(0);

    await workflow.handleDeadline(job);
    await workflow.handleDeadline(job); // a job may run twice
    expect(await agendaCount()).toBe(1);
    const [{ n }] = (await ds.query(
      `SELECT count(*)::int AS n FROM notification WHERE kind = 'plan.deadline.escalation' AND link = $1 AND user_id
        = $2`,
      [`/plans/${planId}`, users.tmf.id],
    )) as { n: number }[];
    expect(n).toBe(1);
  });

  it('escalates a stage returned after its deadline: the escalation that fired while the forum held it did nothing', async () => {
    const planId = await submittedPlan(2035);
    await workflow.moveDeadline(users.forum, planId, {
      dueDate: '2020-01-06',
      reason: 'Fristen er overskredet',
      expectedVersion: 2,
    });
    const agendaCount = async () =>
      (
        (await ds.query(
          `SELECT count(*)::int AS n FROM agenda_item WHERE subject_id = $1 AND kind = 'escalation' AND
              resolved_at IS NULL`,
          [planId],
        )) as { n: number }[]
      )[0].n;
    const moved = {
      subjectType: 'plan' as const,
      subjectId: planId,
      entrySeq: 1,
      dueDate: '2020-01-06',
      kind: 'escalation' as const,
      scheduledSeq: 3,
    };
    await workflow.handleDeadline(moved); // submitted: the forum holds it, no escalation
    expect(await agendaCount()).toBe(0);

    await workflow.applyEvent(users.forum, planId, {
      type: 'RETURN',
      expectedVersion: 3,
      comment: 'Mangler effektvurdering',
    });
    const rows = (await ds.query(`SELECT job_id, data, run_at FROM outbox_message WHERE job_id LIKE $1`, [
      `plan.${planId}.seq.1.escalation.2020-01-06.at.4`,
    ])) as {
      job_id: string;
      data: typeof moved;
      run_at: Date;
    }[];
    expect(rows).toHaveLength(1);
    expect(Math.abs(new Date(rows[0].run_at).getTime() - Date.now())).toBeLessThan(60_000);
    await workflow.handleDeadline(rows[0].data);
    expect(await agendaCount()).toBe(1);
    // The deadline's ordinary escalation job, running after the hand-back, finds the stage escalated already.
    await workflow.handleDeadline(moved);
    expect(await agendaCount()).toBe(1);

    // A job scheduled before a later move of the deadline is superseded, even for the same date.
    await workflow.moveDeadline(users.forum, planId, {
      dueDate: '2020-01-06',
      reason: 'Samme frist, nyt forsøg',
      expectedVersion: 4,
    });
    expect(await agendaCount()).toBe(0); // the move took the old escalation off the agenda
    await workflow.handleDeadline(rows[0].data);
    expect(await agendaCount()).toBe(0);
    await workflow.handleDeadline({ ...moved, scheduledSeq: 5 });
    expect(await agendaCount()).toBe(1);
  });

  it('does not escalate a returned stage twice when its escalation is still on the agenda', async () => {
    const planId = await submittedPlan(2037);
    await workflow.applyEvent(users.forum, planId, { type: 'RETURN', expectedVersion: 2, comment: 'Mere' });
    await workflow.moveDeadline(users.forum, planId, {
      dueDate: '2020-01-06',
      reason: 'Overskredet',
      expectedVersion: 3,
    });
    await workflow.handleDeadline({
      subjectType: 'plan',
      subjectId: planId,
      entrySeq: 1,
      dueDate: '2020-01-06',
      kind: 'escalation',
      scheduledSeq: 4,
    });
    const open = async () =>
      (
        (await ds.query(
          `SELECT count(*)::int AS n FROM agenda_item WHERE subject_id = $1 AND kind = 'escalation' AND resolved_at
            IS NULL`,
          [planId],
        )) as { n: number }[]
      )[0].n;
    expect(await open()).toBe(1);
    await workflow.applyEvent(users.tmf, planId, { type: 'SUBMIT', expectedVersion: 4 });
    await workflow.applyEvent(users.forum, planId, { type: 'RETURN', expectedVersion: 5, comment: 'Stadig mangler' });
    const again = (await ds.query(`SELECT job_id FROM outbox_message WHERE job_id LIKE $1`, [
      `plan.${planId}.seq.1.escalation.%.at.6`,
    ])) as unknown[];
    expect(again).toEqual([]);
    expect(await open()).toBe(1);
  });
});
