import {
  Inject,
  Injectable,
  PayloadTooLargeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { tooLarge } from './project-evaluation.service.js';

/**
 * Wraps the multer FileInterceptor (bound after it): multer stops reading at
 * ATTACHMENT_MAX_BYTES and Nest answers a bare 413; this says what the limit is.
 */
@Injectable()
export class AttachmentLimitInterceptor implements NestInterceptor {
  constructor(@Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((err: unknown) =>
          throwError(() =>
            err instanceof PayloadTooLargeException ? tooLarge(this.config.env.ATTACHMENT_MAX_BYTES) : err,
          ),
        ),
      );
  }
}
