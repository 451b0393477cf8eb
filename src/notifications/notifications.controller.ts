import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ParseUUIDPipe } from '../platform/common/parse-uuid.pipe.js';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser } from '../auth/access.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { languageFromHeader } from '../platform/common/language.js';
import { ApiProblems } from '../platform/common/openapi.js';
import {
  ListNotificationsQueryDto,
  MarkAllReadDto,
  NotificationDto,
  NotificationListDto,
  UnreadCountDto,
} from './notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Access('any')
  @ApiOperation({
    summary: 'Your notifications, newest first',
    description: 'With the number matching the filter (`total`) and your unread count.',
  })
  @ApiOkResponse({ type: NotificationListDto })
  @ApiProblems(400)
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListNotificationsQueryDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<NotificationListDto> {
    return this.notifications.list(user.id, query, languageFromHeader(acceptLanguage) ?? 'da');
  }

  @Get('unread-count')
  @Access('any')
  @ApiOperation({ summary: 'How many of your notifications are unread' })
  @ApiOkResponse({ type: UnreadCountDto })
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return { unread: await this.notifications.unreadCount(user.id) };
  }

  @Post('read-all')
  @HttpCode(200)
  @Access('any')
  @ApiOperation({ summary: 'Mark all your notifications read' })
  @ApiOkResponse({ type: MarkAllReadDto })
  markAllRead(@CurrentUser() user: AuthUser): Promise<MarkAllReadDto> {
    return this.notifications.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Access('any')
  @ApiOperation({
    summary: 'Mark one of your notifications read',
    description: "Marking it again changes nothing. Someone else's notification is not found.",
  })
  @ApiOkResponse({ type: NotificationDto })
  @ApiProblems(400, 404)
  markRead(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(user.id, id, languageFromHeader(acceptLanguage) ?? 'da');
  }
}
