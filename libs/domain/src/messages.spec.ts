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
