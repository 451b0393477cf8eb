import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse, type ApiPropertyOptions } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ type: [String], example: ['email must be an email'] }) messages: string[];
}

export class RuleViolationDto {
  @ApiProperty({ example: 'FOUR_EYES' }) code: string;
  @ApiProperty({ description: 'Danish, actionable' }) message: string;
  @ApiProperty() messageEn: string;
}

/** RFC 9457 problem document, as every error is answered. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:byloeft:error:validation-failed' }) type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable error code' }) code: string;
  @ApiProperty() detail: string;
  @ApiProperty({ example: '/api/users' }) instance: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Validation errors, one per field' })
  errors?: FieldErrorDto[];
  @ApiPropertyOptional({ type: [RuleViolationDto], description: 'Workflow rules that refused the action' })
  violations?: RuleViolationDto[];
  @ApiPropertyOptional() currentVersion?: number;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: the problem lists each offending field and why',
  401: 'No valid bearer token',
  403: 'The token is valid, but the user lacks the required role or right',
  404: 'Not found',
  409: 'Version conflict: someone else changed it; reload and retry',
  413: 'Request body too large',
  415: 'Unsupported file type',
  422: 'Refused by a workflow rule: the problem lists every unmet rule',
  429: 'Too many attempts; retry after the Retry-After header',
  503: 'A dependency is unavailable',
};

/** Documents the problem+json error responses an endpoint can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
      }),
    ),
  );
}

/** A property that holds any JSON value (OpenAPI 3.0 has no `any`: every JSON type, or null). */
export function ApiAnyValue(description: string, options: ApiPropertyOptions = {}): PropertyDecorator {
  return ApiProperty({
    // OpenAPI 3.0 says null only beside a type: on one of the alternatives.
    oneOf: [
      { type: 'string', nullable: true },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'object', additionalProperties: true },
      { type: 'array', items: {} },
    ],
    description,
    ...options,
  } as ApiPropertyOptions);
}

/** What a nullable property holds besides null: a JSON type, a date, an enumeration, or a DTO (or a list of them). */
export type NullableType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'date-time'
  | 'object'
  | { enum: readonly (string | number)[] }
  | (new (...args: never[]) => object)
  | [new (...args: never[]) => object]
  | [StringConstructor]
  | [NumberConstructor];

/**
 * The one way to document a property that may be null: its real type and
 * `nullable`, so a client generated from the document gets `string | null`,
 * not the `object` TypeScript's reflected `Object` (from `T | null`) gives.
 * Required unless `required: false`: a response's nullable field is always
 * present, as null when it has no value.
 */
export function ApiNullable(type: NullableType, options: ApiPropertyOptions = {}): PropertyDecorator {
  const spec: ApiPropertyOptions =
    type === 'date' || type === 'date-time'
      ? { type: 'string', format: type }
      : type === 'object'
        ? { type: 'object', additionalProperties: true }
        : typeof type === 'string'
          ? { type }
          : Array.isArray(type)
            ? { type: [type[0]] }
            : 'enum' in type
              ? { enum: [...type.enum] }
              : { type };
  return ApiProperty({ ...spec, ...options, nullable: true } as ApiPropertyOptions);
}
