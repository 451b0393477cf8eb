// Types for the unit tests (TypeScript) that import the web app's number parser.
export function parseNumber(text: unknown, locale?: 'da' | 'en'): number | string | null;
