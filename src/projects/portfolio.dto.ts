import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PROJECT_STATES } from '#domain';
import { ApiNullable } from '../platform/common/openapi.js';
import { FileExportQueryDto } from '../platform/common/file-export.dto.js';
import { PageLimit, PageOffset } from '../platform/common/paging.js';

export class AdoptionLedgerQueryDto {
  @ApiPropertyOptional({ description: 'The administration whose base budget carries the lines' })
  @IsOptional()
  @IsUUID('4')
  administrationId?: string;
  @ApiPropertyOptional({ description: 'First budget year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  budgetYear?: number;
  @PageLimit(1000, 100, 'Lines per page (the totals are always complete)')
  limit?: number;
  @PageOffset()
  offset?: number;
}

export class AdoptionLineDto {
  @ApiProperty() projectId: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty() administrationId: string;
  @ApiProperty() administrationName: string;
  @ApiProperty({ description: 'DKK per year, from the first budget year on' }) yearlyAmountDkk: number;
  @ApiProperty() firstBudgetYear: number;
  @ApiProperty() decidedBy: string;
  @ApiProperty() decidedByName: string;
  @ApiProperty() decidedAt: Date;
}

export class AdoptionTotalDto {
  @ApiProperty() administrationId: string;
  @ApiProperty() administrationName: string;
  @ApiProperty() budgetYear: number;
  @ApiProperty({
    description:
      'Yearly amounts that moved into the base budget from this budget year (lines whose first budget year it is)',
  })
  yearlyAmountDkk: number;
  @ApiProperty({
    description:
      'All yearly amounts the administration carries in this budget year from adoptions (first budget year at or ' +
      'before it)',
  })
  cumulativeYearlyAmountDkk: number;
  @ApiProperty({ description: 'How many lines start in this budget year' }) lines: number;
}

export class AdoptionLedgerDto {
  @ApiProperty({ type: [AdoptionTotalDto], description: 'Per administration and budget year' })
  totals: AdoptionTotalDto[];
  @ApiProperty({
    type: [AdoptionLineDto],
    description: 'One page of the lines, by administration, first budget year, decision time and project',
  })
  lines: AdoptionLineDto[];
  @ApiProperty({ description: 'All lines that match' }) total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class LeadTimeDto {
  @ApiProperty({ description: 'Terminations and adoptions the figures rest on' }) decisions: number;
  @ApiNullable('number', { description: 'Median working days from end date to decision' })
  medianWorkingDays: number | null;
  @ApiNullable('number', { description: '90th percentile (nearest rank)' }) p90WorkingDays: number | null;
}

export class AdoptedAmountDto {
  @ApiProperty() budgetYear: number;
  @ApiProperty({ description: 'Yearly amount moved into the base budget from this year' }) yearlyAmountDkk: number;
  @ApiProperty() projects: number;
}

export class PortfolioGroupDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() projects: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: `Projects by state (${PROJECT_STATES.join(', ')})`,
  })
  countsByState: Record<string, number>;
  @ApiProperty({ description: 'Evaluations owed and past their deadline' }) overdueEvaluations: number;
  @ApiProperty({ type: [AdoptedAmountDto], description: 'Amounts adopted into base budgets, per first budget year' })
  adoptedByBudgetYear: AdoptedAmountDto[];
  @ApiProperty({ type: LeadTimeDto }) decisionLeadTime: LeadTimeDto;
}

export class PortfolioDto {
  @ApiProperty({ description: 'The date the figures are computed for (overdue is judged against it)' }) asOf: string;
  @ApiProperty({
    type: [PortfolioGroupDto],
    description: "Per owning administration; adopted amounts go by the budget line's administration",
  })
  byAdministration: PortfolioGroupDto[];
  @ApiProperty({
    type: [PortfolioGroupDto],
    description: 'One page of the areas, by name; a project in several areas counts in each',
  })
  byArea: PortfolioGroupDto[];
  @ApiProperty({ description: 'All areas (the administrations are always all there)' }) areaTotal: number;
  @ApiProperty({ description: 'Areas per page' }) limit: number;
  @ApiProperty() offset: number;
}

export class PortfolioQueryDto {
  @PageLimit(200, 50, 'Areas per page (by name); the administrations are always complete')
  limit?: number;
  @PageOffset()
  offset?: number;
}

/** The portfolio's export: the file's format and locale. */
export class PortfolioExportQueryDto extends FileExportQueryDto {}
