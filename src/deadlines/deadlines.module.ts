import { Global, Module } from '@nestjs/common';
import { DeadlineHandlers } from './deadline-handlers.service.js';
import { DeadlineScheduler } from './deadline-scheduler.service.js';
import { DeadlineListController } from './deadline-list.controller.js';
import { DeadlineListService } from './deadline-list.service.js';
import { WorkingCalendarService } from './working-calendar.service.js';

@Global()
@Module({
  controllers: [DeadlineListController],
  providers: [DeadlineScheduler, DeadlineHandlers, DeadlineListService, WorkingCalendarService],
  exports: [DeadlineScheduler, DeadlineHandlers, WorkingCalendarService],
})
export class DeadlinesModule {}
