import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ROLES, type Role } from '#domain';
import { AppError } from '../platform/common/app-error.js';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { OidcService } from './oidc.service.js';

const OWN_ISSUER = 'byloeft';

export type VerifiedToken =
  | {
      kind: 'local';
      userId: string;
      /** The CSRF token a cookie session must send back; absent in tokens for API clients. */
      csrf: string | null;
      /** How the session began: a password, or the provider (whose session sign-out also ends). */
      via: 'password' | 'oidc';
    }
  | {
      kind: 'oidc';
      issuer: string;
      subject: string;
      email: string | null;
      name: string | null;
      roles: Role[];
      administrationCode: string | null;
    };

/**
 * Issues Byløft's own short-lived bearer tokens (HS256), and verifies both
 * those and tokens from the municipality's OpenID Connect provider (checked
 * against the issuer's JWKS, claims mapped to roles and administration).
 */
@Injectable()
export class TokenService {
  private readonly secret: Uint8Array;
  private jwks: Promise<ReturnType<typeof createRemoteJWKSet>> | null = null;
  private readonly roleMap: Record<string, Role>;

  constructor(
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly oidc: OidcService,
  ) {
    this.secret = new TextEncoder().encode(config.jwtSecret);
    const { OIDC_ROLE_MAP } = config.env;
    // Without a configured map the provider's roles are Byløft's role names;
    // with one, only the mapped names count (so an IdP role that happens to be
    // called "administrator" grants nothing unless the map says so).
    const configured = OIDC_ROLE_MAP
      ? (JSON.parse(OIDC_ROLE_MAP) as Record<string, string>)
      : (Object.fromEntries(ROLES.map((r) => [r, r])) as Record<string, string>);
    this.roleMap = {};
    for (const [external, role] of Object.entries(configured)) {
      if ((ROLES as readonly string[]).includes(role)) this.roleMap[external] = role as Role;
    }
  }

  /** The provider's signing keys: OIDC_JWKS_URL, else the jwks_uri from discovery (never a guessed address). */
  private keys(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    const configured = this.config.env.OIDC_JWKS_URL;
    this.jwks ??= (configured ? Promise.resolve(new URL(configured)) : this.oidc.jwksUri()).then(
      (url) => createRemoteJWKSet(url),
      (err: unknown) => {
        this.jwks = null;
        throw err;
      },
    );
    return this.jwks;
  }

  async issue(
    userId: string,
    session: { csrf?: string; via?: 'password' | 'oidc' } = {},
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const expiresIn = this.config.env.JWT_TTL_SECONDS;
    const claims: Record<string, string> = { via: session.via ?? 'password' };
    if (session.csrf) claims.csrf = session.csrf;
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(OWN_ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.secret);
    return { accessToken, expiresIn };
  }

  async verify(token: string): Promise<VerifiedToken> {
    let header: { alg?: string };
    try {
      header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { alg?: string };
    } catch {
      throw this.invalid();
    }
    try {
      if (header.alg === 'HS256') {
        const { payload } = await jwtVerify(token, this.secret, {
          issuer: OWN_ISSUER,
          algorithms: ['HS256'],
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        this.checkLifetime(payload);
        return {
          kind: 'local',
          userId: payload.sub!,
          csrf: typeof payload.csrf === 'string' ? payload.csrf : null,
          via: payload.via === 'oidc' ? 'oidc' : 'password',
        };
      }
      if (!this.config.env.OIDC_ISSUER) throw this.invalid();
      const { payload } = await jwtVerify(token, await this.keys(), {
        issuer: this.config.env.OIDC_ISSUER,
        // The audience Byløft's tokens carry: OIDC_AUDIENCE, else Byløft's client id (validated at start: one is set).
        audience: this.config.env.OIDC_AUDIENCE ?? this.config.env.OIDC_CLIENT_ID,
        requiredClaims: ['exp'],
      });
      this.checkLifetime(payload);
      return this.mapOidcClaims(payload);
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof joseErrors.JWTExpired)
        throw new AppError('UNAUTHENTICATED', 'The access token has expired; sign in again.');
      if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'exp')
        throw new AppError(
          'UNAUTHENTICATED',
          'The bearer token has no expiry (exp); tokens that never expire are refused.',
        );
      throw this.invalid();
    }
  }

  /** A token must expire, and not later than TOKEN_MAX_LIFETIME_SECONDS after it was issued (or after now). */
  private checkLifetime(payload: JWTPayload): void {
    const max = this.config.env.TOKEN_MAX_LIFETIME_SECONDS;
    const issuedAt = typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number' || payload.exp - issuedAt > max)
      throw new AppError(
        'UNAUTHENTICATED',
        `The bearer token lives longer than the ${max} seconds allowed (TOKEN_MAX_LIFETIME_SECONDS); sign in again.`,
      );
  }

  /** The provider's claims in Byløft's terms: roles through OIDC_ROLE_MAP, the administration's code, e-mail, name. */
  mapOidcClaims(payload: JWTPayload): Extract<VerifiedToken, { kind: 'oidc' }> {
    const { OIDC_ROLES_CLAIM, OIDC_ADMINISTRATION_CLAIM, OIDC_ISSUER } = this.config.env;
    if (!payload.sub) throw this.invalid();
    const raw = claimAt(payload, OIDC_ROLES_CLAIM);
    const external = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
    const roles = [...new Set(external.map((r) => this.roleMap[r]).filter((r): r is Role => Boolean(r)))];
    const admin = claimAt(payload, OIDC_ADMINISTRATION_CLAIM);
    return {
      kind: 'oidc',
      issuer: OIDC_ISSUER!,
      subject: payload.sub,
      email: typeof payload.email === 'string' ? payload.email.toLowerCase() : null,
      name: typeof payload.name === 'string' ? payload.name : null,
      roles,
      administrationCode: typeof admin === 'string' ? admin : null,
    };
  }

  private invalid() {
    return new AppError('UNAUTHENTICATED', 'The bearer token is missing, malformed or not valid.');
  }
}

/** Reads a claim by a dotted path, e.g. "realm_access.roles". */
function claimAt(payload: JWTPayload, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      payload,
    );
}
