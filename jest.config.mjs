// Jest 30 in ESM mode (run with --experimental-vm-modules) with @swc/jest: NestJS 12 is ESM-only.
import { readFileSync } from 'node:fs';

const swc = JSON.parse(readFileSync(new URL('./.swcrc.base.json', import.meta.url), 'utf8'));

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, sourceMaps: 'inline', swcrc: false }] },
  moduleNameMapper: {
    '^@crm/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/**/__tests__/**/*.spec.ts', '<rootDir>/**/test/**/*.e2e-spec.ts', '<rootDir>/**/test/**/*.int-spec.ts', '<rootDir>/**/test/**/*.fault-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
};
