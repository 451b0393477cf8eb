import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { DeadlineListQueryDto, DeadlinePageDto } from './deadline-list.dto.js';
import { DeadlineListService } from './deadline-list.service.js';

@ApiTags('deadlines')
@Controller('deadlines')
export class DeadlineListController {
  constructor(private readonly deadlines: DeadlineListService) {}

  @Get()
  @Access('any')
  @ApiOperation({
    summary:
      "Every running deadline: plans' stages and projects' owed evaluations, overdue first, with working days left; " +
      'filter by area, administration, kind, plan, overdue',
  })
  @ApiOkResponse({ type: DeadlinePageDto })
  @ApiProblems(400)
  list(@Query() query: DeadlineListQueryDto): Promise<DeadlinePageDto> {
    return this.deadlines.list(query);
  }
}
