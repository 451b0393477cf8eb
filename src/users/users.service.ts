import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository, type EntityManager } from 'typeorm';
import { needsAdministration, ownAccountViolations, type Role } from '#domain';
import { AppError, notFound } from '../platform/common/app-error.js';
import { uniqueConflict } from '../platform/common/database-conflicts.js';
import { updateWithVersion } from '../platform/common/optimistic-update.js';
import { Administration } from '../master-data/administration.entity.js';
import { likePattern } from '../interventions/references.js';
import { generateOneTimePassword, hashPassword } from './password.js';
import { masterDataHistory, type MasterDataChange } from '../master-data/master-data-history.js';
import type { CreateUserDto, ProjectLeaderDto, UpdateUserDto, UserDto, UserListQueryDto } from './user.dto.js';
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

  /** The list, searched (name, e-mail) and filtered by role, administration and whether active. */
  async search(query: UserListQueryDto): Promise<UserDto[]> {
    const qb = this.users.createQueryBuilder('u');
    const q = query.q?.trim();
    if (q) {
      qb.andWhere('(u.display_name ILIKE :q OR u.email ILIKE :q)', { q: likePattern(q) });
    }
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.administrationId) qb.andWhere('u.administration_id = :a', { a: query.administrationId });
    if (query.active) qb.andWhere('u.active = :active', { active: query.active === 'true' });
    return this.toDtos(await qb.orderBy('u.email', 'ASC').getMany());
  }

  /** Every change to a user (roles, membership, deactivation, a new password), who made it and when. */
  history(id: string): Promise<MasterDataChange[]> {
    return masterDataHistory(this.dataSource, 'app_user', id, 'User');
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

  /** Creates a user; on the record as made by `actorId` (the administrator). */
  async create(dto: CreateUserDto, actorId: string): Promise<UserDto> {
    const email = dto.email.trim().toLowerCase();
    await this.checkMembership(dto.roles, dto.administrationId ?? null);
    if (await this.users.exists({ where: { email } })) {
      throw uniqueConflict('UQ_app_user_email', { email });
    }
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    const user = await this.onTheRecordAs(actorId, async (m) => {
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
    await this.onTheRecordAs(actorId, async (m) => {
      // Through the entity manager, so the user cache hears of it and the old tokens stop at once.
      await m.update(User, id, { passwordHash, mustChangePassword: true, version: () => '"version" + 1' });
      await m.query(`DELETE FROM "login_failure" WHERE "email" = $1`, [user.email]);
      await recordUserEvent(m, { userId: id, event: 'password_reset', channel: 'api', actorId });
    });
    return { oneTimePassword };
  }

  /** Changes a user (a stale version is a 409); on the record as made by `actorId`. Deactivating keeps the row. */
  async update(id: string, dto: UpdateUserDto, actorId: string): Promise<UserDto> {
    const current = await this.users.findOne({ where: { id } });
    if (!current) throw notFound('User', id);
    if (actorId) {
      const violations = ownAccountViolations({ actorId, userId: id, active: dto.active, roles: dto.roles });
      if (violations.length)
        throw new AppError('WORKFLOW_REFUSED', violations.map((v) => v.messageEn).join(' '), { violations });
    }
    const roles = dto.roles ?? current.roles;
    const administrationId = dto.administrationId === undefined ? current.administrationId : dto.administrationId;
    await this.checkMembership(roles, administrationId);
    const changes: Partial<User> = { roles, administrationId };
    if (dto.displayName !== undefined) changes.displayName = dto.displayName;
    if (dto.active !== undefined) changes.active = dto.active;
    if (dto.password !== undefined)
      Object.assign(changes, { passwordHash: await hashPassword(dto.password), mustChangePassword: false });
    await this.onTheRecordAs(actorId, async (m) => {
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

  /** A write in a transaction that tells the record's trigger who made it (byloeft.actor_id). */
  private onTheRecordAs<R>(actorId: string | undefined, work: (m: EntityManager) => Promise<R>): Promise<R> {
    return this.dataSource.transaction(async (m) => {
      if (actorId) await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [actorId]);
      return work(m);
    });
  }

  /** Staff belong to exactly one administration, which must exist. */
  private async checkMembership(roles: Role[], administrationId: string | null): Promise<void> {
    if (needsAdministration(roles, administrationId)) {
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
