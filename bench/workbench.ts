/**
 * Workbench roll-up benchmark (pure, in memory): the roll-up of a national task tree — the
 * ministry, every province, city and county of GB/T 2260 (about 3,200 tasks) — as `rollUp` computes
 * it for `GET /tasks/{id}/rollup` after one indexed read of the tree. Also a 100× larger forest to
 * show it stays linear.
 *
 *   npx tsx bench/workbench.ts
 */
import { regionChildren, REGION_ROOT } from '../src/server/platform/regions.js';
import { rollUp, type RollupNode } from '../src/server/modules/workbench/tasks.rollup.js';
import { formatNumber, isMain, resultsTable, type BenchResult } from './lib.js';

/** One task per region of the country, the ministry at the root; leaves reported. */
function nationalTree(prefix = ''): RollupNode[] {
  const nodes: RollupNode[] = [{ id: `${prefix}root`, parentId: null, target: 1000, status: 'accepted', dueOn: '2030-01-01', reportedProgress: null, reportedDone: null }];
  const walk = (code: string, parentId: string) => {
    for (const child of regionChildren(code)) {
      const id = `${prefix}${child.code}`;
      const isLeaf = regionChildren(child.code).length === 0;
      nodes.push({ id, parentId, target: 10, status: 'accepted', dueOn: child.code.endsWith('1') ? '2020-01-01' : '2030-01-01', reportedProgress: isLeaf ? 0.5 : null, reportedDone: isLeaf ? 5 : null });
      walk(child.code, id);
    }
  };
  walk(REGION_ROOT, `${prefix}root`);
  return nodes;
}

function timeIt(fn: () => void, runs: number): { p50: number; max: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], max: times[times.length - 1] };
}

/** The roll-up rows of the results table. */
export async function runWorkbenchBench(): Promise<BenchResult[]> {
  const tree = nationalTree();
  const forest = Array.from({ length: 100 }, (_, i) => nationalTree(`t${i}:`)).flat();
  timeIt(() => rollUp(tree, '2026-11-28'), 5); // warm-up (JIT)
  const single = timeIt(() => rollUp(tree, '2026-11-28'), 50);
  const big = timeIt(() => rollUp(forest, '2026-11-28'), 5);
  return [
    { metric: `task roll-up, national tree (${formatNumber(tree.length)} tasks) p50`, target: '< 20 ms', measured: `${single.p50.toFixed(2)} ms (max ${single.max.toFixed(2)})`, isPass: single.p50 < 20 },
    { metric: `task roll-up, 100 national trees (${formatNumber(forest.length)} tasks) p50`, target: '< 2 s', measured: `${big.p50.toFixed(0)} ms`, isPass: big.p50 < 2000 },
  ];
}

if (isMain(import.meta.url)) {
  console.log(resultsTable(await runWorkbenchBench()));
}
