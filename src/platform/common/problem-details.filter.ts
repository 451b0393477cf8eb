import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { AppError, type ErrorCode } from './app-error.js';
import { databaseConflict } from './database-conflicts.js';
import { requestLanguage, type Language } from './language.js';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance: string;
  requestId?: string;
  [extension: string]: unknown;
}

/**
 * Renders every error as RFC 9457 application/problem+json with a stable
 * `code`. Unknown errors are logged with their stack and answered as a
 * generic 500: no stack trace ever reaches a client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const problem = this.toProblem(exception, req);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: req.id }, 'Unhandled error');
    }
    if (exception instanceof AppError) {
      for (const [k, v] of Object.entries(exception.headers)) res.setHeader(k, v);
    }
    if (problem.status === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(RETRY_AFTER_S));
    res.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown, req: Request & { id?: string }): ProblemDocument {
    const base = { instance: req.originalUrl ?? req.url, requestId: req.id };
    if (exception instanceof AppError) {
      return {
        type: `urn:byloeft:error:${exception.code.toLowerCase().replace(/_/g, '-')}`,
        title: TITLES[exception.status] ?? 'Error',
        status: exception.status,
        code: exception.code,
        detail: localizedDetail(exception, requestLanguage(req)),
        ...base,
        ...exception.extensions,
      };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        type: 'urn:byloeft:error:service-unavailable',
        title: TITLES[503],
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        detail: `The database is unreachable right now; try again in ${RETRY_AFTER_S} seconds.`,
        ...base,
      };
    }
    const invalid = invalidInputFromDatabase(exception, req);
    if (invalid) {
      return {
        type: 'urn:byloeft:error:validation-failed',
        title: TITLES[400],
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: `The request is invalid: ${invalid.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(' | ')}`,
        errors: invalid,
        ...base,
      };
    }
    if (exception instanceof QueryFailedError) {
      // Constraint violations are the client's to fix, not server errors; said in words, never the database's.
      const conflict = databaseConflict(exception);
      if (conflict) return this.toProblem(conflict, req);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'string'
          ? body
          : typeof (body as { message?: unknown }).message === 'string'
            ? String((body as { message: string }).message)
            : exception.message;
      const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
      return {
        type: `urn:byloeft:error:${code.toLowerCase().replace(/_/g, '-')}`,
        title: TITLES[status] ?? 'Error',
        status,
        code,
        detail: status >= 500 ? 'An unexpected error occurred.' : (bodyParserDetail(exception.cause) ?? message),
        ...base,
      };
    }
    return {
      type: 'urn:byloeft:error:internal-error',
      title: TITLES[HttpStatus.INTERNAL_SERVER_ERROR],
      status: 500,
      code: 'INTERNAL_ERROR',
      detail: 'An unexpected error occurred. It has been logged; quote the request id when reporting it.',
      ...base,
    };
  }
}

/**
 * The detail in the reader's language: an error with a Danish detail of its own says it to a Danish reader, and
 * one whose violations all carry a
 * Danish message says them in Danish to a Danish reader; otherwise (and to an
 * English reader, or one who names no language) the English detail as before.
 */
function localizedDetail(error: AppError, lang: Language): string {
  if (lang === 'da' && error.danish) return error.danish;
  const violations = error.extensions.violations;
  if (lang !== 'da' || !Array.isArray(violations) || !violations.length) return error.message;
  const messages = violations.map((v) => (v as { message?: unknown }).message);
  return messages.every((m) => typeof m === 'string' && m) ? messages.join(' ') : error.message;
}

/** Seconds a client is asked to wait when the database is unreachable. */
export const RETRY_AFTER_S = 5;

/** Node's socket errors and PostgreSQL's connection and shutdown classes (08, 57P0x). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection ended unexpectedly/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /Client was closed and is not queryable/i,
];

/** Whether an error means the database cannot be reached (an outage, a restart), not a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^(08|57P0)/.test(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

const INT4_MAX = 2_147_483_647;

/**
 * The safety net behind the validation pipe: input PostgreSQL refused as
 * data (out of range, not text, NOT NULL, malformed value) is the client's
 * to fix, so a 400, naming the column PostgreSQL names or else the request
 * fields that hold such a value.
 */
function invalidInputFromDatabase(err: unknown, req: Request): { field: string; messages: string[] }[] | null {
  if (!(err instanceof QueryFailedError)) return null;
  const driver = (err as QueryFailedError & { driverError?: { code?: string; column?: string } }).driverError;
  const code = driver?.code ?? '';
  const why: Record<string, string> = {
    '22003': 'is out of range',
    '22P05': 'must be text PostgreSQL can store (no NUL character)',
    '22021': 'must be valid UTF-8 text (no NUL character)',
    '23502': 'must not be null',
    '22P02': 'has an invalid value',
    '22007': 'is not a valid date or time',
    '22008': 'is out of range as a date or time',
    '54001': 'is too deeply nested',
  };
  const message = why[code];
  if (!message) return null;
  if (driver?.column) return [{ field: driver.column, messages: [`${driver.column} ${message}`] }];
  const suspects = suspectFields(code, { ...(req.query as object), ...(isObject(req.body) ? req.body : {}) });
  const fields = suspects.length ? suspects : ['request'];
  return fields.map((field) => ({ field, messages: [`${field} ${message}`] }));
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

function suspectFields(code: string, input: Record<string, unknown>): string[] {
  const out: string[] = [];
  const stack: [unknown, string][] = [[input, '']];
  while (stack.length && out.length < 10) {
    const [v, path] = stack.pop()!;
    if (isObject(v)) {
      for (const [k, child] of Object.entries(v)) stack.push([child, path ? `${path}.${k}` : k]);
      continue;
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?(e\d+)?$/i.test(v) ? Number(v) : NaN;
    if (code === '22003' && Number.isFinite(n) && Math.abs(n) > INT4_MAX) out.push(path);
    if (code === '22003' && typeof v === 'string' && /^-?\d{11,}$/.test(v)) out.push(path);
    if ((code === '22P05' || code === '22021') && typeof v === 'string' && v.includes('\u0000')) out.push(path);
  }
  return [...new Set(out)];
}

/** Plain words for body-parser's errors (which Nest wraps in an HttpException). */
function bodyParserDetail(cause: unknown): string | undefined {
  const type = (cause as { type?: string } | undefined)?.type;
  if (type === 'entity.parse.failed') return 'The request body is not valid JSON.';
  if (type === 'entity.too.large') return 'The request body is larger than the allowed limit.';
  return undefined;
}
