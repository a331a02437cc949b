/**
 * The matching engine at scale: `offers` generated offers (default 200k; `--offers 1000000` for
 * the 1M) of `offers / 4` enterprises whose profiles are indexed too, with products drawn
 * from the chain templates and the product knowledge base, descriptions mixing those products with
 * capability phrases. Measures, on one core, in process (no database: this is the engine):
 * - index build rate (offers and profiles tokenized and indexed per second), target ≥ 50k/s;
 * - need → top-20 latency (p50/p95 over 300 needs made like the demo needs), target p95 ≤ 10 ms;
 * - heap held by the index.
 * Deterministic (seeded); bounded by the sizes given.
 *
 *   tsx bench/matching-engine.ts [--offers 200000]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { chainTemplates } from '../src/server/modules/chains/chains.templates.js';
import { createEngine, PRODUCT_KB_FILE } from '../src/server/modules/matching/matching.index.js';
import type { NeedQuery } from '../src/server/modules/matching/engine/engine.js';
import { formatNumber, isMain, random, resultsTable, type BenchResult } from './lib.js';

export const BUILD_TARGET_PER_S = 50_000;
export const QUERY_P95_TARGET_MS = 10;

const PHRASES = ['具备自动化生产线', '通过ISO 9001认证', '年产能持续扩大', '配套国内主流客户', '拥有发明专利', '提供定制开发服务', '检测能力完善', '交付周期短', '专精特新企业', '设有省级技术中心', '精密加工能力', '批量稳定供货'];
const REGIONS = ['320506', '320507', '320583', '320214', '320412', '330106', '440305', '310115', '340104', '420111'];
const INDUSTRIES = ['C3841', 'C2669', 'C3484', 'C3562', 'C3976', 'C3399', 'C2922', 'C3985', 'I6513', 'C3489'];
const SIZES = ['micro', 'small', 'small', 'medium', 'large'];

function vocabulary(): string[] {
  const terms = new Set<string>();
  for (const template of chainTemplates().values()) for (const segment of template.segments) segment.products.forEach((p) => terms.add(p));
  const kb = JSON.parse(fs.readFileSync(PRODUCT_KB_FILE, 'utf8')) as { entries: { term: string; synonyms?: string[]; narrower?: string[] }[] };
  for (const e of kb.entries) [e.term, ...(e.synonyms ?? []), ...(e.narrower ?? [])].forEach((t) => terms.add(t));
  return [...terms];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Run the benchmark; returns table rows. */
export async function runMatchingBench(options: { offers: number }): Promise<BenchResult[]> {
  const draw = random(20221128);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(draw() * list.length)];
  const terms = vocabulary();
  const engine = createEngine(); // reference data (jieba, knowledge base) loaded outside the timing
  const enterpriseCount = Math.max(1, Math.floor(options.offers / 4));

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let e = 0; e < enterpriseCount; e++) {
    const products = [pick(terms), pick(terms), pick(terms)];
    engine.upsertEnterprise({
      uscc: `E${e}`, name: `${pick(['苏州', '无锡', '宁波', '深圳'])}${e}号科技有限公司`, regionCode: pick(REGIONS), industryCode: pick(INDUSTRIES), size: pick(SIZES),
      tags: draw() < 0.2 ? ['specialized'] : [], certifications: draw() < 0.3 ? ['IATF 16949'] : [], products,
      capabilities: `主营${products.join('、')}，${pick(PHRASES)}，${pick(PHRASES)}。`, memberSegments: [],
    });
  }
  for (let o = 0; o < options.offers; o++) {
    const products = [pick(terms), pick(terms)];
    engine.upsertOffer({
      id: String(o), uscc: `E${o % enterpriseCount}`, title: `${products[0]}供应`, products, certifications: [],
      description: `${products.join('、')}生产与销售，${pick(PHRASES)}，${pick(PHRASES)}，可提供${pick(terms)}配套。`,
    });
  }
  const buildS = (performance.now() - started) / 1000;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const docs = enterpriseCount + options.offers;
  const buildRate = docs / buildS;

  const needs: NeedQuery[] = Array.from({ length: 300 }, () => {
    const products = [pick(terms), pick(terms)];
    return {
      title: `${products[0]}采购`, description: `需求${products.join('、')}，${pick(PHRASES)}，要求${pick(PHRASES)}`, products, industryCode: draw() < 0.5 ? pick(INDUSTRIES) : null,
      regionCode: draw() < 0.5 ? pick(REGIONS) : null, requiredCertifications: draw() < 0.3 ? ['IATF 16949'] : [], requiredLevel: null, ownerUscc: 'E0',
    };
  });
  for (const need of needs.slice(0, 20)) engine.matchNeed(need, 20); // warm-up
  const times: number[] = [];
  for (const need of needs) {
    const t0 = performance.now();
    engine.matchNeed(need, 20);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  const label = `${formatNumber(options.offers)} offers + ${formatNumber(enterpriseCount)} profiles`;
  return [
    { metric: `matching index build (${label})`, target: `≥ ${formatNumber(BUILD_TARGET_PER_S)} docs/s`, measured: `${formatNumber(buildRate)} docs/s (${buildS.toFixed(1)} s)`, isPass: buildRate >= BUILD_TARGET_PER_S },
    { metric: `need → top-20 (${label})`, target: `p95 ≤ ${QUERY_P95_TARGET_MS} ms`, measured: `p50 ${p50.toFixed(2)} ms · p95 ${p95.toFixed(2)} ms`, isPass: p95 <= QUERY_P95_TARGET_MS },
    { metric: `matching index heap (${label})`, target: '—', measured: `${formatNumber(heapMb)} MB${global.gc ? '' : ' (without --expose-gc: approximate)'}`, isPass: null },
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { offers: { type: 'string', default: '200000' } } });
  console.log(resultsTable(await runMatchingBench({ offers: Number(values.offers) })));
}
