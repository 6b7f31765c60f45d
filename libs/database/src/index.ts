export * from './snake-naming.strategy';
export * from './ensure-database';
export * from './run-migrations';
export * from './data-source-options';
export * from './database.module';
export * from './redis.module';
export * from './read-snapshot';
export * from './prepared-query';
