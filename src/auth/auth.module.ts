import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Administration } from '../master-data/administration.entity.js';
import { User } from '../users/user.entity.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginFailures } from './login-failures.js';
import { LoginThrottleModule } from './login-throttle.js';
import { OidcController } from './oidc.controller.js';
import { OidcService } from './oidc.service.js';
import { TokenService } from './token.service.js';
import { UserCache } from './user-cache.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, Administration]), UsersModule, LoginThrottleModule],
  controllers: [AuthController, OidcController],
  providers: [
    AuthService,
    TokenService,
    OidcService,
    LoginFailures,
    UserCache,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
