import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '#domain';

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
}

export class TokenDto {
  @ApiProperty({ description: 'Signed, expiring bearer token' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
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
  @ApiPropertyOptional({ type: AdministrationRefDto, nullable: true }) administration: AdministrationRefDto | null;
}
