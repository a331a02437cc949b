import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { parseConfig, type Config } from '../src/server/config.js';
import { openDb, type Db } from '../src/server/db/database.js';
import type { App } from '../src/server/http/context.js';

/** A database of the test file's own, cloned from the migrated template. */
export async function createTestDb(): Promise<{ db: Db; url: string }> {
  const templateUrl = new URL(inject('templateUrl'));
  const template = templateUrl.pathname.slice(1);
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  // CREATE DATABASE … TEMPLATE needs the template to have no other sessions: connect to `postgres`.
  const maint = new pg.Client({ connectionString: Object.assign(new URL(templateUrl.toString()), { pathname: '/postgres' }).toString() });
  await maint.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await maint.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (err) {
        // Another file cloning at the same moment holds the template briefly.
        if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await maint.end();
  }
  const url = Object.assign(new URL(templateUrl.toString()), { pathname: `/${name}` }).toString();
  const { db, close } = openDb(url, { max: 10 });
  afterAll(close);
  return { db, url };
}

/** Configuration for in-process apps in tests. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({ XIESHOU_DATA_DIR: '/tmp/xieshou-unused', XIESHOU_DEMO: '0', XIESHOU_LOG_LEVEL: 'silent', XIESHOU_STRICT_RESPONSES: '1', ...overrides });
}

/** An in-process app over a fresh test database (no port is opened). */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<{ app: App; db: Db }> {
  const { db } = await createTestDb();
  const app = await buildApp({ config: testConfig(overrides), db, isWebEnabled: false });
  afterAll(async () => {
    await app.close();
  });
  return { app, db };
}

/** A multipart/form-data body with one file part named `file` and text fields, for `app.inject`. */
export function multipartBody(file: Buffer, filename: string, fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----xieshou-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
