import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '#domain';
import { MIN_PASSWORD_LENGTH } from '../users/password.js';
import { ApiNullable } from '../platform/common/openapi.js';

export class LoginDto {
  @ApiProperty({ example: 'tmf@demo.byloeft.dk' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'byloeft-demo' })
  @IsString({ message: 'password must be a string' })
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({
    enum: ['bearer', 'cookie'],
    default: 'bearer',
    description:
      'bearer: the token in the answer (API clients). cookie: an HttpOnly session cookie and a CSRF cookie ' +
      '(the web app); the answer then carries no token.',
  })
  @IsOptional()
  @IsIn(['bearer', 'cookie'], { message: 'session must be bearer or cookie' })
  session?: 'bearer' | 'cookie';
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'a@kommune.dk' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ description: 'The current password (the one-time password after create-admin or a reset)' })
  @IsString({ message: 'currentPassword must be a string' })
  @MinLength(1, { message: 'currentPassword must not be empty' })
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ description: `At least ${MIN_PASSWORD_LENGTH} characters, not the current one` })
  @IsString({ message: 'newPassword must be a string' })
  @MinLength(MIN_PASSWORD_LENGTH, { message: `newPassword must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(200)
  newPassword: string;

  @ApiPropertyOptional({
    enum: ['bearer', 'cookie'],
    default: 'bearer',
    description:
      'bearer: the token in the answer (API clients). cookie: an HttpOnly session cookie and a CSRF cookie ' +
      '(the web app); the answer then carries no token.',
  })
  @IsOptional()
  @IsIn(['bearer', 'cookie'], { message: 'session must be bearer or cookie' })
  session?: 'bearer' | 'cookie';
}

export class OidcOptionDto {
  @ApiProperty({ example: 'kommunens login' }) name: string;
  @ApiProperty({ example: '/api/auth/oidc/login' }) loginUrl: string;
}

export class SignInOptionsDto {
  @ApiProperty({ description: 'E-mail and password sign-in is on (LOCAL_LOGIN)' }) localLogin: boolean;
  @ApiNullable(OidcOptionDto, {
    description: "The municipality's provider, when browser sign-in through it is configured",
  })
  oidc: { name: string; loginUrl: string } | null;
}

export class TokenDto {
  @ApiPropertyOptional({ description: 'Signed, expiring bearer token (not with session: cookie)' })
  accessToken?: string;
  @ApiProperty({ enum: ['Bearer', 'Cookie'], example: 'Bearer' }) tokenType: 'Bearer' | 'Cookie';
  @ApiProperty({ description: 'Seconds until it expires', example: 28800 }) expiresIn: number;
}

export class AdministrationRefDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'TMF' }) code: string;
  @ApiProperty({ example: 'Teknik- og Miljøforvaltningen' }) name: string;
}

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiNullable(AdministrationRefDto) administration: AdministrationRefDto | null;
}

export class LogoutDto {
  @ApiNullable('string', {
    description: "Where to send the browser to end the provider's session too (RP-initiated logout), or null",
  })
  redirectTo: string | null;
}
