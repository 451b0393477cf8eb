import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The largest offset any list accepts (PostgreSQL's int4; a larger one is a refusal, not a database error). */
export const MAX_OFFSET = 2_147_483_647;

/**
 * A list's `limit` query parameter: a whole number from 1 to `max`, `fallback` when left out. One decorator, so
 * every paged list says the same thing in the same words and the document shows its bounds.
 */
export function PageLimit(max: number, fallback: number, description?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: fallback, minimum: 1, maximum: max, ...(description ? { description } : {}) }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: 'limit must be a whole number' }),
    Min(1, { message: 'limit must be at least 1' }),
    Max(max, { message: `limit must be at most ${max}` }),
  );
}

/** A list's `offset` query parameter: a whole number from 0, 0 when left out. */
export function PageOffset(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_OFFSET }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: 'offset must be a whole number' }),
    Min(0, { message: 'offset must be at least 0' }),
    Max(MAX_OFFSET, { message: 'offset is too large' }),
  );
}
