import { Inject, Injectable, Logger } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import * as client from 'openid-client';
import { AppError } from '../platform/common/app-error.js';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';

/** Why a browser sign-in through the provider was refused: the web app says each in Danish and English. */
export type OidcRefusal =
  | 'OIDC_NOT_CONFIGURED'
  | 'OIDC_NO_SIGN_IN_STARTED'
  | 'OIDC_STATE_MISMATCH'
  | 'OIDC_ISSUER_MISMATCH'
  | 'OIDC_CODE_EXPIRED'
  | 'OIDC_GRANT_REFUSED'
  | 'OIDC_PROVIDER_ERROR'
  | 'OIDC_TOKEN_INVALID'
  | 'OIDC_PROVIDER_UNREACHABLE'
  | 'OIDC_ACCOUNT_REFUSED';

export class OidcSignInError extends Error {
  constructor(
    readonly refusal: OidcRefusal,
    message: string,
  ) {
    super(message);
  }
}

interface Transaction {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

const TX_TYPE = 'byloeft-oidc-transaction';

/** Loopback issuers (a provider on this machine, as in the tests) may use plain HTTP; every other must be https. */
function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * The browser sign-in through the municipality's OpenID Connect provider,
 * with openid-client (certified): discovery from OIDC_ISSUER, the
 * authorization code flow with PKCE, state and nonce; the provider's tokens
 * stay here (the browser gets Byløft's own session). Discovery is done on
 * first use and kept; a failed one is tried again on the next sign-in.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('Oidc');
  private discovered: Promise<client.Configuration> | null = null;
  private readonly secret: Uint8Array;

  constructor(@Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig) {
    this.secret = new TextEncoder().encode(config.jwtSecret);
  }

  get enabled(): boolean {
    return Boolean(this.config.env.OIDC_ISSUER && this.config.env.OIDC_CLIENT_ID);
  }

  /** The provider's configuration from discovery ({issuer}/.well-known/openid-configuration). */
  configuration(): Promise<client.Configuration> {
    const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = this.config.env;
    if (!OIDC_ISSUER) throw new OidcSignInError('OIDC_NOT_CONFIGURED', 'OIDC_ISSUER is not set.');
    this.discovered ??= (async () => {
      const issuer = new URL(OIDC_ISSUER);
      const insecure = issuer.protocol === 'http:' && isLoopback(issuer);
      return client.discovery(
        issuer,
        OIDC_CLIENT_ID ?? 'byloeft',
        OIDC_CLIENT_SECRET,
        OIDC_CLIENT_SECRET ? client.ClientSecretBasic(OIDC_CLIENT_SECRET) : client.None(),
        insecure ? { execute: [client.allowInsecureRequests] } : undefined,
      );
    })().catch((err: unknown) => {
      this.discovered = null;
      this.logger.error({ err }, `OpenID Connect discovery at ${OIDC_ISSUER} failed`);
      const message = (err as Error).message;
      throw new OidcSignInError(
        /issuer/.test(message) ? 'OIDC_ISSUER_MISMATCH' : 'OIDC_PROVIDER_UNREACHABLE',
        `The identity provider's configuration could not be used from ${OIDC_ISSUER}: ${message}`,
      );
    });
    return this.discovered;
  }

  /** The JWKS address from discovery, for bearer tokens from the provider (OIDC_JWKS_URL overrides it). */
  async jwksUri(): Promise<URL> {
    const uri = (await this.configuration()).serverMetadata().jwks_uri;
    if (!uri) throw new AppError('UNAUTHENTICATED', 'The identity provider publishes no signing keys (jwks_uri).');
    return new URL(uri);
  }

  /** Where to send the browser, and the signed transaction to keep in its cookie until the callback. */
  async begin(redirectUri: string, returnTo: string, loginHint?: string): Promise<{ url: URL; transaction: string }> {
    if (!this.enabled)
      throw new OidcSignInError('OIDC_NOT_CONFIGURED', 'Sign-in through the provider is not configured here.');
    const config = await this.configuration();
    const tx: Transaction = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo,
    };
    const params: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: this.scopes(),
      code_challenge: await client.calculatePKCECodeChallenge(tx.verifier),
      code_challenge_method: 'S256',
      state: tx.state,
      nonce: tx.nonce,
    };
    if (loginHint) params.login_hint = loginHint;
    const transaction = await new SignJWT({ ...tx })
      .setProtectedHeader({ alg: 'HS256', typ: TX_TYPE })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(this.secret);
    return { url: client.buildAuthorizationUrl(config, params), transaction };
  }

  /**
   * Completes the sign-in: checks the answer against the transaction (state,
   * issuer), redeems the code with the PKCE verifier, checks the ID token
   * (signature from the JWKS, issuer, audience, nonce, expiry) and reads the
   * claims (ID token and userinfo). The tokens themselves go no further.
   */
  async complete(
    currentUrl: URL,
    transactionCookie: string | undefined,
  ): Promise<{ claims: Record<string, unknown>; returnTo: string }> {
    if (!this.enabled)
      throw new OidcSignInError('OIDC_NOT_CONFIGURED', 'Sign-in through the provider is not configured here.');
    const tx = await this.readTransaction(transactionCookie);
    const config = await this.configuration();
    const error = currentUrl.searchParams.get('error');
    if (error && currentUrl.searchParams.get('state') === tx.state)
      throw new OidcSignInError(
        'OIDC_PROVIDER_ERROR',
        `The identity provider refused the sign-in: ${currentUrl.searchParams.get('error_description') ?? error}`,
      );
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: tx.verifier,
        expectedState: tx.state,
        expectedNonce: tx.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw this.classify(err);
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new OidcSignInError('OIDC_TOKEN_INVALID', 'The identity provider sent no ID token.');
    let claims: Record<string, unknown> = { ...idClaims };
    if (config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims };
      } catch (err) {
        throw this.classify(err);
      }
    }
    return { claims, returnTo: tx.returnTo };
  }

  /** The provider's end-session address (RP-initiated logout), where it has one; else null. */
  async endSessionUrl(postLogoutRedirectUri: string): Promise<string | null> {
    if (!this.enabled) return null;
    try {
      const config = await this.configuration();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return client
        .buildEndSessionUrl(config, {
          client_id: this.config.env.OIDC_CLIENT_ID!,
          post_logout_redirect_uri: postLogoutRedirectUri,
        })
        .toString();
    } catch {
      return null; // the provider is unreachable: Byløft's own session still ends
    }
  }

  private scopes(): string {
    const scopes = new Set(this.config.env.OIDC_SCOPES.split(/\s+/).filter(Boolean));
    scopes.add('openid');
    return [...scopes].join(' ');
  }

  private async readTransaction(cookie: string | undefined): Promise<Transaction> {
    if (!cookie)
      throw new OidcSignInError(
        'OIDC_NO_SIGN_IN_STARTED',
        'No sign-in was started from this browser (or it took longer than 10 minutes): start again.',
      );
    try {
      const { payload } = await jwtVerify(cookie, this.secret, { typ: TX_TYPE, algorithms: ['HS256'] });
      return payload as unknown as Transaction;
    } catch {
      throw new OidcSignInError(
        'OIDC_NO_SIGN_IN_STARTED',
        'The sign-in started from this browser has expired or is not valid: start again.',
      );
    }
  }

  private classify(err: unknown): OidcSignInError {
    if (err instanceof OidcSignInError) return err;
    const e = err as { message?: string; error?: string; error_description?: string; cause?: { message?: string } };
    // openid-client wraps the check that failed (e.g. 'unexpected "state" response parameter value') as the cause.
    const message = [e.message ?? String(err), e.cause?.message].filter(Boolean).join(': ');
    this.logger.warn({ err }, `OpenID Connect sign-in refused: ${message}`);
    if (/"state"/.test(message))
      return new OidcSignInError(
        'OIDC_STATE_MISMATCH',
        'The answer from the identity provider does not belong to the sign-in started in this browser (state): start ' +
          'again.',
      );
    if (/"iss"|issuer/.test(message))
      return new OidcSignInError(
        'OIDC_ISSUER_MISMATCH',
        `The answer did not come from the configured identity provider (${this.config.env.OIDC_ISSUER}).`,
      );
    if (e.error === 'invalid_grant' && /expired/i.test(e.error_description ?? ''))
      return new OidcSignInError(
        'OIDC_CODE_EXPIRED',
        'The sign-in code from the identity provider has expired: start again.',
      );
    if (e.error === 'invalid_grant')
      return new OidcSignInError(
        'OIDC_GRANT_REFUSED',
        'The identity provider refused the sign-in code (invalid_grant): it has expired, was used already, or does ' +
          'not ' +
          'match the proof of this sign-in (PKCE). Start again.',
      );
    if (e.error)
      return new OidcSignInError(
        'OIDC_PROVIDER_ERROR',
        `The identity provider refused: ${e.error_description ?? e.error}`,
      );
    if (/nonce/.test(message))
      return new OidcSignInError('OIDC_TOKEN_INVALID', 'The ID token does not belong to this sign-in (nonce).');
    return new OidcSignInError('OIDC_TOKEN_INVALID', `The answer from the identity provider was not valid: ${message}`);
  }
}
