import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AttachmentLimitInterceptor } from './attachment-upload.interceptor.js';
import { ProjectEvaluationService } from './project-evaluation.service.js';
import { ProjectPortfolioService } from './project-portfolio.service.js';
import { ProjectWorkflowService } from './project-workflow.service.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';
import { ProjectAdapter } from './project.adapter.js';
import { ProjectCycleController, ProjectCycleService } from './project-cycle.controller.js';
import { WorkflowModule } from '../workflow/workflow.module.js';

@Module({
  imports: [
    MeetingsModule,
    NotificationsModule,
    WorkflowModule,
    // Uploads are kept in memory (they are stored in the database) and stop at ATTACHMENT_MAX_BYTES.
    MulterModule.registerAsync({
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) => ({ limits: { fileSize: config.env.ATTACHMENT_MAX_BYTES, files: 1 } }),
    }),
  ],
  controllers: [ProjectsController, ProjectCycleController],
  providers: [
    ProjectsService,
    ProjectWorkflowService,
    ProjectEvaluationService,
    ProjectPortfolioService,
    AttachmentLimitInterceptor,
    ProjectAdapter,
    ProjectCycleService,
  ],
  exports: [ProjectWorkflowService, ProjectsService],
})
export class ProjectsModule {}
