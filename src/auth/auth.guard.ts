import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError } from '../platform/common/app-error.js';
import { ACCESS_KEY, type AccessRule } from './access.decorator.js';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { readCredential } from './session-cookie.js';
import { UserCache } from './user-cache.js';

/**
 * Global guard: every route must declare its access (@Public or @Access).
 * No valid token → 401; valid token without the role → 403. A route that
 * forgot to declare is closed to everyone but administrators, never open.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly users: UserCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule && 'public' in rule) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    // A bearer header (API clients) or the browser's session cookie, whose writes must carry its CSRF token.
    const credential = readCredential(req);
    if (!credential)
      throw new AppError('UNAUTHENTICATED', 'Sign in first: send an Authorization: Bearer <token> header.');
    // A cookie write is checked against its CSRF token every time; everything else may reuse the brief user cache.
    const user =
      credential.csrf !== undefined
        ? await this.auth.authenticate(credential.token, credential.csrf)
        : await this.users.get(credential.token, (token) => this.auth.authenticate(token));
    req.user = user;
    const roles = rule ? rule.roles : (['administrator'] as const);
    if (roles === 'any' || roles.some((r) => user.roles.includes(r))) return true;
    throw new AppError('FORBIDDEN', `This action needs one of the roles: ${roles.join(', ')}.`, {
      requiredRoles: roles,
    });
  }
}
