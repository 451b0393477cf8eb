import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module.js';
import { PlanReportJob } from './plan-report.job.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Progress reports (fremdriftsrapporter) as PDF. In every role: the API takes requests, the worker makes the PDFs. */
@Module({
  imports: [IndicatorsModule],
  controllers: [ReportsController],
  providers: [ReportsService, PlanReportJob],
})
export class ReportsModule {}
