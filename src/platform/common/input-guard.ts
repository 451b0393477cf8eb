import type { NextFunction, Request, Response } from 'express';
import { getMetadataStorage } from 'class-validator';
import { AppError } from './app-error.js';
import type { FieldError } from './validation.js';

/**
 * Checks every request gets before (and right after) its DTO's own
 * validation, so that malformed input is a 400 naming the field, whatever
 * the DTO: no DTO has to remember them, and none can forget.
 *
 * - JSON nested deeper than MAX_JSON_DEPTH is refused before anything walks it
 *   (class-transformer and the whitelist recurse, and 5,000 levels overflowed the stack).
 * - Strings must be text PostgreSQL can store: no NUL character, no lone UTF-16 surrogate.
 * - Whole numbers (`@IsInt`) must fit the database's integer (int4) unless the DTO
 *   sets its own `@Min`/`@Max`; numbers must be finite and at most ±1e15.
 * - `null` is accepted only where the DTO says so (`nullable: true` in its
 *   `@ApiProperty`, or a `@ValidateIf` of its own); elsewhere it is refused
 *   instead of reaching a NOT NULL column.
 */

export const MAX_JSON_DEPTH = 32;
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;
/** Larger than any amount, value or count Byløft stores (numeric(14,2) tops out below 1e12). */
export const MAX_ABS_NUMBER = 1e15;

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number' || /^\d+$/.test(key)) return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/** The nesting depth of a parsed JSON value, without recursion (so any depth is safe to measure). */
export function jsonDepth(value: unknown, stopAt = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) max = depth;
    if (max > stopAt) return max;
    for (const child of Object.values(v as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return max;
}

/** Express middleware (after the body parsers): refuses a body nested deeper than MAX_JSON_DEPTH. */
export function jsonDepthLimit(maxDepth = MAX_JSON_DEPTH) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const body: unknown = req.body;
    if (body !== null && typeof body === 'object' && jsonDepth(body, maxDepth) > maxDepth) {
      next(
        new AppError('VALIDATION_FAILED', `The request is invalid: body: nested deeper than ${maxDepth} levels`, {
          errors: [{ field: 'body', messages: [`body must not be nested deeper than ${maxDepth} levels`] }],
        }),
      );
      return;
    }
    next();
  };
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(s)) return 'must be valid Unicode (it contains a lone surrogate)';
  return null;
}

/** Every string (values and keys) in a raw request value that cannot be stored as text, with its field. */
export function malformedStrings(value: unknown, root = ''): FieldError[] {
  const found: FieldError[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length && found.length < 20) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) found.push({ field: path || 'value', messages: [`${path || 'value'} ${problem}`] });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v as object)) {
        const childPath = joinPath(path, Array.isArray(v) ? Number(k) : k);
        const keyProblem = textProblem(k);
        if (keyProblem) found.push({ field: childPath, messages: [`the field name ${keyProblem}`] });
        else stack.push([child, childPath]);
      }
    }
  }
  return found.reverse();
}

interface RuleSet {
  nested: boolean;
  int: boolean;
  number: boolean;
  ownMin: boolean;
  ownMax: boolean;
  validateIf: boolean;
}

const rulesCache = new WeakMap<object, Map<string, RuleSet>>();

function rulesOf(type: object): Map<string, RuleSet> {
  let rules = rulesCache.get(type);
  if (rules) return rules;
  rules = new Map();
  const metas = getMetadataStorage().getTargetValidationMetadatas(type as () => void, '', true, false);
  for (const m of metas) {
    const r = rules.get(m.propertyName) ?? {
      nested: false,
      int: false,
      number: false,
      ownMin: false,
      ownMax: false,
      validateIf: false,
    };
    if (m.type === 'nestedValidation') r.nested = true;
    if (m.name === 'isInt') r.int = true;
    if (m.name === 'isNumber') r.number = true;
    if (m.name === 'min') r.ownMin = true;
    if (m.name === 'max') r.ownMax = true;
    // @IsOptional is a conditional validation named isOptional; a @ValidateIf of the DTO's own decides null itself.
    if (m.type === 'conditionalValidation' && m.name !== 'isOptional') r.validateIf = true;
    rules.set(m.propertyName, r);
  }
  rulesCache.set(type, rules);
  return rules;
}

function declaresNullable(instance: object, prop: string): boolean | undefined {
  const meta = Reflect.getMetadata(SWAGGER_PROPERTY, Object.getPrototypeOf(instance) as object, prop) as
    { nullable?: boolean } | undefined;
  return meta === undefined ? undefined : meta.nullable === true;
}

/**
 * After the DTO's transformation and validation: nulls where the DTO does
 * not allow them, and numbers outside what the database stores.
 */
export function dtoProblems(value: unknown, root = ''): FieldError[] {
  const found: FieldError[] = [];
  const stack: [unknown, string][] = [[value, root]];
  const seen = new Set<object>();
  while (stack.length && found.length < 20) {
    const [v, path] = stack.pop()!;
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((child, i) => stack.push([child, joinPath(path, i)]));
      continue;
    }
    const type = (v as object).constructor;
    const rules = type && type !== Object ? rulesOf(type) : new Map<string, RuleSet>();
    for (const [prop, child] of Object.entries(v as object)) {
      const field = joinPath(path, prop);
      const rule = rules.get(prop);
      if (child === null) {
        const nullable = declaresNullable(v as object, prop);
        if (nullable === false && !rule?.validateIf)
          found.push({ field, messages: [`${field} must not be null (leave it out instead)`] });
        continue;
      }
      if (typeof child === 'number') {
        if (!Number.isFinite(child) || Math.abs(child) > MAX_ABS_NUMBER) {
          found.push({ field, messages: [`${field} is out of range (at most ±${MAX_ABS_NUMBER})`] });
        } else if (rule?.int && ((!rule.ownMin && child < INT4_MIN) || (!rule.ownMax && child > INT4_MAX))) {
          found.push({ field, messages: [`${field} is out of range (${INT4_MIN} to ${INT4_MAX})`] });
        }
        continue;
      }
      if (rule?.nested) found.push(...notObjects(child, field));
      if (typeof child === 'object') stack.push([child, field]);
    }
  }
  return found.reverse();
}

const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A `@ValidateNested` property (or each entry of one that is a list) must be an object: class-validator lets a
 * list or a number through where an object belongs (`variables: [[[]]]`), and the service would then read fields
 * of something that has none.
 */
function notObjects(value: unknown, field: string): FieldError[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) =>
      isObject(item) ? [] : [{ field: joinPath(field, i), messages: [`${joinPath(field, i)} must be an object`] }],
    );
  return isObject(value) ? [] : [{ field, messages: [`${field} must be an object`] }];
}

/** A request body bound to a DTO must be a JSON object: a list, a number or a string is refused as the body. */
export function bodyNotAnObject(value: unknown): FieldError[] {
  return isObject(value) ? [] : [{ field: 'body', messages: ['the body must be a JSON object'] }];
}

export function validationFailed(errors: FieldError[]): AppError {
  const summary = errors.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(' | ');
  return new AppError('VALIDATION_FAILED', `The request is invalid: ${summary}`, { errors });
}
