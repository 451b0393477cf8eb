// Danish first, English second. Every string the interface itself says lives
// in web/i18n/<locale>.js; messages from the API (violations, errors,
// notifications) are shown as the API words them.
import da from '../i18n/da.js';
import en from '../i18n/en.js';

const DICTIONARIES = { da, en };
export const LOCALES = ['da', 'en'];
const STORAGE_KEY = 'byloeft.locale';

function stored() {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return LOCALES.includes(value) ? value : 'da';
  } catch {
    return 'da';
  }
}

let current = stored();
const listeners = new Set();

export function getLocale() {
  return current;
}

export function setLocale(locale) {
  if (!LOCALES.includes(locale) || locale === current) return;
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const listener of listeners) listener(locale);
}

export function onLocaleChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function lookup(dict, key) {
  let node = dict;
  for (const part of key.split('.')) {
    if (node == null || typeof node !== 'object') return undefined;
    node = node[part];
  }
  return node;
}

/** t('plan.deadline', { date }) → the string in the current language, with {placeholders} filled in. */
export function t(key, params) {
  let value = lookup(DICTIONARIES[current], key);
  if (value === undefined) value = lookup(DICTIONARIES.da, key);
  if (value === undefined) return key;
  if (typeof value === 'function') return value(params ?? {});
  if (typeof value !== 'string') return value;
  return params ? value.replace(/\{(\w+)\}/g, (m, name) => (params[name] ?? m).toString()) : value;
}

/** Labels from the API's vocabulary (/api/meta), under `key` in each language's dictionary. */
export function addLabels(key, byLocale) {
  for (const locale of LOCALES) DICTIONARIES[locale][key] = { ...DICTIONARIES[locale][key], ...byLocale[locale] };
}

/** Whether the dictionary has the key (for optional labels such as an enum value). */
export function has(key) {
  return lookup(DICTIONARIES[current], key) !== undefined || lookup(DICTIONARIES.da, key) !== undefined;
}

/** A label from the dictionary when there is one, else the fallback (e.g. the API's own Danish label). */
export function tOr(key, fallback) {
  return has(key) ? t(key) : fallback;
}

/** A rule violation or import error as the API words it, in the current language. */
export function apiMessage(m) {
  if (!m) return '';
  return (current === 'en' && m.messageEn) || m.message || m.messageEn || '';
}

/**
 * A field error from the API's validator, in the current language when the
 * dictionary knows its shape ("name must be longer than …" → "skal være
 * mindst 2 tegn"); otherwise as the API words it.
 */
export function fieldMessage(message) {
  const patterns = DICTIONARIES[current].validation ?? [];
  for (const [pattern, replacement] of patterns) {
    const m = new RegExp(pattern).exec(message);
    if (m) {
      const text = replacement.replace(/\$(\d)/g, (_, i) => m[Number(i)] ?? '');
      return text.charAt(0).toUpperCase() + text.slice(1) + '.';
    }
  }
  return message;
}

const intlLocale = () => (current === 'en' ? 'en-GB' : 'da-DK');

export function formatDate(value) {
  if (!value) return '';
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(intlLocale(), { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

export function formatDateTime(value) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(intlLocale(), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export function formatNumber(value, digits = 1) {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: digits }).format(n);
}

/** A number with exactly `digits` decimals (100 as "100,0"): for a table's column, where figures line up. */
export function formatFixed(value, digits = 1) {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    n,
  );
}

export function formatMoney(value) {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency: 'DKK', maximumFractionDigits: 0 }).format(
    n,
  );
}

// The page says its language (outside a browser, as in the unit tests of the pure modules, there is no page).
if (typeof document !== 'undefined') document.documentElement.lang = current;
