/** Building blocks of named rules: a violation with its code and its reason in Danish and English. */
import type { RuleViolation } from '../rule-violation.js';

/** A text in both of the app's languages. */
export interface Reason {
  da: string;
  en: string;
}

export function violation(code: string, message: string, messageEn: string): RuleViolation {
  return { code, message, messageEn };
}

export function isBlank(text: unknown): boolean {
  return typeof text !== 'string' || text.trim() === '';
}
