/**
 * Read latency and throughput of `GET /api/v1/enterprises/{uscc}`: ~50k enterprises, the server
 * started as in production (`node bin/xieshou.mjs start`, one HTTP worker per core) on a random
 * loopback port, wrk (autocannon where wrk is not installed) with 50 connections for 10 s as
 * `admin` with a bearer token: once over a hot set of 1,000
 * USCCs (served from the read cache) and once cycling through every USCC (mostly cache misses).
 * Targets: ≥ 8,000 req/s, p99 ≤ 20 ms, no non-2xx. A 3 s run against `GET /healthz` (HTTP plus a
 * `select 1`) is reported as a reference for what the machine serves at all.
 *
 * The server runs in its own process so that autocannon does not share its event loop (with both
 * in one process the benchmark measures the load generator as much as the server).
 *
 *   tsx bench/get-enterprise.bench.ts [--count 50000] [--duration 10] [--workers 2]
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import autocannon from 'autocannon';
import {
  formatNumber,
  freePort,
  isMain,
  loginToken,
  reapedChildrenCpuMs,
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

const execFileAsync = promisify(execFile);

export const GET_TARGET_REQ_PER_S = 8_000;
export const GET_TARGET_P99_MS = 20;

/** Options of {@link runGetEnterpriseBench}; `seeded` reuses a prepared data dir (its database stopped). */
export interface GetEnterpriseBenchOptions {
  seeded?: SeededDir;
  count?: number;
  durationS?: number;
  connections?: number;
  /** HTTP worker processes of the server (`XIESHOU_WORKERS`); default one per core. */
  workers?: number;
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

/** One load run's figures, whichever generator produced them. */
interface LoadResult {
  requestsPerS: number;
  total: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU of the load generator itself (ms), where it can be read. */
  loadCpuMs?: number;
}

type LoadGenerator = 'wrk' | 'autocannon';

/**
 * wrk (C, event loop) when installed, else autocannon. autocannon costs about as much CPU per
 * request as the server does, and on a two-core machine it shares the cores with the server; wrk
 * costs a tenth of that, so the figure is the server's (ADR 0034). `XIESHOU_BENCH_LOADGEN` forces one.
 */
export function loadGenerator(): LoadGenerator {
  const forced = process.env.XIESHOU_BENCH_LOADGEN;
  if (forced === 'wrk' || forced === 'autocannon') return forced;
  return spawnSync('wrk', ['--version']).error ? 'autocannon' : 'wrk';
}

async function loadWithAutocannon(url: string, token: string, paths: readonly string[], options: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const before = process.cpuUsage();
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationS,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const requestPath = paths[next];
          next = (next + 1) % paths.length;
          return { ...request, path: requestPath };
        },
      },
    ],
  });
  const cpu = process.cpuUsage(before);
  return {
    requestsPerS: result.requests.average,
    total: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    loadCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

function wrkMs(value: string, unit: string): number {
  return Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 1);
}

/** Parses wrk's report (run with `--latency`). */
export function parseWrk(output: string, durationS: number): Omit<LoadResult, 'loadCpuMs'> {
  const percentile = (p: number) => {
    const match = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
    if (!match) throw new Error(`wrk report without the ${p}% latency:\n${output}`);
    return wrkMs(match[1], match[2]);
  };
  const total = /(\d+) requests in/.exec(output);
  if (!total) throw new Error(`wrk report without a request count:\n${output}`);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  return {
    requestsPerS: Number(total[1]) / durationS,
    total: Number(total[1]),
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    errors: socket ? Number(socket[1]) + Number(socket[2]) + Number(socket[3]) : 0,
    timeouts: socket ? Number(socket[4]) : 0,
  };
}

async function loadWithWrk(url: string, token: string, paths: readonly string[], options: LoadOptions & { scriptDir: string }): Promise<LoadResult> {
  // The Lua script cycles through the paths as autocannon's setupRequest does.
  const script = path.join(options.scriptDir, `paths-${paths.length}.lua`);
  if (!fs.existsSync(script)) {
    const list = paths.map((p) => JSON.stringify(p)).join(',\n');
    fs.writeFileSync(script, `local paths = {\n${list}\n}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n`);
  }
  const before = reapedChildrenCpuMs();
  const { stdout } = await execFileAsync(
    'wrk',
    ['-t1', `-c${options.connections}`, `-d${options.durationS}s`, '--latency', '-s', script, '-H', `Authorization: Bearer ${token}`, url],
    { timeout: (options.durationS + 60) * 1000 },
  );
  const after = reapedChildrenCpuMs();
  return { ...parseWrk(stdout, options.durationS), loadCpuMs: before !== undefined && after !== undefined ? after - before : undefined };
}

interface LoadOptions {
  durationS: number;
  connections: number;
}

async function measure(seeded: SeededDir, options: LoadOptions & { workers: number }): Promise<BenchResult[]> {
  const generator = loadGenerator();
  const server = spawnServer(seeded.dataDir, await freePort(), { XIESHOU_WORKERS: String(options.workers) });
  const scriptDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshou-wrk-'));
  try {
    await waitForHealthy(server, performance.now());
    const token = await loginToken(server.url, 'admin', seeded.adminPassword);
    const probe = await fetch(`${server.url}/api/v1/enterprises/${seeded.usccs[0]}`, { headers: { authorization: `Bearer ${token}` } });
    if (probe.status !== 200) {
      throw new Error(`GET enterprise answered ${probe.status}: ${await probe.text()}`);
    }
    const load = (paths: readonly string[], run: LoadOptions) =>
      generator === 'wrk' ? loadWithWrk(server.url, token, paths, { ...run, scriptDir }) : loadWithAutocannon(server.url, token, paths, run);
    const usccs = shuffled(seeded.usccs).map((uscc) => `/api/v1/enterprises/${uscc}`);
    // Hot set: 1,000 enterprises read again and again (detail pages people open), served from
    // the node's read cache after the warm-up. Full set: every enterprise in turn, so that most
    // reads miss the cache and go to PostgreSQL.
    const hot = usccs.slice(0, 1000);
    await load(hot, { durationS: 2, connections: options.connections }); // warm-up, not reported
    const results: BenchResult[] = [];
    const setup = `${options.connections} conn, ${options.durationS} s, ${generator}, ${options.workers} HTTP worker${options.workers > 1 ? 's' : ''}`;
    for (const [name, set] of [['hot set of 1,000', hot], [`all ${formatNumber(usccs.length)}`, usccs]] as const) {
      const cpuBefore = treeCpu(server.child.pid!);
      const result = await load(set, options);
      const cpuAfter = treeCpu(server.child.pid!);
      const failures = result.non2xx + result.errors + result.timeouts;
      const label = `GET /api/v1/enterprises/{uscc}, ${name} (${setup})`;
      results.push(
        {
          metric: `${label}: throughput`,
          target: `≥ ${formatNumber(GET_TARGET_REQ_PER_S)} req/s`,
          measured: `${formatNumber(result.requestsPerS)} req/s (${formatNumber(result.total)} requests)`,
          isPass: result.requestsPerS >= GET_TARGET_REQ_PER_S,
        },
        {
          metric: `${label}: latency p50 / p99`,
          target: `p99 ≤ ${GET_TARGET_P99_MS} ms`,
          measured: `${result.p50Ms} ms / ${result.p99Ms} ms`,
          isPass: result.p99Ms <= GET_TARGET_P99_MS,
        },
        {
          metric: `${label}: non-2xx, errors, timeouts`,
          target: '0',
          measured: `${result.non2xx}, ${result.errors}, ${result.timeouts}`,
          isPass: failures === 0,
        },
      );
      if (cpuBefore && cpuAfter && result.total > 0) {
        // CPU per request is what contention from other work on the machine distorts least.
        const perRequestUs = (ms: number) => formatNumber((ms * 1000) / result.total);
        const of = (command: string) => (cpuAfter.byCommandMs[command] ?? 0) - (cpuBefore.byCommandMs[command] ?? 0);
        results.push({
          metric: `${label}: CPU per request — Node / PostgreSQL / load generator`,
          target: '—',
          measured: `${perRequestUs(of('node'))} / ${perRequestUs(of('postgres'))} / ${result.loadCpuMs === undefined ? '?' : perRequestUs(result.loadCpuMs)} µs`,
          isPass: null,
        });
      }
    }
    const reference = await load(['/healthz'], { durationS: 3, connections: options.connections });
    results.push({
      metric: `reference: GET /healthz (${options.connections} conn, 3 s, ${generator})`,
      target: '—',
      measured: `${formatNumber(reference.requestsPerS)} req/s, p50 ${reference.p50Ms} ms / p99 ${reference.p99Ms} ms`,
      isPass: null,
    });
    return results;
  } finally {
    await stopServer(server);
    fs.rmSync(scriptDir, { recursive: true, force: true });
  }
}

/** Seeds (unless given a seeded dir), starts the server and runs autocannon against it. */
export async function runGetEnterpriseBench(options: GetEnterpriseBenchOptions = {}): Promise<BenchResult[]> {
  const load = { durationS: options.durationS ?? 10, connections: options.connections ?? 50, workers: options.workers ?? os.availableParallelism() };
  if (options.seeded) {
    return measure(options.seeded, load);
  }
  return withTempDir('get', async (dataDir) => measure(await seedDataDir(dataDir, { count: options.count ?? 50_000 }), load));
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { count: { type: 'string', default: '50000' }, duration: { type: 'string', default: '10' }, workers: { type: 'string' } },
  });
  const workers = values.workers ? Number(values.workers) : undefined;
  console.log(resultsTable(await runGetEnterpriseBench({ count: Number(values.count), durationS: Number(values.duration), workers })));
}
