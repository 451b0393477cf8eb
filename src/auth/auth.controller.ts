import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems } from '../platform/common/openapi.js';
import { localLoginEnabled, RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { UsersService } from '../users/users.service.js';
import { Access, CurrentUser, Public } from './access.decorator.js';
import type { AuthUser } from './auth-user.js';
import { ChangePasswordDto, LoginDto, LogoutDto, MeDto, SignInOptionsDto, TokenDto } from './auth.dto.js';
import { AuthService, type IssuedToken } from './auth.service.js';
import { LoginRateLimitGuard } from './login-throttle.js';
import { OidcService } from './oidc.service.js';
import { clearSessionCookies, isSecure, readCredential, setSessionCookies } from './session-cookie.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly oidc: OidcService,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  @Get('options')
  @Public()
  @ApiOperation({ summary: 'How one may sign in here: e-mail and password, the municipality’s provider, or both' })
  @ApiOkResponse({ type: SignInOptionsDto })
  options(): SignInOptionsDto {
    return {
      localLogin: localLoginEnabled(this.config),
      oidc: this.oidc.enabled ? { name: this.config.env.OIDC_PROVIDER_NAME, loginUrl: '/api/auth/oidc/login' } : null,
    };
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(LoginRateLimitGuard)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description:
      'Open to anyone. LOGIN_RATE_LIMIT attempts per address per window (429 TOO_MANY_REQUESTS); repeated ' +
      'failures lock the e-mail from that address for a growing while, at most 15 minutes (429 ' +
      'TOO_MANY_LOGIN_ATTEMPTS). A one-time password answers 403 PASSWORD_CHANGE_REQUIRED: change it first. ' +
      '403 LOCAL_LOGIN_DISABLED where LOCAL_LOGIN=false.',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiProblems(400, 401, 403, 429)
  async login(
    @Body() body: LoginDto,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenDto> {
    const session = body.session ?? 'bearer';
    return this.answer(await this.auth.login(body.email, body.password, ip, session), session, req, res);
  }

  @Post('change-password')
  @HttpCode(200)
  @Public()
  @UseGuards(LoginRateLimitGuard)
  @ApiOperation({
    summary: 'Choose a new password, proving the current one; signs you in',
    description: 'Open to anyone who knows the current password, under the same limits and locks as sign-in.',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiProblems(400, 401, 403, 429)
  async changePassword(
    @Body() body: ChangePasswordDto,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenDto> {
    const session = body.session ?? 'bearer';
    const issued = await this.auth.changePassword(body.email, body.currentPassword, body.newPassword, ip, session);
    return this.answer(issued, session, req, res);
  }

  @Post('logout')
  @HttpCode(200)
  @Access('any')
  @ApiOperation({
    summary: 'Sign out: ends the browser session; for a provider sign-in, says where to end the provider’s too',
  })
  @ApiOkResponse({ type: LogoutDto })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LogoutDto> {
    const credential = readCredential(req);
    const origin = credential ? await this.auth.sessionOrigin(credential.token) : 'password';
    clearSessionCookies(res, isSecure(req, this.config.env.PUBLIC_URL));
    const redirectTo = origin === 'oidc' ? await this.oidc.endSessionUrl(`${publicBase(req, this.config)}/`) : null;
    return { redirectTo };
  }

  @Get('me')
  @Access('any')
  @ApiOperation({ summary: 'The signed-in user, with roles and administration' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.users.describe(user.id);
  }

  private answer(issued: IssuedToken, session: 'bearer' | 'cookie', req: Request, res: Response): TokenDto {
    if (session === 'bearer')
      return { accessToken: issued.accessToken, tokenType: 'Bearer', expiresIn: issued.expiresIn };
    setSessionCookies(res, {
      token: issued.accessToken,
      csrf: issued.csrf!,
      maxAgeSeconds: issued.expiresIn,
      secure: isSecure(req, this.config.env.PUBLIC_URL),
    });
    return { tokenType: 'Cookie', expiresIn: issued.expiresIn };
  }
}

/** The address users reach Byløft at: PUBLIC_URL, else the one this request came to. */
export function publicBase(req: Request, config: RuntimeConfig): string {
  if (config.env.PUBLIC_URL) return config.env.PUBLIC_URL.replace(/\/$/, '');
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
