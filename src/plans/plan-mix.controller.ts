import { Controller, Get, Param } from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { PlanMixService } from './plan-mix.service.js';

class MixCellDto {
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Sum of the yearly amounts (DKK) stated' }) yearlyAmountDkk: number;
  @ApiProperty({ description: 'Interventions without a stated amount' }) withoutAmount: number;
  @ApiPropertyOptional({
    description: 'Yearly amounts by funding source (base_budget, municipal_pool, …, or unstated)',
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  bySource: Record<string, number>;
}
class MixKindsDto {
  @ApiProperty({ type: MixCellDto }) core_operations: MixCellDto;
  @ApiProperty({ type: MixCellDto }) individual: MixCellDto;
  @ApiProperty({ type: MixCellDto }) area_based: MixCellDto;
}
class MixGoalDto {
  @ApiProperty() goalItemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: MixKindsDto }) kinds: MixKindsDto;
  @ApiProperty({ type: MixCellDto }) total: MixCellDto;
}
class InterventionMixDto {
  @ApiProperty({ type: MixKindsDto }) kinds: MixKindsDto;
  @ApiProperty({ type: MixCellDto }) total: MixCellDto;
  @ApiProperty({ type: [MixGoalDto] }) goals: MixGoalDto[];
  @ApiProperty({ description: "Chosen interventions serving none of the plan's goals" }) withoutGoal: number;
  @ApiProperty({ enum: ['core_operations', 'individual', 'area_based'], isArray: true }) missingKinds: string[];
  @ApiProperty({ description: "The municipality's setting: the plan stage requires every kind" }) required: boolean;
}

@ApiTags('plans')
@Controller('plans')
export class PlanMixController {
  constructor(private readonly mix: PlanMixService) {}

  @Get(':id/intervention-mix')
  @Access('any')
  @ApiOperation({
    summary:
      "The plan's mix of chosen interventions: count and yearly funding per kind (core operations, " +
      'individual-oriented, area-based), for the plan and per goal, and the kinds it lacks',
  })
  @ApiOkResponse({ type: InterventionMixDto })
  @ApiProblems(404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.mix.mix(id);
  }
}
