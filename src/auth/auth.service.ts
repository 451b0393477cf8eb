import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AppError } from '../platform/common/app-error.js';
import { Administration } from '../master-data/administration.entity.js';
import { hashPassword, verifyPassword } from '../users/password.js';
import { User } from '../users/user.entity.js';
import type { AuthUser } from './auth-user.js';
import { TokenService, type VerifiedToken } from './token.service.js';

/** Failed logins allowed before the account is locked for a while. */
export const FREE_LOGIN_ATTEMPTS = 5;
const BASE_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;

/** A hash to verify against when the e-mail is unknown, so timing does not tell. */
let dummyHash: Promise<string> | null = null;

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    administrationId: user.administrationId,
  };
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Administration) private readonly administrations: Repository<Administration>,
    private readonly tokens: TokenService,
  ) {}

  async login(
    email: string,
    password: string,
  ): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    const user = await this.users.findOne({
      where: { email: email.trim().toLowerCase() },
      select: { id: true, passwordHash: true, active: true, failedLogins: true, lockedUntil: true },
    });
    if (!user || !user.passwordHash || !user.active) {
      dummyHash ??= hashPassword('byloeft-timing-equaliser');
      await verifyPassword(await dummyHash, password).catch(() => false);
      throw new AppError('INVALID_CREDENTIALS', 'The e-mail or password is wrong.');
    }
    const now = Date.now();
    if (user.lockedUntil && user.lockedUntil.getTime() > now) {
      const retryAfter = Math.ceil((user.lockedUntil.getTime() - now) / 1000);
      throw new AppError(
        'TOO_MANY_LOGIN_ATTEMPTS',
        `Too many failed logins for this account; try again in ${retryAfter} seconds.`,
        { retryAfterSeconds: retryAfter },
        { 'Retry-After': String(retryAfter) },
      );
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const failed = user.failedLogins + 1;
      const lockSeconds =
        failed >= FREE_LOGIN_ATTEMPTS
          ? Math.min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** (failed - FREE_LOGIN_ATTEMPTS))
          : 0;
      await this.users.update(user.id, {
        failedLogins: failed,
        lockedUntil: lockSeconds ? new Date(now + lockSeconds * 1000) : null,
      });
      throw new AppError('INVALID_CREDENTIALS', 'The e-mail or password is wrong.');
    }
    if (user.failedLogins > 0 || user.lockedUntil)
      await this.users.update(user.id, { failedLogins: 0, lockedUntil: null });
    const { accessToken, expiresIn } = await this.tokens.issue(user.id);
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }

  /** Resolves a bearer token to an active user (creating or updating users known through OIDC). */
  async authenticate(token: string): Promise<AuthUser> {
    const verified = await this.tokens.verify(token);
    const user =
      verified.kind === 'local'
        ? await this.users.findOne({ where: { id: verified.userId } })
        : await this.upsertOidcUser(verified);
    if (!user || !user.active)
      throw new AppError('UNAUTHENTICATED', 'The account behind this token does not exist or is deactivated.');
    return toAuthUser(user);
  }

  private async upsertOidcUser(v: Extract<VerifiedToken, { kind: 'oidc' }>): Promise<User> {
    const administration = v.administrationCode
      ? await this.administrations.findOne({ where: { code: v.administrationCode } })
      : null;
    const administrationId = administration?.id ?? null;
    if (v.roles.includes('staff') && !administrationId) {
      // Staff must belong to an administration (CHK_app_user_staff_has_administration): refuse clearly, not with a 500.
      throw new AppError(
        'FORBIDDEN',
        v.administrationCode
          ? `Your sign-in gives you the staff role, but administration "${v.administrationCode}" is not known to Byløft. Ask an administrator.`
          : 'Your sign-in gives you the staff role, but names no administration. Ask an administrator.',
      );
    }
    const existing = await this.users.findOne({ where: { externalIssuer: v.issuer, externalSubject: v.subject } });
    if (existing) {
      const sameRoles = existing.roles.length === v.roles.length && existing.roles.every((r) => v.roles.includes(r));
      if (!sameRoles || existing.administrationId !== administrationId) {
        await this.users.update(existing.id, { roles: v.roles, administrationId, version: existing.version + 1 });
        return { ...existing, roles: v.roles, administrationId };
      }
      return existing;
    }
    const email = v.email ?? `${v.subject}@${new URL(v.issuer).hostname}`;
    const clash = await this.users.findOne({ where: { email, externalSubject: IsNull() } });
    if (clash)
      throw new AppError(
        'CONFLICT',
        `A local account with e-mail ${email} already exists; an administrator must link it.`,
      );
    try {
      return await this.users.save(
        this.users.create({
          email,
          displayName: v.name ?? email,
          roles: v.roles,
          administrationId,
          externalIssuer: v.issuer,
          externalSubject: v.subject,
          passwordHash: null,
        }),
      );
    } catch (err) {
      // Parallel first requests with the same token: another one created the user a moment ago.
      if ((err as { driverError?: { code?: string } }).driverError?.code === '23505') {
        const created = await this.users.findOne({ where: { externalIssuer: v.issuer, externalSubject: v.subject } });
        if (created) return created;
      }
      throw err;
    }
  }
}
