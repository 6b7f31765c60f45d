// `npm run test:chaos`: the fault-injection suite, apart from `npm test` (it builds dist/ first and
// starts its own PostgreSQL, Redis and nats-server). CHAOS_SUITE=ci runs the subset .ci/run uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest reads CommonJS config
const base = require('../../jest.config.js');
const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  ...integration,
  rootDir: '../..',
  displayName: 'chaos',
  testMatch: ['<rootDir>/test/chaos/**/*.chaos-spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 15 * 60 * 1000,
  maxWorkers: 1,
};
