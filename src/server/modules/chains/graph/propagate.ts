import type { SupplyGraph } from './csr.js';

/**
 * Impact propagation of a risk event over the supply graph: pure code, no I/O.
 *
 * A disruption at a supplier travels downstream (supplier → customer, over out-edges). The
 * exposure a customer takes from one edge is the exposure of the supplier times the dependency
 * share of that edge (the share of the customer's need the supplier covers; a default when
 * unknown), and every hop after the first is damped by a decay factor:
 *
 *   exposure(path) = weight(source) × share₁ × (share₂ × decay) × … × (shareₖ × decay)
 *
 * For each affected node we report the shortest tier (fewest hops), the largest exposure over
 * all paths of at most `maxTiers` hops, and one path that gives that exposure. The search is a
 * hop-bounded Bellman–Ford over typed arrays: each round relaxes only the nodes whose exposure
 * improved in the round before, using the value they had at the end of that round, so the result
 * is exact for paths of ≤ `maxTiers` hops, cycles included.
 *
 * Visibility: with `isEdgeVisible`, an edge the viewer may not see carries no impact at all. We
 * chose this over "carry the impact but hide the path": an exposure number that exists only
 * because of a private edge would itself reveal that edge (who supplies whom) to the viewer.
 */

/** A node where the event happens, with its severity weight (0..1). */
export interface ImpactSource {
  node: number;
  weight: number;
}

/** Tuning of {@link propagateImpact}. The defaults are our judgement (⚠️ configurable). */
export interface PropagateOptions {
  /** Largest number of hops followed (default 4). */
  maxTiers?: number;
  /** Factor applied to every hop after the first, 0..1 (default 0.8). */
  decay?: number;
  /** Share assumed for an edge whose share is unknown (NaN), 0..1 (default 0.3). */
  defaultShare?: number;
  /** Exposures below this are dropped and not followed further (default 0.005). */
  minExposure?: number;
  /** Edge index (as in `SupplyGraph.outEdge`) → may this viewer see it; all edges when absent. */
  isEdgeVisible?: (edgeIndex: number) => boolean;
}

/** Affected nodes as parallel arrays, strongest exposure first. Sources are not included. */
export interface ImpactResult {
  /** Affected node indexes. */
  nodes: Int32Array;
  /** Fewest hops from any source (1 = direct customer). */
  tiers: Int8Array;
  /** Largest exposure over paths of ≤ maxTiers hops, 0..1. */
  exposures: Float64Array;
  /** The path (source first, the node last) that gives the exposure of `nodes[i]`. */
  pathOf(i: number): number[];
}

export const DEFAULT_PROPAGATE = { maxTiers: 4, decay: 0.8, defaultShare: 0.3, minExposure: 0.005 } as const;

/** Per-graph scratch arrays of size n, reused across calls and reset after each (touched slots only). */
interface Workspace {
  /** Log entry of the node's best exposure so far, −1 when untouched. */
  best: Int32Array;
  /** Exposure of that entry (a copy, read in the inner loop without the indirection); 0 untouched, Infinity for a source. */
  bestValue: Float64Array;
  /** Round in which the node was first reached (its tier); 0 when untouched or a source. */
  tier: Int8Array;
  /** Round stamp of the node's membership in the next frontier. */
  queued: Int32Array;
  isSource: Uint8Array;
}

const workspaces = new WeakMap<SupplyGraph, Workspace>();

function workspaceOf(graph: SupplyGraph): Workspace {
  let ws = workspaces.get(graph);
  if (!ws) {
    ws = { best: new Int32Array(graph.n).fill(-1), bestValue: new Float64Array(graph.n), tier: new Int8Array(graph.n), queued: new Int32Array(graph.n), isSource: new Uint8Array(graph.n) };
    workspaces.set(graph, ws);
  }
  return ws;
}

/**
 * Growable log of improvements: entry i says "node[i] reached exposure value[i] through the
 * entry parent[i]". Paths are read back through entries, never through a node's current best,
 * which may have moved on to a longer path after the entry was used.
 */
class ImprovementLog {
  node = new Int32Array(1024);
  parent = new Int32Array(1024);
  value = new Float64Array(1024);
  length = 0;

  push(node: number, parent: number, value: number): number {
    if (this.length === this.node.length) {
      const size = this.length * 2;
      this.node = grow(this.node, new Int32Array(size));
      this.parent = grow(this.parent, new Int32Array(size));
      this.value = grow(this.value, new Float64Array(size));
    }
    const i = this.length++;
    this.node[i] = node;
    this.parent[i] = parent;
    this.value[i] = value;
    return i;
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * Spread the impact of `sources` downstream (see the module comment for the formula).
 * Sources out of range throw (a caller bug); duplicate sources keep their largest weight.
 */
export function propagateImpact(graph: SupplyGraph, sources: readonly ImpactSource[], options: PropagateOptions = {}): ImpactResult {
  const maxTiers = Math.min(options.maxTiers ?? DEFAULT_PROPAGATE.maxTiers, 127);
  const decay = options.decay ?? DEFAULT_PROPAGATE.decay;
  const defaultShare = options.defaultShare ?? DEFAULT_PROPAGATE.defaultShare;
  const minExposure = options.minExposure ?? DEFAULT_PROPAGATE.minExposure;
  const isEdgeVisible = options.isEdgeVisible;
  const { outOffsets, outTargets, outShares, outEdge } = graph;
  const ws = workspaceOf(graph);
  const { best, bestValue, tier, queued, isSource } = ws;
  const log = new ImprovementLog();
  const touched: number[] = [];

  // Frontier: log entries (not nodes) so that each round reads the value its node had when queued.
  let frontier: number[] = [];
  for (const { node, weight } of sources) {
    if (node < 0 || node >= graph.n || !Number.isInteger(node)) {
      throw new RangeError(`source node ${node} is outside 0..${graph.n - 1}`);
    }
    if (!(weight > 0)) continue;
    const current = best[node];
    if (current >= 0 && log.value[current] >= weight) continue;
    if (current < 0) touched.push(node);
    isSource[node] = 1;
    best[node] = log.push(node, -1, weight);
    // Infinity: no path ever improves a source, and the inner loop needs no separate check.
    bestValue[node] = Number.POSITIVE_INFINITY;
  }
  for (const node of touched) frontier.push(best[node]);

  try {
    for (let round = 1; round <= maxTiers && frontier.length > 0; round++) {
      const next: number[] = [];
      for (let f = 0; f < frontier.length; f++) {
        const entry = frontier[f];
        const from = log.node[entry];
        // The first hop (out of a source) is not damped.
        const hopFactor = log.parent[entry] < 0 ? 1 : decay;
        const base = log.value[entry] * hopFactor;
        if (base < minExposure) continue;
        for (let o = outOffsets[from], end = outOffsets[from + 1]; o < end; o++) {
          if (isEdgeVisible && !isEdgeVisible(outEdge[o])) continue;
          const share = outShares[o];
          const value = base * (share === share ? share : defaultShare);
          if (value < minExposure) continue;
          const to = outTargets[o];
          // One random read per edge: 0 = untouched, Infinity = a source.
          const known = bestValue[to];
          if (known >= value) continue;
          if (known === 0) {
            touched.push(to);
            tier[to] = round;
          }
          best[to] = log.push(to, entry, value);
          bestValue[to] = value;
          if (queued[to] !== round) {
            queued[to] = round;
            next.push(to);
          }
        }
      }
      // Capture each improved node's entry as it stands at the end of the round.
      frontier = next.map((node) => best[node]);
    }
    return collect(touched, ws, log);
  } finally {
    for (const node of touched) {
      best[node] = -1;
      bestValue[node] = 0;
      tier[node] = 0;
      queued[node] = 0;
      isSource[node] = 0;
    }
  }
}

/**
 * The affected nodes, strongest first. Sorting packs (1 − exposure) quantised to the bits left
 * above the index into one float64 per node and uses the native numeric sort: a comparator
 * function over 10k nodes cost more than the propagation itself.
 */
function collect(touched: readonly number[], ws: Workspace, log: ImprovementLog): ImpactResult {
  let count = 0;
  for (let t = 0; t < touched.length; t++) {
    if (ws.isSource[touched[t]] === 0) count++;
  }
  const indexBits = Math.max(1, Math.ceil(Math.log2(count + 1)));
  const indexScale = 2 ** indexBits;
  const levels = 2 ** (53 - indexBits) - 1;
  const affected = new Int32Array(count);
  const keys = new Float64Array(count);
  for (let t = 0, i = 0; t < touched.length; t++) {
    const node = touched[t];
    if (ws.isSource[node] === 1) continue;
    affected[i] = node;
    keys[i] = Math.floor((1 - Math.min(1, log.value[ws.best[node]])) * levels) * indexScale + i;
    i++;
  }
  keys.sort();
  const nodes = new Int32Array(count);
  const tiers = new Int8Array(count);
  const exposures = new Float64Array(count);
  const bestEntries = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const node = affected[keys[k] % indexScale];
    const entry = ws.best[node];
    nodes[k] = node;
    tiers[k] = ws.tier[node];
    exposures[k] = log.value[entry];
    bestEntries[k] = entry;
  }
  return {
    nodes,
    tiers,
    exposures,
    pathOf(i: number): number[] {
      const path: number[] = [];
      for (let entry = bestEntries[i]; entry >= 0; entry = log.parent[entry]) {
        path.push(log.node[entry]);
      }
      return path.reverse();
    },
  };
}
