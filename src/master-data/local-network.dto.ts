import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NETWORK_MEMBER_CAPACITIES, type NetworkMemberCapacity } from '#domain';
import { ApiNullable } from '../platform/common/openapi.js';

const CAPACITY_MESSAGE = `capacity must be one of ${NETWORK_MEMBER_CAPACITIES.join(', ')}`;

/** A member as the free text of old named them (before members were users); read-only. */
export class LegacyNetworkMemberDto {
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Lokal leder, BUF' }) role: string;
  @ApiNullable('string') administrationId: string | null;
}

/** A current member of a network: a user, in a capacity. */
export class NetworkMemberDto {
  @ApiProperty({ description: 'The membership (for removing it)' }) id: string;
  @ApiProperty() userId: string;
  @ApiProperty({ description: "The user's name" }) name: string;
  @ApiProperty({ enum: NETWORK_MEMBER_CAPACITIES, description: 'Local head of an administration, or project leader' })
  capacity: NetworkMemberCapacity;
  @ApiNullable('string', { description: 'The administration whose local head they are' })
  administrationId: string | null;
  @ApiNullable('string') administrationName: string | null;
  @ApiNullable('string', { description: 'The project they lead' }) projectId: string | null;
  @ApiNullable('string') projectTitle: string | null;
  @ApiProperty({ description: 'When they were added' }) since: string;
  @ApiProperty({ description: 'The seq of the event on the record that added them' }) addedSeq: number;
}

export class LocalNetworkDto {
  @ApiProperty() id: string;
  @ApiProperty() areaId: string;
  @ApiProperty() areaName: string;
  @ApiProperty({ description: 'The coordinating administration (tovholder)' }) coordinatingAdministrationId: string;
  @ApiProperty() coordinatingAdministrationName: string;
  @ApiProperty({ type: [NetworkMemberDto], description: 'The current members (users), from the record' })
  members: NetworkMemberDto[];
  @ApiProperty({
    type: [LegacyNetworkMemberDto],
    description: 'Members as free text named them before members were users: names only, read-only',
  })
  legacyMembers: LegacyNetworkMemberDto[];
  @ApiProperty({ description: 'Changes with each hand-over; a stale one answers 409' }) version: number;
}

export class CreateLocalNetworkDto {
  @ApiProperty({ description: 'The area whose network it is (one per area)' })
  @IsUUID('4', { message: 'areaId must be an area id (UUID)' })
  areaId: string;
  @ApiPropertyOptional({
    description:
      'The first coordinator (tovholder); defaults to the network starter, ' +
      "the municipality's setting networkStarterAdministrationId",
  })
  @IsOptional()
  @IsUUID('4', { message: 'coordinatingAdministrationId must be an administration id (UUID)' })
  coordinatingAdministrationId?: string;
  @ApiPropertyOptional({ example: 'Udviklingsplanen for området er besluttet', description: 'Kept on the record' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class AddNetworkMemberDto {
  @ApiProperty({ description: 'The user who becomes a member' })
  @IsUUID('4', { message: 'userId must be a user id (UUID)' })
  userId: string;
  @ApiProperty({ enum: NETWORK_MEMBER_CAPACITIES })
  @IsIn(NETWORK_MEMBER_CAPACITIES, { message: CAPACITY_MESSAGE })
  capacity: NetworkMemberCapacity;
  @ApiPropertyOptional({ description: 'For a project leader: the project in the area they lead' })
  @ValidateIf((o: AddNetworkMemberDto) => o.capacity === 'project_leader' || o.projectId !== undefined)
  @IsUUID('4', { message: 'projectId must be a project id (UUID): a project leader is added for their project' })
  projectId?: string;
  @ApiProperty({ example: 'Lokal leder for jobcentret i området' })
  @IsString()
  @MinLength(2, { message: 'reason must say why the member is added' })
  @MaxLength(2000)
  reason: string;
}

export class RemoveNetworkMemberDto {
  @ApiProperty({ example: 'Har skiftet stilling' })
  @IsString()
  @MinLength(2, { message: 'reason must say why the member is removed' })
  @MaxLength(2000)
  reason: string;
}

/** One addition to or removal from a network, as its record keeps it. */
export class MembershipEventDto {
  @ApiProperty({ description: "The event's place on the network's record" }) seq: number;
  @ApiProperty({ enum: ['added', 'removed'] }) change: 'added' | 'removed';
  @ApiProperty() userId: string;
  @ApiProperty({ description: "The user's name as it was" }) userName: string;
  @ApiProperty({ enum: NETWORK_MEMBER_CAPACITIES }) capacity: NetworkMemberCapacity;
  @ApiNullable('string') administrationId: string | null;
  @ApiNullable('string') administrationName: string | null;
  @ApiNullable('string') projectId: string | null;
  @ApiNullable('string') projectTitle: string | null;
  @ApiProperty() reason: string;
  @ApiNullable('string', { description: 'Who made the change' }) actorId: string | null;
  @ApiProperty() actorName: string;
  @ApiProperty() at: string;
}

/** Someone who could be added: a user with an administration (its local head), or a project's leader. */
export class NetworkCandidateDto {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: NETWORK_MEMBER_CAPACITIES }) capacity: NetworkMemberCapacity;
  @ApiNullable('string') administrationId: string | null;
  @ApiNullable('string') administrationName: string | null;
  @ApiNullable('string') projectId: string | null;
  @ApiNullable('string') projectTitle: string | null;
}
