import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error.js';

export interface FieldError {
  field: string;
  messages: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validation as production runs it (registered as APP_PIPE): unknown fields
 * are refused, and a 400 lists each offending field and why.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      const summary = fieldErrors.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(' | ');
      return new AppError('VALIDATION_FAILED', `The request is invalid: ${summary}`, { errors: fieldErrors });
    },
  });
}
