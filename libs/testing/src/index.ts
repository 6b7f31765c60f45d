export * from './poll-until';
export * from './test-names';
export * from './infra-urls';
