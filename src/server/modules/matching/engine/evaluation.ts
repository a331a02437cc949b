/**
 * Offline relevance evaluation of the matching engine (issue 4 item 7). Pure: the caller hands in
 * the chain templates and the product knowledge base; this module builds a labelled set from them
 * (how, and what counts as a positive: data/SOURCES.md "Matching evaluation set"), runs the
 * needs through an engine and computes hit@5, NDCG@10 and MRR, overall and by need kind, on a dev
 * split (tune here) and a held-out test split (report here; never tune on it).
 */
import type { NeedKind } from '../../../../contracts/matching.js';
import type { EnterpriseFacts, MatchEngine, NeedQuery, OfferFacts } from './engine.js';
import type { KbEntry } from './kb.js';
import { seededRandom } from '../../../platform/random.js';
import { normaliseTerm } from './tokens.js';

export { seededRandom };

/** The part of a chain template the set is built from. */
export interface EvalSegment {
  key: string;
  name: string;
  upstream: readonly string[];
  products: readonly string[];
  industryCodes: readonly string[];
}
export interface EvalTemplate {
  key: string;
  segments: readonly EvalSegment[];
}

export type Split = 'dev' | 'test';

/** How the need's words relate to the words of the suppliers that are positives. */
export type GapKind = 'same-words' | 'synonym' | 'category';

/** One labelled need: its query and the graded relevance of enterprises (absent = 0). */
export interface EvalNeed {
  id: string;
  split: Split;
  kind: NeedKind;
  gap: GapKind;
  query: NeedQuery;
  /** USCC → grade: 2 supplies the concept the need asks for, 1 a broader/narrower product of it. */
  relevant: ReadonlyMap<string, number>;
}

export interface EvalSet {
  enterprises: EnterpriseFacts[];
  offers: OfferFacts[];
  /** Chain placements of enterprises (buyers): USCC → `template/segment` keys. */
  placements: ReadonlyMap<string, readonly string[]>;
  needs: EvalNeed[];
}

/** Share of concepts held out for the test split (chosen by a hash of the concept's name). */
export const TEST_SHARE = 0.3;
/** Suppliers generated per concept (positives of its need). */
const SUPPLIERS_PER_CONCEPT = 3;

const SUPPLIER_PHRASES = ['具备自动化生产线', '通过ISO 9001质量体系认证', '产品远销海内外', '交付周期短', '拥有多项发明专利', '提供定制开发服务', '检测设备齐全', '批量稳定供货'];
const OFFER_SUFFIXES = ['生产销售', '供应', '研发制造', '批量供货'];
const REGIONS = ['320506', '320583', '320214', '330106', '440305', '310115', '340104', '420111'];
const SIZES = ['small', 'small', 'medium', 'micro', 'large'];

/** Buyer's wording of each need kind (title, description) around the product phrase. */
const NEED_WORDING: Record<NeedKind, (phrase: string, buyerSegment: string) => { title: string; description: string }> = {
  procurement: (p, s) => ({ title: `采购${p}`, description: `我司${s}产线需批量采购${p}，要求质量稳定、按期交付，长期合作。` }),
  supporting: (p, s) => ({ title: `寻找${p}配套企业`, description: `为${s}项目寻找${p}本地配套企业，需具备批量供货和快速响应能力。` }),
  technology: (p, s) => ({ title: `${p}技术合作`, description: `围绕${p}开展工艺开发与技术攻关合作，用于${s}国产化替代。` }),
  capacity: (p, s) => ({ title: `${p}外协产能`, description: `订单增长，${s}业务需外协${p}加工生产产能，可驻厂验收。` }),
  service: (p, s) => ({ title: `${p}需求`, description: `${s}企业需要${p}，希望服务机构具备相应资质和案例。` }),
  talent: (p, s) => ({ title: `${p}方向人才`, description: `招聘${p}方向工程师，服务${s}研发团队。` }),
};
const PRODUCT_KINDS: NeedKind[] = ['procurement', 'supporting', 'technology', 'capacity'];

/** A concept: the words that name one product (a KB entry's term and synonyms, or a segment product). */
interface Concept {
  key: string;
  names: string[];
  /** KB narrower terms: suppliers of these are partial positives of a need for the concept. */
  narrower: string[];
  /** KB broader terms: generalist suppliers of these are partial positives. */
  broader: string[];
  /** `template/segment` the concept sits in (first found), for industries and the buyer. */
  segment?: { template: EvalTemplate; segment: EvalSegment };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The split of a concept: a stable hash of its key, so adding concepts never moves old ones. */
export function splitOf(key: string): Split {
  return (hash(key) % 1000) / 1000 < TEST_SHARE ? 'test' : 'dev';
}

function concepts(templates: readonly EvalTemplate[], kb: readonly KbEntry[]): Concept[] {
  const where = new Map<string, { template: EvalTemplate; segment: EvalSegment }>();
  for (const template of templates) for (const segment of template.segments) for (const p of segment.products) if (!where.has(normaliseTerm(p))) where.set(normaliseTerm(p), { template, segment });
  const out: Concept[] = [];
  const covered = new Set<string>();
  for (const entry of kb) {
    const names = [...new Set([entry.term, ...(entry.synonyms ?? [])].map(normaliseTerm))];
    names.forEach((n) => covered.add(n));
    const segment = names.map((n) => where.get(n)).find(Boolean);
    out.push({ key: names[0], names, narrower: (entry.narrower ?? []).map(normaliseTerm), broader: (entry.broader ?? []).map(normaliseTerm), segment });
  }
  for (const [name, segment] of where) {
    if (covered.has(name)) continue;
    covered.add(name);
    out.push({ key: name, names: [name], narrower: [], broader: [], segment });
  }
  return out;
}

/**
 * The labelled set: for every concept, {@link SUPPLIERS_PER_CONCEPT} suppliers naming it in
 * their own words (always a synonym other than the buyer's where the knowledge base has one), one
 * decoy that only mentions it as a customer's product, and one need phrased in a buyer's words
 * by a buyer placed in the downstream segment.
 */
export function buildEvalSet(templates: readonly EvalTemplate[], kb: readonly KbEntry[], seed = 20221128): EvalSet {
  const draw = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(draw() * list.length)];
  const all = concepts(templates, kb);
  const allIndustries = templates.flatMap((t) => t.segments.flatMap((s) => s.industryCodes));
  const enterprises: EnterpriseFacts[] = [];
  const offers: OfferFacts[] = [];
  const placements = new Map<string, string[]>();
  /** USCC → normalised product names it supplies (products of its profile and offers). */
  const supplies = new Map<string, Set<string>>();
  const addSupplier = (uscc: string, product: string, segment: Concept['segment'], decoyOf?: string) => {
    const industry = segment ? pick(segment.segment.industryCodes) : pick(allIndustries);
    const products = [product];
    const capabilities = decoyOf
      ? `主营${product}，产品应用于多个行业，下游客户包括多家${decoyOf}生产企业。`
      : `专业从事${product}的研发、生产和销售，${pick(SUPPLIER_PHRASES)}。`;
    enterprises.push({ uscc, name: `${pick(['苏州', '无锡', '宁波', '合肥', '深圳', '常州'])}${uscc.slice(-4)}科技有限公司`, regionCode: pick(REGIONS), industryCode: industry, size: pick(SIZES), tags: [], certifications: [], products, capabilities, memberSegments: [] });
    offers.push({ id: `O${uscc}`, uscc, title: `${product}${pick(OFFER_SUFFIXES)}`, products, certifications: [], description: `${product}，${pick(SUPPLIER_PHRASES)}，${pick(SUPPLIER_PHRASES)}${decoyOf ? `，服务${decoyOf}厂商` : ''}。` });
    supplies.set(uscc, new Set(products.map(normaliseTerm)));
  };
  let serial = 0;
  const nextUscc = () => `EVAL${String(++serial).padStart(6, '0')}`;
  const plans: { concept: Concept; phrase: string }[] = [];
  for (const concept of all) {
    const phrase = pick(concept.names);
    const others = concept.names.filter((n) => n !== phrase);
    for (let i = 0; i < SUPPLIERS_PER_CONCEPT; i++) {
      // Where the knowledge base knows other names, suppliers use them, never the buyer's word.
      addSupplier(nextUscc(), others.length > 0 ? pick(others) : phrase, concept.segment);
    }
    const unrelated = pick(all);
    if (unrelated !== concept) addSupplier(nextUscc(), pick(unrelated.names), unrelated.segment, phrase);
    plans.push({ concept, phrase });
  }
  const needs: EvalNeed[] = [];
  plans.forEach(({ concept, phrase }, i) => {
    const home = concept.segment;
    const downstream = home?.template.segments.find((s) => s.upstream.includes(home.segment.key));
    const buyerSegment = downstream ?? home?.segment;
    const buyer = nextUscc();
    enterprises.push({ uscc: buyer, name: `${buyerSegment?.name ?? '制造'}龙头${i}股份有限公司`, regionCode: pick(REGIONS), industryCode: buyerSegment ? pick(buyerSegment.industryCodes) : null, size: 'large', tags: [], certifications: [], products: [], capabilities: '', memberSegments: [] });
    if (home && buyerSegment) placements.set(buyer, [`${home.template.key}/${buyerSegment.key}`]);
    const kind = /服务|检测|检验|外包|设计|咨询/.test(phrase) ? 'service' : PRODUCT_KINDS[i % PRODUCT_KINDS.length];
    const wording = NEED_WORDING[kind](phrase, buyerSegment?.name ?? '制造');
    const exact = new Set(concept.names);
    const partial = new Set([...concept.narrower, ...concept.broader]);
    const relevant = new Map<string, number>();
    for (const [uscc, products] of supplies) {
      if ([...products].some((p) => exact.has(p))) relevant.set(uscc, 2);
      else if ([...products].some((p) => partial.has(p))) relevant.set(uscc, 1);
    }
    const gap: GapKind = concept.narrower.length > 0 ? 'category' : concept.names.length > 1 ? 'synonym' : 'same-words';
    needs.push({
      id: `N${i}`, split: splitOf(concept.key), kind, gap, relevant,
      query: { ...wording, products: [phrase], industryCode: null, regionCode: null, requiredCertifications: [], requiredLevel: null, ownerUscc: buyer },
    });
  });
  return { enterprises, offers, placements, needs };
}

/** Metrics of a group of needs. */
export interface Metrics {
  needs: number;
  hitAt5: number;
  ndcgAt10: number;
  mrr: number;
}

/** hit@5, NDCG@10 (gain 2^grade − 1) and MRR (first grade ≥ 1 in the top 20, else 0) of one ranking. */
export function rankingMetrics(ranked: readonly string[], relevant: ReadonlyMap<string, number>): Omit<Metrics, 'needs'> {
  const grade = (uscc: string) => relevant.get(uscc) ?? 0;
  const firstHit = ranked.findIndex((u) => grade(u) > 0);
  const dcg = (grades: readonly number[]) => grades.slice(0, 10).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...relevant.values()].sort((a, b) => b - a));
  return {
    hitAt5: firstHit >= 0 && firstHit < 5 ? 1 : 0,
    ndcgAt10: ideal > 0 ? dcg(ranked.map(grade)) / ideal : 0,
    mrr: firstHit >= 0 ? 1 / (firstHit + 1) : 0,
  };
}

function mean(rows: readonly Omit<Metrics, 'needs'>[]): Metrics {
  const n = Math.max(rows.length, 1);
  return {
    needs: rows.length,
    hitAt5: rows.reduce((s, r) => s + r.hitAt5, 0) / n,
    ndcgAt10: rows.reduce((s, r) => s + r.ndcgAt10, 0) / n,
    mrr: rows.reduce((s, r) => s + r.mrr, 0) / n,
  };
}

/** Results of a run: by split, then overall / by kind / by vocabulary gap. */
export interface EvalReport {
  split: Partial<Record<Split, { overall: Metrics; byKind: Record<string, Metrics>; byGap: Record<string, Metrics> }>>;
}

/** Rank every need of the set through `rank` (USCCs best first, top 20) and aggregate. */
export function evaluate(needs: readonly EvalNeed[], rank: (need: EvalNeed) => readonly string[]): EvalReport {
  const rows = needs.filter((n) => n.relevant.size > 0).map((need) => ({ need, m: rankingMetrics(rank(need), need.relevant) }));
  const report: EvalReport = { split: {} };
  for (const split of ['dev', 'test'] as const) {
    const mine = rows.filter((r) => r.need.split === split);
    if (mine.length === 0) continue;
    const group = (key: (n: EvalNeed) => string) => {
      const out: Record<string, Metrics> = {};
      for (const k of [...new Set(mine.map((r) => key(r.need)))].sort()) out[k] = mean(mine.filter((r) => key(r.need) === k).map((r) => r.m));
      return out;
    };
    report.split[split] = { overall: mean(mine.map((r) => r.m)), byKind: group((n) => n.kind), byGap: group((n) => n.gap) };
  }
  return report;
}

/** Load the set's enterprises and offers into an engine (buyers' chain placements as segment numbers). */
export function loadEvalSet(engine: MatchEngine, set: EvalSet, segmentNumber: (key: string) => number | undefined): void {
  for (const facts of set.enterprises) {
    const memberSegments = (set.placements.get(facts.uscc) ?? []).map(segmentNumber).filter((n): n is number => n !== undefined);
    engine.upsertEnterprise({ ...facts, memberSegments });
  }
  for (const offer of set.offers) engine.upsertOffer(offer);
}

/** The engine's ranking of a need: USCCs, best first. */
export function engineRanking(engine: MatchEngine, need: EvalNeed, limit = 20): string[] {
  return engine.matchNeed(need.query, limit).map((m) => m.uscc);
}

/**
 * Floors the held-out split must reach (set a little under the figures measured when the
 * harness was written, docs/PERFORMANCE.md): `npm run eval:matching` exits 1 below them.
 */
export const EVAL_FLOORS: Omit<Metrics, 'needs'> = { hitAt5: 0.95, ndcgAt10: 0.85, mrr: 0.92 };

/** Metrics under their floor (empty when all pass). */
export function belowFloors(m: Metrics, floors: Omit<Metrics, 'needs'> = EVAL_FLOORS): string[] {
  return (['hitAt5', 'ndcgAt10', 'mrr'] as const).filter((k) => m[k] < floors[k]).map((k) => `${k} ${m[k].toFixed(3)} < ${floors[k]}`);
}

/** A markdown table of a report. */
export function reportTable(report: EvalReport): string {
  const lines = ['| split | group | needs | hit@5 | NDCG@10 | MRR |', '| --- | --- | --- | --- | --- | --- |'];
  const row = (split: string, group: string, m: Metrics) => lines.push(`| ${split} | ${group} | ${m.needs} | ${m.hitAt5.toFixed(3)} | ${m.ndcgAt10.toFixed(3)} | ${m.mrr.toFixed(3)} |`);
  for (const [split, r] of Object.entries(report.split)) {
    if (!r) continue;
    row(split, '**overall**', r.overall);
    for (const [k, m] of Object.entries(r.byKind)) row(split, `kind: ${k}`, m);
    for (const [k, m] of Object.entries(r.byGap)) row(split, `gap: ${k}`, m);
  }
  return lines.join('\n');
}
