import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { JobHandlerRegistry } from '../platform/jobs/job-handler.registry.js';
import { JOB_NAMES } from '../platform/jobs/job-names.js';
import { ReportsService, type ReportJobData } from './reports.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `plan-report` job: renders one progress report as PDF (ReportsService.run). */
@Injectable()
export class PlanReportJob implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly reports: ReportsService,
  ) {}

  onModuleInit(): void {
    this.registry.register<ReportJobData>(JOB_NAMES.planReport, async (data, job) => {
      if (typeof data.reportId !== 'string' || !UUID.test(data.reportId)) {
        throw new UnrecoverableError(`plan-report needs a reportId (a UUID), got ${JSON.stringify(data.reportId)}`);
      }
      try {
        await this.reports.run(data.reportId);
      } catch (err) {
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.reports.giveUp(data.reportId, err);
        throw err;
      }
    });
  }
}
