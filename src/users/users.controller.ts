import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser } from '../auth/access.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { MasterDataChangeDto } from '../master-data/master-data.dto.js';
import {
  CreateUserDto,
  OneTimePasswordDto,
  ProjectLeaderDto,
  UpdateUserDto,
  UserDto,
  UserListQueryDto,
} from './user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access('administrator')
  @ApiOperation({ summary: 'List users: search name and e-mail (q), filter by role, administration, active' })
  @ApiOkResponse({ type: [UserDto] })
  @ApiProblems(400)
  list(@Query() query: UserListQueryDto): Promise<UserDto[]> {
    return this.users.search(query);
  }

  // Before ':id', which it would otherwise match.
  @Get('project-leaders')
  @Access('staff', 'administrator')
  @ApiOperation({
    summary: 'Active users with the role project_leader (id, name, e-mail)',
    description:
      "For naming a project's leader when proposing it (projectLeaderId). Staff and administrators; nothing else " +
      'about users is shown.',
  })
  @ApiOkResponse({ type: [ProjectLeaderDto] })
  @ApiProblems(401, 403)
  projectLeaders(): Promise<ProjectLeaderDto[]> {
    return this.users.projectLeaders();
  }

  @Get(':id')
  @Access('administrator')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.describe(id);
  }

  @Get(':id/history')
  @Access('administrator')
  @ApiOperation({
    summary: 'Every change to a user (roles, membership, deactivation, new password), who made it and when',
  })
  @ApiOkResponse({ type: [MasterDataChangeDto] })
  @ApiProblems(404)
  history(@Param('id', ParseUUIDPipe) id: string) {
    return this.users.history(id);
  }

  @Post()
  @Access('administrator')
  @ApiOperation({ summary: 'Create a user with roles and administration membership' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(400, 409)
  create(@Body() body: CreateUserDto, @CurrentUser() actor: AuthUser): Promise<UserDto> {
    return this.users.create(body, actor.id);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @Access('administrator')
  @ApiOperation({
    summary: 'Give a local account a one-time password (shown once); the user must change it at the next sign-in',
    description:
      'Local accounts only (409 for one that signs in through the identity provider). On the record. ' +
      'Tokens the user held stop working until they have changed it.',
  })
  @ApiOkResponse({ type: OneTimePasswordDto })
  @ApiProblems(404, 409)
  resetPassword(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser): Promise<OneTimePasswordDto> {
    return this.users.resetPassword(id, actor.id);
  }

  @Patch(':id')
  @Access('administrator')
  @ApiOperation({
    summary: 'Change roles, membership, name, password or deactivate',
    description: 'Send the version you read; a stale version answers 409 and changes nothing.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 409)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserDto> {
    return this.users.update(id, body, actor.id);
  }
}
