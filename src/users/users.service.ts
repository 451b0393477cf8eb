import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import type { Role } from '#domain';
import { AppError, notFound } from '../platform/common/app-error.js';
import { updateWithVersion } from '../platform/common/optimistic-update.js';
import { Administration } from '../master-data/administration.entity.js';
import { generateOneTimePassword, hashPassword } from './password.js';
import type { CreateUserDto, ProjectLeaderDto, UpdateUserDto, UserDto } from './user.dto.js';
import { User } from './user.entity.js';
import { recordUserEvent } from './user-record.js';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Administration) private readonly administrations: Repository<Administration>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(): Promise<UserDto[]> {
    const users = await this.users.find({ order: { email: 'ASC' } });
    return this.toDtos(users);
  }

  /** Active users with the role project_leader, by name: the people a project proposal may name as leader. */
  async projectLeaders(): Promise<ProjectLeaderDto[]> {
    const leaders = await this.users
      .createQueryBuilder('u')
      .select(['u.id', 'u.displayName', 'u.email'])
      .where('u.active')
      .andWhere(`'project_leader' = ANY(u.roles)`)
      .orderBy('u.displayName', 'ASC')
      .addOrderBy('u.email', 'ASC')
      .getMany();
    return leaders.map((u) => ({ id: u.id, displayName: u.displayName, email: u.email }));
  }

  async describe(id: string): Promise<UserDto> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw notFound('User', id);
    return (await this.toDtos([user]))[0];
  }

  async create(dto: CreateUserDto, actorId: string): Promise<UserDto> {
    const email = dto.email.trim().toLowerCase();
    await this.checkMembership(dto.roles, dto.administrationId ?? null);
    if (await this.users.exists({ where: { email } })) {
      throw new AppError('CONFLICT', `A user with e-mail ${email} already exists.`, { field: 'email' });
    }
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    const user = await this.dataSource.transaction(async (m) => {
      const created = await m.save(
        m.create(User, {
          email,
          displayName: dto.displayName,
          roles: dto.roles,
          administrationId: dto.administrationId ?? null,
          passwordHash,
        }),
      );
      await recordUserEvent(m, {
        userId: created.id,
        event: 'created',
        channel: 'api',
        actorId,
        detail: { roles: dto.roles, administrationId: dto.administrationId ?? null, withPassword: !!passwordHash },
      });
      return created;
    });
    return this.describe(user.id);
  }

  /**
   * A new one-time password for a local account, shown once; the user must
   * change it at the next sign-in (and tokens issued before no longer work).
   */
  async resetPassword(id: string, actorId: string): Promise<{ oneTimePassword: string }> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw notFound('User', id);
    if (user.externalSubject !== null)
      throw new AppError(
        'CONFLICT',
        `${user.email} signs in through the municipality's identity provider: its password is kept there, not here.`,
      );
    const oneTimePassword = generateOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE "app_user" SET "password_hash" = $2, "must_change_password" = true, "version" = "version" + 1,
                "updated_at" = now() WHERE "id" = $1`,
        [id, passwordHash],
      );
      await m.query(`DELETE FROM "login_failure" WHERE "email" = $1`, [user.email]);
      await recordUserEvent(m, { userId: id, event: 'password_reset', channel: 'api', actorId });
    });
    return { oneTimePassword };
  }

  async update(id: string, dto: UpdateUserDto, actorId: string): Promise<UserDto> {
    const current = await this.users.findOne({ where: { id } });
    if (!current) throw notFound('User', id);
    const roles = dto.roles ?? current.roles;
    const administrationId = dto.administrationId === undefined ? current.administrationId : dto.administrationId;
    await this.checkMembership(roles, administrationId);
    const changes: Partial<User> = { roles, administrationId };
    if (dto.displayName !== undefined) changes.displayName = dto.displayName;
    if (dto.active !== undefined) changes.active = dto.active;
    if (dto.password !== undefined)
      Object.assign(changes, { passwordHash: await hashPassword(dto.password), mustChangePassword: false });
    await this.dataSource.transaction(async (m) => {
      await updateWithVersion(m, User, 'User', id, dto.version, changes);
      if (dto.password !== undefined) await m.query(`DELETE FROM "login_failure" WHERE "email" = $1`, [current.email]);
      const { password: _password, version: _version, ...changed } = dto;
      await recordUserEvent(m, {
        userId: id,
        event: 'updated',
        channel: 'api',
        actorId,
        detail: { ...changed, passwordChanged: dto.password !== undefined },
      });
    });
    return this.describe(id);
  }

  /** Staff belong to exactly one administration, which must exist. */
  private async checkMembership(roles: Role[], administrationId: string | null): Promise<void> {
    if (roles.includes('staff') && !administrationId) {
      throw new AppError('VALIDATION_FAILED', 'Staff must belong to an administration.', {
        errors: [{ field: 'administrationId', messages: ['administrationId is required when roles include staff'] }],
      });
    }
    if (administrationId && !(await this.administrations.exists({ where: { id: administrationId } }))) {
      throw new AppError('VALIDATION_FAILED', `Administration ${administrationId} does not exist.`, {
        errors: [{ field: 'administrationId', messages: ['administrationId must name an existing administration'] }],
      });
    }
  }

  private async toDtos(users: User[]): Promise<UserDto[]> {
    const ids = [...new Set(users.map((u) => u.administrationId).filter((x): x is string => Boolean(x)))];
    const admins = ids.length ? await this.administrations.find({ where: { id: In(ids) } }) : [];
    const byId = new Map(admins.map((a) => [a.id, a]));
    return users.map((u) => {
      const a = u.administrationId ? byId.get(u.administrationId) : undefined;
      return {
        id: u.id,
        email: u.email,
        displayName: u.displayName,
        roles: u.roles,
        administration: a ? { id: a.id, code: a.code, name: a.name } : null,
        active: u.active,
        external: u.externalSubject !== null,
        origin: u.externalSubject !== null ? 'oidc' : 'local',
        lastSignInAt: u.lastSignInAt ? u.lastSignInAt.toISOString() : null,
        mustChangePassword: u.mustChangePassword,
        version: u.version,
      };
    });
  }
}
