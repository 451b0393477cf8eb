/**
 * The reader's language: Danish (`da`), the app's first language, or English (`en`).
 * Chosen by a `locale=` query parameter, else the `Accept-Language` header (its first
 * supported tag by quality), else the caller's default.
 */
export type Language = 'da' | 'en';

export const LANGUAGES: readonly Language[] = ['da', 'en'];

const asLanguage = (tag: string): Language | null => {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return base === 'da' || base === 'en' ? base : null;
};

/** The first supported language of an `Accept-Language` header, by quality; null when it names none. */
export function languageFromHeader(header: string | undefined | null): Language | null {
  if (!header) return null;
  const tags = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((t) => t.tag && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const t of tags) {
    const lang = asLanguage(t.tag);
    if (lang) return lang;
  }
  return null;
}

interface RequestLike {
  query?: unknown;
  headers?: Record<string, string | string[] | undefined>;
}

/** The reader's language for a request: `?locale=da|en`, then `Accept-Language`, then `fallback`. */
export function requestLanguage(req: RequestLike | undefined, fallback: Language = 'en'): Language {
  const locale = (req?.query as Record<string, unknown> | undefined)?.locale;
  if (typeof locale === 'string') {
    const lang = asLanguage(locale);
    if (lang) return lang;
  }
  const header = req?.headers?.['accept-language'];
  return languageFromHeader(Array.isArray(header) ? header.join(',') : header) ?? fallback;
}
