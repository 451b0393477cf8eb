/**
 * Texts the server makes (notification titles and bodies, agenda titles), kept as a key with
 * parameters and rendered in the reader's language. The stored key and
 * parameters are what a client renders; the rendered Danish text is what an
 * e-mail says (Danish by default) and what older clients read. Parameters are
 * data: stage codes, event types and ISO dates, each said in the reader's
 * words and formats when rendered.
 */
import { formatCalendarDate, type TextLanguage } from './calendar/calendar-dates.js';
import { PLAN_STAGE_LABELS, type PlanEventType, type PlanStage } from './plan/plan-types.js';
import { PROJECT_EVENT_RECORDED_LABELS, type ProjectEventType } from './project/project-types.js';

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
/** What happened to a project, as the record says it ("Projektet er godkendt"). */
const happened = (p: MessageParams, lang: TextLanguage) =>
  PROJECT_EVENT_RECORDED_LABELS[p.event as ProjectEventType]?.[lang] ?? String(p.event ?? '');
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
/** An optional comment on a line of its own. */
const why = (p: MessageParams) => (p.comment ? `\n${p.comment}` : '');

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
      `Fristen ${date(p, 'da')} for fasen ${stage(p, 'da')} er overskredet. Planen er sat på borgmesterforums ` +
      `dagsorden.`,
    (p) =>
      `The deadline ${date(p, 'en')} for the stage ${stage(p, 'en')} has passed. The plan is on the mayors' forum's ` +
      `agenda.`,
  ),
  'agenda.plan.submitted': both(
    (p) => `${p.plan}: ${stage(p, 'da')} indsendt`,
    (p) => `${p.plan}: ${stage(p, 'en')} submitted`,
  ),
  'agenda.plan.overdue': both(
    (p) => `${p.plan}: ${stage(p, 'da')} er over fristen (${date(p, 'da')})`,
    (p) => `${p.plan}: ${stage(p, 'en')} is past its deadline (${date(p, 'en')})`,
  ),
  'agenda.project.proposed': both(
    (p) => `Projektforslag: ${p.project}`,
    (p) => `Project proposal: ${p.project}`,
  ),
  'agenda.project.assessed': both(
    (p) => `${p.project}: evalueringen er vurderet – afslut, skalér eller forankr i drift`,
    (p) => `${p.project}: the evaluation has been assessed – terminate, scale or adopt into core operations`,
  ),
  'agenda.project.scaledAssessed': both(
    (p) => `${p.project}: evalueringen af skaleringen er vurderet – afslut eller forankr i drift`,
    (p) => `${p.project}: the evaluation of the scaling has been assessed – terminate or adopt into core operations`,
  ),
  'agenda.project.overdue': both(
    (p) => `${p.project}: evalueringen er over fristen (${date(p, 'da', 'deadline')})`,
    (p) => `${p.project}: the evaluation is past its deadline (${date(p, 'en', 'deadline')})`,
  ),
  'project.proposed.title': both(
    (p) => `Projektforslag: ${p.project}`,
    (p) => `Project proposal: ${p.project}`,
  ),
  'project.proposed.body': both(
    (p) =>
      `${p.actor} har foreslået projektet "${p.project}" (${date(p, 'da', 'periodStart')} – ` +
      `${date(p, 'da', 'periodEnd')}). Borgmesterforum skal godkende eller afvise det.`,
    (p) =>
      `${p.actor} has proposed the project "${p.project}" (${date(p, 'en', 'periodStart')} – ` +
      `${date(p, 'en', 'periodEnd')}). The mayors' forum is to approve or reject it.`,
  ),
  'project.event.title': both(
    (p) => `${p.project}: ${lowerFirst(happened(p, 'da'))}`,
    (p) => `${p.project}: ${lowerFirst(happened(p, 'en'))}`,
  ),
  'project.decided.body': both(
    (p) => `Borgmesterforum: ${happened(p, 'da')}.${why(p)}`,
    (p) => `The mayors' forum: ${happened(p, 'en')}.${why(p)}`,
  ),
  'project.period.body': both(
    (p) =>
      `Projektet løber til ${date(p, 'da', 'periodEnd')}. Evalueringen kaldes ind ${date(p, 'da', 'dueOn')} og skal ` +
      `afleveres senest ${date(p, 'da', 'deadline')}.${why(p)}`,
    (p) =>
      `The project runs until ${date(p, 'en', 'periodEnd')}. The evaluation is called for on ` +
      `${date(p, 'en', 'dueOn')} and is due by ${date(p, 'en', 'deadline')}.${why(p)}`,
  ),
  'project.evaluation.due.title': both(
    (p) => `${p.project}: evalueringen skal afleveres`,
    (p) => `${p.project}: the evaluation is due`,
  ),
  'project.evaluation.due.body': both(
    (p) => `Aflever evalueringen af "${p.project}" senest ${date(p, 'da', 'deadline')}.`,
    (p) => `Submit the evaluation of "${p.project}" by ${date(p, 'en', 'deadline')}.`,
  ),
  'project.evaluation.submitted.title': both(
    (p) => `${p.project}: evalueringen er afleveret`,
    (p) => `${p.project}: the evaluation has been submitted`,
  ),
  'project.evaluation.submitted.body': both(
    (p) => `${p.actor} har afleveret evalueringen. Den skal vurderes.`,
    (p) => `${p.actor} has submitted the evaluation. It is to be assessed.`,
  ),
  'project.evaluation.returned.title': both(
    (p) => `${p.project}: evalueringen er sendt retur`,
    (p) => `${p.project}: the evaluation has been returned`,
  ),
  'project.evaluation.returned.body': both(
    (p) => `Ret evalueringen og aflever den igen senest ${date(p, 'da', 'deadline')}.${why(p)}`,
    (p) => `Correct the evaluation and submit it again by ${date(p, 'en', 'deadline')}.${why(p)}`,
  ),
  'project.assessed.title': both(
    (p) => `${p.project}: klar til beslutning`,
    (p) => `${p.project}: ready for a decision`,
  ),
  'project.assessed.body': both(
    (p) =>
      p.scaled
        ? `Evalueringen af skaleringen er vurderet af ${p.actor}. Borgmesterforum skal afslutte projektet eller ` +
          'forankre det i drift.'
        : `Evalueringen er vurderet af ${p.actor}. Borgmesterforum skal afslutte, skalere eller forankre projektet ` +
          'i drift.',
    (p) =>
      p.scaled
        ? `The evaluation of the scaling has been assessed by ${p.actor}. The mayors' forum is to terminate the ` +
          'project or adopt it into core operations.'
        : `The evaluation has been assessed by ${p.actor}. The mayors' forum is to terminate, scale or adopt the ` +
          'project into core operations.',
  ),
  'project.evaluation.reminder.title': both(
    (p) => `${p.project}: evalueringen skal afleveres senest ${date(p, 'da', 'deadline')}`,
    (p) => `${p.project}: the evaluation is due by ${date(p, 'en', 'deadline')}`,
  ),
  'project.evaluation.reminder.body': both(
    (p) => `Husk at aflevere evalueringen af "${p.project}" senest ${date(p, 'da', 'deadline')}.`,
    (p) => `Remember to submit the evaluation of "${p.project}" by ${date(p, 'en', 'deadline')}.`,
  ),
  'project.evaluation.escalation.title': both(
    (p) => `${p.project}: evalueringen er over fristen`,
    (p) => `${p.project}: the evaluation is past its deadline`,
  ),
  'project.evaluation.escalation.body': both(
    (p) =>
      `Fristen ${date(p, 'da', 'deadline')} for evalueringen af "${p.project}" er overskredet. Projektet er sat på ` +
      'borgmesterforums dagsorden.',
    (p) =>
      `The deadline ${date(p, 'en', 'deadline')} for the evaluation of "${p.project}" has passed. The project is on ` +
      "the mayors' forum's agenda.",
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

/** A notification's title and body: their Danish text, and both as keys with parameters. */
export function notifyText(title: ReturnType<typeof message>, body: ReturnType<typeof message>) {
  return { title: title.da, body: body.da, message: { title: title.ref, body: body.ref } };
}

/** An agenda item's title: its Danish text, and as a key with parameters. */
export function agendaText(title: ReturnType<typeof message>) {
  return { title: title.da, message: title.ref };
}
