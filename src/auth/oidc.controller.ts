import { Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../platform/common/app-error.js';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { Public } from './access.decorator.js';
import { publicBase } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { OidcService, OidcSignInError } from './oidc.service.js';
import {
  clearTransactionCookie,
  cookiesOf,
  isSecure,
  OIDC_TX_COOKIE,
  setSessionCookies,
  setTransactionCookie,
} from './session-cookie.js';

/** Only paths inside the app itself: never another site (no open redirect). */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/api/') ? value : '/';
}

/**
 * The browser's sign-in through the municipality's identity provider:
 * /login sends the browser there, /callback completes it and gives the
 * browser Byløft's own session cookie. A refusal sends the browser back to
 * the app with ?signInError=<code>, which the sign-in page explains.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  private readonly logger = new Logger('OidcSignIn');

  constructor(
    private readonly oidc: OidcService,
    private readonly auth: AuthService,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  @Get('login')
  @Public()
  @ApiOperation({
    summary: 'Start signing in through the identity provider (a browser navigation, answered 302)',
    description: 'Authorization code flow with PKCE, state and nonce; the provider is found by discovery.',
  })
  @ApiQuery({ name: 'returnTo', required: false, description: 'A path in the app to land on afterwards' })
  @ApiQuery({ name: 'login_hint', required: false })
  @ApiResponse({ status: 302, description: 'To the provider' })
  async login(
    @Query('returnTo') returnTo: unknown,
    @Query('login_hint') loginHint: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const secure = isSecure(req, this.config.env.PUBLIC_URL);
    try {
      const { url, transaction } = await this.oidc.begin(
        this.redirectUri(req),
        safeReturnTo(returnTo),
        typeof loginHint === 'string' && loginHint.length <= 254 ? loginHint : undefined,
      );
      setTransactionCookie(res, transaction, secure);
      res.redirect(302, url.toString());
    } catch (err) {
      this.refuse(res, err);
    }
  }

  @Get('callback')
  @Public()
  @ApiOperation({
    summary: "The identity provider's redirect back (a browser navigation, answered 302)",
    description:
      'Checks state, issuer, PKCE and nonce, maps the claims to roles and administration, creates or updates the ' +
      'user, sets the session cookie and sends the browser on; a refusal goes to /?signInError=<code>.',
  })
  @ApiResponse({ status: 302, description: 'Into the app, or back to its sign-in page with the reason' })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const secure = isSecure(req, this.config.env.PUBLIC_URL);
    clearTransactionCookie(res, secure);
    try {
      const current = new URL(req.originalUrl, `${publicBase(req, this.config)}/`);
      const { claims, returnTo } = await this.oidc.complete(current, cookiesOf(req)[OIDC_TX_COOKIE]);
      const issued = await this.auth.signInWithProvider(claims);
      setSessionCookies(res, {
        token: issued.accessToken,
        csrf: issued.csrf!,
        maxAgeSeconds: issued.expiresIn,
        secure,
      });
      res.redirect(302, returnTo);
    } catch (err) {
      this.refuse(res, err);
    }
  }

  private redirectUri(req: Request): string {
    return `${publicBase(req, this.config)}/api/auth/oidc/callback`;
  }

  /** Back to the app's sign-in page with the reason, in words the page has in Danish and English. */
  private refuse(res: Response, err: unknown): void {
    let code: string;
    if (err instanceof OidcSignInError) code = err.refusal;
    else if (err instanceof AppError && err.status < 500) code = 'OIDC_ACCOUNT_REFUSED';
    else {
      this.logger.error({ err }, 'OpenID Connect sign-in failed');
      code = 'OIDC_PROVIDER_ERROR';
    }
    this.logger.warn(`Sign-in through the provider refused: ${code}: ${(err as Error).message}`);
    const detail = err instanceof Error ? err.message.slice(0, 300) : '';
    res.redirect(302, `/?${new URLSearchParams({ signInError: code, detail }).toString()}`);
  }
}
