import { Global, Module } from '@nestjs/common';
import { DeadlineHandlers } from './deadline-handlers.service.js';
import { DeadlineScheduler } from './deadline-scheduler.service.js';

@Global()
@Module({ providers: [DeadlineScheduler, DeadlineHandlers], exports: [DeadlineScheduler, DeadlineHandlers] })
export class DeadlinesModule {}
