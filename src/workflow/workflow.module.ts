import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { WorkflowStore } from './workflow-store.js';

/** The one persistence path of the workflows, for the plans and projects modules. */
@Module({ imports: [MeetingsModule, NotificationsModule], providers: [WorkflowStore], exports: [WorkflowStore] })
export class WorkflowModule {}
