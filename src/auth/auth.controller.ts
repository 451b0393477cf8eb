import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../platform/common/openapi.js';
import { UsersService } from '../users/users.service.js';
import { Access, CurrentUser, Public } from './access.decorator.js';
import type { AuthUser } from './auth-user.js';
import { LoginDto, MeDto, TokenDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description: 'Open to anyone. Repeated failures lock the account for a growing while (429).',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiProblems(400, 401, 429)
  login(@Body() body: LoginDto): Promise<TokenDto> {
    return this.auth.login(body.email, body.password);
  }

  @Get('me')
  @Access('any')
  @ApiOperation({ summary: 'The signed-in user, with roles and administration' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.users.describe(user.id);
  }
}
