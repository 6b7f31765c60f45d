export * from './request-context';
export * from './masking';
export * from './logger';
export * from './metrics';
export * from './health';
export * from './observability.module';
