import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { PreparingClient } from './preparing-client.js';

/** The one DataSource definition, shared by the app, the CLI and the tests. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    installExtensions: false,
    synchronize: false,
    logging: ['warn', 'migration'],
    extra: { max: 20, application_name: 'byloeft', Client: PreparingClient },
    ...extra,
  } as DataSourceOptions;
}
