import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Administration } from '../master-data/administration.entity.js';
import { User } from '../users/user.entity.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { TokenService } from './token.service.js';
import { UserCache } from './user-cache.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, Administration]), UsersModule],
  controllers: [AuthController],
  providers: [AuthService, TokenService, UserCache, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
