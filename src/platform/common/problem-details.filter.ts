import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { AppError, type ErrorCode } from './app-error.js';

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
        detail: exception.message,
        ...base,
        ...exception.extensions,
      };
    }
    if (exception instanceof QueryFailedError) {
      // Constraint violations are the client's to fix, not server errors.
      const driver = (exception as QueryFailedError & { driverError?: { code?: string; detail?: string } }).driverError;
      if (driver?.code === '23505' || driver?.code === '23503') {
        const detail =
          driver.code === '23505'
            ? `That already exists: ${driver.detail ?? 'a unique value is taken'}.`
            : `It is referred to by other records, or refers to one that does not exist: ${driver.detail ?? ''}`.trim();
        return {
          type: 'urn:byloeft:error:conflict',
          title: TITLES[409],
          status: 409,
          code: 'CONFLICT',
          detail,
          ...base,
        };
      }
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

/** Plain words for body-parser's errors (which Nest wraps in an HttpException). */
function bodyParserDetail(cause: unknown): string | undefined {
  const type = (cause as { type?: string } | undefined)?.type;
  if (type === 'entity.parse.failed') return 'The request body is not valid JSON.';
  if (type === 'entity.too.large') return 'The request body is larger than the allowed limit.';
  return undefined;
}
