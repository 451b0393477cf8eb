// Four tiers, one run: unit (no I/O), integration (services on a real
// PostgreSQL), e2e (the whole app over HTTP), browser (Chromium driving the
// web app served by the whole app). test/support/global-setup.ts
// creates one fresh database for the run: on DATABASE_URL when it is set,
// otherwise on an embedded PGlite served over the Postgres wire protocol.
import { existsSync } from 'node:fs';

const swc = ['@swc/jest', { swcrc: true }];
const common = {
  transform: { '^.+\\.ts$': swc },
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^#domain$': '<rootDir>/libs/domain/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  // Each e2e file boots the whole app; on a loaded 2-core machine 5 s is too tight.
  testTimeout: 30_000,
};

// Browser tests (test/browser) drive Debian's Chromium; without it they are skipped, and say so.
const CHROMIUM = '/usr/bin/chromium';
const withBrowser = existsSync(CHROMIUM);
if (!withBrowser && !process.env.JEST_WORKER_ID) {
  process.stderr.write(`Browser tests skipped: ${CHROMIUM} not found (apt-get install chromium to run them).\n`);
}

export default {
  ...common,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{src,libs}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{src,test}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    ...(withBrowser
      ? [{ ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] }]
      : []),
  ],
};
