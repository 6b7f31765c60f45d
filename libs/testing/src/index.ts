export * from './poll-until';
export * from './test-names';
export * from './infra-urls';
export * from './free-port';
export * from './private-nats';
export * from './private-servers';
export * from './credit-code';
