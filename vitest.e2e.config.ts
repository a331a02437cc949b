import { defineConfig } from 'vitest/config';

// Browser tests: the real server (embedded PostgreSQL, demo data) and Debian's Chromium
// driven by playwright-core. Started once in test/e2e/setup.ts.
export default defineConfig({
  root: '.',
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
