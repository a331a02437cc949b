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
    // A poll waits for the page to catch up with a write; on a loaded 2-core machine that can take
    // seconds (the default is 1 s). A wrong value still fails, once the time is up.
    expect: { poll: { timeout: 20_000 } },
    fileParallelism: false,
    pool: 'forks',
  },
});
