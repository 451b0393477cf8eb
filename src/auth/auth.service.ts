import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { needsAdministration, sameRoles } from '#domain';
import { AppError } from '../platform/common/app-error.js';
import { localLoginEnabled, RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { Administration } from '../master-data/administration.entity.js';
import { hashPassword, verifyPassword } from '../users/password.js';
import { recordUserEvent } from '../users/user-record.js';
import { User } from '../users/user.entity.js';
import type { AuthUser } from './auth-user.js';
import { LoginFailures } from './login-failures.js';
import { newCsrfToken } from './session-cookie.js';
import { TokenService, type VerifiedToken } from './token.service.js';

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

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  userId: string;
  /** For a browser (cookie) session: the CSRF token it must send back on writes. */
  csrf: string | null;
}

/** How the client will hold the session: a bearer token (API clients) or the HttpOnly cookie (the web app). */
export type SessionKind = 'bearer' | 'cookie';

/** What the provider said about a user who signed in through OpenID Connect, mapped to Byløft's terms. */
export type ExternalIdentity = Omit<Extract<VerifiedToken, { kind: 'oidc' }>, 'kind'>;

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Administration) private readonly administrations: Repository<Administration>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly tokens: TokenService,
    private readonly failures: LoginFailures,
  ) {}

  /** E-mail and password; `source` is the address the attempt came from (locks are per account and source). */
  async login(email: string, password: string, source: string, kind: SessionKind = 'bearer'): Promise<IssuedToken> {
    const user = await this.checkPassword(email, password, source);
    if (user.mustChangePassword)
      throw new AppError(
        'PASSWORD_CHANGE_REQUIRED',
        'Your password is a one-time password: choose your own with POST /api/auth/change-password before signing in.',
      );
    return this.startSession(user.id, kind, 'password');
  }

  /**
   * Replaces a password (the one-time one after create-admin or a reset, or
   * any time): the current one proves who it is, under the same locks as
   * sign-in. Signs the user in.
   */
  async changePassword(
    email: string,
    currentPassword: string,
    newPassword: string,
    source: string,
    kind: SessionKind = 'bearer',
  ): Promise<IssuedToken> {
    if (newPassword === currentPassword)
      throw new AppError('VALIDATION_FAILED', 'The new password must differ from the current one.', {
        errors: [{ field: 'newPassword', messages: ['newPassword must differ from currentPassword'] }],
      });
    const user = await this.checkPassword(email, currentPassword, source);
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE "app_user" SET "password_hash" = $2, "must_change_password" = false, "version" = "version" + 1,
                "updated_at" = now() WHERE "id" = $1`,
        [user.id, passwordHash],
      );
      await recordUserEvent(m, {
        userId: user.id,
        event: 'password_changed',
        channel: 'api',
        actorId: user.id,
        detail: { wasOneTime: user.mustChangePassword },
      });
    });
    await this.failures.clearAll(user.email);
    return this.startSession(user.id, kind, 'password');
  }

  /**
   * A browser sign-in through the provider completed: the user (created or brought up to date) gets a cookie session.
   */
  async signInWithProvider(claims: Record<string, unknown>): Promise<IssuedToken> {
    const identity = this.tokens.mapOidcClaims(claims);
    const user = await this.upsertOidcUser(identity);
    if (!user.active) throw new AppError('FORBIDDEN', 'Your Byløft account is deactivated. Ask an administrator.');
    return this.startSession(user.id, 'cookie', 'oidc');
  }

  /** How a session began, read from its token (for sign-out: a provider session is ended there too). */
  async sessionOrigin(token: string): Promise<'password' | 'oidc' | 'provider-token'> {
    const verified = await this.tokens.verify(token).catch(() => null);
    if (!verified) return 'password';
    return verified.kind === 'local' ? verified.via : 'provider-token';
  }

  /** Issues Byløft's own token and notes the sign-in. */
  async startSession(userId: string, kind: SessionKind, via: 'password' | 'oidc'): Promise<IssuedToken> {
    await this.dataSource.query(`UPDATE "app_user" SET "last_sign_in_at" = now() WHERE "id" = $1`, [userId]);
    const csrf = kind === 'cookie' ? newCsrfToken() : null;
    const { accessToken, expiresIn } = await this.tokens.issue(userId, { csrf: csrf ?? undefined, via });
    return { accessToken, tokenType: 'Bearer', expiresIn, userId, csrf };
  }

  private async checkPassword(email: string, password: string, source: string): Promise<User> {
    if (!localLoginEnabled(this.config))
      throw new AppError(
        'LOCAL_LOGIN_DISABLED',
        'Sign-in with e-mail and password is turned off here (LOCAL_LOGIN=false): sign in through the provider.',
      );
    const key = email.trim().toLowerCase();
    const locked = await this.failures.lockedFor(key, source);
    if (locked) throw tooManyAttempts(locked);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: key })
      .getOne();
    let ok = false;
    if (user?.passwordHash && user.active) {
      ok = await verifyPassword(user.passwordHash, password);
    } else {
      dummyHash ??= hashPassword('byloeft-timing-equaliser');
      await verifyPassword(await dummyHash, password).catch(() => false);
    }
    if (!ok || !user) {
      // Known or unknown e-mail alike: counted, and locked, the same way.
      await this.failures.record(key, source);
      throw new AppError('INVALID_CREDENTIALS', 'The e-mail or password is wrong.');
    }
    await this.failures.clear(key, source);
    return user;
  }

  /**
   * Resolves a token to an active user (creating or updating users known
   * through OIDC). `csrf`: for a write through the session cookie, the
   * X-CSRF-Token sent (null when none), which must be the session's.
   */
  async authenticate(token: string, csrf?: string | null): Promise<AuthUser> {
    const verified = await this.tokens.verify(token);
    if (csrf !== undefined && (verified.kind !== 'local' || !verified.csrf || verified.csrf !== csrf))
      throw new AppError(
        'FORBIDDEN',
        'This request changes something but lacks the session’s CSRF token (X-CSRF-Token): reload the page and try ' +
          'again.',
        { reason: 'CSRF' },
      );
    const user =
      verified.kind === 'local'
        ? await this.users.findOne({ where: { id: verified.userId } })
        : await this.upsertOidcUser(verified);
    if (!user || !user.active)
      throw new AppError('UNAUTHENTICATED', 'The account behind this token does not exist or is deactivated.');
    if (verified.kind === 'local' && user.mustChangePassword)
      throw new AppError(
        'UNAUTHENTICATED',
        'The password was reset: sign in with the one-time password and change it.',
      );
    return toAuthUser(user);
  }

  /**
   * The user behind an OpenID Connect identity: created on first sign-in
   * (on the record, with the provider as origin), roles and administration
   * brought up to date on later ones.
   */
  async upsertOidcUser(v: ExternalIdentity): Promise<User> {
    const administration = v.administrationCode
      ? await this.administrations.findOne({ where: { code: v.administrationCode } })
      : null;
    const administrationId = administration?.id ?? null;
    if (needsAdministration(v.roles, administrationId)) {
      // Staff must belong to an administration (CHK_app_user_staff_has_administration): refuse clearly, not with a 500.
      throw new AppError(
        'FORBIDDEN',
        v.administrationCode
          ? `Your sign-in gives you the staff role, but administration "${v.administrationCode}" is not known to ` +
              `Byløft. Ask an administrator.`
          : 'Your sign-in gives you the staff role, but names no administration. Ask an administrator.',
      );
    }
    const existing = await this.users.findOne({ where: { externalIssuer: v.issuer, externalSubject: v.subject } });
    if (existing) {
      if (!sameRoles(existing.roles, v.roles) || existing.administrationId !== administrationId) {
        await this.dataSource.transaction(async (m) => {
          await m.update(User, existing.id, { roles: v.roles, administrationId, version: existing.version + 1 });
          await recordUserEvent(m, {
            userId: existing.id,
            event: 'roles_synced',
            channel: 'oidc',
            actorDescription: `identity provider ${v.issuer}`,
            detail: {
              before: { roles: existing.roles, administrationId: existing.administrationId },
              after: { roles: v.roles, administrationId },
            },
          });
        });
        return { ...existing, roles: v.roles, administrationId, version: existing.version + 1 };
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
      return await this.dataSource.transaction(async (m) => {
        const created = await m.save(
          m.create(User, {
            email,
            displayName: v.name ?? email,
            roles: v.roles,
            administrationId,
            externalIssuer: v.issuer,
            externalSubject: v.subject,
            passwordHash: null,
          }),
        );
        await recordUserEvent(m, {
          userId: created.id,
          event: 'created',
          channel: 'oidc',
          actorDescription: `identity provider ${v.issuer}`,
          detail: { origin: 'oidc', issuer: v.issuer, subject: v.subject, roles: v.roles, administrationId },
        });
        return created;
      });
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

function tooManyAttempts(seconds: number): AppError {
  return new AppError(
    'TOO_MANY_LOGIN_ATTEMPTS',
    `Too many failed sign-ins for this account from your address; try again in ${seconds} seconds.`,
    { retryAfterSeconds: seconds },
    { 'Retry-After': String(seconds) },
  );
}
