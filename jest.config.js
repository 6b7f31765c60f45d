// One transform for every test tier: swc only transpiles; `npm run typecheck` does the type checking.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const moduleNameMapper = {
  '^@daiban/(contracts|messaging|database|calendar|auth|observability|testing|config|storage)$':
    '<rootDir>/libs/$1/src',
};
// ESM-only dependencies that jest (on Node 20) cannot require: transpiled like our own code.
const esmOnly = ['content-disposition'];
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
};
module.exports = {
  // Jest 30 ignores testTimeout inside a project entry; set here it covers the integration tier.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.{int,e2e}-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      testTimeout: 60000,
    },
    {
      // Browser tests against the built stack: `npm run test:e2e` (not part of `npm test`'s jest run).
      ...common,
      displayName: 'e2e-browser',
      testMatch: ['<rootDir>/e2e/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/e2e/global-teardown.ts',
    },
  ],
};
