import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module.js';
import { SampleDataLoader } from './sample-data.loader.js';

/** The illustrative sample figures, loaded at start-up on the embedded default when SEED_SAMPLE_DATA=true. */
@Module({ imports: [IndicatorsModule], providers: [SampleDataLoader], exports: [SampleDataLoader] })
export class SampleDataModule {}
