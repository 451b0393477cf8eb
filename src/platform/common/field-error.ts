import { AppError } from './app-error.js';

/**
 * The one 400 that names a field, worded as the validation pipe words its
 * own (`<field> <what is wrong>`): the detail and the field's message are
 * the same sentence.
 */
export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field} ${message}`, {
    errors: [{ field, messages: [`${field} ${message}`] }],
  });
}
