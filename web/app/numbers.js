// One parser for every amount and value a person types: Danish by default ("1.200.000", "1.200.000,50",
// "1 200 000 kr.", "12,5"), English in the English locale ("1,200,000.50", "DKK 12.5"). Nothing here touches
// the page, so the unit tests run it as it is (src/platform/web/web-numbers.spec.ts).

const CURRENCY = /(^|\s)(kr\.?|dkk)(\s|$)/gi;
const SPACES = /[\s\u00a0\u202f\u2009]+/g;

/** Whether `s` is digits grouped in threes by `sep` ("1.200.000"), with at least one separator. */
const grouped = (s, sep) => new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`).test(s);

/**
 * A typed amount or value → a number; an empty field → null; anything else is returned as typed (trimmed), so the
 * API refuses it beside its field rather than the page guessing. `locale` is 'da' (thousands dot, decimal comma)
 * or 'en' (thousands comma, decimal point).
 */
export function parseNumber(text, locale = 'da') {
  if (text === null || text === undefined) return null;
  if (typeof text === 'number') return Number.isFinite(text) ? text : String(text);
  const typed = String(text).trim();
  let s = typed.replace(CURRENCY, ' ').replace(SPACES, '').replace(/^[−–]/, '-');
  if (s === '') return typed === '' ? null : typed;
  const sign = s.startsWith('-') ? -1 : 1;
  s = s.replace(/^[+-]/, '');
  const [thousands, decimal] = locale === 'en' ? [',', '.'] : ['.', ','];
  const parts = s.split(decimal);
  if (parts.length > 2) return typed;
  let [whole, fraction = null] = parts;
  if (whole.includes(thousands)) {
    if (grouped(whole, thousands)) whole = whole.split(thousands).join('');
    // One separator that does not group thousands ("12.5" in Danish, "12,5" in English) is read as the decimal.
    else if (fraction === null && whole.split(thousands).length === 2) [whole, fraction] = whole.split(thousands);
    else return typed;
  }
  if (!/^\d*$/.test(whole) || (fraction !== null && !/^\d+$/.test(fraction)) || (whole === '' && fraction === null)) {
    return typed;
  }
  const n = Number(`${whole || '0'}${fraction !== null ? `.${fraction}` : ''}`);
  return Number.isFinite(n) ? sign * n : typed;
}
