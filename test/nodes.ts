/**
 * App nodes as production runs them, for tests of several nodes and of crashes: `xieshou start`
 * child processes on free loopback ports over one database (`DATABASE_URL`), each with a data dir
 * of its own, talked to over real HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/server/db/embedded.js';
import { callJson, killServer, loginToken, pollUntilOk, spawnXieshou, stopServer, type ServerProcess } from '../bench/app-process.js';

export const NODE_ADMIN_PASSWORD = 'Node-test-pass-7';

export interface AppNode extends ServerProcess {
  name: string;
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
  const server = spawnXieshou({ ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', XIESHOU_DATA_DIR: path.join(dir, name), XIESHOU_DEMO: '0', XIESHOU_LOG_LEVEL: 'warn', XIESHOU_ADMIN_PASSWORD: NODE_ADMIN_PASSWORD, ...env });
  const node: AppNode = { name, ...server };
  try {
    if (await pollUntilOk(server, '/readyz', performance.now() + 90_000, 100)) return node;
  } catch (error) {
    throw new Error(`node ${name}: ${(error as Error).message}`);
  }
  await killServer(server);
  throw new Error(`node ${name} not ready:\n${server.output()}`);
}

/** SIGKILL, as a crash or the OOM killer would; resolves when the process is gone. */
export const killNode: (node: AppNode) => Promise<void> = killServer;

/** Stops the nodes that still run (SIGINT: the orderly shutdown; SIGKILL after 2 min) and removes `dir`. */
export async function stopNodes(nodes: readonly AppNode[], dir: string): Promise<void> {
  for (const node of nodes) {
    await stopServer(node, 120_000);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** One JSON request with a bearer token; the body parsed when there is one. */
export function call(node: AppNode, method: string, url: string, token: string, body?: object): Promise<{ status: number; json: any }> {
  return callJson(node.url, method, url, token, body);
}

/** Logs in over HTTP; returns the bearer token. */
export function nodeLogin(node: AppNode, username: string, password: string): Promise<string> {
  return loginToken(node.url, username, password);
}

/**
 * Polls `probe` on the other node until it holds; returns the milliseconds from now to the start
 * of the first probe that saw it (the node read its state after that moment), so that a probe
 * request slowed by a busy machine does not count as propagation time.
 */
export async function msUntil(probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const probeStart = performance.now();
    if (await probe()) return probeStart - t0;
    if (performance.now() - t0 > timeoutMs) return Number.POSITIVE_INFINITY;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
