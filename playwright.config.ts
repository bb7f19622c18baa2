import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
// The app server's output, kept by scripts/e2e-server.mjs for the closing log check.
process.env.E2E_SERVER_LOG ??= path.resolve(`e2e/.server-${port}.log`);

export default defineConfig({
  testDir: 'e2e',
  // A whole journey's budget, not a wait for one thing (each expectation waits 10 s at most).
  // The longest journeys take 11–23 s here on an idle machine; on 2026-12-04 the machine kind
  // ran several times slower for hours, and e2e/sync-settings.spec.ts:31 hit a 60 s budget
  // (then passed its retry in 53 s).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  // One retry on CI only, and a retried pass is still reported as flaky in the summary.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/results.json' }]],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's chromium: Playwright cannot download its own browser on these machines.
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    { name: 'chromium', testMatch: /.*\.spec\.ts/, dependencies: ['setup'] },
    // Runs after every spec: what the server logged during the whole run.
    { name: 'server log', testMatch: /.*\.after-all\.ts/, dependencies: ['chromium'] },
  ],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `http://127.0.0.1:${port}/sign-in`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
