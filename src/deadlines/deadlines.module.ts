import { Global, Module } from '@nestjs/common';
import { DeadlineHandlers } from './deadline-handlers.service.js';
import { DeadlineScheduler } from './deadline-scheduler.service.js';
import { WorkingCalendarService } from './working-calendar.service.js';

@Global()
@Module({
  providers: [DeadlineScheduler, DeadlineHandlers, WorkingCalendarService],
  exports: [DeadlineScheduler, DeadlineHandlers, WorkingCalendarService],
})
export class DeadlinesModule {}
