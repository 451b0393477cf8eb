import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { JobHandlerRegistry } from '../platform/jobs/job-handler.registry.js';
import { JOB_NAMES } from '../platform/jobs/job-names.js';
import { ImportService, type ImportJobData } from './import.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `indicator-import` job: validates and loads one uploaded file
 * (ImportService.run). Its queue's worker takes one job at a time, and one
 * import writes at a time overall (an advisory lock).
 */
@Injectable()
export class IndicatorImportJob implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly imports: ImportService,
  ) {}

  onModuleInit(): void {
    this.registry.register<ImportJobData>(JOB_NAMES.indicatorImport, async (data, job) => {
      if (typeof data.importId !== 'string' || !UUID.test(data.importId)) {
        throw new UnrecoverableError(
          `indicator-import needs an importId (a UUID), got ${JSON.stringify(data.importId)}`,
        );
      }
      let outcome;
      try {
        outcome = await this.imports.run(data.importId);
      } catch (err) {
        // Out of attempts: say so on the import rather than leave it "validating" for ever.
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.imports.giveUp(data.importId, err);
        throw err;
      }
      // Another run holds the import's write lock: the job is not done until that run has committed or
      // rolled back, so it is retried (with the queue's backoff) rather than completed.
      if (outcome.status === 'busy')
        throw new Error(`Import ${data.importId} is being written by another run; trying again later`);
    });
  }
}
