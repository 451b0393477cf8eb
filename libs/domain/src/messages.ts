/**
 * Texts the server makes (notification titles and bodies), kept as a key with
 * parameters and rendered in the reader's language. The stored key and
 * parameters are what a client renders; the rendered Danish text is what an
 * e-mail says (Danish by default) and what older clients read. Parameters are
 * data: stage codes, event types and ISO dates, each said in the reader's
 * words and formats when rendered.
 */
import { formatCalendarDate, type TextLanguage } from './calendar/calendar-dates.js';
import { PLAN_STAGE_LABELS, type PlanEventType, type PlanStage } from './plan/plan-types.js';

export type MessageParams = Record<string, string | number | null>;

export interface MessageRef {
  key: MessageKey;
  params: MessageParams;
}

/** The forum's decisions as the record says them: done, in the past tense. */
export const PLAN_DECISION_RECORD: Partial<Record<PlanEventType, { da: string; en: string }>> = {
  APPROVE: { da: 'Godkendt', en: 'Approved' },
  APPROVE_WITH_CONDITIONS: { da: 'Godkendt med betingelser', en: 'Approved with conditions' },
  RETURN: { da: 'Sendt retur med bemærkninger', en: 'Returned with comments' },
  SEND_BACK_TO_PLANNING: { da: 'Sendt tilbage til udviklingsplanen', en: 'Sent back to planning' },
  CLOSE: { da: 'Planen er afsluttet med slutevalueringen', en: 'The plan was closed with the final evaluation' },
};

type Render = (p: MessageParams, lang: TextLanguage) => string;

const stage = (p: MessageParams, lang: TextLanguage) =>
  PLAN_STAGE_LABELS[p.stage as PlanStage]?.[lang] ?? String(p.stage ?? '');
const date = (p: MessageParams, lang: TextLanguage, key = 'dueDate') => formatCalendarDate(String(p[key] ?? ''), lang);
const decision = (p: MessageParams, lang: TextLanguage) =>
  PLAN_DECISION_RECORD[p.decision as PlanEventType]?.[lang] ?? String(p.decision ?? '');
const both = (da: Render, en: Render) => ({ da, en });

export const MESSAGES = {
  'plan.submitted.title': both(
    (p) => `${p.plan}: ${stage(p, 'da')} er indsendt til borgmesterforum`,
    (p) => `${p.plan}: ${stage(p, 'en')} has been submitted to the mayors' forum`,
  ),
  'plan.submitted.body': both(
    (p) => `${p.actor} har indsendt fasen ${stage(p, 'da')} til godkendelse.`,
    (p) => `${p.actor} has submitted the stage ${stage(p, 'en')} for approval.`,
  ),
  'plan.decided.title': both(
    (p) => `${p.plan}: ${decision(p, 'da')} (${stage(p, 'da')})`,
    (p) => `${p.plan}: ${decision(p, 'en')} (${stage(p, 'en')})`,
  ),
  'plan.decided.body': both(
    (p) =>
      [
        `Borgmesterforum: ${decision(p, 'da')}.`,
        p.comment,
        ...String(p.conditions ?? '')
          .split('\n')
          .filter(Boolean)
          .map((c) => `Betingelse: ${c}`),
      ]
        .filter(Boolean)
        .join('\n'),
    (p) =>
      [
        `The mayors' forum: ${decision(p, 'en')}.`,
        p.comment,
        ...String(p.conditions ?? '')
          .split('\n')
          .filter(Boolean)
          .map((c) => `Condition: ${c}`),
      ]
        .filter(Boolean)
        .join('\n'),
  ),
  'plan.deadline.reminder.title': both(
    (p) => `${p.plan}: fristen for ${stage(p, 'da')} er ${date(p, 'da')}`,
    (p) => `${p.plan}: the deadline for ${stage(p, 'en')} is ${date(p, 'en')}`,
  ),
  'plan.deadline.reminder.body': both(
    (p) => `Fasen ${stage(p, 'da')} skal indsendes til borgmesterforum senest ${date(p, 'da')}.`,
    (p) => `The stage ${stage(p, 'en')} must be submitted to the mayors' forum by ${date(p, 'en')}.`,
  ),
  'plan.deadline.escalation.title': both(
    (p) => `${p.plan}: ${stage(p, 'da')} er over fristen`,
    (p) => `${p.plan}: ${stage(p, 'en')} is past its deadline`,
  ),
  'plan.deadline.escalation.body': both(
    (p) =>
      `Fristen ${date(p, 'da')} for fasen ${stage(p, 'da')} er overskredet. Planen er sat på borgmesterforums dagsorden.`,
    (p) =>
      `The deadline ${date(p, 'en')} for the stage ${stage(p, 'en')} has passed. The plan is on the mayors' forum's agenda.`,
  ),
} satisfies Record<string, { da: Render; en: Render }>;

export type MessageKey = keyof typeof MESSAGES;

export const isMessageKey = (key: unknown): key is MessageKey =>
  typeof key === 'string' && Object.hasOwn(MESSAGES, key);

/** The message in the reader's language; null for a key this version does not know. */
export function renderMessage(ref: { key: string; params: MessageParams }, lang: TextLanguage = 'da'): string | null {
  return isMessageKey(ref.key) ? MESSAGES[ref.key][lang](ref.params ?? {}, lang) : null;
}

/** A reference and its Danish text at once (the Danish text is what is stored beside it). */
export function message(key: MessageKey, params: MessageParams): { ref: MessageRef; da: string } {
  const ref = { key, params };
  return { ref, da: MESSAGES[key].da(params, 'da') };
}
