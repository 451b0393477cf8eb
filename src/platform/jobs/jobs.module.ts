import { DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { OutboxRelay } from '../outbox/outbox.relay.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { ALL_QUEUES } from '../queue/queue-names.js';
import { JobHandlerRegistry } from './job-handler.registry.js';
import { QUEUE_PROCESSORS } from './job.processors.js';
import { WorkerStartup } from './worker-startup.js';

/**
 * Jobs for every role: the outbox (OutboxService, to add jobs inside a
 * transaction) and the handler registry. The worker role adds the outbox
 * relay and one processor per queue, started (WorkerStartup) only after the
 * check that every job name has a handler.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(role: { worker: boolean }): DynamicModule {
    const queues = BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name })));
    const workerProviders: Provider[] = role.worker ? [OutboxRelay, ...QUEUE_PROCESSORS.values(), WorkerStartup] : [];
    return {
      module: JobsModule,
      global: true,
      imports: [queues],
      providers: [OutboxService, JobHandlerRegistry, ...workerProviders],
      exports: [OutboxService, JobHandlerRegistry, queues, ...(role.worker ? [OutboxRelay] : [])],
    };
  }
}
