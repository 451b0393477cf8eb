import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './notification.entity.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { mailTransportProvider, SendNotificationEmailJob } from './send-notification-email.job.js';

/**
 * In-app notifications (and their e-mails). Imported in every role: the API
 * serves them, and the worker runs the e-mail job. Relies on the global
 * JobsModule for the outbox and the job registry.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  controllers: [NotificationsController],
  providers: [NotificationsService, SendNotificationEmailJob, mailTransportProvider],
  exports: [NotificationsService],
})
export class NotificationsModule {}
