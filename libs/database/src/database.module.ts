import { DynamicModule, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HealthRegistry } from '@daiban/observability';
import { buildDataSourceOptions, type ServiceDatabaseOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';
import { runMigrationsLocked } from './run-migrations';

@Injectable()
class DatabaseHealthRegistration implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.health.register({
      name: 'postgres',
      check: async () => {
        await this.dataSource.query('SELECT 1');
      },
    });
  }
}

/** The service's DataSource: creates the database when missing and migrates it under an advisory lock. */
@Module({})
export class DatabaseModule {
  static forRoot(options: ServiceDatabaseOptions & { migrate?: boolean }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => buildDataSourceOptions(options),
          dataSourceFactory: async (dsOptions) => {
            await ensureDatabase(options.url);
            const dataSource = await new DataSource(dsOptions!).initialize();
            if (options.migrate !== false) await runMigrationsLocked(dataSource, options.schema);
            return dataSource;
          },
        }),
      ],
      providers: [DatabaseHealthRegistration],
    };
  }
}
