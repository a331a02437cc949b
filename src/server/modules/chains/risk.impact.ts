/**
 * Glue between risk events and the supply graph: which graph nodes an event starts from, the
 * impact as a viewer may see it, and a member's suppliers upstream. No I/O: callers pass a
 * snapshot of the live graph (`SupplyGraphHolder.snapshot()`).
 */
import type { RiskScoreSettings, RiskSeverity } from '../../../contracts/risk.js';
import type { Actor } from '../../platform/actor.js';
import { regionPrefix } from '../../platform/regions.js';
import type { SupplyGraphSnapshot } from './graph/holder.js';
import { propagateImpact, type ImpactResult, type ImpactSource } from './graph/propagate.js';
import { isEdgeVisible } from './supply.policy.js';

/** What the impact of an event depends on. */
export interface EventSubject {
  enterpriseId: string | null;
  offPlatformSupplierId: string | null;
  isRegionEvent: boolean;
  regionCode: string;
  severity: string;
}

/** Numeric range [lo, hi) of six-digit region codes inside a region's subtree (node regions are numbers). */
export function regionRange(regionCode: string): [number, number] {
  const prefix = regionPrefix(regionCode);
  const scale = 10 ** (6 - prefix.length);
  const base = prefix === '' ? 0 : Number(prefix);
  return [base * scale, (base + 1) * scale];
}

/** Graph nodes where an event starts, each with the event's severity weight. */
export function sourcesOf(snap: SupplyGraphSnapshot, subject: EventSubject, settings: RiskScoreSettings): ImpactSource[] {
  const weight = settings.severityWeights[subject.severity as RiskSeverity] ?? 0;
  if (subject.enterpriseId !== null) {
    const node = snap.nodeOfEnterprise(subject.enterpriseId);
    return node === undefined ? [] : [{ node, weight }];
  }
  if (subject.offPlatformSupplierId !== null) {
    const node = snap.nodeOfOffPlatform(subject.offPlatformSupplierId);
    return node === undefined ? [] : [{ node, weight }];
  }
  // A region event: every enterprise of the region that has supply edges.
  const [lo, hi] = regionRange(subject.regionCode);
  const sources: ImpactSource[] = [];
  const { nodeRegion, nodeEnterpriseId } = snap;
  for (let v = 0; v < snap.graph.n; v++) {
    const region = nodeRegion[v];
    if (region >= lo && region < hi && !Number.isNaN(nodeEnterpriseId[v])) {
      sources.push({ node: v, weight });
    }
  }
  return sources;
}

/** Edge predicate of a viewer; undefined (every edge) for the platform itself (alert dispatch, admins). */
export function edgePredicate(snap: SupplyGraphSnapshot, viewer: Actor | null): ((e: number) => boolean) | undefined {
  if (viewer === null || viewer.role === 'platform_admin') {
    return undefined;
  }
  return (e) => isEdgeVisible(snap, e, viewer);
}

/** The impact of an event over the edges the viewer may see. */
export function impactOf(snap: SupplyGraphSnapshot, subject: EventSubject, settings: RiskScoreSettings, options: { viewer: Actor | null; maxTiers?: number }): { result: ImpactResult; sources: ImpactSource[] } {
  const sources = sourcesOf(snap, subject, settings);
  const result = propagateImpact(snap.graph, sources, {
    maxTiers: options.maxTiers ?? settings.propagation.maxTiers,
    decay: settings.propagation.decay,
    defaultShare: settings.propagation.defaultShare,
    isEdgeVisible: edgePredicate(snap, options.viewer),
  });
  return { result, sources };
}

/** Enterprise id of a node, or null for an off-platform supplier. */
export function enterpriseIdOfNode(snap: SupplyGraphSnapshot, node: number): string | null {
  const id = snap.nodeEnterpriseId[node];
  return Number.isNaN(id) ? null : String(id);
}

/**
 * Enterprise ids upstream of an enterprise (its suppliers, their suppliers …) up to `maxTiers`
 * hops over edges the viewer may see. Breadth-first over in-edges.
 */
export function upstreamEnterpriseIds(snap: SupplyGraphSnapshot, enterpriseId: string, maxTiers: number, viewer: Actor | null): string[] {
  const start = snap.nodeOfEnterprise(enterpriseId);
  if (start === undefined) {
    return [];
  }
  const { inOffsets, inSources, inEdge } = snap.graph;
  const isVisible = edgePredicate(snap, viewer);
  const seen = new Set<number>([start]);
  let frontier = [start];
  for (let tier = 1; tier <= maxTiers && frontier.length > 0; tier++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (let i = inOffsets[v]; i < inOffsets[v + 1]; i++) {
        const u = inSources[i];
        if (seen.has(u) || (isVisible && !isVisible(inEdge[i]))) continue;
        seen.add(u);
        next.push(u);
      }
    }
    frontier = next;
  }
  seen.delete(start);
  return [...seen].map((v) => enterpriseIdOfNode(snap, v)).filter((id): id is string => id !== null);
}

/** Suppliers of an enterprise per product with their shares (NaN unknown), over visible edges. */
export function suppliesOf(snap: SupplyGraphSnapshot, enterpriseId: string, viewer: Actor | null): { product: string; shares: number[] }[] {
  const node = snap.nodeOfEnterprise(enterpriseId);
  if (node === undefined) {
    return [];
  }
  const { inOffsets, inShares, inEdge } = snap.graph;
  const isVisible = edgePredicate(snap, viewer);
  const byProduct = new Map<string, number[]>();
  for (let i = inOffsets[node]; i < inOffsets[node + 1]; i++) {
    if (isVisible && !isVisible(inEdge[i])) continue;
    const product = snap.products[snap.edgeProduct[inEdge[i]]];
    const list = byProduct.get(product) ?? [];
    list.push(inShares[i]);
    byProduct.set(product, list);
  }
  return [...byProduct].map(([product, shares]) => ({ product, shares }));
}
