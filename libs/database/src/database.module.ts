import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type MixedList } from 'typeorm';
import { HealthRegistry } from '@crm/common';
import { PreparingClient } from './prepared-writes.js';
import { serviceDatabaseUrl } from './service-database-url.js';

export interface ServiceDatabaseOptions {
  /** The service's schema; it connects as role crm_<schema>. */
  schema: string;
  /** Entities not registered by a feature module's TypeOrmModule.forFeature (those load themselves). */
  entities?: MixedList<Type<unknown> | string | Function>;
  /** Migration classes, imported explicitly (ESM: no globbing). Run at start, never `synchronize`. */
  migrations: Function[];
  poolSize?: number;
}

/** Builds a service's DataSource options: its own role, its own schema, a statement timeout. */
export function serviceDataSourceOptions(options: ServiceDatabaseOptions) {
  const statementTimeout = Number(process.env.STATEMENT_TIMEOUT_MS ?? 5000);
  return {
    type: 'postgres' as const,
    url: serviceDatabaseUrl(options.schema),
    schema: options.schema,
    entities: options.entities ?? [],
    autoLoadEntities: true,
    migrations: options.migrations,
    migrationsRun: true,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
    extra: {
      max: options.poolSize ?? Number(process.env.DB_POOL_SIZE ?? 10),
      options: `-c search_path=${options.schema},public -c statement_timeout=${statementTimeout}`,
      application_name: `crm-${options.schema}`,
      connectionTimeoutMillis: 5000,
      // pg's default closes a connection idle for 10 s: the first requests after a quiet spell then
      // wait for new connections with cold caches (the board benchmark's paced tail showed it).
      idleTimeoutMillis: 5 * 60_000,
      // Repeated writes become prepared statements (off for a transaction-pooling PgBouncer).
      ...(process.env.DB_PREPARED_WRITES === 'false' ? {} : { Client: PreparingClient }),
    },
  };
}

@Module({})
export class DatabaseModule {
  static forService(options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRootAsync({ useFactory: () => serviceDataSourceOptions(options) })],
      providers: [
        {
          provide: 'crm:databaseHealth',
          inject: [DataSource, HealthRegistry],
          useFactory: (dataSource: DataSource, health: HealthRegistry) => {
            health.register('postgres', async () => (await dataSource.query('SELECT 1 AS ok'))[0]?.ok === 1);
            return true;
          },
        },
      ],
    };
  }
}
