import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { ChartsService } from './charts.service.js';
import { ExportService } from './export.service.js';
import { GoalProgressService } from './goal-progress.service.js';
import { ImportService } from './import.service.js';
import { IndicatorDataService } from './indicator-data.service.js';
import { IndicatorImportJob } from './indicator-import.job.js';
import { indicatorSettingsProvider, readIndicatorSettings, INDICATOR_SETTINGS } from './indicator-settings.js';
import { TheoryOfChangeService } from './theory-of-change.service.js';
import {
  AreaIndicatorsController,
  IndicatorsController,
  OverviewController,
  PlanGoalsController,
  TheoryOfChangeController,
} from './indicators.controller.js';

/**
 * Goals, indicators and progress: the theory of change (with its tools and
 * activities), measurements and their import, the index
 * against the city, identification, on-track status, exports and charts.
 * In every role: the API serves it, the worker runs the import job.
 */
@Module({
  imports: [
    // Uploads are held in memory up to IMPORT_MAX_MB; a larger one is refused with 413 before it is read.
    MulterModule.registerAsync({
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) => ({
        limits: {
          fileSize: readIndicatorSettings(config.env as unknown as Record<string, unknown>).importMaxBytes,
          files: 1,
          fields: 5,
        },
      }),
    }),
  ],
  controllers: [
    IndicatorsController,
    AreaIndicatorsController,
    OverviewController,
    TheoryOfChangeController,
    PlanGoalsController,
  ],
  providers: [
    indicatorSettingsProvider,
    IndicatorDataService,
    GoalProgressService,
    TheoryOfChangeService,
    ImportService,
    ExportService,
    ChartsService,
    IndicatorImportJob,
  ],
  exports: [INDICATOR_SETTINGS, IndicatorDataService, GoalProgressService, ChartsService, ImportService],
})
export class IndicatorsModule {}
