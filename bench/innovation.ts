/**
 * Reviewer assignment benchmark (ADR 0015): 2,000 applications × 1,000 experts × 3 reviews each,
 * target ≤ 30 s, reporting the objective and the gap. Terms come from jieba over generated
 * proposals as in the service; conflicts (same organisation, declared) are drawn at about 1 % of
 * pairs. Measures the solver path (`solveAssignment`: scoring every pair, candidate pruning, HiGHS);
 * the service adds two SQL reads and one batched insert around it.
 *
 *   npx tsx bench/innovation.ts [--quick]
 */
import { parseArgs } from 'node:util';
import { loadHighs } from '../src/server/platform/highs.js';
import { solveAssignment } from '../src/server/modules/innovation/reviews.assignment.js';
import { termsOf } from '../src/server/modules/innovation/innovation.text.js';
import { formatNumber, isMain, resultsTable, type BenchResult } from './lib.js';

export const ASSIGNMENT_TARGET_S = 30;

const FIELDS = ['固态电池', '电解质', '锂电池', '隔膜', '电池管理系统', '储能', '芯片', '光刻胶', '传感器', '电机', '减速器', '工业软件', '机器视觉', '精密加工', '新材料', '氢能', '燃料电池', '光伏', '风电', '碳纤维', '半导体', '封装', '激光', '数控机床', '工业机器人', '热管理', '电驱动', '汽车电子', '功率器件', '显示面板'];
const VERBS = ['研发', '量产工艺', '可靠性提升', '成本下降', '国产替代', '检测方法', '智能化改造', '样机验证'];

/** A deterministic pseudo-random generator (so runs compare). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Run the assignment bench at the given size. */
export async function runInnovationBench(options: { applications: number; experts: number; perApplication: number }): Promise<BenchResult[]> {
  const random = rng(20261128);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const organisations = Math.max(50, Math.floor(options.applications / 4));
  const applications = Array.from({ length: options.applications }, (_, i) => {
    const a = pick(FIELDS);
    const b = pick(FIELDS);
    const text = `${a}${pick(VERBS)}方案：围绕${a}与${b}开展${pick(VERBS)}，建设中试线并完成${b}${pick(VERBS)}`;
    return { id: String(i + 1), terms: [...termsOf(text), a.toLowerCase(), b.toLowerCase()], org: Math.floor(random() * organisations) };
  });
  const experts = Array.from({ length: options.experts }, (_, i) => ({
    id: String(i + 1),
    fields: [...new Set([pick(FIELDS), pick(FIELDS), pick(FIELDS)])].map((f) => f.toLowerCase()),
    capacity: 8,
    org: Math.floor(random() * organisations * 4),
  }));
  const declared = new Set<string>();
  for (let n = 0; n < options.applications * options.experts * 0.01; n++) declared.add(`${Math.floor(random() * options.applications)}:${Math.floor(random() * options.experts)}`);
  const highs = await loadHighs();
  const started = performance.now();
  const result = solveAssignment(highs, {
    applications,
    experts,
    perApplication: options.perApplication,
    isConflicted: (a, e) => applications[a].org === experts[e].org || declared.has(`${a}:${e}`),
  });
  const seconds = (performance.now() - started) / 1000;
  const size = `${formatNumber(options.applications)} × ${formatNumber(options.experts)} × ${options.perApplication}`;
  return [
    { metric: `reviewer assignment ${size} (HiGHS)`, target: `≤ ${ASSIGNMENT_TARGET_S} s`, measured: `${seconds.toFixed(1)} s (${formatNumber(result.variables)} pairs, ${result.assignments.length} assignments)`, isPass: seconds <= ASSIGNMENT_TARGET_S },
    { metric: 'reviewer assignment objective / bound', target: 'reported', measured: `${result.objective.toFixed(2)} / ${result.bound.toFixed(2)}`, isPass: null },
    { metric: 'reviewer assignment gap', target: 'reported', measured: `${(result.gap * 100).toFixed(3)} %`, isPass: null },
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const size = values.quick ? { applications: 200, experts: 100, perApplication: 3 } : { applications: 2000, experts: 1000, perApplication: 3 };
  console.log(resultsTable(await runInnovationBench(size)));
}
