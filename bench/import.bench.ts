/**
 * Import throughput: 100k generated enterprises as one CSV (in memory), committed by
 * `importEnterprises` into a fresh embedded database. Target ≥ 10,000 rows/s.
 *
 *   tsx bench/import.bench.ts [--count 100000]
 */
import { parseArgs } from 'node:util';
import { openStore } from '../src/server/db/store.js';
import { importEnterprises } from '../src/server/modules/enterprises/index.js';
import { SYSTEM_ACTOR } from '../src/server/platform/actor.js';
import { enterprisesCsv } from './gen-csv.js';
import { benchConfig, formatNumber, isMain, resultsTable, treeCpu, withTempDir, type BenchResult } from './lib.js';

/** Rows per second the import must reach. */
export const IMPORT_TARGET_ROWS_PER_S = 10_000;

/** Times one committed import of `count` rows into a fresh data dir. */
export async function runImportBench(options: { count?: number; seed?: number } = {}): Promise<BenchResult[]> {
  const count = options.count ?? 100_000;
  const csv = enterprisesCsv({ seed: options.seed ?? 1, count });
  return withTempDir('import', async (dataDir) => {
    const store = await openStore(benchConfig(dataDir));
    try {
      const cpuBefore = treeCpu(process.pid);
      const nodeBefore = process.cpuUsage();
      const t0 = performance.now();
      const report = await importEnterprises(store.db, { actor: SYSTEM_ACTOR }, csv, { isDryRun: false });
      const seconds = (performance.now() - t0) / 1000;
      const nodeCpu = process.cpuUsage(nodeBefore);
      const cpuAfter = treeCpu(process.pid);
      if (!report.committed || report.created !== count) {
        throw new Error(`import committed=${report.committed} created=${report.created} errors=${report.errors.length} of ${count}`);
      }
      const rate = count / seconds;
      return [
        {
          metric: `import ${formatNumber(count)} rows (CSV ${(csv.length / 1048576).toFixed(0)} MB, commit)`,
          target: `≥ ${formatNumber(IMPORT_TARGET_ROWS_PER_S)} rows/s`,
          measured: `${formatNumber(rate)} rows/s (${seconds.toFixed(1)} s)`,
          isPass: rate >= IMPORT_TARGET_ROWS_PER_S,
        },
        ...(cpuBefore && cpuAfter
          ? [
              {
                // CPU per row is what contention from other work on the machine distorts least.
                metric: 'import: CPU per row — Node / PostgreSQL',
                target: '—',
                measured: `${formatNumber((nodeCpu.user + nodeCpu.system) / count)} / ${formatNumber(((cpuAfter.descendantsMs - cpuBefore.descendantsMs) * 1000) / count)} µs`,
                isPass: null,
              },
            ]
          : []),
      ];
    } finally {
      await store.close();
    }
  });
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' } } });
  console.log(resultsTable(await runImportBench({ count: Number(values.count) })));
}
