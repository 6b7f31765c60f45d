export * from './notification-vocabulary';
export * from './inbox.rpc';
export * from './preferences.rpc';
export * from './channel-targets.rpc';
export * from './supervision-orders.rpc';
export * from './reminders.rpc';
export * from './recipients.rpc';
export * from './thresholds.rpc';
