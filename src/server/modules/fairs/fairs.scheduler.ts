/**
 * The fair scheduler: one-to-one meetings (large firm × SME) in time slots and at tables,
 * maximising wishes (a mutual wish weighs more than a one-sided one) with a fair share for
 * every SME that wished. Pure apart from the HiGHS instance it is given (docs/adr/0010-fair-scheduler.md).
 *
 * 1. Pair selection (HiGHS MIP): choose pairs so that nobody has more meetings than there are
 *    slots and all meetings fit the fair's tables; reward each SME's first `minMeetingsPerSme`
 *    meetings extra (the fair share). Its LP relaxation relaxes the whole problem, so its value
 *    is an upper bound on any schedule: the gap is reported against it.
 * 2. Slot assignment: the chosen pairs form a bipartite graph of degree ≤ slots, which König's
 *    theorem colours with that many slots; greedy colouring repaired by Kempe-chain swaps and by
 *    moving a meeting out of a full slot. A pair that still finds no slot is left out (counted,
 *    and it shows in the gap), never an error.
 * 3. Tables: a large firm keeps its home table when it can; SMEs move.
 */
import type { Highs } from 'highs';

/** A scheduling problem. Participants are opaque ids; a wish is `from` wanting to meet `to`. */
export interface SchedulerInstance {
  larges: readonly string[];
  smes: readonly string[];
  wishes: readonly { from: string; to: string }[];
  /** The fair's slots in time order, each with its number of tables. */
  slots: readonly { tables: number }[];
}

/** Weights of the objective (all configurable per run). */
export interface SchedulerOptions {
  /** Weight of a pair both sides wished for. */
  mutualWeight: number;
  /** Weight of a pair one side wished for. */
  oneSidedWeight: number;
  /** Meetings each SME that wished gets rewarded extra for (its fair share), where feasible. */
  minMeetingsPerSme: number;
  /** Reward per fair-share meeting; above `mutualWeight` so a first meeting for an SME beats a further one for another. */
  fairShareWeight: number;
  /** Wall-clock limit of each HiGHS solve, seconds. */
  timeLimitSeconds: number;
}

/** Defaults of {@link SchedulerOptions}. */
export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = { mutualWeight: 3, oneSidedWeight: 1, minMeetingsPerSme: 2, fairShareWeight: 4, timeLimitSeconds: 20 };

/** One scheduled meeting: slot index into `instance.slots`, table 1-based. */
export interface ScheduledMeeting {
  large: string;
  sme: string;
  slot: number;
  table: number;
  weight: number;
  isMutual: boolean;
}

/** The schedule with its quality figures. */
export interface ScheduleResult {
  meetings: ScheduledMeeting[];
  /** Objective of the schedule: wish weights met + fair-share rewards. */
  objective: number;
  /** Upper bound on the objective (LP relaxation of the pair selection). */
  bound: number;
  /** (bound − objective) / bound, 0 when the bound is 0. */
  gap: number;
  /** Sum of the wish weights of the scheduled meetings. */
  wishWeight: number;
  /** Distinct wished pairs (large × SME). */
  candidatePairs: number;
  mutualPairs: number;
  mutualMet: number;
  /** Pairs chosen by the MIP. */
  selectedPairs: number;
  /** Chosen pairs that found no slot and table. */
  unplacedPairs: number;
  /** SMEs that wished, and fair-share meetings they lack (Σ max(0, share − meetings)). */
  smesWithWishes: number;
  fairShareShortfall: number;
  /** Fewest meetings of an SME that wished. */
  minSmeMeetings: number;
  solverStatus: string;
  method: string;
  seconds: number;
}

interface Pair {
  large: number;
  sme: number;
  weight: number;
  isMutual: boolean;
}

/** Distinct large × SME pairs of the wishes with their weights; wishes between two of the same kind or unknown ids are ignored. */
function pairsOf(instance: SchedulerInstance, options: SchedulerOptions): Pair[] {
  const largeIndex = new Map(instance.larges.map((id, i) => [id, i]));
  const smeIndex = new Map(instance.smes.map((id, i) => [id, i]));
  const sides = new Map<string, { large: number; sme: number; byLarge: boolean; bySme: boolean }>();
  for (const { from, to } of instance.wishes) {
    let large = largeIndex.get(from);
    let sme = smeIndex.get(to);
    let byLarge = true;
    if (large === undefined || sme === undefined) {
      large = largeIndex.get(to);
      sme = smeIndex.get(from);
      byLarge = false;
    }
    if (large === undefined || sme === undefined) continue;
    const key = `${large}:${sme}`;
    const entry = sides.get(key) ?? { large, sme, byLarge: false, bySme: false };
    if (byLarge) entry.byLarge = true;
    else entry.bySme = true;
    sides.set(key, entry);
  }
  return [...sides.values()].map((s) => {
    const isMutual = s.byLarge && s.bySme;
    return { large: s.large, sme: s.sme, isMutual, weight: isMutual ? options.mutualWeight : options.oneSidedWeight };
  });
}

/** CPLEX LP text with continuation lines (HiGHS reads long rows, but short lines keep it readable). */
function terms(parts: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 12) lines.push(parts.slice(i, i + 12).join(' '));
  return lines.join('\n   ');
}

function signed(coefficient: number, name: string, isFirst: boolean): string {
  const sign = coefficient < 0 ? '-' : isFirst ? '' : '+';
  return `${sign} ${Math.abs(coefficient)} ${name}`.trim();
}

/**
 * The pair-selection model as a network flow (see the file comment): hub → SME s split into a
 * fair-share arc g_s (≤ share, rewarded) and the rest h_s; SME → large firm x_p (a wished pair);
 * large firm → sink (≤ slots); the hub's inflow is the fair's table-slots. Its constraint matrix
 * is an incidence matrix, hence totally unimodular: simplex returns an integral optimum, and
 * `isInteger` only asks HiGHS to prove it by branch and bound.
 */
function selectionModel(pairs: Pair[], shares: number[], slotCount: number, capacity: number, options: SchedulerOptions, isInteger: boolean): string {
  const objective: string[] = pairs.map((p, i) => signed(p.weight, `x${i}`, i === 0));
  shares.forEach((share, s) => {
    if (share > 0) objective.push(signed(options.fairShareWeight, `g${s}`, false));
  });
  const bySme = new Map<number, number[]>();
  const byLarge = new Map<number, number[]>();
  pairs.forEach((p, i) => {
    bySme.set(p.sme, [...(bySme.get(p.sme) ?? []), i]);
    byLarge.set(p.large, [...(byLarge.get(p.large) ?? []), i]);
  });
  const rows: string[] = [];
  const hub: string[] = [];
  for (const [s, list] of bySme) {
    const arcs = [signed(-1, `h${s}`, false)];
    if (shares[s] > 0) arcs.push(signed(-1, `g${s}`, false));
    rows.push(` cs${s}: ${terms([...list.map((i, k) => signed(1, `x${i}`, k === 0)), ...arcs])} = 0`);
    hub.push(`h${s}`, ...(shares[s] > 0 ? [`g${s}`] : []));
  }
  for (const [l, list] of byLarge) {
    if (list.length > slotCount) rows.push(` ld${l}: ${terms(list.map((i, k) => signed(1, `x${i}`, k === 0)))} <= ${slotCount}`);
  }
  if (pairs.length > capacity) rows.push(` cap: ${terms(hub.map((name, k) => signed(1, name, k === 0)))} <= ${capacity}`);
  const bounds = [
    ...pairs.map((_, i) => ` 0 <= x${i} <= 1`),
    ...[...bySme.keys()].flatMap((s) => [` 0 <= h${s} <= ${slotCount - shares[s]}`, ...(shares[s] > 0 ? [` 0 <= g${s} <= ${shares[s]}`] : [])]),
  ];
  const integer = isInteger ? ['Binary', ` ${terms(pairs.map((_, i) => `x${i}`))}`] : [];
  return ['Maximize', ` obj: ${terms(objective)}`, 'Subject To', ...rows, 'Bounds', ...bounds, ...integer, 'End', ''].join('\n');
}

/** Slot assignment of the chosen pairs: greedy, then Kempe-chain and move repairs. Returns the slot per pair (-1: unplaced). */
export function assignSlots(edges: readonly { large: number; sme: number }[], largeCount: number, smeCount: number, capacities: readonly number[]): Int32Array {
  const slotCount = capacities.length;
  const vertexCount = largeCount + smeCount;
  // at[v * slotCount + t]: the edge of vertex v in slot t, or -1.
  const at = new Int32Array(vertexCount * slotCount).fill(-1);
  const slotOf = new Int32Array(edges.length).fill(-1);
  const count = new Int32Array(slotCount);
  const ends = (e: number): [number, number] => [edges[e].large, largeCount + edges[e].sme];
  const isFree = (v: number, t: number) => at[v * slotCount + t] < 0;
  const place = (e: number, t: number) => {
    const [u, v] = ends(e);
    at[u * slotCount + t] = e;
    at[v * slotCount + t] = e;
    slotOf[e] = t;
    count[t]++;
  };
  const unplace = (e: number) => {
    const [u, v] = ends(e);
    const t = slotOf[e];
    at[u * slotCount + t] = -1;
    at[v * slotCount + t] = -1;
    slotOf[e] = -1;
    count[t]--;
  };
  const commonFree = (u: number, v: number, exclude = -1): number => {
    let best = -1;
    for (let t = 0; t < slotCount; t++) {
      if (t === exclude || !isFree(u, t) || !isFree(v, t) || count[t] >= capacities[t]) continue;
      if (best < 0 || capacities[t] - count[t] > capacities[best] - count[best]) best = t;
    }
    return best;
  };

  const kempe = (e: number, u: number, v: number): boolean => {
    for (let a = 0; a < slotCount; a++) {
      if (!isFree(u, a) || isFree(v, a)) continue;
      for (let b = 0; b < slotCount; b++) {
        if (b === a || !isFree(v, b)) continue;
        // The a/b path from v never reaches u in a bipartite graph (a is free at u).
        const path: number[] = [];
        let cur = v;
        let colour = a;
        let isBroken = false;
        while (!isFree(cur, colour)) {
          const next = at[cur * slotCount + colour];
          path.push(next);
          const [x, y] = ends(next);
          cur = x === cur ? y : x;
          if (cur === u) {
            isBroken = true;
            break;
          }
          colour = colour === a ? b : a;
        }
        if (isBroken) continue;
        const na = path.filter((p) => slotOf[p] === a).length;
        const nb = path.length - na;
        if (count[a] - na + nb + 1 > capacities[a] || count[b] - nb + na > capacities[b]) continue;
        const target = path.map((p) => (slotOf[p] === a ? b : a));
        path.forEach(unplace);
        path.forEach((p, i) => place(p, target[i]));
        place(e, a);
        return true;
      }
    }
    return false;
  };

  const moveOut = (e: number, u: number, v: number): boolean => {
    for (let t = 0; t < slotCount; t++) {
      if (!isFree(u, t) || !isFree(v, t) || count[t] < capacities[t]) continue;
      for (let other = 0; other < edges.length; other++) {
        if (slotOf[other] !== t) continue;
        const [x, y] = ends(other);
        const c = commonFree(x, y, t);
        if (c < 0) continue;
        unplace(other);
        place(other, c);
        place(e, t);
        return true;
      }
    }
    return false;
  };

  for (let e = 0; e < edges.length; e++) {
    const [u, v] = ends(e);
    const t = commonFree(u, v);
    if (t >= 0) place(e, t);
    else if (!kempe(e, u, v)) moveOut(e, u, v);
  }
  return slotOf;
}

/**
 * Schedule a fair (see the file comment). Never throws for a hard instance: more wishes than
 * slots give a best-effort schedule with its gap.
 */
export function scheduleFair(highs: Highs, instance: SchedulerInstance, partial: Partial<SchedulerOptions> = {}): ScheduleResult {
  const started = performance.now();
  const options = { ...DEFAULT_SCHEDULER_OPTIONS, ...partial };
  const slotCount = instance.slots.length;
  const capacities = instance.slots.map((s) => Math.max(0, Math.floor(s.tables)));
  const capacity = capacities.reduce((a, b) => a + b, 0);
  const pairs = pairsOf(instance, options);
  const degree = new Array<number>(instance.smes.length).fill(0);
  for (const p of pairs) degree[p.sme]++;
  const shares = degree.map((d) => Math.min(d, options.minMeetingsPerSme, slotCount));
  const smesWithWishes = degree.filter((d) => d > 0).length;
  const empty: ScheduleResult = {
    meetings: [], objective: 0, bound: 0, gap: 0, wishWeight: 0, candidatePairs: pairs.length, mutualPairs: pairs.filter((p) => p.isMutual).length, mutualMet: 0,
    selectedPairs: 0, unplacedPairs: 0, smesWithWishes, fairShareShortfall: shares.reduce((a, b) => a + b, 0), minSmeMeetings: 0, solverStatus: 'Empty', method: 'mip+colouring', seconds: 0,
  };
  if (pairs.length === 0 || slotCount === 0 || capacity === 0) return { ...empty, seconds: (performance.now() - started) / 1000 };

  const solverOptions = { time_limit: options.timeLimitSeconds, mip_rel_gap: 1e-6 };
  const relaxation = highs.solve(selectionModel(pairs, shares, slotCount, capacity, options, false), { ...solverOptions, solver: 'simplex' });
  const hasRelaxation = relaxation.Status === 'Optimal';
  const primal = (solution: typeof relaxation, i: number) => (solution.Columns[`x${i}`] as { Primal?: number } | undefined)?.Primal ?? 0;
  const isIntegral = hasRelaxation && pairs.every((_, i) => Math.abs(primal(relaxation, i) - Math.round(primal(relaxation, i))) < 1e-6);
  // The flow model is totally unimodular, so the simplex vertex is integral and optimal for the
  // MIP too; branch and bound runs only if round-off ever leaves a fractional vertex.
  const mip = isIntegral ? relaxation : highs.solve(selectionModel(pairs, shares, slotCount, capacity, options, true), solverOptions);
  const hasSolution = mip.Status === 'Optimal' || mip.Status === 'Time limit reached';
  const chosen = hasSolution ? pairs.filter((_, i) => primal(mip, i) > 0.5) : hasRelaxation ? pairs.filter((_, i) => primal(relaxation, i) > 1 - 1e-6) : [];
  // Highest weight first, so that a pair the repair cannot place is a light one.
  chosen.sort((a, b) => b.weight - a.weight || a.large - b.large || a.sme - b.sme);
  const slotOf = assignSlots(chosen, instance.larges.length, instance.smes.length, capacities);

  // Tables: each large firm's home table when free in the slot, else the first free one.
  const home = new Map<number, number>();
  const used = capacities.map(() => new Set<number>());
  const meetings: ScheduledMeeting[] = [];
  const placed = chosen.map((p, i) => ({ p, slot: slotOf[i] })).filter((m) => m.slot >= 0).sort((a, b) => a.p.large - b.p.large);
  for (const { p, slot } of placed) {
    if (!home.has(p.large)) home.set(p.large, home.size);
    let table = home.get(p.large)! % capacities[slot];
    while (used[slot].has(table)) table = (table + 1) % capacities[slot];
    used[slot].add(table);
    meetings.push({ large: instance.larges[p.large], sme: instance.smes[p.sme], slot, table: table + 1, weight: p.weight, isMutual: p.isMutual });
  }
  meetings.sort((a, b) => a.slot - b.slot || a.table - b.table);

  const met = new Array<number>(instance.smes.length).fill(0);
  for (const { p } of placed) met[p.sme]++;
  const wishWeight = placed.reduce((sum, m) => sum + m.p.weight, 0);
  const shortfall = shares.reduce((sum, share, s) => sum + Math.max(0, share - met[s]), 0);
  const objective = wishWeight + options.fairShareWeight * shares.reduce((sum, share, s) => sum + Math.min(share, met[s]), 0);
  const bound = hasRelaxation ? Math.max(relaxation.ObjectiveValue, objective) : objective;
  const wishingMet = met.filter((_, s) => degree[s] > 0);
  return {
    meetings,
    objective,
    bound,
    gap: bound > 0 ? Math.max(0, (bound - objective) / bound) : 0,
    wishWeight,
    candidatePairs: pairs.length,
    mutualPairs: empty.mutualPairs,
    mutualMet: placed.filter((m) => m.p.isMutual).length,
    selectedPairs: chosen.length,
    unplacedPairs: chosen.length - placed.length,
    smesWithWishes,
    fairShareShortfall: shortfall,
    minSmeMeetings: wishingMet.length > 0 ? Math.min(...wishingMet) : 0,
    solverStatus: isIntegral ? 'Optimal (integral LP vertex)' : mip.Status,
    method: isIntegral ? 'flow-lp+colouring' : 'mip+colouring',
    seconds: (performance.now() - started) / 1000,
  };
}
