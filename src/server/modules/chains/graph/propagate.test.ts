import { describe, expect, it } from 'vitest';
import { csrFromList } from './csr.js';
import { propagateImpact, type ImpactResult } from './propagate.js';

/** The result as `{node: {tier, exposure, path}}` for readable assertions. */
function byNode(result: ImpactResult): Record<number, { tier: number; exposure: number; path: number[] }> {
  const out: Record<number, { tier: number; exposure: number; path: number[] }> = {};
  result.nodes.forEach((node, i) => {
    out[node] = { tier: result.tiers[i], exposure: Number(result.exposures[i].toFixed(6)), path: result.pathOf(i) };
  });
  return out;
}

describe(propagateImpact.name, () => {
  it('weights the first hop by share only and later hops by share × decay', () => {
    const g = csrFromList(3, [[0, 1, 0.5], [1, 2, 0.5]]);
    const r = byNode(propagateImpact(g, [{ node: 0, weight: 1 }], { decay: 0.8 }));
    expect(r[1]).toEqual({ tier: 1, exposure: 0.5, path: [0, 1] });
    expect(r[2]).toEqual({ tier: 2, exposure: 0.2, path: [0, 1, 2] });
    expect(r[0]).toBeUndefined();
  });

  it('uses the default share for edges of unknown share', () => {
    const g = csrFromList(2, [[0, 1]]);
    expect(byNode(propagateImpact(g, [{ node: 0, weight: 0.5 }], { defaultShare: 0.4 }))[1].exposure).toBe(0.2);
  });

  it('takes the max over the two arms of a diamond and keeps the shortest tier', () => {
    // 0 → 1 → 3 (weak), 0 → 2 → 3 (strong); also 0 → 3 directly with a tiny share.
    const g = csrFromList(4, [[0, 1, 0.1], [1, 3, 0.5], [0, 2, 0.9], [2, 3, 1], [0, 3, 0.05]]);
    const r = byNode(propagateImpact(g, [{ node: 0, weight: 1 }], { decay: 1 }));
    expect(r[3].tier).toBe(1);
    expect(r[3].exposure).toBeCloseTo(0.9, 6);
    expect(r[3].path).toEqual([0, 2, 3]);
  });

  it('prefers a longer path when it carries more exposure', () => {
    const g = csrFromList(4, [[0, 3, 0.1], [0, 1, 1], [1, 2, 1], [2, 3, 1]]);
    const r = byNode(propagateImpact(g, [{ node: 0, weight: 1 }], { decay: 0.9 }));
    expect(r[3]).toEqual({ tier: 1, exposure: 0.81, path: [0, 1, 2, 3] });
  });

  it('stops at the tier cut-off, and the cut-off limits the paths counted for exposure', () => {
    const chain = csrFromList(6, [[0, 1, 1], [1, 2, 1], [2, 3, 1], [3, 4, 1], [4, 5, 1]]);
    const r = byNode(propagateImpact(chain, [{ node: 0, weight: 1 }], { maxTiers: 3, decay: 1 }));
    expect(Object.keys(r).map(Number).sort()).toEqual([1, 2, 3]);
    // A 3-hop strong path to 3 is beyond maxTiers=2: only the weak direct edge counts.
    const g = csrFromList(4, [[0, 3, 0.1], [0, 1, 1], [1, 2, 1], [2, 3, 1]]);
    const cut = byNode(propagateImpact(g, [{ node: 0, weight: 1 }], { maxTiers: 2, decay: 1 }));
    expect(cut[3]).toEqual({ tier: 1, exposure: 0.1, path: [0, 3] });
  });

  it('terminates on cycles and never reports the source as affected', () => {
    const g = csrFromList(3, [[0, 1, 1], [1, 2, 1], [2, 0, 1], [2, 1, 1]]);
    const r = byNode(propagateImpact(g, [{ node: 0, weight: 1 }], { maxTiers: 10, decay: 0.5 }));
    expect(Object.keys(r).map(Number).sort()).toEqual([1, 2]);
    expect(r[1]).toEqual({ tier: 1, exposure: 1, path: [0, 1] });
    expect(r[2]).toEqual({ tier: 2, exposure: 0.5, path: [0, 1, 2] });
  });

  it('drops exposures below the minimum and does not follow them', () => {
    const g = csrFromList(3, [[0, 1, 0.01], [1, 2, 1]]);
    expect(propagateImpact(g, [{ node: 0, weight: 1 }], { minExposure: 0.05 }).nodes.length).toBe(0);
  });

  it('carries nothing over edges the viewer may not see', () => {
    // Edge 0: 0 → 1 (private), edge 1: 0 → 2, edge 2: 2 → 1.
    const g = csrFromList(3, [[0, 1, 1], [0, 2, 0.5], [2, 1, 0.5]]);
    const all = byNode(propagateImpact(g, [{ node: 0, weight: 1 }], { decay: 1 }));
    expect(all[1]).toEqual({ tier: 1, exposure: 1, path: [0, 1] });
    const seen = byNode(propagateImpact(g, [{ node: 0, weight: 1 }], { decay: 1, isEdgeVisible: (e) => e !== 0 }));
    expect(seen[1]).toEqual({ tier: 2, exposure: 0.25, path: [0, 2, 1] });
    const none = propagateImpact(g, [{ node: 0, weight: 1 }], { isEdgeVisible: () => false });
    expect(none.nodes.length).toBe(0);
  });

  it('combines several sources (a region event) and keeps the strongest', () => {
    const g = csrFromList(4, [[0, 2, 0.5], [1, 2, 0.5], [1, 3, 1]]);
    const r = byNode(propagateImpact(g, [{ node: 0, weight: 1 }, { node: 1, weight: 0.5 }, { node: 1, weight: 0.4 }]));
    expect(r[2]).toEqual({ tier: 1, exposure: 0.5, path: [0, 2] });
    expect(r[3]).toEqual({ tier: 1, exposure: 0.5, path: [1, 3] });
  });

  it('sorts by exposure and leaves the workspace clean for the next call', () => {
    const g = csrFromList(4, [[0, 1, 0.2], [0, 2, 0.9], [0, 3, 0.5]]);
    const first = propagateImpact(g, [{ node: 0, weight: 1 }]);
    expect(Array.from(first.nodes)).toEqual([2, 3, 1]);
    const second = byNode(propagateImpact(g, [{ node: 1, weight: 1 }]));
    expect(second).toEqual({});
    const third = byNode(propagateImpact(g, [{ node: 0, weight: 1 }]));
    expect(third[1].exposure).toBeCloseTo(0.2, 6);
  });

  it('keeps the paths of an earlier result valid after later calls reuse the workspace', () => {
    const g = csrFromList(5, [[0, 1, 1], [1, 2, 1], [3, 4, 1], [4, 2, 1]]);
    const first = propagateImpact(g, [{ node: 0, weight: 1 }], { decay: 1 });
    propagateImpact(g, [{ node: 3, weight: 1 }], { decay: 1 });
    expect(byNode(first)[2].path).toEqual([0, 1, 2]);
  });

  it('grows its scratch arrays for a wide fan-out and gives the same answer on the next call', () => {
    // A source with 3,000 customers, each with one further customer: more than the initial scratch size.
    const edges: Array<[number, number, number]> = [];
    for (let k = 1; k <= 3000; k++) {
      edges.push([0, k, 0.5], [k, 3000 + k, 1]);
    }
    const g = csrFromList(6001, edges);
    const once = propagateImpact(g, [{ node: 0, weight: 1 }], { decay: 1 });
    expect(once.nodes.length).toBe(6000);
    expect(byNode(once)[6000]).toEqual({ tier: 2, exposure: 0.5, path: [0, 3000, 6000] });
    const again = propagateImpact(g, [{ node: 0, weight: 1 }], { decay: 1 });
    expect(Array.from(again.nodes)).toEqual(Array.from(once.nodes));
  });

  it('rejects sources outside the graph', () => {
    expect(() => propagateImpact(csrFromList(2, []), [{ node: 5, weight: 1 }])).toThrow(RangeError);
  });
});
