import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { JobHandlerRegistry } from '../platform/jobs/job-handler.registry.js';
import { JOB_NAMES } from '../platform/jobs/job-names.js';
import { ArchiveService, type JournaliseJobData } from './archive.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `journalise-decision` job: one delivery attempt of a decision's archive package (ArchiveService.run). */
@Injectable()
export class JournaliseDecisionJob implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly archive: ArchiveService,
  ) {}

  onModuleInit(): void {
    this.registry.register<JournaliseJobData>(JOB_NAMES.journaliseDecision, async (data) => {
      if (typeof data.decisionId !== 'string' || !UUID.test(data.decisionId))
        throw new UnrecoverableError(
          `journalise-decision needs a decisionId (a UUID), got ${JSON.stringify(data.decisionId)}`,
        );
      if (!Number.isInteger(data.round) || !Number.isInteger(data.attempt))
        throw new UnrecoverableError('journalise-decision needs a whole round and attempt');
      await this.archive.run(data);
    });
  }
}
