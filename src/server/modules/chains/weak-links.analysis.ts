/**
 * Weak-link analysis (断点/堵点/卡点) of one chain in one region: pure code over data the service
 * gathers (segments, capable enterprises, the supply of the region's leaders, a candidate pool).
 *
 * Per segment it measures how many enterprises in the region and in the country can make the
 * segment's products, where the region's leaders actually buy them (inside the region, elsewhere
 * in China, abroad), how concentrated that supply is (HHI) and which leaders depend on a single
 * supplier; then classifies:
 * - 断点 break: no capable enterprise in the region;
 * - 堵点 blockage: only one capable enterprise, a leader single-sourced, or capacity short of demand;
 * - 卡点 choke: a large share of the input from abroad, or from one supplier outside the region.
 * Each finding carries its numbers and a Chinese sentence, and a ranked list of enterprises that
 * could fill it (补链/招商): same segment elsewhere first, then adjacent industries, 小巨人 and
 * 专精特新 ahead of others.
 */
import type { SegmentMetrics, WeakLink, WeakLinkCandidate, WeakLinkKind } from '../../../contracts/supply.js';
import { isRegionWithin } from '../../platform/regions.js';

/**
 * Thresholds of the classification. ⚠️ Our judgement, not a published standard: tune them with the
 * regions that use the analysis, and keep them here in one place.
 */
export interface WeakLinkThresholds {
  /** ⚠️ At most this many capable enterprises in the region make a 堵点 (one supplier). */
  blockageMaxCapable: number;
  /** ⚠️ Supply HHI at or above this (0..1) is concentrated enough to be a 堵点 when the supply is local (above two equal suppliers' 0.5). */
  blockageMinHhi: number;
  /** ⚠️ Regional capacity below this fraction of stated demand is a 堵点. */
  blockageMinCapacityRatio: number;
  /** ⚠️ A share from abroad at or above this is a 卡点. */
  chokeMinForeignShare: number;
  /** ⚠️ One supplier outside the region holding at least this share is a 卡点. */
  chokeMinSingleOutsideShare: number;
}

/** The thresholds used unless a caller passes others. ⚠️ See {@link WeakLinkThresholds}. */
export const WEAK_LINK_THRESHOLDS: WeakLinkThresholds = {
  blockageMaxCapable: 1,
  blockageMinHhi: 0.6,
  blockageMinCapacityRatio: 0.8,
  chokeMinForeignShare: 0.3,
  chokeMinSingleOutsideShare: 0.5,
};

/** Candidate scoring weights. ⚠️ Our judgement: same segment > adjacent industry; tiers break ties. */
export const CANDIDATE_WEIGHTS = {
  sameSegment: 0.55,
  /** By industry-code distance: same class (4 digits), group (3), division (2). */
  industry: { 4: 0.4, 3: 0.3, 2: 0.15 } as Record<number, number>,
  little_giant: 0.25,
  specialized: 0.15,
  innovative: 0.05,
  high_tech: 0.05,
  /** Nearness matters for 补链 in the region: same province. */
  sameProvince: 0.05,
};

export interface AnalysisSegment {
  key: string;
  name: string;
  upstream: readonly string[];
  products: readonly string[];
  industryCodes: readonly string[];
}

export interface AnalysisEnterprise {
  id: string;
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: string;
  tags: readonly string[];
}

/** One supply edge into a leader of the region. */
export interface LeaderSupplyLink {
  leaderId: string;
  /** Stable key of the supplier: an enterprise id, or `x<id>` for an off-platform supplier. */
  supplierKey: string;
  supplierName: string;
  /** Null for off-platform suppliers. */
  supplierRegion: string | null;
  supplierCountry: string;
  product: string;
  /** 0..1; null when unknown. */
  share: number | null;
  /** Segments of this chain (or its template) the supplier is placed in. */
  supplierSegments: readonly string[];
}

export interface WeakLinkInput {
  regionCode: string;
  segments: readonly AnalysisSegment[];
  /** Enterprises placed in each segment, in this chain and in chains of the same template (anywhere). */
  capable: ReadonlyMap<string, readonly AnalysisEnterprise[]>;
  /** The region's leaders of the chain. */
  leaders: readonly AnalysisEnterprise[];
  supply: readonly LeaderSupplyLink[];
  /** Enterprises of industries near the segments' codes, for candidates beyond the placed ones. */
  adjacent: readonly AnalysisEnterprise[];
  /** Stated capacity and demand per segment, where known. */
  capacity?: ReadonlyMap<string, { capacity: number; demand: number }>;
  thresholds?: WeakLinkThresholds;
  candidateLimit?: number;
}

export interface WeakLinkResult {
  items: WeakLink[];
  segments: Array<{ segmentKey: string; segmentName: string; kinds: WeakLinkKind[]; metrics: SegmentMetrics }>;
}

/** Herfindahl–Hirschman index of shares (normalised to sum 1): 1 for one supplier, 1/n for n equal ones; null for none. */
export function hhi(shares: readonly number[]): number | null {
  const total = shares.reduce((a, b) => a + b, 0);
  if (shares.length === 0 || total <= 0) {
    return null;
  }
  return shares.reduce((sum, s) => sum + (s / total) ** 2, 0);
}

function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * The segment an edge's product belongs to: a segment whose product names the edge's product (or
 * is named by it, "高镍正极材料" ⊃ "正极材料"), the longest match winning; else the one segment the
 * supplier is placed in. Undefined when neither tells.
 */
export function segmentOfProduct(product: string, supplierSegments: readonly string[], segments: readonly AnalysisSegment[]): string | undefined {
  const p = normalise(product);
  let best: { key: string; length: number } | undefined;
  for (const s of segments) {
    for (const name of s.products) {
      const n = normalise(name);
      if (n.length > 0 && (p.includes(n) || n.includes(p)) && (!best || n.length > best.length)) {
        best = { key: s.key, length: n.length };
      }
    }
  }
  if (best) {
    return best.key;
  }
  const placed = supplierSegments.filter((k) => segments.some((s) => s.key === k));
  return placed.length === 1 ? placed[0] : undefined;
}

/**
 * Weights of the links of one leader's need for one product: known shares as given, the rest of
 * the need split equally among links without a share; normalised to sum 1.
 */
export function linkWeights(shares: ReadonlyArray<number | null>): number[] {
  const known = shares.reduce<number>((a, s) => a + (s ?? 0), 0);
  const unknown = shares.filter((s) => s === null).length;
  const rest = unknown > 0 ? Math.max(0, 1 - known) / unknown : 0;
  const raw = shares.map((s) => (s === null ? (rest > 0 ? rest : 1 / shares.length) : s));
  const total = raw.reduce((a, b) => a + b, 0);
  return total > 0 ? raw.map((w) => w / total) : raw.map(() => 1 / raw.length);
}

/** Supply metrics of one segment from the links that belong to it. */
export function supplyMetrics(links: readonly LeaderSupplyLink[], regionCode: string): Pick<SegmentMetrics, 'leadersInRegion' | 'suppliersToLeaders' | 'localShare' | 'outsideShare' | 'foreignShare' | 'hhi' | 'singleSourceLeaders' | 'topOutsideSupplierShare'> & { topOutsideSupplier: string | null; foreignCountries: string[] } {
  const groups = new Map<string, LeaderSupplyLink[]>();
  for (const link of links) {
    const key = `${link.leaderId}|${normalise(link.product)}`;
    groups.set(key, [...(groups.get(key) ?? []), link]);
  }
  const bySupplier = new Map<string, { weight: number; link: LeaderSupplyLink }>();
  let local = 0;
  let foreign = 0;
  const singleSourced = new Set<string>();
  for (const group of groups.values()) {
    const weights = linkWeights(group.map((l) => l.share));
    const distinct = new Set(group.map((l) => l.supplierKey));
    if (distinct.size === 1) singleSourced.add(group[0].leaderId);
    group.forEach((link, i) => {
      const w = weights[i] / groups.size;
      const entry = bySupplier.get(link.supplierKey) ?? { weight: 0, link };
      entry.weight += w;
      bySupplier.set(link.supplierKey, entry);
      if (link.supplierCountry !== 'CN') foreign += w;
      else if (link.supplierRegion !== null && isRegionWithin(link.supplierRegion, regionCode)) local += w;
    });
  }
  const isOutside = (l: LeaderSupplyLink) => l.supplierCountry !== 'CN' || l.supplierRegion === null || !isRegionWithin(l.supplierRegion, regionCode);
  let top: { weight: number; link: LeaderSupplyLink } | undefined;
  for (const entry of bySupplier.values()) {
    if (isOutside(entry.link) && (!top || entry.weight > top.weight)) top = entry;
  }
  const hasSupply = groups.size > 0;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const concentration = hhi([...bySupplier.values()].map((e) => e.weight));
  return {
    leadersInRegion: new Set(links.map((l) => l.leaderId)).size,
    suppliersToLeaders: bySupplier.size,
    localShare: hasSupply ? round(local) : null,
    outsideShare: hasSupply ? round(1 - local) : null,
    foreignShare: hasSupply ? round(foreign) : null,
    hhi: concentration === null ? null : round(concentration),
    singleSourceLeaders: singleSourced.size,
    topOutsideSupplierShare: top ? round(top.weight) : null,
    topOutsideSupplier: top ? top.link.supplierName : null,
    foreignCountries: [...new Set(links.filter((l) => l.supplierCountry !== 'CN').map((l) => l.supplierCountry))].sort(),
  };
}

/** Which kinds a segment's metrics make it. Pure; see {@link WEAK_LINK_THRESHOLDS}. */
export function classifySegment(m: SegmentMetrics, t: WeakLinkThresholds = WEAK_LINK_THRESHOLDS): WeakLinkKind[] {
  const kinds: WeakLinkKind[] = [];
  if (m.capableInRegion === 0) {
    kinds.push('break');
  }
  const isCapacityShort = m.capacity !== null && m.demand !== null && m.demand > 0 && m.capacity / m.demand < t.blockageMinCapacityRatio;
  const isLocallyConcentrated = m.hhi !== null && m.hhi >= t.blockageMinHhi && (m.localShare ?? 0) >= 0.5;
  // Single sourcing from outside the region is a 卡点 (below); from inside it shows as local concentration.
  if ((m.capableInRegion > 0 && m.capableInRegion <= t.blockageMaxCapable) || isCapacityShort || isLocallyConcentrated) {
    kinds.push('blockage');
  }
  // Where there is a 断点 every input comes from outside: only dependence on abroad adds a 卡点 then.
  const isOneOutsideSource = m.capableInRegion > 0 && (m.topOutsideSupplierShare ?? 0) >= t.chokeMinSingleOutsideShare;
  if ((m.foreignShare ?? 0) >= t.chokeMinForeignShare || isOneOutsideSource) {
    kinds.push('choke');
  }
  return kinds;
}

/** How many segments lie downstream of `key` (a 断点 there starves them all). */
function downstreamReach(key: string, segments: readonly AnalysisSegment[]): number {
  const seen = new Set<string>();
  const stack = [key];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const s of segments) {
      if (s.upstream.includes(current) && !seen.has(s.key)) {
        seen.add(s.key);
        stack.push(s.key);
      }
    }
  }
  return seen.size;
}

/** Severity 0..1 of a finding, for ranking. */
function severity(kind: WeakLinkKind, m: SegmentMetrics, reach: number, segmentCount: number): number {
  const reachShare = segmentCount > 1 ? reach / (segmentCount - 1) : 0;
  const leaderShare = m.leadersInRegion > 0 ? m.singleSourceLeaders / m.leadersInRegion : 0;
  // Bands: a 断点 (no capability at all) outranks a 卡点, which outranks a 堵点; within a band the
  // numbers order the findings. ⚠️ Our judgement.
  const raw = kind === 'break'
    ? 0.75 + 0.25 * reachShare
    : kind === 'choke'
      ? 0.5 + 0.25 * Math.max(m.foreignShare ?? 0, m.topOutsideSupplierShare ?? 0)
      : 0.25 + 0.125 * (m.hhi ?? (m.capableInRegion === 1 ? 1 : 0)) + 0.125 * leaderShare;
  return Math.round(Math.min(1, raw) * 1000) / 1000;
}

function percent(x: number | null): string {
  return x === null ? '未知' : `${Math.round(x * 100)}%`;
}

/** The Chinese sentence of a finding. */
export function evidenceText(kind: WeakLinkKind, segmentName: string, m: SegmentMetrics, extra: { topOutsideSupplier: string | null; foreignCountries: string[] }): string {
  if (kind === 'break') {
    return `本地区没有能提供“${segmentName}”的企业（已入链企业全国 ${m.capableNationally} 家）` + (m.suppliersToLeaders > 0 ? `，链主所需全部来自区外（${m.suppliersToLeaders} 家供应商）。` : '。');
  }
  if (kind === 'blockage') {
    const parts = [m.capableInRegion <= 1 ? `本地区“${segmentName}”仅有 ${m.capableInRegion} 家企业` : `本地区“${segmentName}”有 ${m.capableInRegion} 家企业`];
    if (m.hhi !== null) parts.push(`链主供应集中度 HHI ${m.hhi.toFixed(2)}（本地供应 ${percent(m.localShare)}）`);
    if (m.singleSourceLeaders > 0) parts.push(`${m.singleSourceLeaders} 家链主单一来源`);
    if (m.capacity !== null && m.demand !== null) parts.push(`产能 ${m.capacity} / 需求 ${m.demand}`);
    return `${parts.join('，')}。`;
  }
  const abroad = (m.foreignShare ?? 0) > 0 ? `${percent(m.foreignShare)} 来自境外（${extra.foreignCountries.join('、')}）` : '';
  const single = extra.topOutsideSupplier ? `单一区外供应商“${extra.topOutsideSupplier}”占 ${percent(m.topOutsideSupplierShare)}` : '';
  return `链主所需“${segmentName}”${[abroad, single].filter(Boolean).join('，')}。`;
}

/** Common digits of two GB/T 4754 codes after the section letter (C3841 vs C3849 → 3). */
export function industryCloseness(a: string, b: string): number {
  if (a[0] !== b[0]) return 0;
  let n = 0;
  while (n < 4 && a[n + 1] !== undefined && a[n + 1] === b[n + 1]) n++;
  return n;
}

const TIER_LABELS: Record<string, string> = { little_giant: '专精特新“小巨人”', specialized: '专精特新中小企业', innovative: '创新型中小企业', high_tech: '高新技术企业' };

/**
 * Rank enterprises that could fill a finding in `segment`. Excludes the region's current suppliers
 * for a 断点 (there are none) and, for a 卡点/堵点, those that already supply the leaders.
 */
export function rankFillCandidates(options: {
  kind: WeakLinkKind;
  segment: AnalysisSegment;
  regionCode: string;
  placed: readonly AnalysisEnterprise[];
  adjacent: readonly AnalysisEnterprise[];
  currentSuppliers: ReadonlySet<string>;
  limit: number;
}): WeakLinkCandidate[] {
  const { kind, segment, regionCode, limit } = options;
  const province = regionCode.slice(0, 2);
  const scored = new Map<string, WeakLinkCandidate>();
  const consider = (e: AnalysisEnterprise, base: number, reason: string) => {
    if (options.currentSuppliers.has(e.id)) return;
    // A 断点 is filled from elsewhere; for 堵点/卡点 a second local source counts as well.
    if (kind === 'break' && isRegionWithin(e.regionCode, regionCode)) return;
    const reasons = [reason];
    let score = base;
    for (const tag of ['little_giant', 'specialized', 'innovative', 'high_tech'] as const) {
      if (e.tags.includes(tag)) {
        score += CANDIDATE_WEIGHTS[tag];
        reasons.push(`${TIER_LABELS[tag]}`);
        if (tag === 'little_giant') break; // the top tier implies the ones below
      }
    }
    if (e.regionCode.slice(0, 2) === province) {
      score += CANDIDATE_WEIGHTS.sameProvince;
      reasons.push(isRegionWithin(e.regionCode, regionCode) ? '位于本地区，可作为第二来源' : '同省企业，便于就近配套');
    }
    const previous = scored.get(e.uscc);
    if (!previous || previous.score < score) {
      scored.set(e.uscc, { uscc: e.uscc, name: e.name, regionCode: e.regionCode, tags: [...e.tags], score: Math.min(1, Math.round(score * 1000) / 1000), reasons });
    }
  };
  for (const e of options.placed) {
    consider(e, CANDIDATE_WEIGHTS.sameSegment, `已在其他地区同类产业链的“${segment.name}”环节`);
  }
  for (const e of options.adjacent) {
    const closeness = Math.max(0, ...segment.industryCodes.map((code) => industryCloseness(e.industryCode, code)));
    const base = CANDIDATE_WEIGHTS.industry[closeness];
    if (base) {
      consider(e, base, closeness >= 4 ? `行业代码 ${e.industryCode} 与该环节相同` : `行业相近（${e.industryCode}，与该环节共享 ${closeness} 位行业代码）`);
    }
  }
  return [...scored.values()].sort((a, b) => b.score - a.score || a.uscc.localeCompare(b.uscc)).slice(0, limit);
}

/** Analyse every segment of the chain in the region; findings sorted by score. */
export function analyseWeakLinks(input: WeakLinkInput): WeakLinkResult {
  const thresholds = input.thresholds ?? WEAK_LINK_THRESHOLDS;
  const limit = input.candidateLimit ?? 10;
  const linksBySegment = new Map<string, LeaderSupplyLink[]>();
  for (const link of input.supply) {
    const key = segmentOfProduct(link.product, link.supplierSegments, input.segments);
    if (key) linksBySegment.set(key, [...(linksBySegment.get(key) ?? []), link]);
  }
  const items: WeakLink[] = [];
  const segments: WeakLinkResult['segments'] = [];
  for (const segment of input.segments) {
    const placed = input.capable.get(segment.key) ?? [];
    const distinctPlaced = new Map(placed.map((e) => [e.id, e]));
    const capableInRegion = [...distinctPlaced.values()].filter((e) => isRegionWithin(e.regionCode, input.regionCode)).length;
    const links = linksBySegment.get(segment.key) ?? [];
    const { topOutsideSupplier, foreignCountries, ...supply } = supplyMetrics(links, input.regionCode);
    const stated = input.capacity?.get(segment.key);
    const metrics: SegmentMetrics = {
      capableInRegion,
      capableNationally: distinctPlaced.size,
      ...supply,
      capacity: stated?.capacity ?? null,
      demand: stated?.demand ?? null,
    };
    const kinds = classifySegment(metrics, thresholds);
    segments.push({ segmentKey: segment.key, segmentName: segment.name, kinds, metrics });
    const currentSuppliers = new Set(links.map((l) => l.supplierKey));
    const reach = downstreamReach(segment.key, input.segments);
    for (const kind of kinds) {
      items.push({
        segmentKey: segment.key,
        segmentName: segment.name,
        kind,
        score: severity(kind, metrics, reach, input.segments.length),
        evidence: { text: evidenceText(kind, segment.name, metrics, { topOutsideSupplier, foreignCountries }), metrics },
        candidates: rankFillCandidates({ kind, segment, regionCode: input.regionCode, placed: [...distinctPlaced.values()], adjacent: input.adjacent, currentSuppliers, limit }),
      });
    }
  }
  items.sort((a, b) => b.score - a.score || a.segmentKey.localeCompare(b.segmentKey));
  return { items, segments };
}
