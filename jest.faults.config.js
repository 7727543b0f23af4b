/**
 * The fault scenarios of issue 9 (`npm run test:faults`): they start their own PostgreSQL,
 * Redis and the three built services, so they run apart from `npm test`, after the build.
 */
const base = require('./jest.config');

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/faults/*.faults-spec.ts'],
  transform: base.transform,
  moduleFileExtensions: base.moduleFileExtensions,
  moduleNameMapper: base.moduleNameMapper,
  // One world of services for all scenarios; each scenario may take minutes on a busy machine.
  testTimeout: 600_000,
  maxWorkers: 1,
};
