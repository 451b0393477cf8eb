import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { JobHandlerRegistry } from '../platform/jobs/job-handler.registry.js';
import { JOB_NAMES } from '../platform/jobs/job-names.js';
import { StatbankService, type StatbankJobData } from './statbank.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `statbank-fetch` job: one fetch from Statistics Denmark's StatBank
 * (StatbankService.run), or the yearly run of a bound indicator. A failure
 * (an error answer, no connection) is written on the fetch, not retried: the
 * administrator sees why and starts it again.
 */
@Injectable()
export class StatbankFetchJob implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly statbank: StatbankService,
  ) {}

  onModuleInit(): void {
    this.registry.register<StatbankJobData>(JOB_NAMES.statbankFetch, async (data) => {
      const yearly = data.yearly;
      const valid =
        (typeof data.fetchId === 'string' && UUID.test(data.fetchId)) ||
        (yearly &&
          typeof yearly.indicatorId === 'string' &&
          UUID.test(yearly.indicatorId) &&
          Number.isInteger(yearly.year));
      if (!valid)
        throw new UnrecoverableError(
          `statbank-fetch needs a fetchId or yearly { indicatorId, year }, got ${JSON.stringify(data)}`,
        );
      await this.statbank.runJob(data);
    });
  }
}
