import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureWebBuilt } from '../../src/cli/commands/start.js';
import { parseConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/main.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminPassword: string;
  }
}

/** Build the web app if stale, then run the real server on a free port with demo data. */
export default async function setup(project: TestProject) {
  ensureWebBuilt((line) => console.log(line));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshou-e2e-'));
  fs.chmodSync(dir, 0o755);
  const adminPassword = 'e2e-admin-password';
  const config = parseConfig({
    ...(process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
    PORT: '0',
    XIESHOU_DATA_DIR: dir,
    XIESHOU_ADMIN_PASSWORD: adminPassword,
    XIESHOU_DEMO: '1',
    XIESHOU_DEMO_ENTERPRISES: '600',
    XIESHOU_LOG_LEVEL: 'warn',
    XIESHOU_STRICT_RESPONSES: '1',
  });
  const server = await startServer(config, () => {});
  project.provide('baseUrl', server.url);
  project.provide('adminPassword', adminPassword);
  return async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
