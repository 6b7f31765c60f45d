export * from './errors';
export * from './envelope';
export * from './event-definition';
export * from './streams';
export * from './caller';
export * from './rpc';
export * from './consumers';
