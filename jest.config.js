/** Unit tests sit beside their code (*.spec.ts); cross-service tests live in test/ (*.e2e-spec.ts). */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/apps/**/*.spec.ts',
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
  ],
  transform: {
    // Type checking is `npm run check`'s job; here only transpile, which is much faster.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@kotoportti/model$': '<rootDir>/libs/model/src',
    '^@kotoportti/model/(.*)$': '<rootDir>/libs/model/src/$1',
    '^@kotoportti/platform$': '<rootDir>/libs/platform/src',
    '^@kotoportti/platform/(.*)$': '<rootDir>/libs/platform/src/$1',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
