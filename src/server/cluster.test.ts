import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenOf } from '../../bench/lib.js';
import { call, nodeLogin, nodesDir, NODE_ADMIN_PASSWORD, startNode, stopNodes, type AppNode } from '../../test/nodes.js';
import { createTestDb } from '../../test/support.js';
import { makeEnterprise, uniqueName } from '../../test/factories.js';

// `xieshou start` with XIESHOU_WORKERS=2 (ADR 0034): the primary holds the database and forks two
// HTTP workers that share the port. Each worker keeps its own read caches, so a write through one
// must evict the other's copy (the change feed), a killed worker must be replaced, and stopping
// the primary must leave no worker behind.
const dir = nodesDir('cluster');
const nodes: AppNode[] = [];
let node: AppNode;
let token: string;
let firm: Awaited<ReturnType<typeof makeEnterprise>>;

/** The HTTP workers: live child processes of the primary whose command is `node`. */
const workerPids = (pid: number) => childrenOf(pid, 'node');

/** A GET on a connection of its own (no keep-alive), so that the cluster hands it to the next worker. */
function freshGet(url: string, authorization: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { authorization, connection: 'close' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.setTimeout(30_000, () => request.destroy(new Error('timeout')));
  });
}

async function until(probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

beforeAll(async () => {
  const { db, url } = await createTestDb();
  firm = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州集群测试精工'), industryCode: 'C3459' });
  node = await startNode(dir, 'cluster', url, { XIESHOU_WORKERS: '2' });
  nodes.push(node);
  // /readyz answers as soon as one worker listens; the banner comes once every worker does (a
  // worker lost before that fails the start, as a misconfigured one would).
  expect(await until(async () => node.output().includes('is running at'), 120_000), node.output()).toBe(true);
  token = await nodeLogin(node, 'admin', NODE_ADMIN_PASSWORD);
}, 240_000);

afterAll(() => stopNodes(nodes, dir));

describe('xieshou start with two HTTP workers', () => {
  it('runs two worker processes under the primary', () => {
    expect(workerPids(node.child.pid!)).toHaveLength(2);
  });

  it('evicts every worker’s cached copy of an enterprise written through one of them', async () => {
    const path = `${node.url}/api/v1/enterprises/${firm.uscc}`;
    // Fresh connections alternate between the workers: both now hold the enterprise in cache.
    for (let i = 0; i < 6; i++) {
      const read = await freshGet(path, `Bearer ${token}`);
      expect(read.status).toBe(200);
      expect(JSON.parse(read.body).name).toBe(firm.name);
    }
    const renamed = uniqueName('苏州集群测试精工改名');
    const patch = await call(node, 'PATCH', `/api/v1/enterprises/${firm.uscc}`, token, { name: renamed });
    expect(patch.status).toBe(200);
    // Every worker must serve the new name: six consecutive fresh-connection reads agree.
    const isConsistent = await until(async () => {
      for (let i = 0; i < 6; i++) {
        const read = await freshGet(path, `Bearer ${token}`);
        if (JSON.parse(read.body).name !== renamed) return false;
      }
      return true;
    });
    expect(isConsistent).toBe(true);
  });

  it('replaces a worker killed with SIGKILL and goes on serving', async () => {
    const before = workerPids(node.child.pid!);
    process.kill(before[0], 'SIGKILL');
    const isReplaced = await until(async () => {
      const now = workerPids(node.child.pid!);
      return now.length === 2 && !now.includes(before[0]);
    });
    expect(isReplaced, node.output()).toBe(true);
    for (let i = 0; i < 6; i++) {
      expect((await freshGet(`${node.url}/healthz`, '')).status).toBe(200);
    }
  });

  it('stops every worker when the primary is stopped', async () => {
    const workers = workerPids(node.child.pid!);
    expect(workers, node.output()).toHaveLength(2);
    await stopNodes([node], dir);
    expect(node.child.exitCode).toBe(0);
    const isAlive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(await until(async () => workers.every((pid) => !isAlive(pid)), 10_000)).toBe(true);
  });
});
