/** Weak links of a chain in a region: gathers the data, runs the pure analysis (weak-links.analysis.ts). */
import type { WeakLinksQuery, WeakLinksResponse } from '../../../contracts/supply.js';
import type { Db } from '../../db/database.js';
import { invalid } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { findRegion, isRegionWithin, REGION_ROOT } from '../../platform/regions.js';
import { getChain, type ChainView } from './chains.service.js';
import type { SupplyGraphHolder, SupplyGraphSnapshot } from './graph/holder.js';
import { isEdgeVisible } from './supply.policy.js';
import { analyseWeakLinks, type AnalysisEnterprise, type LeaderSupplyLink } from './weak-links.analysis.js';
import * as repo from './weak-links.repo.js';

/** What the analyses read: the database and the supply graph. */
export interface AnalysisDeps {
  db: Db;
  graph: SupplyGraphHolder;
}

function checkRegion(code: string): string {
  if (code !== REGION_ROOT && !findRegion(code)) {
    throw invalid([{ path: 'region', message: `未知的行政区划代码 ${code}` }]);
  }
  return code;
}

/** One supply edge visible to the actor, from the graph. */
interface VisibleEdge {
  supplierNode: number;
  customerNode: number;
  product: string;
  share: number | null;
}

/** In-edges (suppliers) of these enterprises that the actor may see. */
export function visibleInEdges(snap: SupplyGraphSnapshot, enterpriseIds: Iterable<string>, actor: Actor): VisibleEdge[] {
  const out: VisibleEdge[] = [];
  const g = snap.graph;
  for (const id of enterpriseIds) {
    const v = snap.nodeOfEnterprise(id);
    if (v === undefined) continue;
    for (let i = g.inOffsets[v]; i < g.inOffsets[v + 1]; i++) {
      const e = g.inEdge[i];
      if (!isEdgeVisible(snap, e, actor)) continue;
      const share = g.inShares[i];
      out.push({ supplierNode: g.inSources[i], customerNode: v, product: snap.products[snap.edgeProduct[e]], share: Number.isNaN(share) ? null : share });
    }
  }
  return out;
}

/** Out-edges (customers) of these enterprises that the actor may see. */
export function visibleOutEdges(snap: SupplyGraphSnapshot, enterpriseIds: Iterable<string>, actor: Actor): VisibleEdge[] {
  const out: VisibleEdge[] = [];
  const g = snap.graph;
  for (const id of enterpriseIds) {
    const v = snap.nodeOfEnterprise(id);
    if (v === undefined) continue;
    for (let i = g.outOffsets[v]; i < g.outOffsets[v + 1]; i++) {
      const e = g.outEdge[i];
      if (!isEdgeVisible(snap, e, actor)) continue;
      const share = g.outShares[i];
      out.push({ supplierNode: v, customerNode: g.outTargets[i], product: snap.products[snap.edgeProduct[e]], share: Number.isNaN(share) ? null : share });
    }
  }
  return out;
}

/** Region code of a node as text ('' for off-platform suppliers). */
function nodeRegionText(snap: SupplyGraphSnapshot, v: number): string | null {
  return snap.nodeRegion[v] === 0 ? null : String(snap.nodeRegion[v]).padStart(6, '0');
}

export function enterpriseIdOf(snap: SupplyGraphSnapshot, v: number): string | undefined {
  const id = snap.nodeEnterpriseId[v];
  return Number.isNaN(id) ? undefined : String(id);
}

/** The chain, its region to analyse and who is placed where. */
export async function analysisBase(deps: AnalysisDeps, actor: Actor, chainId: string, region: string | undefined): Promise<{ view: ChainView; regionCode: string; placed: repo.PlacedEnterprise[] }> {
  const view = await getChain(deps.db, actor, chainId);
  const regionCode = checkRegion(region ?? view.chain.regionCode);
  const placed = await repo.selectPlaced(deps.db, { id: view.chain.id, templateKey: view.chain.templateKey });
  return { view, regionCode, placed };
}

/**
 * 断点/堵点/卡点 of a chain in a region (default: the chain's own), with evidence and candidates.
 * Private supply edges count only for users who may see them.
 * @throws not_found for an unknown chain; validation_failed for an unknown region.
 */
export async function getWeakLinks(deps: AnalysisDeps, actor: Actor, chainId: string, query: WeakLinksQuery): Promise<WeakLinksResponse> {
  const { view, regionCode, placed } = await analysisBase(deps, actor, chainId, query.region);
  const capable = new Map<string, AnalysisEnterprise[]>();
  const segmentsOf = new Map<string, string[]>();
  for (const p of placed) {
    capable.set(p.segmentKey, [...(capable.get(p.segmentKey) ?? []), p]);
    segmentsOf.set(p.id, [...(segmentsOf.get(p.id) ?? []), p.segmentKey]);
  }
  const leaders = [...new Map(placed.filter((p) => p.role === 'leader' && isRegionWithin(p.regionCode, regionCode)).map((p) => [p.id, p])).values()];
  const snap = await deps.graph.snapshot();
  const edges = visibleInEdges(snap, leaders.map((l) => l.id), actor);
  const offIds = [...new Set(edges.map((e) => snap.nodeOffPlatformId[e.supplierNode]).filter((id) => !Number.isNaN(id)).map(String))];
  const supplierIds = [...new Set(edges.map((e) => enterpriseIdOf(snap, e.supplierNode)).filter((id): id is string => id !== undefined))];
  const [offNames, suppliers] = await Promise.all([repo.selectOffPlatformNames(deps.db, offIds), repo.selectEnterprisesById(deps.db, supplierIds)]);
  const supply: LeaderSupplyLink[] = edges.map((e) => {
    const supplierId = enterpriseIdOf(snap, e.supplierNode);
    const offId = String(snap.nodeOffPlatformId[e.supplierNode]);
    return {
      leaderId: enterpriseIdOf(snap, e.customerNode)!,
      supplierKey: supplierId ?? `x${offId}`,
      supplierName: supplierId ? (suppliers.get(supplierId)?.name ?? supplierId) : (offNames.get(offId) ?? offId),
      supplierRegion: nodeRegionText(snap, e.supplierNode),
      supplierCountry: snap.nodeCountry[e.supplierNode],
      product: e.product,
      share: e.share,
      supplierSegments: supplierId ? (segmentsOf.get(supplierId) ?? []) : [],
    };
  });
  const input = { regionCode, segments: view.segments, capable, leaders, supply, candidateLimit: query.candidates };
  // The analysis is cheap, the adjacent-industry pool is not: find the weak segments first, then
  // read candidates only for their industries.
  const weak = new Set(analyseWeakLinks({ ...input, adjacent: [] }).items.map((i) => i.segmentKey));
  const adjacent = await repo.selectAdjacent(deps.db, view.segments.filter((s) => weak.has(s.key)).flatMap((s) => s.industryCodes));
  const result = analyseWeakLinks({ ...input, adjacent });
  return { chainId: view.chain.id, regionCode, items: result.items, segments: result.segments };
}
