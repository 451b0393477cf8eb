import { Controller, Get, Injectable, Param } from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  PROJECT_CYCLE_LABELS,
  PROJECT_CYCLE_STEPS,
  projectCycle,
  type ProjectRecordEntry,
  type ProjectState,
} from '#domain';
import { Access } from '../auth/access.decorator.js';
import { notFound } from '../platform/common/app-error.js';
import { ApiProblems } from '../platform/common/openapi.js';

class ProjectCycleStepDto {
  @ApiProperty({ enum: PROJECT_CYCLE_STEPS }) step: string;
  @ApiProperty({ example: 'Skalering' }) label: string;
  @ApiProperty({ example: 'Scaling' }) labelEn: string;
  @ApiProperty({ enum: ['done', 'current', 'pending', 'skipped', 'not_reached'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) reachedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) doneAt: string | null;
  @ApiProperty({ type: [Number], description: "The record's entries (seq) that belong to the step" }) seqs: number[];
}

/** The project's record read as the policy's cycle. */
@Injectable()
export class ProjectCycleService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async cycle(projectId: string): Promise<ProjectCycleStepDto[]> {
    const [project] = (await this.ds.query(`SELECT "state_value" FROM "project" WHERE "id" = $1`, [projectId])) as {
      state_value: ProjectState;
    }[];
    if (!project) throw notFound('Project', projectId);
    const record = (await this.ds.query(
      `SELECT "seq", "event", "from_state" AS "fromState", "to_state" AS "toState",
              to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "at"
         FROM "project_transition" WHERE "project_id" = $1 ORDER BY "seq"`,
      [projectId],
    )) as ProjectRecordEntry[];
    return projectCycle(project.state_value, record).map((entry) => ({
      ...entry,
      label: PROJECT_CYCLE_LABELS[entry.step].da,
      labelEn: PROJECT_CYCLE_LABELS[entry.step].en,
    }));
  }
}

@ApiTags('projects')
@Controller('projects')
export class ProjectCycleController {
  constructor(private readonly cycles: ProjectCycleService) {}

  @Get(':id/cycle')
  @Access('any')
  @ApiOperation({
    summary:
      "The project's way as the policy's cycle: problem → proposal → intervention → evaluation → scaling → new " +
      'method in core operations, each step with its status, when it was reached and done, and its record entries',
  })
  @ApiOkResponse({ type: [ProjectCycleStepDto] })
  @ApiProblems(400, 404)
  cycle(@Param('id', ParseUUIDPipe) id: string): Promise<ProjectCycleStepDto[]> {
    return this.cycles.cycle(id);
  }
}
