import { describe, expect, it } from '@jest/globals';
import { message, renderMessage } from './messages.js';

describe('server texts as keys with parameters', () => {
  it('renders a reminder in Danish and English, with the date as people read it', () => {
    const ref = { key: 'plan.deadline.reminder.title', params: { plan: 'P', stage: 'mapping', dueDate: '2027-03-08' } };
    expect(renderMessage(ref, 'da')).toBe('P: fristen for Kortlægning er 8. marts 2027');
    expect(renderMessage(ref, 'en')).toBe('P: the deadline for Mapping is 8 March 2027');
  });

  it('says a decision in the past tense, with comment and conditions', () => {
    const { da, ref } = message('plan.decided.body', {
      decision: 'APPROVE_WITH_CONDITIONS',
      comment: 'Fint arbejde',
      conditions: 'Budget\nTidsplan',
    });
    expect(da).toBe(
      'Borgmesterforum: Godkendt med betingelser.\nFint arbejde\nBetingelse: Budget\nBetingelse: Tidsplan',
    );
    expect(renderMessage(ref, 'en')).toBe(
      "The mayors' forum: Approved with conditions.\nFint arbejde\nCondition: Budget\nCondition: Tidsplan",
    );
  });

  it('knows no unknown key', () => {
    expect(renderMessage({ key: 'nothing.here', params: {} }, 'da')).toBeNull();
  });
});

describe("projects' notifications and agenda titles as keys", () => {
  it('says a decision as the record does, in either language, with the comment on a line of its own', () => {
    const params = { project: 'Jobbro', event: 'ADOPT', comment: 'Godt resultat', actor: 'Frida' };
    expect(message('project.event.title', params).da).toBe('Jobbro: projektet er forankret i drift');
    expect(renderMessage({ key: 'project.event.title', params }, 'en')).toBe(
      'Jobbro: the project was adopted into core operations',
    );
    expect(message('project.decided.body', params).da).toBe(
      'Borgmesterforum: Projektet er forankret i drift.\nGodt resultat',
    );
  });

  it('gives dates as people read them, never ISO', () => {
    const params = { project: 'Jobbro', periodEnd: '2027-06-30', dueOn: '2027-05-03', deadline: '2027-05-31' };
    const da = message('project.period.body', params).da;
    expect(da).toBe(
      'Projektet løber til 30. juni 2027. Evalueringen kaldes ind 3. maj 2027 og skal afleveres senest 31. maj 2027.',
    );
    expect(renderMessage({ key: 'project.period.body', params }, 'en')).toContain('due by 31 May 2027');
    for (const key of ['project.evaluation.reminder.title', 'agenda.project.overdue'] as const) {
      expect(message(key, params).da).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(renderMessage({ key, params }, 'en')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });

  it('words the agenda after an assessment by the round: the scaled period leaves terminate or adopt', () => {
    expect(message('agenda.project.assessed', { project: 'P' }).da).toContain('afslut, skalér eller forankr i drift');
    expect(message('agenda.project.scaledAssessed', { project: 'P' }).da).toContain('afslut eller forankr i drift');
    expect(renderMessage({ key: 'project.assessed.body', params: { actor: 'A', scaled: 1 } }, 'en')).toBe(
      "The evaluation of the scaling has been assessed by A. The mayors' forum is to terminate the project or adopt " +
        'it into core operations.',
    );
    expect(renderMessage({ key: 'agenda.plan.submitted', params: { plan: 'P', stage: 'analysis' } }, 'en')).toBe(
      'P: Analysis submitted',
    );
  });
});
