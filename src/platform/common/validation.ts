import { ValidationError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { bodyNotAnObject, dtoProblems, malformedStrings, validationFailed } from './input-guard.js';
import { meaningfulMessages } from './field-messages.js';

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
    const own = e.constraints ? [{ field, messages: meaningfulMessages(e) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * The DTO's own validation, with the checks every DTO gets (input-guard.ts)
 * around it: before, strings PostgreSQL cannot store (NUL, lone surrogates)
 * in the body, query and path; after, nulls the DTO does not allow and
 * numbers out of the database's range.
 */
export class GuardedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const root = metadata.type === 'param' ? (metadata.data ?? '') : '';
      const bad = malformedStrings(value, root);
      if (bad.length) throw validationFailed(bad);
    }
    if (metadata.type === 'body' && metadata.metatype && this.toValidate(metadata)) {
      const bad = bodyNotAnObject(value);
      if (bad.length) throw validationFailed(bad);
    }
    const result: unknown = await super.transform(value, metadata);
    if ((metadata.type === 'body' || metadata.type === 'query') && metadata.metatype && this.toValidate(metadata)) {
      const bad = dtoProblems(result);
      if (bad.length) throw validationFailed(bad);
    }
    return result;
  }
}

/**
 * Validation as production runs it (registered as APP_PIPE): unknown fields
 * are refused, and a 400 lists each offending field and why.
 */
export function createValidationPipe(): ValidationPipe {
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
