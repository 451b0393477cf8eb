import { Body, Controller, Get, Injectable, Param, Post } from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  networkMemberRefusal,
  networkMembershipRefusal,
  networkStartRefusal,
  type NetworkMemberCapacity,
  type Role,
} from '#domain';
import { Access, CurrentUser } from '../auth/access.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound } from '../platform/common/app-error.js';
import { databaseConflict, uniqueConflict } from '../platform/common/database-conflicts.js';
import { fieldError } from '../platform/common/field-error.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { MasterDataChangeDto } from './master-data.dto.js';
import { masterDataHistory } from './master-data-history.js';
import {
  AddNetworkMemberDto,
  CreateLocalNetworkDto,
  LocalNetworkDto,
  MembershipEventDto,
  NetworkCandidateDto,
  NetworkMemberDto,
  RemoveNetworkMemberDto,
} from './local-network.dto.js';

type Query = Pick<EntityManager, 'query'>;

interface NetworkRow {
  id: string;
  area_id: string;
  coordinating_administration_id: string;
}

const FINISHED_PROJECT_STATES = ['rejected', 'terminated', 'adoptedIntoOperations'];

/**
 * The local networks (lokalt netværk) as people: starting one (with the municipality's network starter as its
 * first coordinator, on the record as the first hand-over), and adding and removing its members (users, as the
 * local head of an administration or the leader of a project in the area) as events on its record
 * (local_network_membership), with the current members (local_network_member) kept in the same transaction.
 */
@Injectable()
export class LocalNetworkService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(): Promise<LocalNetworkDto[]> {
    return this.read(this.ds.manager, null);
  }

  async get(id: string): Promise<LocalNetworkDto> {
    const [network] = await this.read(this.ds.manager, id);
    if (!network) throw notFound('Local network', id);
    return network;
  }

  async start(user: AuthUser, body: CreateLocalNetworkDto): Promise<LocalNetworkDto> {
    const id = await this.ds.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [user.id]);
      const [area] = (await m.query(`SELECT "id", "name" FROM "area" WHERE "id" = $1`, [body.areaId])) as {
        name: string;
      }[];
      if (!area) throw fieldError('areaId', 'must name an existing area');
      const starter = await networkStarter(m);
      const refusal = networkStartRefusal(user, starter?.id ?? null);
      if (refusal) throw new AppError('FORBIDDEN', refusal.messageEn, { violations: [refusal] });
      const coordinator = body.coordinatingAdministrationId ?? starter?.id;
      if (!coordinator)
        throw fieldError('coordinatingAdministrationId', 'is required: the municipality names no network starter');
      const [admin] = (await m.query(`SELECT "active" FROM "administration" WHERE "id" = $1`, [coordinator])) as {
        active: boolean;
      }[];
      if (!admin?.active) throw fieldError('coordinatingAdministrationId', 'must be an active administration');
      const [exists] = (await m.query(`SELECT 1 FROM "local_network" WHERE "area_id" = $1`, [
        body.areaId,
      ])) as unknown[];
      if (exists) throw uniqueConflict('UQ_local_network_area', { area: area.name });
      const [row] = (await m
        .query(
          `INSERT INTO "local_network" ("area_id", "coordinating_administration_id") VALUES ($1, $2) RETURNING "id"`,
          [body.areaId, coordinator],
        )
        .catch((err: unknown) => {
          throw databaseConflict(err, { area: area.name }) ?? err;
        })) as { id: string }[];
      // The start is the first entry of the coordinator history: from no one to the first coordinator.
      await m.query(
        `INSERT INTO "local_network_handover"
           ("network_id", "from_administration_id", "to_administration_id", "reason", "actor_id", "actor_name")
         VALUES ($1, NULL, $2, $3, $4, $5)`,
        [row.id, coordinator, body.reason?.trim() || 'Netværket startes', user.id, user.displayName],
      );
      return row.id;
    });
    return this.get(id);
  }

  async members(networkId: string): Promise<NetworkMemberDto[]> {
    await this.network(this.ds.manager, networkId);
    return this.currentMembers(this.ds.manager, [networkId]);
  }

  async record(networkId: string): Promise<MembershipEventDto[]> {
    await this.network(this.ds.manager, networkId);
    return this.events(this.ds.manager, networkId);
  }

  async candidates(networkId: string): Promise<NetworkCandidateDto[]> {
    const network = await this.network(this.ds.manager, networkId);
    return (await this.ds.query(
      `SELECT u."id" AS "userId", u."display_name" AS "name", 'local_head' AS "capacity",
              a."id" AS "administrationId", a."name" AS "administrationName",
              NULL::uuid AS "projectId", NULL::text AS "projectTitle"
         FROM "app_user" u JOIN "administration" a ON a."id" = u."administration_id"
        WHERE u."active" AND NOT EXISTS (
              SELECT 1 FROM "local_network_member" n WHERE n."network_id" = $1 AND n."user_id" = u."id"
                 AND n."capacity" = 'local_head' AND n."administration_id" = a."id")
       UNION ALL
       SELECT u."id", u."display_name", 'project_leader', NULL, NULL, p."id", p."title"
         FROM "project" p JOIN "app_user" u ON u."id" = p."project_leader_id"
        WHERE u."active" AND $2 = ANY(p."area_ids") AND p."state_value" <> ALL($3::text[]) AND NOT EXISTS (
              SELECT 1 FROM "local_network_member" n WHERE n."network_id" = $1 AND n."user_id" = u."id"
                 AND n."capacity" = 'project_leader' AND n."project_id" = p."id")
        ORDER BY "capacity", "administrationName", "projectTitle", "name"`,
      [networkId, network.area_id, FINISHED_PROJECT_STATES],
    )) as NetworkCandidateDto[];
  }

  async add(user: AuthUser, networkId: string, body: AddNetworkMemberDto): Promise<MembershipEventDto> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [user.id]);
      const network = await this.network(m, networkId, true);
      const refusal = networkMembershipRefusal(user, network.coordinating_administration_id, 'add');
      if (refusal) throw new AppError('FORBIDDEN', refusal.messageEn, { violations: [refusal] });
      const [candidate] = (await m.query(
        `SELECT u."id", u."display_name" AS "name", u."active", u."roles", u."administration_id" AS "administrationId",
                a."name" AS "administrationName"
           FROM "app_user" u LEFT JOIN "administration" a ON a."id" = u."administration_id" WHERE u."id" = $1`,
        [body.userId],
      )) as {
        id: string;
        name: string;
        active: boolean;
        roles: Role[];
        administrationId: string | null;
        administrationName: string | null;
      }[];
      if (!candidate) throw fieldError('userId', 'must name an existing user');
      type ProjectRow = { id: string; title: string; projectLeaderId: string; areaIds: string[] };
      let project: ProjectRow | null = null;
      if (body.capacity === 'project_leader') {
        [project] = (await m.query(
          `SELECT "id", "title", "project_leader_id" AS "projectLeaderId", "area_ids" AS "areaIds"
             FROM "project" WHERE "id" = $1`,
          [body.projectId],
        )) as ProjectRow[];
        if (!project) throw fieldError('projectId', 'must name an existing project');
      }
      const violation = networkMemberRefusal(candidate, body.capacity, network.area_id, project);
      if (violation) throw new AppError('WORKFLOW_REFUSED', violation.messageEn, { violations: [violation] });
      const administrationId = body.capacity === 'local_head' ? candidate.administrationId : null;
      const [already] = (await m.query(
        `SELECT 1 FROM "local_network_member" WHERE "network_id" = $1 AND "user_id" = $2 AND "capacity" = $3
            AND COALESCE("project_id", "administration_id") = $4`,
        [networkId, candidate.id, body.capacity, project?.id ?? administrationId],
      )) as unknown[];
      if (already) throw uniqueConflict('UQ_local_network_member', {});
      const seq = await this.append(m, user, networkId, {
        change: 'added',
        userId: candidate.id,
        userName: candidate.name,
        capacity: body.capacity,
        administrationId,
        administrationName: administrationId ? candidate.administrationName : null,
        projectId: project?.id ?? null,
        projectTitle: project?.title ?? null,
        reason: body.reason,
      });
      await m
        .query(
          `INSERT INTO "local_network_member"
             ("network_id", "user_id", "capacity", "administration_id", "project_id", "added_seq")
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [networkId, candidate.id, body.capacity, administrationId, project?.id ?? null, seq],
        )
        .catch((err: unknown) => {
          throw databaseConflict(err) ?? err;
        });
      return (await this.events(m, networkId, seq))[0];
    });
  }

  async remove(
    user: AuthUser,
    networkId: string,
    memberId: string,
    body: RemoveNetworkMemberDto,
  ): Promise<MembershipEventDto> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [user.id]);
      const network = await this.network(m, networkId, true);
      const refusal = networkMembershipRefusal(user, network.coordinating_administration_id, 'remove');
      if (refusal) throw new AppError('FORBIDDEN', refusal.messageEn, { violations: [refusal] });
      const deleted = (await m.query(
        `DELETE FROM "local_network_member" WHERE "id" = $1 AND "network_id" = $2
         RETURNING "user_id", "capacity", "administration_id", "project_id"`,
        [memberId, networkId],
      )) as unknown[];
      // The driver answers a DELETE … RETURNING as [rows, count].
      const [member] = (Array.isArray(deleted[0]) ? deleted[0] : deleted) as {
        user_id: string;
        capacity: NetworkMemberCapacity;
        administration_id: string | null;
        project_id: string | null;
      }[];
      if (!member) throw notFound('Member of the local network', memberId);
      const [names] = (await m.query(
        `SELECT (SELECT "display_name" FROM "app_user" WHERE "id" = $1) AS "userName",
                (SELECT "name" FROM "administration" WHERE "id" = $2) AS "administrationName",
                (SELECT "title" FROM "project" WHERE "id" = $3) AS "projectTitle"`,
        [member.user_id, member.administration_id, member.project_id],
      )) as { userName: string; administrationName: string | null; projectTitle: string | null }[];
      const seq = await this.append(m, user, networkId, {
        change: 'removed',
        userId: member.user_id,
        userName: names.userName,
        capacity: member.capacity,
        administrationId: member.administration_id,
        administrationName: names.administrationName,
        projectId: member.project_id,
        projectTitle: names.projectTitle,
        reason: body.reason,
      });
      return (await this.events(m, networkId, seq))[0];
    });
  }

  history(id: string): Promise<MasterDataChangeDto[]> {
    return masterDataHistory(this.ds, 'local_network', id, 'Local network') as Promise<MasterDataChangeDto[]>;
  }

  // ------------------------------------------------------------------ reading and writing the record

  private async network(m: Query, id: string, lock = false): Promise<NetworkRow> {
    const [network] = (await m.query(
      `SELECT "id", "area_id", "coordinating_administration_id" FROM "local_network" WHERE "id" = $1
       ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    )) as NetworkRow[];
    if (!network) throw notFound('Local network', id);
    return network;
  }

  private async append(
    m: Query,
    user: AuthUser,
    networkId: string,
    e: Omit<MembershipEventDto, 'seq' | 'actorId' | 'actorName' | 'at'>,
  ): Promise<number> {
    const [row] = (await m.query(
      `INSERT INTO "local_network_membership"
         ("network_id", "change", "user_id", "user_name", "capacity", "administration_id", "administration_name",
          "project_id", "project_title", "reason", "actor_id", "actor_name")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING "chain_seq"`,
      [
        networkId,
        e.change,
        e.userId,
        e.userName,
        e.capacity,
        e.administrationId,
        e.administrationName,
        e.projectId,
        e.projectTitle,
        e.reason.trim(),
        user.id,
        user.displayName,
      ],
    )) as { chain_seq: string }[];
    return Number(row.chain_seq);
  }

  private async events(m: Query, networkId: string, seq?: number): Promise<MembershipEventDto[]> {
    return (await m.query(
      `SELECT "chain_seq"::int AS "seq", "change", "user_id" AS "userId", "user_name" AS "userName", "capacity",
              "administration_id" AS "administrationId", "administration_name" AS "administrationName",
              "project_id" AS "projectId", "project_title" AS "projectTitle", "reason", "actor_id" AS "actorId",
              "actor_name" AS "actorName",
              to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "at"
         FROM "local_network_membership"
        WHERE "network_id" = $1 AND ($2::bigint IS NULL OR "chain_seq" = $2)
        ORDER BY "chain_seq"`,
      [networkId, seq ?? null],
    )) as MembershipEventDto[];
  }

  private async currentMembers(
    m: Query,
    networkIds: string[] | null,
  ): Promise<(NetworkMemberDto & { networkId: string })[]> {
    return (await m.query(
      `SELECT n."id", n."network_id" AS "networkId", n."user_id" AS "userId", u."display_name" AS "name",
              n."capacity", n."administration_id" AS "administrationId", a."name" AS "administrationName",
              n."project_id" AS "projectId", p."title" AS "projectTitle", n."added_seq"::int AS "addedSeq",
              to_char(n."added_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "since"
         FROM "local_network_member" n
         JOIN "app_user" u ON u."id" = n."user_id"
         LEFT JOIN "administration" a ON a."id" = n."administration_id"
         LEFT JOIN "project" p ON p."id" = n."project_id"
        WHERE $1::uuid[] IS NULL OR n."network_id" = ANY($1::uuid[])
        ORDER BY n."capacity", a."name", p."title", u."display_name"`,
      [networkIds],
    )) as (NetworkMemberDto & { networkId: string })[];
  }

  private async read(m: Query, id: string | null): Promise<LocalNetworkDto[]> {
    const rows = (await m.query(
      `SELECT l."id", l."area_id" AS "areaId", ar."name" AS "areaName",
              l."coordinating_administration_id" AS "coordinatingAdministrationId",
              ad."name" AS "coordinatingAdministrationName", l."members" AS "legacyMembers", l."version"
         FROM "local_network" l
         JOIN "area" ar ON ar."id" = l."area_id"
         JOIN "administration" ad ON ad."id" = l."coordinating_administration_id"
        WHERE $1::uuid IS NULL OR l."id" = $1
        ORDER BY ar."name"`,
      [id],
    )) as Omit<LocalNetworkDto, 'members'>[];
    const members = await this.currentMembers(m, id ? [id] : rows.map((r) => r.id));
    return rows.map((r) => ({
      ...r,
      legacyMembers: r.legacyMembers.map((x) => ({
        name: x.name,
        role: x.role ?? '',
        administrationId: x.administrationId ?? null,
      })),
      members: members.filter((x) => x.networkId === r.id).map(({ networkId: _, ...x }) => x),
    }));
  }
}

/** The municipality's network starter (networkStarterAdministrationId), if it names an active administration. */
export async function networkStarter(m: Query): Promise<{ id: string; name: string } | null> {
  const [row] = (await m.query(
    `SELECT a."id", a."name" FROM "municipality" mu
       JOIN "administration" a ON a."id" = mu."network_starter_administration_id" AND a."active"
      WHERE mu."id" = 1`,
  )) as { id: string; name: string }[];
  return row ?? null;
}

@ApiTags('master data')
@Controller('local-networks')
export class LocalNetworksController {
  constructor(private readonly networks: LocalNetworkService) {}

  @Get()
  @Access('any')
  @ApiOperation({
    summary: 'Local networks: per area, its coordinating administration (tovholder) and current members',
  })
  @ApiOkResponse({ type: [LocalNetworkDto] })
  list() {
    return this.networks.list();
  }

  @Get(':id')
  @Access('any')
  @ApiOperation({ summary: 'One local network, with its current members and the legacy free-text ones' })
  @ApiOkResponse({ type: LocalNetworkDto })
  @ApiProblems(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.networks.get(id);
  }

  @Get(':id/history')
  @Access('any')
  @ApiOperation({ summary: 'Every change to a local network row: who made it, when, as it was and as it became' })
  @ApiOkResponse({ type: [MasterDataChangeDto] })
  @ApiProblems(400, 404)
  history(@Param('id', ParseUUIDPipe) id: string) {
    return this.networks.history(id);
  }

  @Post()
  @Access('administrator', 'staff')
  @ApiOperation({
    summary:
      "Start the local network of an area that has none: its first coordinator is the municipality's network " +
      'starter (networkStarterAdministrationId, TMF in Copenhagen) unless named; the start is the first entry of ' +
      'its coordinator history (administrators, and staff of the network starter)',
  })
  @ApiCreatedResponse({ type: LocalNetworkDto })
  @ApiProblems(400, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateLocalNetworkDto) {
    return this.networks.start(user, body);
  }

  @Get(':id/members')
  @Access('any')
  @ApiOperation({ summary: "The network's current members: users, each as a local head or a project's leader" })
  @ApiOkResponse({ type: [NetworkMemberDto] })
  @ApiProblems(400, 404)
  members(@Param('id', ParseUUIDPipe) id: string) {
    return this.networks.members(id);
  }

  @Get(':id/membership')
  @Access('any')
  @ApiOperation({
    summary: "The network's membership record: every addition and removal (who, in which capacity, by whom, when, why)",
  })
  @ApiOkResponse({ type: [MembershipEventDto] })
  @ApiProblems(400, 404)
  membership(@Param('id', ParseUUIDPipe) id: string) {
    return this.networks.record(id);
  }

  @Get(':id/candidates')
  @Access('administrator', 'staff')
  @ApiOperation({
    summary:
      'Who could be added: active users with an administration (as its local head), and the leaders of the ' +
      "area's projects that are not finished (as project leader); not those already members in that capacity",
  })
  @ApiOkResponse({ type: [NetworkCandidateDto] })
  @ApiProblems(400, 403, 404)
  candidates(@Param('id', ParseUUIDPipe) id: string) {
    return this.networks.candidates(id);
  }

  @Post(':id/members')
  @Access('administrator', 'staff')
  @ApiOperation({
    summary:
      'Add a member: a user as the local head of their administration, or as the leader of a project in the ' +
      "area; on the network's record (administrators, and staff of the coordinating administration)",
  })
  @ApiCreatedResponse({ type: MembershipEventDto })
  @ApiProblems(400, 403, 404, 409, 422)
  add(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: AddNetworkMemberDto) {
    return this.networks.add(user, id, body);
  }

  @Post(':id/members/:memberId/removal')
  @Access('administrator', 'staff')
  @ApiOperation({
    summary:
      "Remove a member, saying why; on the network's record (administrators, and staff of the coordinating " +
      'administration)',
  })
  @ApiCreatedResponse({ type: MembershipEventDto })
  @ApiProblems(400, 403, 404)
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
    @Body() body: RemoveNetworkMemberDto,
  ) {
    return this.networks.remove(user, id, memberId, body);
  }
}
