import { Module } from '@nestjs/common';
import {
  AdministrationsController,
  AreasController,
  GoalsController,
  IndicatorsController,
  LocalNetworksController,
  MunicipalityController,
} from './master-data.controller.js';

@Module({
  controllers: [
    AdministrationsController,
    AreasController,
    IndicatorsController,
    GoalsController,
    MunicipalityController,
    LocalNetworksController,
  ],
})
export class MasterDataModule {}
