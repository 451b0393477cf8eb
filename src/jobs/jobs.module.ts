import { DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { OutboxRelay } from '../outbox/outbox.relay.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { ALL_QUEUES } from '../queue/queue-names.js';
import { JobHandlerRegistry, JobHandlersCheck } from './job-handler.registry.js';
import { DeadlinesProcessor, NotificationsProcessor } from './job.processors.js';

/**
 * Jobs for every role: the outbox (OutboxService, to add jobs inside a
 * transaction) and the handler registry. The worker role adds the outbox
 * relay, one processor per queue, and the start-up check that every job
 * name has a handler.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(role: { worker: boolean }): DynamicModule {
    const queues = BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name })));
    const workerProviders: Provider[] = role.worker ? [OutboxRelay, DeadlinesProcessor, NotificationsProcessor, JobHandlersCheck] : [];
    return {
      module: JobsModule,
      global: true,
      imports: [queues],
      providers: [OutboxService, JobHandlerRegistry, ...workerProviders],
      exports: [OutboxService, JobHandlerRegistry, queues, ...(role.worker ? [OutboxRelay] : [])],
    };
  }
}
