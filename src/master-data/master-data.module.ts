import { Module } from '@nestjs/common';
import {
  AdministrationsController,
  AreasController,
  GoalsController,
  IndicatorsController,
  LocalNetworksController,
  MunicipalityController,
} from './master-data.controller.js';
import { NetworkHandoverController, NetworkHandoverService } from './network-handover.js';

@Module({
  controllers: [
    AdministrationsController,
    AreasController,
    IndicatorsController,
    GoalsController,
    MunicipalityController,
    LocalNetworksController,
    NetworkHandoverController,
  ],
  providers: [NetworkHandoverService],
})
export class MasterDataModule {}
