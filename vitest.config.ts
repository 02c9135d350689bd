import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-*/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    // RxDB's tabs talk over BroadcastChannel, as in the app (bench/node-tabs.ts).
    setupFiles: ['./bench/node-tabs.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores here and in CI: two test files at a time keeps the suite fast without starving servers.
    maxWorkers: 2,
  },
});
