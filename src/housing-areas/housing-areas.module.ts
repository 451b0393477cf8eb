import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../platform/config/app-config.js';
import { IndicatorsModule } from '../indicators/indicators.module.js';
import { readIndicatorSettings } from '../indicators/indicator-settings.js';
import { HousingAreasController } from './housing-areas.controller.js';
import { HousingAreasService } from './housing-areas.service.js';

/**
 * The government's lists of housing areas (særligt udsatte boligområder and
 * the lists since): housing areas, their listings per year, list imports, and
 * the counts per area and year written as measurements of the indicators
 * measured from the lists.
 */
@Module({
  imports: [
    IndicatorsModule,
    // A year's list is small; uploads are held in memory up to IMPORT_MAX_MB like measurement files.
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
  controllers: [HousingAreasController],
  providers: [HousingAreasService],
  exports: [HousingAreasService],
})
export class HousingAreasModule {}
