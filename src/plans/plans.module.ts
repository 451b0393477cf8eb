import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PlanContentService } from './plan-content.service.js';
import { PlanWorkflowService } from './plan-workflow.service.js';
import { PlansController } from './plans.controller.js';
import { PlansService } from './plans.service.js';

@Module({
  imports: [MeetingsModule, NotificationsModule],
  controllers: [PlansController],
  providers: [PlansService, PlanWorkflowService, PlanContentService],
})
export class PlansModule {}
