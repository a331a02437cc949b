/**
 * `npm run bench`: import throughput, GET latency/throughput and cold start, printed as a markdown
 * table and written to `bench/results.md`. Bounded (fixed counts and durations, every wait has a
 * timeout), loopback only, temp dirs removed. A failing benchmark is reported as a row, not a crash.
 *
 *   tsx bench/run.ts [--quick] [--chains-scale 1] [--only matching,fairs]
 *   (--quick: 20k-row import, 10k-row server, 5 s load, supply graph at 1% scale)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runChainsGraphBench } from './chains-graph.js';
import { runColdStartBench } from './cold-start.bench.js';
import { runGetEnterpriseBench } from './get-enterprise.bench.js';
import { runImportBench } from './import.bench.js';
import { runFairsBench } from './fairs.js';
import { runMatchingBench } from './matching-engine.js';
import { runCapitalBench } from './capital.js';
import { runNotificationsBench } from './notifications.js';
import { runWorkbenchBench } from './workbench.js';
import { runAssessmentBench } from './assessment.js';
import { runInnovationBench } from './innovation.js';
import { runAchievementsBench } from './achievements.js';
import { runDealsBench } from './deals.js';
import { ROOT, resultsTable, seedDataDir, withTempDir, type BenchResult } from './lib.js';

async function attempt(metric: string, fn: () => Promise<BenchResult[]>): Promise<BenchResult[]> {
  try {
    const rows = await fn();
    // Printed as they come, so an interrupted run still leaves its figures in the log.
    for (const row of rows) console.error(`  ${row.metric}: ${row.measured} (target ${row.target})`);
    return rows;
  } catch (err) {
    const message = (err as Error).message.split('\n')[0].replace(/\|/g, '\\|').slice(0, 200);
    console.error(`${metric} failed:`, err);
    return [{ metric, target: '—', measured: `error: ${message}`, isPass: false }];
  }
}

/** A module's benchmark: `run(isQuick)` returns its rows. Modules add theirs to `MODULE_BENCHES`. */
interface ModuleBench {
  name: string;
  run: (isQuick: boolean) => Promise<BenchResult[]>;
}

const MODULE_BENCHES: ModuleBench[] = [
  {
    name: 'matching',
    run: async (isQuick) => {
      // 200k (20k quick) with the FlexSearch and PostgreSQL FTS comparisons, then the engine alone at the 1M.
      const offers = isQuick ? 20_000 : 200_000;
      console.error(`matching engine (${offers} offers, with comparisons)…`);
      const rows = await runMatchingBench({ offers });
      if (isQuick) return rows;
      console.error('matching engine (1,000,000 offers)…');
      return [...rows, ...(await runMatchingBench({ offers: 1_000_000, compare: false }))];
    },
  },
  {
    name: 'fairs',
    run: () => {
      console.error('fair scheduler (500 participants, 2,000 wishes)…');
      return runFairsBench({ participants: 500, wishes: 2000, slots: 12, tables: 60 });
    },
  },
  {
    name: 'capital',
    run: (isQuick) => runCapitalBench({ rows: isQuick ? 100_000 : 1_000_000 }),
  },
  { name: 'workbench', run: () => runWorkbenchBench() },
  { name: 'notifications', run: () => runNotificationsBench() },
  {
    name: 'assessment',
    run: (isQuick) => {
      const count = isQuick ? 100_000 : 1_000_000;
      console.error(`assessment screening (${count} enterprises)…`);
      return runAssessmentBench({ count });
    },
  },
  {
    name: 'innovation',
    run: (isQuick) => {
      console.error('reviewer assignment…');
      return runInnovationBench(isQuick ? { applications: 200, experts: 100, perApplication: 3 } : { applications: 2000, experts: 1000, perApplication: 3 });
    },
  },
  {
    name: 'achievements',
    run: (isQuick) => {
      console.error('achievement ↔ need matching…');
      return runAchievementsBench({ candidates: isQuick ? 2_000 : 10_000 });
    },
  },
  {
    name: 'deals',
    run: (isQuick) => {
      const matches = isQuick ? 20_000 : 200_000;
      console.error(`deals read paths (${matches} matches)…`);
      return runDealsBench({ matches });
    },
  },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, 'chains-scale': { type: 'string' }, only: { type: 'string' } },
  });
  const isQuick = values.quick;
  const only = values.only ? new Set(values.only.split(',')) : undefined;
  const isSelected = (name: string) => !only || only.has(name);
  const t0 = performance.now();
  const results: BenchResult[] = [];

  if (isSelected('import')) {
    console.error('import…');
    results.push(...(await attempt('import', () => runImportBench({ count: isQuick ? 20_000 : 100_000 }))));
  }

  if (isSelected('server')) await withTempDir('server', async (dataDir) => {
    const count = isQuick ? 10_000 : 50_000;
    console.error(`seeding ${count} enterprises…`);
    const seeded = await seedDataDir(dataDir, { count }).catch((err: Error) => {
      results.push({ metric: 'seed data dir', target: '—', measured: `error: ${err.message.split('\n')[0]}`, isPass: false });
      return undefined;
    });
    if (!seeded) {
      return;
    }
    console.error('GET /api/v1/enterprises/{uscc}…');
    results.push(...(await attempt('GET enterprise', () => runGetEnterpriseBench({ seeded, durationS: isQuick ? 5 : 10 }))));
    console.error('cold start…');
    results.push(...(await attempt('cold start', () => runColdStartBench({ seeded }))));
  });

  // 1M enterprises, 10M supply edges, 50 chains at scale 1.
  if (isSelected('chains')) {
    const chainsScale = Number(values['chains-scale'] ?? (isQuick ? 0.01 : 1));
    console.error(`supply graph (scale ${chainsScale})…`);
    results.push(...(await attempt('supply graph', () => runChainsGraphBench({ scale: chainsScale }))));
  }

  for (const bench of MODULE_BENCHES.filter((b) => isSelected(b.name))) {
    results.push(...(await attempt(bench.name, () => bench.run(isQuick))));
  }

  const table = resultsTable(results);
  const cpus = os.cpus();
  const header = [
    '# Benchmark results',
    '',
    `${new Date().toISOString()} · node ${process.version} · ${cpus.length} × ${cpus[0]?.model ?? 'CPU'} · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM${isQuick ? ' · --quick' : ''}`,
    '',
    'Server, embedded PostgreSQL and load generator share this machine. Regenerate with `npm run bench`.',
    '',
  ].join('\n');
  // A partial run (--only) prints its table but leaves the full results file alone.
  if (!only) fs.writeFileSync(path.join(ROOT, 'bench/results.md'), `${header}${table}\n`);
  console.log(table);
  console.error(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s${only ? "" : "; written to bench/results.md"}`);
  // Missed targets show in the table; only a benchmark that could not run fails the command.
  if (results.some((r) => r.measured.startsWith('error:'))) {
    process.exitCode = 1;
  }
}

await main();
