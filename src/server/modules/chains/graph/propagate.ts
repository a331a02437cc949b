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

/**
 * Per-graph scratch, reused across calls so that a call allocates nothing per node. The only
 * array of size n is `slotOf`; everything a call learns about a node lives in compact arrays
 * indexed by the node's slot (its order of first reach), which stay in cache where n-sized arrays
 * do not: on a 1M-node graph the random reads of five n-sized arrays per edge, not arithmetic,
 * were the cost.
 */
interface Workspace {
  /** Slot of each node in the current call, −1 when untouched (reset after each call, touched slots only). */
  slotOf: Int32Array;
  /** Per slot: the node. */
  slotNode: Int32Array;
  /** Per slot: log entry of the best exposure so far. */
  bestEntry: Int32Array;
  /** Per slot: that exposure (Infinity for a source, so that no path ever improves it). */
  bestValue: Float64Array;
  /** Per slot: round of first reach (its tier); 0 for a source. */
  tier: Int8Array;
  /** Per slot: round stamp of membership in the next frontier. */
  queued: Int32Array;
  isSource: Uint8Array;
  /** Log of improvements: entry i says "node[i] reached value[i] through entry parent[i]". */
  logNode: Int32Array;
  logParent: Int32Array;
  logValue: Float64Array;
  /** Frontier (log entries) and next frontier (slots). */
  frontier: Int32Array;
  next: Int32Array;
  /** Sort scratch: the affected slots. */
  order: Int32Array;
}

const workspaces = new WeakMap<SupplyGraph, Workspace>();

function workspaceOf(graph: SupplyGraph): Workspace {
  let ws = workspaces.get(graph);
  if (!ws) {
    const slots = 1024;
    ws = {
      slotOf: new Int32Array(graph.n).fill(-1),
      slotNode: new Int32Array(slots), bestEntry: new Int32Array(slots), bestValue: new Float64Array(slots), tier: new Int8Array(slots), queued: new Int32Array(slots), isSource: new Uint8Array(slots),
      logNode: new Int32Array(slots), logParent: new Int32Array(slots), logValue: new Float64Array(slots),
      frontier: new Int32Array(slots), next: new Int32Array(slots), order: new Int32Array(slots),
    };
    workspaces.set(graph, ws);
  }
  return ws;
}

function grown<T extends Int32Array | Int8Array | Uint8Array | Float64Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** Make room for `slots` slots and `entries` log entries (grown arrays are kept for later calls). */
function reserve(ws: Workspace, slots: number, entries: number): void {
  if (slots > ws.slotNode.length) {
    ws.slotNode = grown(ws.slotNode, slots);
    ws.bestEntry = grown(ws.bestEntry, slots);
    ws.bestValue = grown(ws.bestValue, slots);
    ws.tier = grown(ws.tier, slots);
    ws.queued = grown(ws.queued, slots);
    ws.isSource = grown(ws.isSource, slots);
    ws.next = grown(ws.next, slots);
    ws.frontier = grown(ws.frontier, slots);
  }
  if (entries > ws.logNode.length) {
    ws.logNode = grown(ws.logNode, entries);
    ws.logParent = grown(ws.logParent, entries);
    ws.logValue = grown(ws.logValue, entries);
  }
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
  const slotOf = ws.slotOf;
  let slots = 0;
  let entries = 0;
  try {
    reserve(ws, sources.length, sources.length);
    for (const { node, weight } of sources) {
      if (node < 0 || node >= graph.n || !Number.isInteger(node)) {
        throw new RangeError(`source node ${node} is outside 0..${graph.n - 1}`);
      }
      if (!(weight > 0)) continue;
      let slot = slotOf[node];
      if (slot >= 0 && ws.logValue[ws.bestEntry[slot]] >= weight) continue;
      if (slot < 0) {
        slot = slots++;
        slotOf[node] = slot;
        ws.slotNode[slot] = node;
        ws.tier[slot] = 0;
        ws.queued[slot] = 0;
      }
      ws.isSource[slot] = 1;
      const entry = entries++;
      ws.logNode[entry] = node;
      ws.logParent[entry] = -1;
      ws.logValue[entry] = weight;
      ws.bestEntry[slot] = entry;
      ws.bestValue[slot] = Number.POSITIVE_INFINITY;
    }
    // Frontier: log entries (not nodes) so that each round reads the value its node had when queued.
    let frontierLength = slots;
    for (let s = 0; s < slots; s++) ws.frontier[s] = ws.bestEntry[s];

    for (let round = 1; round <= maxTiers && frontierLength > 0; round++) {
      let nextLength = 0;
      for (let f = 0; f < frontierLength; f++) {
        const entry = ws.frontier[f];
        const from = ws.logNode[entry];
        // The first hop (out of a source) is not damped.
        const base = ws.logValue[entry] * (ws.logParent[entry] < 0 ? 1 : decay);
        if (base < minExposure) continue;
        const start = outOffsets[from];
        const end = outOffsets[from + 1];
        // Each edge adds at most one slot and one entry: make room once per node, not per edge.
        reserve(ws, slots + end - start, entries + end - start);
        const { slotNode, bestEntry, bestValue, tier, queued, isSource, logNode, logParent, logValue, next } = ws;
        for (let o = start; o < end; o++) {
          if (isEdgeVisible !== undefined && !isEdgeVisible(outEdge[o])) continue;
          const share = outShares[o];
          const value = base * (share === share ? share : defaultShare);
          if (value < minExposure) continue;
          const to = outTargets[o];
          // The one random read per edge; the rest is in the compact per-slot arrays.
          let slot = slotOf[to];
          if (slot >= 0) {
            if (bestValue[slot] >= value) continue;
          } else {
            if (!(value > 0)) continue;
            slot = slots++;
            slotOf[to] = slot;
            slotNode[slot] = to;
            tier[slot] = round;
            queued[slot] = 0;
            isSource[slot] = 0;
          }
          const improved = entries++;
          logNode[improved] = to;
          logParent[improved] = entry;
          logValue[improved] = value;
          bestEntry[slot] = improved;
          bestValue[slot] = value;
          if (queued[slot] !== round) {
            queued[slot] = round;
            next[nextLength++] = slot;
          }
        }
      }
      // Capture each improved node's entry as it stands at the end of the round.
      for (let k = 0; k < nextLength; k++) ws.frontier[k] = ws.bestEntry[ws.next[k]];
      frontierLength = nextLength;
    }
    return collect(ws, slots, entries);
  } finally {
    for (let s = 0; s < slots; s++) slotOf[ws.slotNode[s]] = -1;
  }
}

/**
 * The affected nodes, strongest first (ties in order of first reach). Sorting packs
 * (1 − exposure) quantised to the bits left above the index into one float64 per node and uses
 * the native numeric sort: a comparator function over 10k nodes cost more than the propagation
 * itself, and a radix sort in JavaScript more than this.
 */
function collect(ws: Workspace, slots: number, entries: number): ImpactResult {
  let count = 0;
  for (let s = 0; s < slots; s++) {
    if (ws.isSource[s] === 0) count++;
  }
  const indexBits = Math.max(1, Math.ceil(Math.log2(count + 1)));
  const indexScale = 2 ** indexBits;
  const levels = 2 ** (53 - indexBits) - 1;
  ws.order = grown(ws.order, count);
  const affected = ws.order;
  const keys = new Float64Array(count);
  for (let s = 0, i = 0; s < slots; s++) {
    if (ws.isSource[s] === 1) continue;
    affected[i] = s;
    keys[i] = Math.floor((1 - Math.min(1, ws.bestValue[s])) * levels) * indexScale + i;
    i++;
  }
  keys.sort();
  const nodes = new Int32Array(count);
  const tiers = new Int8Array(count);
  const exposures = new Float64Array(count);
  const bestEntries = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const s = affected[keys[k] % indexScale];
    nodes[k] = ws.slotNode[s];
    tiers[k] = ws.tier[s];
    exposures[k] = ws.bestValue[s];
    bestEntries[k] = ws.bestEntry[s];
  }
  // The workspace log is reused by the next call: the result keeps its own copy (two memcpys).
  const logNode = ws.logNode.slice(0, entries);
  const logParent = ws.logParent.slice(0, entries);
  return {
    nodes,
    tiers,
    exposures,
    pathOf(i: number): number[] {
      const path: number[] = [];
      for (let entry = bestEntries[i]; entry >= 0; entry = logParent[entry]) {
        path.push(logNode[entry]);
      }
      return path.reverse();
    },
  };
}
