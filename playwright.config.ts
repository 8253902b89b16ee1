/**
 * End-to-end tests: real browsers (one BrowserContext per person) against the production build
 * served by `server/main.ts`. Each spec file starts its own server on a free port with its own
 * data directory (see e2e/support/fixtures.ts), so the config has no `webServer`.
 *
 *   npx playwright test                 all specs (builds first when the build is stale)
 *   E2E_SKIP_BUILD=1 npx playwright test   reuse .next as it is
 *   CHROMIUM_PATH=/path/to/chrome npx playwright test
 *   npx playwright test --project chromium   one browser
 *
 * Projects: Chromium, and Firefox and WebKit where Playwright's builds of them are installed
 * (e2e/support/browsers.ts); the run prints which browser did not run and why.
 */
import { defineConfig } from '@playwright/test';
import { browserTargets, CHROMIUM_ONLY_SPECS } from './e2e/support/browsers';

const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  globalSetup: './e2e/support/global-setup.ts',
  // Two cores: browsers, the server and Next compete for them. One worker keeps timings sane.
  workers: 1,
  fullyParallel: false,
  forbidOnly: CI,
  // A flaky test is fixed, not retried: a retry would show it green.
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    actionTimeout: 10_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: browserTargets().flatMap(({ name, launchOptions }) =>
    launchOptions
      ? [
          {
            name,
            use: { browserName: name, launchOptions },
            testIgnore: name === 'chromium' ? [] : Object.keys(CHROMIUM_ONLY_SPECS).map((spec) => `**/${spec}`),
          },
        ]
      : [],
  ),
});
