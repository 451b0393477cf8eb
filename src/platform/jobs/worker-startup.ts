import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { OutboxRelay } from '../outbox/outbox.relay.js';
import { JobHandlerRegistry } from './job-handler.registry.js';
import { ALL_JOB_NAMES } from './job-names.js';
import { QUEUE_PROCESSORS } from './job.processors.js';

/**
 * The worker role's start: once every module has registered its handlers
 * (onModuleInit), fail if any job name has none; otherwise start the queue
 * workers and the outbox relay. Nothing runs in an app that will not start.
 */
@Injectable()
export class WorkerStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly relay: OutboxRelay,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.assertComplete();
    for (const [queue, type] of QUEUE_PROCESSORS) {
      const worker = this.moduleRef.get(type, { strict: false }).worker;
      worker.run().catch((err: unknown) =>
        this.logger.error({
          msg: 'Queue worker stopped',
          queue,
          error: err instanceof Error ? err.message : String(err),
        }),
      );
    }
    this.relay.start();
    this.logger.log({
      msg: 'Queue workers and outbox relay started; every job has a handler',
      queues: [...QUEUE_PROCESSORS.keys()],
      jobs: ALL_JOB_NAMES,
    });
  }
}
