import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { ApiNullable } from '../platform/common/openapi.js';
import { PageLimit, PageOffset } from '../platform/common/paging.js';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListNotificationsQueryDto {
  @ApiPropertyOptional({ description: 'true: only unread ones; false: only read ones; omitted: all' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;

  @PageLimit(100, 20)
  limit: number = 20;

  @PageOffset()
  offset: number = 0;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'deadline-reminder' }) kind: string;
  @ApiProperty({
    description: "In the reader's language (Accept-Language: da or en; Danish when it names neither)",
    example: 'Frist nærmer sig',
  })
  title: string;
  @ApiProperty({ description: "In the reader's language, as title" }) body: string;
  @ApiNullable('string', {
    description: 'The title as a message key (render it with titleParams); null for older, Danish-only notifications',
    example: 'plan.deadline.reminder.title',
  })
  titleKey: string | null;
  @ApiNullable('object', { description: "The title's parameters: names, stage codes, event types, ISO dates" })
  titleParams: Record<string, unknown> | null;
  @ApiNullable('string', { description: 'The body as a message key', example: 'plan.deadline.reminder.body' })
  bodyKey: string | null;
  @ApiNullable('object', { description: "The body's parameters" }) bodyParams: Record<string, unknown> | null;
  @ApiNullable('string', { example: '/plans/6f1c0d9e-0000-4000-8000-000000000000' }) link: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiNullable('date-time', { description: 'null while unread' }) readAt: string | null;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto], description: 'Newest first' }) items: NotificationDto[];
  @ApiProperty({ description: 'How many match the filter (for paging)' }) total: number;
  @ApiProperty({ description: 'How many of your notifications are unread' }) unread: number;
}

export class UnreadCountDto {
  @ApiProperty({ example: 3 }) unread: number;
}

export class MarkAllReadDto {
  @ApiProperty({ description: 'How many were marked read now' }) marked: number;
  @ApiProperty({ example: 0 }) unread: number;
}
