import { defineConfig } from 'vitest/config';

/**
 * Suites that start their servers with `useTestServer` and do not pick a store themselves. They
 * run twice: on LevelDB (project "integration") and, when DATABASE_URL is set, on Postgres
 * (project "integration-postgres", where server/test/support/in-process.ts starts the servers on
 * DATABASE_URL). Suites that loop over `testStores()` themselves are not listed.
 */
const SERVER_SUITES_ON_EITHER_STORE = [
  'server/test/bad-input.test.ts',
  'server/test/board-session.test.ts',
  'server/test/convergence-fuzz.test.ts',
  'server/test/fan-out.test.ts',
  'server/test/first-view.test.ts',
  'server/test/frame-fuzz.test.ts',
  'server/test/metrics.test.ts',
  'server/test/sync.test.ts',
  'server/test/yjs-endpoint.test.ts',
];

const integration = {
  environment: 'node' as const,
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Integration suites start real servers and child processes: one file at a time keeps them from
  // competing for two cores.
  fileParallelism: false,
};

if (!process.env.DATABASE_URL) {
  console.warn('DATABASE_URL is not set: the integration-postgres project does NOT run, and the suites run on LevelDB alone');
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'server/**/*.unit.test.ts', 'eslint-rules/**/*.test.ts'],
          environment: 'node',
        },
      },
      { test: { name: 'integration', include: ['server/test/**/*.test.ts'], ...integration } },
      ...(process.env.DATABASE_URL
        ? [{ test: { name: 'integration-postgres', include: SERVER_SUITES_ON_EITHER_STORE, env: { TABULA_TEST_STORE: 'postgres' }, ...integration } }]
        : []),
    ],
  },
});
