/**
 * Achievement ↔ need text matching (ADR 0017): one achievement scored against N published needs,
 * and one need against N achievements, as the endpoints do per request (build a BM25F index over
 * the candidates with the matching engine's tokenizer, search). Generated Chinese texts; the SQL
 * read of the candidates is not included. Reports wall and CPU time per query.
 *
 *   npx tsx bench/achievements.ts [--quick]
 */
import { parseArgs } from 'node:util';
import { achievementText, needText, rankByText } from '../src/server/modules/innovation/achievements.matching.js';
import { sharedTokenizer } from '../src/server/modules/matching/matching.index.js';
import { isMain, resultsTable, type BenchResult } from './lib.js';

/** Target per query at 10,000 candidates (an interactive page). */
export const ACHIEVEMENT_MATCH_TARGET_MS = 1000;

const PRODUCTS = ['锂电隔膜', '固态电解质', '电池管理系统', '液冷板', '电芯壳体', '铝合金压铸件', '霍尔电流传感器', '永磁同步电机', '储能变流器', '涂布机', '电解液', '正极材料', '负极材料', '工业软件', '机器视觉检测', '减速器', '碳纤维复材', '功率器件', '激光焊接', '数控机床'];
const VERBS = ['采购', '联合研发', '国产替代', '工艺改进', '降本', '可靠性提升', '样机验证', '产能扩充'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function measure(run: () => number): Promise<{ wallMs: number; cpuMs: number; hits: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const hits = run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, hits };
}

/** Run at `candidates` needs and achievements. */
export async function runAchievementsBench(options: { candidates: number }): Promise<BenchResult[]> {
  const random = rng(20261130);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const tokenizer = sharedTokenizer();
  const needs = Array.from({ length: options.candidates }, (_, i) => {
    const a = pick(PRODUCTS);
    const b = pick(PRODUCTS);
    return { id: String(i), title: `${a}${pick(VERBS)}需求${i % 97}`, products: [a, b], description: `围绕${a}与${b}开展${pick(VERBS)}，年需求${(i % 50) + 1}万件，要求通过IATF16949认证，交期${(i % 8) + 2}周。` };
  });
  const achievements = Array.from({ length: options.candidates }, (_, i) => {
    const a = pick(PRODUCTS);
    return { id: String(i), title: `${a}${pick(VERBS)}技术${i % 89}`, field: a, summary: `${a}${pick(VERBS)}成果：良率提升${(i % 20) + 5}%，成本下降${(i % 30) + 5}%，已完成中试，可许可或合作开发。` };
  });
  // Warm the tokenizer's memo of short texts as a running server has it.
  rankByText(tokenizer, achievementText(achievements[0]), needs.slice(0, 100), needText, 20);
  const forward = await measure(() => rankByText(tokenizer, achievementText({ title: '涂覆隔膜陶瓷层低温烧结技术', field: '锂电隔膜', summary: '湿法基膜陶瓷涂覆，热收缩率低于2%' }), needs, needText, 20).length);
  const backward = await measure(() => rankByText(tokenizer, needText({ title: '储能柜液冷板采购', products: ['液冷板'], description: '铝合金液冷板，耐压1.5MPa' }), achievements, achievementText, 20).length);
  const target = `≤ ${ACHIEVEMENT_MATCH_TARGET_MS} ms`;
  const row = (metric: string, m: { wallMs: number; cpuMs: number; hits: number }): BenchResult => ({
    metric, target, measured: `${m.wallMs.toFixed(0)} ms wall, ${m.cpuMs.toFixed(0)} ms CPU, ${m.hits} matches`, isPass: options.candidates > 10_000 ? null : m.wallMs <= ACHIEVEMENT_MATCH_TARGET_MS,
  });
  return [
    row(`achievement → needs, ${options.candidates.toLocaleString('en')} published needs (per request)`, forward),
    row(`need → achievements, ${options.candidates.toLocaleString('en')} achievements (per request)`, backward),
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const rows = [...(await runAchievementsBench({ candidates: values.quick ? 2_000 : 10_000 })), ...(values.quick ? [] : await runAchievementsBench({ candidates: 50_000 }))];
  console.log(resultsTable(rows));
}
