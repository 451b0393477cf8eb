import { Injectable, ParseUUIDPipe as NestParseUUIDPipe, type ArgumentMetadata } from '@nestjs/common';
import { fieldError } from './field-error.js';

/**
 * Nest's uuid check of a path or query parameter, refused as every other invalid field is: a 400
 * VALIDATION_FAILED naming the parameter (`id must be a UUID`), not a bare "Validation failed (uuid is expected)".
 */
@Injectable()
export class ParseUUIDPipe extends NestParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata) {
    try {
      return await super.transform(value, metadata);
    } catch {
      throw fieldError(metadata.data ?? metadata.type, 'must be a UUID');
    }
  }
}
