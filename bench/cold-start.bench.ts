/**
 * Cold start: with an existing, seeded data dir whose database is stopped, the time from spawning
 * `node bin/xieshou.mjs start` (PORT random, XIESHOU_DEMO=0) until `GET /healthz` answers 200.
 * Three runs, SIGINT between them; the median is reported. Target ≤ 5 s.
 *
 * `--no-build` is passed: building the web UI is a one-off on first install, not part of a start.
 *
 *   tsx bench/cold-start.bench.ts [--count 50000] [--runs 3]
 */
import { parseArgs } from 'node:util';
import {
  freePort,
  isMain,
  resultsTable,
  seedDataDir,
  spawnServer,
  stopServer,
  waitForHealthy,
  withTempDir,
  type BenchResult,
  type SeededDir,
} from './lib.js';

export const COLD_START_TARGET_S = 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function measure(seeded: SeededDir, runs: number): Promise<BenchResult[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const startedAt = performance.now();
    const server = spawnServer(seeded.dataDir, port);
    try {
      times.push(await waitForHealthy(server, startedAt));
    } finally {
      await stopServer(server);
    }
  }
  const seconds = median(times) / 1000;
  return [
    {
      metric: `cold start to /healthz 200 (${seeded.usccs.length.toLocaleString('en-US')} rows, median of ${runs})`,
      target: `≤ ${COLD_START_TARGET_S} s`,
      measured: `${seconds.toFixed(2)} s (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s)`,
      isPass: seconds <= COLD_START_TARGET_S,
    },
  ];
}

/** Seeds (unless given a seeded dir, whose database must be stopped) and times `runs` starts. */
export async function runColdStartBench(options: { seeded?: SeededDir; count?: number; runs?: number } = {}): Promise<BenchResult[]> {
  const runs = options.runs ?? 3;
  if (options.seeded) {
    return measure(options.seeded, runs);
  }
  return withTempDir('cold', async (dataDir) => measure(await seedDataDir(dataDir, { count: options.count ?? 50_000 }), runs));
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '50000' }, runs: { type: 'string', default: '3' } } });
  console.log(resultsTable(await runColdStartBench({ count: Number(values.count), runs: Number(values.runs) })));
}
