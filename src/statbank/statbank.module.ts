import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module.js';
import { StatbankController } from './statbank.controller.js';
import { StatbankFetchJob } from './statbank-fetch.job.js';
import { statbankSettingsProvider } from './statbank-settings.js';
import { StatbankService } from './statbank.service.js';

/** Reference values from Statistics Denmark's StatBank: bindings, fetches and the statbank-fetch job. */
@Module({
  imports: [IndicatorsModule],
  controllers: [StatbankController],
  providers: [statbankSettingsProvider, StatbankService, StatbankFetchJob],
})
export class StatbankModule {}
