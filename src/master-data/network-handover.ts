import { Body, Controller, Get, Injectable, Param, Post } from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsInt, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import type { DataSource } from 'typeorm';
import { networkHandoverRefusal } from '#domain';
import { Access, CurrentUser } from '../auth/access.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, notFound } from '../platform/common/app-error.js';
import { fieldError } from '../platform/common/field-error.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { updateWithVersion } from '../platform/common/optimistic-update.js';
import { LocalNetwork } from './local-network.entity.js';

export class HandoverDto {
  @ApiProperty({ description: 'The version of the network you read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version: number;
  @ApiProperty({ description: 'The administration that becomes coordinator (tovholder)' })
  @IsUUID('4', { message: 'toAdministrationId must be an administration id (UUID)' })
  toAdministrationId: string;
  @ApiProperty({ example: 'BIF har de fleste indsatser i området' })
  @IsString()
  @MinLength(2, { message: 'reason must say why the role is handed over' })
  @MaxLength(2000)
  reason: string;
}

export class HandoverEventDto {
  @ApiProperty() seq: number;
  @ApiProperty({ nullable: true, type: String }) fromAdministrationId: string | null;
  @ApiProperty({ nullable: true, type: String }) fromAdministrationName: string | null;
  @ApiProperty() toAdministrationId: string;
  @ApiProperty() toAdministrationName: string;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() actorName: string;
  @ApiProperty() at: string;
}

/** The coordinator hand-over: the network's new coordinator and the event on its record, in one transaction. */
@Injectable()
export class NetworkHandoverService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async handOver(user: AuthUser, networkId: string, body: HandoverDto): Promise<HandoverEventDto> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT set_config('byloeft.actor_id', $1, true)`, [user.id]);
      const [network] = (await m.query(`SELECT * FROM "local_network" WHERE "id" = $1 FOR UPDATE`, [networkId])) as {
        coordinating_administration_id: string;
      }[];
      if (!network) throw notFound('Local network', networkId);
      const [to] = (await m.query(`SELECT "id", "active" FROM "administration" WHERE "id" = $1`, [
        body.toAdministrationId,
      ])) as { id: string; active: boolean }[];
      if (!to || !to.active) throw fieldError('toAdministrationId', 'must be an active administration');
      const from = network.coordinating_administration_id;
      const refusal = networkHandoverRefusal(user, from);
      if (refusal) throw new AppError('FORBIDDEN', refusal.messageEn, { violations: [refusal] });
      if (from === body.toAdministrationId)
        throw new AppError('WORKFLOW_REFUSED', 'The administration is already the coordinator.', {
          violations: [
            {
              code: 'ALREADY_COORDINATOR',
              message: 'Forvaltningen er allerede tovholder for netværket.',
              messageEn: 'The administration is already the network’s coordinator.',
            },
          ],
        });
      await updateWithVersion(m, LocalNetwork, 'Local network', networkId, body.version, {
        coordinatingAdministrationId: body.toAdministrationId,
      });
      const [row] = (await m.query(
        `INSERT INTO "local_network_handover"
           ("network_id", "from_administration_id", "to_administration_id", "reason", "actor_id", "actor_name")
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING "chain_seq"`,
        [networkId, from, body.toAdministrationId, body.reason.trim(), user.id, user.displayName],
      )) as { chain_seq: string }[];
      const [event] = await this.read(m, networkId, Number(row.chain_seq));
      return event;
    });
  }

  async handovers(networkId: string): Promise<HandoverEventDto[]> {
    const [exists] = (await this.ds.query(`SELECT 1 FROM "local_network" WHERE "id" = $1`, [networkId])) as unknown[];
    if (!exists) throw notFound('Local network', networkId);
    return this.read(this.ds.manager, networkId);
  }

  private async read(
    m: { query: (sql: string, params: unknown[]) => Promise<unknown> },
    networkId: string,
    seq?: number,
  ): Promise<HandoverEventDto[]> {
    const rows = (await m.query(
      `SELECT h."chain_seq"::int AS "seq", h."from_administration_id" AS "fromAdministrationId",
              fa."name" AS "fromAdministrationName", h."to_administration_id" AS "toAdministrationId",
              ta."name" AS "toAdministrationName", h."reason", h."actor_id" AS "actorId", h."actor_name" AS "actorName",
              to_char(h."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "at"
         FROM "local_network_handover" h
         LEFT JOIN "administration" fa ON fa."id" = h."from_administration_id"
         JOIN "administration" ta ON ta."id" = h."to_administration_id"
        WHERE h."network_id" = $1 AND ($2::bigint IS NULL OR h."chain_seq" = $2)
        ORDER BY h."chain_seq"`,
      [networkId, seq ?? null],
    )) as HandoverEventDto[];
    return rows;
  }
}

@ApiTags('master data')
@Controller('local-networks')
export class NetworkHandoverController {
  constructor(private readonly handovers: NetworkHandoverService) {}

  @Post(':id/handover')
  @Access('administrator', 'staff')
  @ApiOperation({
    summary:
      "Hand the network's coordinator role (tovholder) to another administration: from, to, when, by whom and why " +
      "are kept on the network's record (administrators, and staff of the coordinating administration)",
  })
  @ApiOkResponse({ type: HandoverEventDto })
  @ApiProblems(400, 403, 404, 409, 422)
  handOver(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: HandoverDto) {
    return this.handovers.handOver(user, id, body);
  }

  @Get(':id/handovers')
  @Access('any')
  @ApiOperation({ summary: "The network's coordinator history: every hand-over, oldest first" })
  @ApiOkResponse({ type: [HandoverEventDto] })
  @ApiProblems(400, 404)
  list(@Param('id', ParseUUIDPipe) id: string) {
    return this.handovers.handovers(id);
  }
}
