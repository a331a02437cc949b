/**
 * Read latency and throughput of `GET /api/v1/enterprises/{uscc}`: ~50k enterprises, the server
 * started as in production (`node bin/xieshou.mjs start`) on a random loopback port, autocannon
 * with 50 connections for 10 s as `admin` with a bearer token: once over a hot set of 1,000
 * USCCs (served from the read cache) and once cycling through every USCC (mostly cache misses).
 * Targets: ≥ 8,000 req/s, p99 ≤ 20 ms, no non-2xx. A 3 s run against `GET /healthz` (HTTP plus a
 * `select 1`) is reported as a reference for what the machine serves at all.
 *
 * The server runs in its own process so that autocannon does not share its event loop (with both
 * in one process the benchmark measures the load generator as much as the server).
 *
 *   tsx bench/get-enterprise.bench.ts [--count 50000] [--duration 10]
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import {
  formatNumber,
  freePort,
  isMain,
  loginToken,
  resultsTable,
  seedDataDir,
  spawnServer,
  stopServer,
  treeCpu,
  waitForHealthy,
  withTempDir,
  type BenchResult,
  type SeededDir,
} from './lib.js';

export const GET_TARGET_REQ_PER_S = 8_000;
export const GET_TARGET_P99_MS = 20;

/** Options of {@link runGetEnterpriseBench}; `seeded` reuses a prepared data dir (its database stopped). */
export interface GetEnterpriseBenchOptions {
  seeded?: SeededDir;
  count?: number;
  durationS?: number;
  connections?: number;
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let state = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function load(url: string, token: string, usccs: readonly string[], options: { durationS: number; connections: number }) {
  let next = 0;
  return autocannon({
    url,
    connections: options.connections,
    duration: options.durationS,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const uscc = usccs[next];
          next = (next + 1) % usccs.length;
          return { ...request, path: `/api/v1/enterprises/${uscc}` };
        },
      },
    ],
  });
}

async function measure(seeded: SeededDir, options: { durationS: number; connections: number }): Promise<BenchResult[]> {
  const server = spawnServer(seeded.dataDir, await freePort());
  try {
    await waitForHealthy(server, performance.now());
    const token = await loginToken(server.url, 'admin', seeded.adminPassword);
    const probe = await fetch(`${server.url}/api/v1/enterprises/${seeded.usccs[0]}`, { headers: { authorization: `Bearer ${token}` } });
    if (probe.status !== 200) {
      throw new Error(`GET enterprise answered ${probe.status}: ${await probe.text()}`);
    }
    const usccs = shuffled(seeded.usccs);
    // Hot set: 1,000 enterprises read again and again (detail pages people open), served from
    // the node's read cache after the warm-up. Full set: every enterprise in turn, so that most
    // reads miss the cache and go to PostgreSQL.
    const hot = usccs.slice(0, 1000);
    await load(server.url, token, hot, { durationS: 2, connections: options.connections }); // warm-up, not reported
    const results: BenchResult[] = [];
    for (const [name, set] of [['hot set of 1,000', hot], [`all ${formatNumber(usccs.length)}`, usccs]] as const) {
      const cpuBefore = treeCpu(server.child.pid!);
      const loadBefore = process.cpuUsage();
      const result = await load(server.url, token, set, options);
      const loadCpu = process.cpuUsage(loadBefore);
      const cpuAfter = treeCpu(server.child.pid!);
      const failures = result.non2xx + result.errors + result.timeouts;
      const label = `GET /api/v1/enterprises/{uscc}, ${name} (${options.connections} conn, ${options.durationS} s)`;
      results.push(
        {
          metric: `${label}: throughput`,
          target: `≥ ${formatNumber(GET_TARGET_REQ_PER_S)} req/s`,
          measured: `${formatNumber(result.requests.average)} req/s (${formatNumber(result.requests.total)} requests)`,
          isPass: result.requests.average >= GET_TARGET_REQ_PER_S,
        },
        {
          metric: `${label}: latency p50 / p99`,
          target: `p99 ≤ ${GET_TARGET_P99_MS} ms`,
          measured: `${result.latency.p50} ms / ${result.latency.p99} ms`,
          isPass: result.latency.p99 <= GET_TARGET_P99_MS,
        },
        {
          metric: `${label}: non-2xx, errors, timeouts`,
          target: '0',
          measured: `${result.non2xx}, ${result.errors}, ${result.timeouts}`,
          isPass: failures === 0,
        },
      );
      if (cpuBefore && cpuAfter && result.requests.total > 0) {
        // CPU per request is what contention from other work on the machine distorts least.
        const perRequestUs = (ms: number) => formatNumber((ms * 1000) / result.requests.total);
        results.push({
          metric: `${label}: CPU per request — server / its PostgreSQL / load generator`,
          target: '—',
          measured: `${perRequestUs(cpuAfter.selfMs - cpuBefore.selfMs)} / ${perRequestUs(cpuAfter.descendantsMs - cpuBefore.descendantsMs)} / ${perRequestUs((loadCpu.user + loadCpu.system) / 1000)} µs`,
          isPass: null,
        });
      }
    }
    const reference = await autocannon({ url: `${server.url}/healthz`, connections: options.connections, duration: 3 });
    results.push({
      metric: `reference: GET /healthz (${options.connections} conn, 3 s)`,
      target: '—',
      measured: `${formatNumber(reference.requests.average)} req/s, p50 ${reference.latency.p50} ms / p99 ${reference.latency.p99} ms`,
      isPass: null,
    });
    return results;
  } finally {
    await stopServer(server);
  }
}

/** Seeds (unless given a seeded dir), starts the server and runs autocannon against it. */
export async function runGetEnterpriseBench(options: GetEnterpriseBenchOptions = {}): Promise<BenchResult[]> {
  const load = { durationS: options.durationS ?? 10, connections: options.connections ?? 50 };
  if (options.seeded) {
    return measure(options.seeded, load);
  }
  return withTempDir('get', async (dataDir) => measure(await seedDataDir(dataDir, { count: options.count ?? 50_000 }), load));
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '50000' }, duration: { type: 'string', default: '10' } } });
  console.log(resultsTable(await runGetEnterpriseBench({ count: Number(values.count), durationS: Number(values.duration) })));
}
