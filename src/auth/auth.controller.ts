import { Body, Controller, Get, HttpCode, Inject, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../platform/common/openapi.js';
import { localLoginEnabled, RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { UsersService } from '../users/users.service.js';
import { Access, CurrentUser, Public } from './access.decorator.js';
import type { AuthUser } from './auth-user.js';
import { ChangePasswordDto, LoginDto, MeDto, SignInOptionsDto, TokenDto } from './auth.dto.js';
import { AuthService, type IssuedToken } from './auth.service.js';
import { LoginRateLimitGuard } from './login-throttle.js';

const toTokenDto = ({ accessToken, tokenType, expiresIn }: IssuedToken): TokenDto => ({
  accessToken,
  tokenType,
  expiresIn,
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  @Get('options')
  @Public()
  @ApiOperation({ summary: 'How one may sign in here: e-mail and password, the municipality’s provider, or both' })
  @ApiOkResponse({ type: SignInOptionsDto })
  options(): SignInOptionsDto {
    const { OIDC_CLIENT_ID, OIDC_PROVIDER_NAME } = this.config.env;
    return {
      localLogin: localLoginEnabled(this.config),
      oidc: OIDC_CLIENT_ID ? { name: OIDC_PROVIDER_NAME, loginUrl: '/api/auth/oidc/login' } : null,
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
      'TOO_MANY_LOGIN_ATTEMPTS). A one-time password answers 403 PASSWORD_CHANGE_REQUIRED: change it first.',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiProblems(400, 401, 403, 429)
  async login(@Body() body: LoginDto, @Ip() ip: string): Promise<TokenDto> {
    return toTokenDto(await this.auth.login(body.email, body.password, ip));
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
  async changePassword(@Body() body: ChangePasswordDto, @Ip() ip: string): Promise<TokenDto> {
    return toTokenDto(await this.auth.changePassword(body.email, body.currentPassword, body.newPassword, ip));
  }

  @Get('me')
  @Access('any')
  @ApiOperation({ summary: 'The signed-in user, with roles and administration' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.users.describe(user.id);
  }
}
