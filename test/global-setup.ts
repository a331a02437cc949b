import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDb } from '../src/server/db/database.js';
import { startEmbedded } from '../src/server/db/embedded.js';
import { migrate } from '../src/server/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the migrated template database; test files clone it. */
    templateUrl: string;
  }
}

/**
 * One embedded PostgreSQL per test run (fsync off), migrated once; each test file clones
 * the migrated database as its own (see test/support.ts). `TEST_DATABASE_URL` points the
 * suite at an external server instead.
 */
export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  if (!url) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshou-test-'));
    fs.chmodSync(dir, 0o755);
    const server = await startEmbedded({ dataDir: dir, isEphemeral: true });
    url = server.url;
    stop = server.stop;
  }
  const { pool, close } = openDb(url, { max: 2 });
  await migrate(pool);
  await close();
  project.provide('templateUrl', url);
  return async () => {
    await stop?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
