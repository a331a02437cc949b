/**
 * App nodes as production runs them, for tests of several nodes and of crashes: `xieshou start`
 * child processes on free loopback ports over one database (`DATABASE_URL`), each with a data dir
 * of its own, talked to over real HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/server/db/embedded.js';

const ROOT = path.resolve(import.meta.dirname, '..');
export const NODE_ADMIN_PASSWORD = 'Node-test-pass-7';

export interface AppNode {
  name: string;
  child: ChildProcess;
  url: string;
  output(): string;
}

/** A temp dir for the nodes' data dirs; removed by {@link stopNodes}. */
export function nodesDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `xieshou-${label}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Starts a node and waits until `/readyz` answers 200 (migrated, database reachable). */
export async function startNode(dir: string, name: string, databaseUrl: string, env: Record<string, string> = {}): Promise<AppNode> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/xieshou.mjs'), 'start', '--no-build'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', XIESHOU_DATA_DIR: path.join(dir, name), XIESHOU_DEMO: '0', XIESHOU_LOG_LEVEL: 'warn', XIESHOU_ADMIN_PASSWORD: NODE_ADMIN_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString('utf8')).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const node: AppNode = { name, child, url: `http://127.0.0.1:${port}`, output: () => tail };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node ${name} exited with ${child.exitCode}:\n${tail}`);
    try {
      const response = await fetch(`${node.url}/readyz`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return node;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`node ${name} not ready:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGKILL, as a crash or the OOM killer would; resolves when the process is gone. */
export async function killNode(node: AppNode): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  const exited = once(node.child, 'exit');
  node.child.kill('SIGKILL');
  await exited;
}

/** Stops the nodes that still run (SIGINT: the orderly shutdown) and removes `dir`. */
export async function stopNodes(nodes: readonly AppNode[], dir: string): Promise<void> {
  for (const node of nodes) {
    if (node.child.exitCode === null && node.child.signalCode === null) {
      const exited = once(node.child, 'exit');
      node.child.kill('SIGINT');
      await exited;
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** One JSON request with a bearer token; the body parsed when there is one. */
export async function call(node: AppNode, method: string, url: string, token: string, body?: object): Promise<{ status: number; json: any }> {
  const response = await fetch(`${node.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Logs in over HTTP; returns the bearer token. */
export async function nodeLogin(node: AppNode, username: string, password: string): Promise<string> {
  const response = await fetch(`${node.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
