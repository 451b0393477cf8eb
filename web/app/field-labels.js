// The words for a field the API names in a refusal: one map (`fields` in each dictionary), so no form shows the
// API's own field names. Pure (no components), so it is unit-tested beside the number parser.
import { has, t } from './i18n.js';

const labelOf = (name) => {
  const label = name && has(`fields.${name}`) ? t(`fields.${name}`) : undefined;
  return typeof label === 'string' ? label : undefined;
};

/**
 * The words for a field the API names in a refusal ("data.amount", "goalResults[0].value", "email"): its label
 * from the one map of field labels (`fields` in each dictionary, the labels the forms show), never the API's own
 * name. A form that knows its own labels passes them to withFieldLinks; everything else ends up here.
 */
export function fieldLabel(field) {
  const path = String(field ?? '')
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((part) => part && part !== 'data');
  const whole = labelOf(path.join('.'));
  if (whole) return whole;
  const [first, last] = [labelOf(path[0]), labelOf(path.at(-1))];
  if (first && last && path.length > 1) return `${first}: ${last.charAt(0).toLowerCase()}${last.slice(1)}`;
  return last ?? first ?? t('form.someField');
}
