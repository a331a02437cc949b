import { defineConfig } from 'vitest/config';

// Unit and service/HTTP tests (Node). The web app's Vite config lives in vite.config.ts;
// browser tests are run by test/e2e/run.mjs.
export default defineConfig({
  root: '.',
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'test/authz/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
