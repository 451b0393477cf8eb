import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ProblemDetailsFilter } from './platform/common/problem-details.filter.js';
import { createValidationPipe } from './platform/common/validation.js';
import type { RuntimeConfig } from './platform/config/app-config.js';
import { ConfigModule } from './platform/config/config.module.js';
import { dataSourceOptions } from './platform/database/data-source-options.js';
import { HealthModule } from './platform/health/health.module.js';
import { JobsModule } from './platform/jobs/jobs.module.js';
import { MasterDataModule } from './master-data/master-data.module.js';
import { queueConnection } from './platform/queue/queue-connection.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { IdempotencyModule } from './platform/idempotency/idempotency.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PlansModule } from './plans/plans.module.js';
import { InterventionsModule } from './interventions/interventions.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { IndicatorsModule } from './indicators/indicators.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { MetaModule } from './meta/meta.module.js';
import { UsersModule } from './users/users.module.js';
import { configureTimeZone } from './platform/common/local-day.js';
import { WebModule } from './platform/web/web.module.js';
import { SampleDataModule } from './sample-data/sample-data.module.js';
import { HousingAreasModule } from './housing-areas/housing-areas.module.js';
import { StatbankModule } from './statbank/statbank.module.js';
import { AdminJobsModule } from './admin-jobs/admin-jobs.module.js';
import { ForumModule } from './forum/forum.module.js';
import { BudgetRoundsModule } from './budget-rounds/budget-rounds.module.js';

export interface AppRole {
  /** Serve the HTTP API. */
  api: boolean;
  /** Run the queue workers and the outbox relay. */
  worker: boolean;
}

@Module({})
export class AppModule {
  static forRoot(config: RuntimeConfig, role: AppRole = { api: true, worker: true }): DynamicModule {
    // Every feature module in both roles: the worker needs the features'
    // job handlers; controllers are only served where there is HTTP.
    configureTimeZone(config.env.TIME_ZONE);
    const features = [
      AuthModule,
      UsersModule,
      MasterDataModule,
      HealthModule,
      MeetingsModule,
      PlansModule,
      WebModule,
      IndicatorsModule,
      ReportsModule,
      InterventionsModule,
      ProjectsModule,
      SampleDataModule,
      HousingAreasModule,
      StatbankModule,
      AdminJobsModule,
      ForumModule,
      BudgetRoundsModule,
      MetaModule,
      AuditModule,
    ];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl)),
        BullModule.forRoot({ connection: queueConnection(config), prefix: config.env.QUEUE_PREFIX }),
        JobsModule.forRoot(role),
        NotificationsModule,
        IdempotencyModule,
        DeadlinesModule,
        ...features,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
