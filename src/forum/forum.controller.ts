import { Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { DecisionDto } from '../meetings/meeting.dto.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { DecisionListQueryDto, MeetingPackDto } from './forum.dto.js';
import { ForumService } from './forum.service.js';

const PDF_RESPONSE = {
  description: 'The PDF (tagged, language da)',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
};

@ApiTags("mayors' forum")
@Controller()
export class ForumController {
  constructor(private readonly forum: ForumService) {}

  @Get('meetings/:id/pack')
  @Access('any')
  @ApiOperation({
    summary: "A meeting's agenda by kind, each item with what is to be decided and what changed, and its decisions",
  })
  @ApiOkResponse({ type: MeetingPackDto })
  @ApiProblems(400, 404)
  pack(@Param('id', ParseUUIDPipe) id: string): Promise<MeetingPackDto> {
    return this.forum.pack(id);
  }

  @Get('meetings/:id/agenda.pdf')
  @Access('any')
  @ApiOperation({ summary: 'The agenda pack (dagsorden) as a tagged PDF' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_RESPONSE)
  @ApiProblems(400, 404)
  async agenda(@Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return pdf(await this.forum.agendaPdf(id));
  }

  @Get('meetings/:id/minutes.pdf')
  @Access('any')
  @ApiOperation({ summary: 'The minutes (beslutningsprotokol) as a tagged PDF' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_RESPONSE)
  @ApiProblems(400, 404)
  async minutes(@Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return pdf(await this.forum.minutesPdf(id));
  }

  @Get('decisions')
  @Access('any')
  @ApiOperation({
    summary: "The forum's latest decisions, at meetings and by written procedure, with their journal state",
  })
  @ApiOkResponse({ type: [DecisionDto] })
  @ApiProblems(400)
  decisions(@Query() query: DecisionListQueryDto): Promise<DecisionDto[]> {
    return this.forum.decisions(query.limit ?? 50);
  }

  @Get('decisions/:id')
  @Access('any')
  @ApiOperation({ summary: 'One decision with its journal state' })
  @ApiOkResponse({ type: DecisionDto })
  @ApiProblems(400, 404)
  decision(@Param('id', ParseUUIDPipe) id: string): Promise<DecisionDto> {
    return this.forum.decision(id);
  }

  @Post('decisions/:id/journal/retry')
  @HttpCode(204)
  @Access('administrator')
  @ApiOperation({ summary: 'Journalise a decision again after it failed (a new round of attempts)' })
  @ApiNoContentResponse({ description: 'Queued' })
  @ApiProblems(400, 404, 409)
  async retry(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.forum.retryJournal(id);
  }
}

function pdf(file: { fileName: string; content: Buffer }): StreamableFile {
  return new StreamableFile(file.content, {
    type: 'application/pdf',
    disposition: `attachment; filename="${file.fileName}"`,
    length: file.content.length,
  });
}
