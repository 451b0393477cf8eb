import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '#domain';
import { AdministrationRefDto } from '../auth/auth.dto.js';
import { ApiNullable } from '../platform/common/openapi.js';

const ROLE_MESSAGE = `each value in roles must be one of: ${ROLES.join(', ')}`;

export class CreateUserDto {
  @ApiProperty({ example: 'kim@kk.dk' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Kim Hansen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiPropertyOptional({ description: 'At least 12 characters. Omit for users who sign in through OpenID Connect.' })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password?: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: ROLE_MESSAGE })
  roles: Role[];

  @ApiNullable('string', { description: 'Required for staff; the administration the user belongs to', required: false })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4', { message: 'administrationId must be a UUID' })
  administrationId?: string | null;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: ROLE_MESSAGE })
  roles?: Role[];

  @ApiNullable('string', { required: false })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4', { message: 'administrationId must be a UUID' })
  administrationId?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiNullable(AdministrationRefDto) administration: AdministrationRefDto | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Signs in through OpenID Connect' }) external: boolean;
  @ApiProperty({
    enum: ['local', 'oidc'],
    description: 'local: e-mail and password; oidc: the municipality’s provider',
  })
  origin: 'local' | 'oidc';
  @ApiNullable('date-time', { description: 'The last successful sign-in' })
  lastSignInAt: string | null;
  @ApiProperty({ description: 'Holds a one-time password: must choose a new one at the next sign-in' })
  mustChangePassword: boolean;
  @ApiProperty() version: number;
}

export class OneTimePasswordDto {
  @ApiProperty({ description: 'Shown once: give it to the user, who must change it at the next sign-in' })
  oneTimePassword: string;
}

/** A user who may lead a project: what staff need to name one in a proposal. */
export class ProjectLeaderDto {
  @ApiProperty({ description: 'Send it as projectLeaderId when proposing a project', format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Pia Projektleder' }) displayName: string;
  @ApiProperty({ example: 'pia@kk.dk' }) email: string;
}

/** Search and filters for the administrators' list of users (GET /api/users). */
export class UserListQueryDto {
  @ApiPropertyOptional({ description: 'Search in name and e-mail (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'Only users with this role' })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'Only members of this administration' })
  @IsOptional()
  @IsUUID('4', { message: 'administrationId must be a UUID' })
  administrationId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only active (true) or deactivated (false) users' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'active must be true or false' })
  active?: 'true' | 'false';
}
