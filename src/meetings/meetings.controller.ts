import { Body, Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { languageFromHeader } from '../platform/common/language.js';
import { ApiProblems } from '../platform/common/openapi.js';
import { CreateMeetingDto, MeetingDto, MeetingSummaryDto, PendingAgendaDto } from './meeting.dto.js';
import { MeetingsService } from './meetings.service.js';

@ApiTags("mayors' forum")
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @Access('any')
  @ApiOperation({ summary: "The mayors' forum's meetings, newest first" })
  @ApiOkResponse({ type: [MeetingSummaryDto] })
  list(): Promise<MeetingSummaryDto[]> {
    return this.meetings.list();
  }

  @Get('agenda')
  @Access('any')
  @ApiOperation({
    summary: 'What waits for the forum: the next meeting and every open agenda item (submissions, escalations)',
  })
  @ApiOkResponse({ type: PendingAgendaDto })
  pending(@Headers('accept-language') acceptLanguage?: string): Promise<PendingAgendaDto> {
    return this.meetings.pending(languageFromHeader(acceptLanguage) ?? 'da');
  }

  @Get(':id')
  @Access('any')
  @ApiOperation({ summary: 'A meeting with its agenda and the decisions made at it' })
  @ApiOkResponse({ type: MeetingDto })
  @ApiProblems(404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<MeetingDto> {
    return this.meetings.get(id, languageFromHeader(acceptLanguage) ?? 'da');
  }

  @Post()
  @Access('forum_member', 'administrator')
  @ApiOperation({ summary: 'Schedule a meeting; items waiting for a meeting go on its agenda' })
  @ApiCreatedResponse({ type: MeetingDto })
  @ApiProblems(400)
  create(@Body() body: CreateMeetingDto): Promise<MeetingDto> {
    return this.meetings.create(body);
  }
}
