/**
 * `xieshou start` as a child process, talked to over real HTTP: the one harness of the benchmarks
 * (`bench/lib.ts`) and of the multi-node and crash tests (`test/nodes.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (where `bin/xieshou.mjs` lives). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A `xieshou start` child process with the tail of its output (for error messages). */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
}

/** Spawns `node bin/xieshou.mjs start --no-build` with `env` (which must set `PORT`), listening on 127.0.0.1. */
export function spawnXieshou(env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/xieshou.mjs'), 'start', '--no-build'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, url: `http://127.0.0.1:${env.PORT}`, output: () => tail };
}

/**
 * Polls `GET <probePath>` every `intervalMs` until it answers 200 or `deadline` (a
 * `performance.now()` time) passes. Returns true when it answered.
 * @throws when the process exits first.
 */
export async function pollUntilOk(server: ServerProcess, probePath: string, deadline: number, intervalMs: number): Promise<boolean> {
  while (performance.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`server exited with code ${server.child.exitCode}:\n${server.output()}`);
    }
    try {
      const response = await fetch(`${server.url}${probePath}`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        return true;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}

/** SIGINT (the server closes HTTP and stops its database), SIGKILL after `timeoutMs`; resolves when gone. */
export async function stopServer(server: ServerProcess, timeoutMs = 30_000): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** SIGKILL, as a crash or the OOM killer would; resolves when the process is gone. */
export async function killServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) {
    return;
  }
  const exited = once(server.child, 'exit');
  server.child.kill('SIGKILL');
  await exited;
}

/** Logs in over HTTP and returns the bearer token. */
export async function loginToken(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) {
    throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { token: string }).token;
}

/** One JSON request with a bearer token; the body parsed when there is one. */
export async function callJson(baseUrl: string, method: string, url: string, token: string, body?: object): Promise<{ status: number; json: any }> {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}
