import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './e2e/support/chromium';

// The renderer runs in Debian's Chromium against the headless host. Browsers are never
// downloaded: the executable comes from the system (CHROMIUM_PATH or /usr/bin/chromium).
export default defineConfig({
  testDir: './e2e',
  // Builds dist/renderer-e2e (the renderer with the tests' hooks), which HostProcess serves.
  globalSetup: './e2e/support/global-setup.ts',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    // No click may wait for the whole test's time: a toast that left by itself fails fast instead.
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'browser', testIgnore: /electron\// },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
});
