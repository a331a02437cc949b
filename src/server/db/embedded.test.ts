import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runningPostmaster } from './embedded.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshou-crash-'));
fs.chmodSync(dir, 0o755);
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  const orphan = runningPostmaster(dir);
  if (orphan) process.kill(orphan.pid, 'SIGINT');
  await new Promise((r) => setTimeout(r, 500));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Start the real app (`xieshou start`) and resolve with its URL once it listens. */
function startApp(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/xieshou.mjs', 'start', '--no-build'], {
    env: { ...process.env, PORT: '0', XIESHOU_DATA_DIR: dir, XIESHOU_DEMO: '0', XIESHOU_ADMIN_PASSWORD: 'crash-test-pw', XIESHOU_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`app exited with ${code}:\n${output}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('embedded PostgreSQL lifecycle', () => {
  it('starts cleanly after kill -9 of the app, with the orphaned server still running', async () => {
    const first = await startApp();
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    await killed(first.child);
    const orphan = runningPostmaster(dir);
    expect(orphan).toBeDefined(); // PostgreSQL outlived the killed app

    const second = await startApp();
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    const login = await fetch(`${second.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'crash-test-pw' }) });
    expect(login.status).toBe(200);
    expect(runningPostmaster(dir)!.pid).not.toBe(orphan!.pid);
    await killed(second.child);
  }, 120_000);

  it('starts after a stale lock file and with its old port taken by another program', async () => {
    const orphan = runningPostmaster(dir);
    expect(orphan).toBeDefined();
    process.kill(orphan!.pid, 'SIGKILL'); // leaves postmaster.pid behind
    while (runningPostmaster(dir)) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect(fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(true);
    const oldPort = JSON.parse(fs.readFileSync(path.join(dir, 'embedded-pg.json'), 'utf8')).port as number;
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(oldPort, '127.0.0.1', resolve));
    try {
      const app = await startApp();
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      expect(runningPostmaster(dir)!.port).not.toBe(oldPort);
      // A graceful stop takes PostgreSQL down with the app.
      await new Promise<void>((resolve) => {
        app.child.once('exit', () => resolve());
        app.child.kill('SIGINT');
      });
      expect(runningPostmaster(dir)).toBeUndefined();
    } finally {
      squatter.close();
    }
  }, 120_000);

  it('refuses to start a second server on a data dir in use, and leaves the first one running', async () => {
    const first = await startApp();
    const second = spawn(process.execPath, ['bin/xieshou.mjs', 'start', '--no-build'], {
      env: { ...process.env, PORT: '0', XIESHOU_DATA_DIR: dir, XIESHOU_DEMO: '0', XIESHOU_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(second);
    let output = '';
    second.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(2);
    expect(output).toContain('in use by another xieshou process');
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    await new Promise<void>((resolve) => {
      first.child.once('exit', () => resolve());
      first.child.kill('SIGINT');
    });
  }, 120_000);
});
