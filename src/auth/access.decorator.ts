import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Role } from '#domain';
import { ApiProblems } from '../platform/common/openapi.js';
import type { AuthUser } from './auth-user.js';

export const ACCESS_KEY = 'byloeft:access';
export type AccessRule = { public: true } | { roles: Role[] | 'any' };

/** Open to anyone, no token needed (x-roles: ["anyone"] in the OpenAPI document). */
export const Public = () =>
  applyDecorators(SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule), ApiExtension('x-roles', ['anyone']));

/**
 * Who may call an endpoint: any signed-in user ('any') or the listed roles.
 * Stated on every endpoint and shown in the OpenAPI document (x-roles).
 */
export function Access(...roles: Role[] | ['any']) {
  const rule: AccessRule = { roles: roles[0] === 'any' ? 'any' : (roles as Role[]) };
  return applyDecorators(
    SetMetadata(ACCESS_KEY, rule),
    ApiBearerAuth(),
    ApiExtension('x-roles', rule.roles === 'any' ? ['any signed-in user'] : rule.roles),
    ApiProblems(...(rule.roles === 'any' ? [401] : [401, 403])),
  );
}

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
