import type { ValidationError } from 'class-validator';

/**
 * The constraints that say what kind of value a field takes. When one of
 * them fails, the others (ranges, lengths) say nothing true about the value
 * ("abc" is not "greater than 2100"), so only it is reported.
 */
const KIND_CONSTRAINTS = [
  'whitelistValidation',
  'isDefined',
  'isNotEmpty',
  'isString',
  'isInt',
  'isNumber',
  'isNumberString',
  'isBoolean',
  'isDateString',
  'isISO8601',
  'isDate',
  'isUuid',
  'isEmail',
  'isUrl',
  'isArray',
  'isObject',
  'isIn',
  'isEnum',
];

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The first meaningful message for one field that failed validation: a
 * missing or empty value is "required" (not "must be a number" and "must not
 * be less than 0" at once), a value of the wrong kind says which kind, and
 * only a value of the right kind hears about its range or length. One
 * message per field, so a form shows one line per field.
 */
export function meaningfulMessages(error: Pick<ValidationError, 'property' | 'value' | 'constraints'>): string[] {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints);
  if (!names.length) return [];
  if (names.includes('whitelistValidation')) return [constraints.whitelistValidation];
  if (isEmpty(error.value) && !names.includes('isEmpty')) return [`${error.property} is required`];
  const kind = KIND_CONSTRAINTS.find((k) => k in constraints);
  return [constraints[kind ?? names[0]]];
}
