import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PlanContentService } from './plan-content.service.js';
import { PlanWorkflowService } from './plan-workflow.service.js';
import { PlansController } from './plans.controller.js';
import { PlansService } from './plans.service.js';
import { PlanAdapter } from './plan.adapter.js';
import { PlanMixController } from './plan-mix.controller.js';
import { PlanMixService } from './plan-mix.service.js';
import { WorkflowModule } from '../workflow/workflow.module.js';

@Module({
  imports: [MeetingsModule, NotificationsModule, WorkflowModule],
  controllers: [PlansController, PlanMixController],
  providers: [PlansService, PlanWorkflowService, PlanContentService, PlanAdapter, PlanMixService],
  // The forum's meeting pack reads plans, their content and diffs.
  exports: [PlansService, PlanContentService],
})
export class PlansModule {}
