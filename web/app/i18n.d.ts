/** Types for the unit tests that import web/app/i18n.js (the web app itself is plain JavaScript). */
export const LOCALES: readonly ['da', 'en'];
export function getLocale(): 'da' | 'en';
export function setLocale(locale: 'da' | 'en'): void;
export function t(key: string, params?: Record<string, unknown>): string;
export function has(key: string): boolean;
export function formatNumber(value: unknown, digits?: number): string;
export function formatFixed(value: unknown, digits?: number): string;
