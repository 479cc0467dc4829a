/**
 * One jest run for the whole monorepo, in band (2-core machines). The global setup
 * starts the real stack once (Postgres, Redis, Kafka); integration tests are
 * black-box clients of it, unit tests ignore it.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testMatch: ['<rootDir>/{platform,router,schema,subgraphs/*,infra,test}/**/test/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/infra/.kafka/', '/.data/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30_000,
};
