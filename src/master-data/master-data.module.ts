import { Module } from '@nestjs/common';
import {
  AdministrationsController,
  AreasController,
  GoalsController,
  IndicatorsController,
  MunicipalityController,
} from './master-data.controller.js';
import { LocalNetworkService, LocalNetworksController } from './local-network.js';
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
  providers: [NetworkHandoverService, LocalNetworkService],
  exports: [LocalNetworkService],
})
export class MasterDataModule {}
