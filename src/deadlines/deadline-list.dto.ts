import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiNullable } from '../platform/common/openapi.js';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageLimit, PageOffset } from '../platform/common/paging.js';

export const DEADLINE_KINDS = ['plan_stage', 'project_evaluation'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export class DeadlineListQueryDto {
  @ApiPropertyOptional({ description: 'Plans of this area, projects that serve it' })
  @IsOptional()
  @IsUUID('4', { message: 'areaId must be an area id (UUID)' })
  areaId?: string;
  @ApiPropertyOptional({ description: "The plan's coordinating or the project's owning administration" })
  @IsOptional()
  @IsUUID('4', { message: 'administrationId must be an administration id (UUID)' })
  administrationId?: string;
  @ApiPropertyOptional({ enum: DEADLINE_KINDS })
  @IsOptional()
  @IsIn(DEADLINE_KINDS, { message: `kind must be one of ${DEADLINE_KINDS.join(', ')}` })
  kind?: DeadlineKind;
  @ApiPropertyOptional({ description: "One plan's stage deadline only" })
  @IsOptional()
  @IsUUID('4', { message: 'planId must be a plan id (UUID)' })
  planId?: string;
  @ApiPropertyOptional({ description: 'Only those past their deadline (true) or not (false)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
  @PageLimit(200, 50)
  limit?: number;
  @PageOffset()
  offset?: number;
}

export class DeadlineDto {
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: DeadlineKind;
  @ApiProperty({ description: 'The plan or project id' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: "A plan's stage, a project's state" }) stage: string;
  @ApiNullable('string', { description: "A plan's status (drafting, submitted)" }) status: string | null;
  @ApiProperty({ example: '2027-01-29' }) dueDate: string;
  @ApiProperty({ description: 'Working days from today to the deadline (negative: that many past it)' })
  workingDaysLeft: number;
  @ApiProperty({ description: "Past it (a stage awaiting the mayors' forum is not late)" }) overdue: boolean;
  @ApiProperty({ type: [String], description: "The plan's area, or the areas the project serves" }) areaIds: string[];
  @ApiProperty({ type: [String] }) areaNames: string[];
  @ApiProperty({ description: 'Coordinating (plan) or owning (project) administration' }) administrationId: string;
  @ApiProperty({ example: 'TMF' }) administrationCode: string;
  @ApiNullable('string', { description: "The project's leader (a plan: none)" }) ownerName: string | null;
}

export class DeadlinePageDto {
  @ApiProperty({ type: [DeadlineDto], description: 'Overdue first, then the nearest deadline' }) items: DeadlineDto[];
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Of all that match the filters' }) overdueCount: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
