/** The 小巨人 chain map (IC-3) of a chain in a region. */
import type { LittleGiantsResponse } from '../../../contracts/supply.js';
import type { Actor } from '../../platform/actor.js';
import { isRegionWithin } from '../../platform/regions.js';
import { analysisBase, enterpriseIdOf, visibleInEdges, visibleOutEdges, type AnalysisDeps } from './weak-links.service.js';
import * as repo from './weak-links.repo.js';

const SME_SIZES = new Set(['medium', 'small', 'micro']);

/**
 * The 小巨人 chain map (IC-3): per segment the 专精特新 and 小巨人 enterprises of the region and the
 * chain leaders they supply; and the SMEs that supply the region's leaders (priority candidates for
 * 小巨人 recognition), most leaders first.
 * @throws not_found for an unknown chain; validation_failed for an unknown region.
 */
export async function getLittleGiants(deps: AnalysisDeps, actor: Actor, chainId: string, region: string | undefined): Promise<LittleGiantsResponse> {
  const { view, regionCode, placed } = await analysisBase(deps, actor, chainId, region);
  const leaderIds = new Set(placed.filter((p) => p.role === 'leader').map((p) => p.id));
  const tierOf = (p: repo.PlacedEnterprise): 'little_giant' | 'specialized' | undefined =>
    p.tags.includes('little_giant') || p.role === 'little_giant' ? 'little_giant' : p.tags.includes('specialized') || p.role === 'specialized' ? 'specialized' : undefined;
  const tiered = placed.filter((p) => tierOf(p) !== undefined && isRegionWithin(p.regionCode, regionCode));
  const snap = await deps.graph.snapshot();
  const toLeaders = visibleOutEdges(snap, new Set(tiered.map((p) => p.id)), actor).filter((e) => leaderIds.has(enterpriseIdOf(snap, e.customerNode) ?? ''));
  const regionLeaders = [...leaderIds].filter((id) => placed.some((p) => p.id === id && isRegionWithin(p.regionCode, regionCode)));
  const intoLeaders = visibleInEdges(snap, regionLeaders, actor);
  const names = await repo.selectEnterprisesById(deps.db, [...new Set([...leaderIds, ...intoLeaders.map((e) => enterpriseIdOf(snap, e.supplierNode)).filter((id): id is string => id !== undefined)])]);
  const leaderRef = (id: string) => ({ uscc: names.get(id)?.uscc ?? id, name: names.get(id)?.name ?? id });

  const suppliedBy = new Map<string, Map<string, Set<string>>>();
  for (const e of toLeaders) {
    const supplier = enterpriseIdOf(snap, e.supplierNode)!;
    const leader = enterpriseIdOf(snap, e.customerNode)!;
    const byLeader = suppliedBy.get(supplier) ?? new Map<string, Set<string>>();
    byLeader.set(leader, (byLeader.get(leader) ?? new Set()).add(e.product));
    suppliedBy.set(supplier, byLeader);
  }
  const segments = view.segments.map((s) => ({
    segmentKey: s.key,
    segmentName: s.name,
    stage: s.stage,
    enterprises: tiered
      .filter((p) => p.segmentKey === s.key)
      .map((p) => ({
        uscc: p.uscc,
        name: p.name,
        regionCode: p.regionCode,
        tier: tierOf(p)!,
        suppliesLeaders: [...(suppliedBy.get(p.id) ?? new Map<string, Set<string>>()).entries()].map(([leader, products]) => ({ ...leaderRef(leader), products: [...products].sort() })),
      }))
      .sort((a, b) => (a.tier === b.tier ? b.suppliesLeaders.length - a.suppliesLeaders.length || a.name.localeCompare(b.name, 'zh') : a.tier === 'little_giant' ? -1 : 1)),
  }));

  const smeSuppliers = new Map<string, { leaders: Set<string>; products: Set<string> }>();
  for (const e of intoLeaders) {
    const supplier = enterpriseIdOf(snap, e.supplierNode);
    const facts = supplier ? names.get(supplier) : undefined;
    if (!supplier || !facts || !SME_SIZES.has(facts.size ?? '') || leaderIds.has(supplier)) continue;
    const entry = smeSuppliers.get(supplier) ?? { leaders: new Set<string>(), products: new Set<string>() };
    entry.leaders.add(enterpriseIdOf(snap, e.customerNode)!);
    entry.products.add(e.product);
    smeSuppliers.set(supplier, entry);
  }
  const leaderSuppliers = [...smeSuppliers.entries()]
    .map(([id, entry]) => {
      const facts = names.get(id)!;
      return {
        uscc: facts.uscc,
        name: facts.name,
        regionCode: facts.regionCode,
        tags: facts.tags,
        leaders: [...entry.leaders].map(leaderRef),
        products: [...entry.products].sort(),
        isRecognised: facts.tags.includes('little_giant') || facts.tags.includes('specialized'),
      };
    })
    .sort((a, b) => b.leaders.length - a.leaders.length || Number(a.isRecognised) - Number(b.isRecognised) || a.name.localeCompare(b.name, 'zh'));
  return { chainId: view.chain.id, regionCode, segments, leaderSuppliers };
}
