import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { PLAN_STAGES, type PlanStage } from '#domain';
import { ApiNullable } from '../platform/common/openapi.js';

const nullable = (_o: unknown, v: unknown) => v !== null && v !== undefined;

export class CreateBudgetRoundDto {
  @ApiProperty({ example: 2013, description: 'The budget year the plans are prepared for (one round per year)' })
  @IsInt({ message: 'budgetYear must be a whole number' })
  @Min(2000)
  @Max(2100)
  budgetYear: number;
  @ApiProperty({ type: [String], description: 'The areas whose plans are prepared for this budget year' })
  @IsArray()
  @ArrayUnique({ message: 'areaIds must name each area once' })
  @ArrayMaxSize(200)
  @IsUUID('4', { each: true, message: 'each areaIds entry must be an area id (UUID)' })
  areaIds: string[];
  @ApiPropertyOptional({ type: String, nullable: true, example: '2012-06-15', description: 'Proposals are due' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsDateString({ strict: true }, { message: 'proposalsDueOn must be a date such as 2012-06-15' })
  proposalsDueOn?: string | null;
}

export class UpdateBudgetRoundDto {
  @ApiProperty({ description: 'The version of the round you read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version: number;
  @ApiPropertyOptional({ type: [String], description: 'The areas whose plans are prepared for this budget year' })
  @IsOptional()
  @IsArray()
  @ArrayUnique({ message: 'areaIds must name each area once' })
  @ArrayMaxSize(200)
  @IsUUID('4', { each: true, message: 'each areaIds entry must be an area id (UUID)' })
  areaIds?: string[];
  @ApiPropertyOptional({ type: String, nullable: true, example: '2012-06-15', description: 'Proposals are due' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsDateString({ strict: true }, { message: 'proposalsDueOn must be a date such as 2012-06-15' })
  proposalsDueOn?: string | null;
}

export class BudgetRoundAreaDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The area has a plan for this budget year' }) hasPlan: boolean;
}

export class BudgetRoundDto {
  @ApiProperty() id: string;
  @ApiProperty() budgetYear: number;
  @ApiProperty({ type: [BudgetRoundAreaDto] }) areas: BudgetRoundAreaDto[];
  @ApiNullable('date', { example: '2012-06-15', description: 'The day the budget proposals are due' })
  proposalsDueOn: string | null;
  @ApiProperty({ description: 'Plans of this budget year' }) planCount: number;
  @ApiProperty() version: number;
  @ApiNullable('string', { description: 'Who created it (none: the seed)' }) createdBy: string | null;
  @ApiNullable('string') createdByName: string | null;
  @ApiNullable('string', { description: 'Who changed it last' }) updatedBy: string | null;
  @ApiNullable('string') updatedByName: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class BudgetRoundPlanDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() areaId: string;
  @ApiProperty() areaName: string;
  @ApiProperty({ enum: PLAN_STAGES }) stage: PlanStage;
  @ApiNullable({ enum: ['drafting', 'submitted'] }) status: 'drafting' | 'submitted' | null;
  @ApiNullable('date', { description: "The current stage's deadline" }) stageDueDate: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ description: "The plan's area is one the round names" }) inRoundAreas: boolean;
  @ApiProperty() coordinatingAdministrationId: string;
}

export class BudgetRoundDetailDto extends BudgetRoundDto {
  @ApiProperty({ type: [BudgetRoundPlanDto], description: 'Every plan of the budget year, by area' })
  plans: BudgetRoundPlanDto[];
}

export const MATERIAL_FORMATS = ['json', 'xlsx', 'pdf'] as const;
export type MaterialFormat = (typeof MATERIAL_FORMATS)[number];

export class MaterialQueryDto {
  @ApiPropertyOptional({ enum: MATERIAL_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(MATERIAL_FORMATS, { message: 'format must be json, xlsx or pdf' })
  format?: MaterialFormat;
}

export class YearAmountsDto {
  @ApiProperty() year: number;
  @ApiProperty({ description: 'DKK asked' }) asked: number;
  @ApiProperty({ description: 'DKK granted' }) granted: number;
}

export class TotalsDto {
  @ApiProperty({ description: 'DKK asked' }) asked: number;
  @ApiProperty({ description: 'DKK granted (by the decisions that name a proposal)' }) granted: number;
  @ApiProperty({ type: [YearAmountsDto] }) byYear: YearAmountsDto[];
  @ApiProperty() proposals: number;
  @ApiProperty({ description: 'Proposals a decision has answered' }) decided: number;
}

export class GrantDto {
  @ApiProperty({ description: 'The budget decision item' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() decidedOn: string;
  @ApiProperty() amountGranted: number;
}

export class ProposalLineDto {
  @ApiProperty({ description: 'The budget proposal item' }) id: string;
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty() areaId: string;
  @ApiProperty() areaName: string;
  @ApiNullable('string') administrationId: string | null;
  @ApiProperty() description: string;
  @ApiProperty() budgetYear: number;
  @ApiProperty({ description: 'DKK asked' }) asked: number;
  @ApiNullable('number', { description: 'DKK granted; null while no decision names the proposal' })
  granted: number | null;
  @ApiProperty({ type: [String], description: "Titles of the plan's goals it serves" }) goals: string[];
  @ApiProperty({ type: [GrantDto] }) decisions: GrantDto[];
}

export class AreaGroupDto {
  @ApiProperty() areaId: string;
  @ApiProperty() areaName: string;
  @ApiProperty({ type: [ProposalLineDto] }) proposals: ProposalLineDto[];
  @ApiProperty({ type: TotalsDto }) totals: TotalsDto;
}

export class AdministrationGroupDto {
  @ApiNullable('string') administrationId: string | null;
  @ApiProperty() administrationCode: string;
  @ApiProperty() administrationName: string;
  @ApiProperty({ type: [AreaGroupDto] }) areas: AreaGroupDto[];
  @ApiProperty({ type: TotalsDto }) totals: TotalsDto;
}

export class IdeaLineDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty() areaName: string;
  @ApiProperty() administrationCode: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiNullable('number') estimatedAmount: number | null;
}

export class IdeaGroupDto {
  @ApiProperty({ enum: ['public', 'private'] }) investmentType: string;
  @ApiProperty({ type: [IdeaLineDto] }) ideas: IdeaLineDto[];
  @ApiProperty() estimatedTotal: number;
  @ApiProperty() withoutEstimate: number;
}

export class UnlinkedDecisionDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty() reference: string;
  @ApiProperty() decidedOn: string;
  @ApiProperty() amount: number;
}

export class NegotiationMaterialDto {
  @ApiProperty() budgetYear: number;
  @ApiNullable('date') proposalsDueOn: string | null;
  @ApiProperty({ type: [Number], description: "The proposals' budget years" }) years: number[];
  @ApiProperty({ type: [AdministrationGroupDto] }) administrations: AdministrationGroupDto[];
  @ApiProperty({ type: TotalsDto }) totals: TotalsDto;
  @ApiProperty({ type: [IdeaGroupDto], description: 'The idea catalogue: public and private investment' })
  ideas: IdeaGroupDto[];
  @ApiProperty({ type: [UnlinkedDecisionDto], description: 'Budget decisions that name no proposal' })
  unlinkedDecisions: UnlinkedDecisionDto[];
  @ApiProperty() generatedAt: Date;
}
