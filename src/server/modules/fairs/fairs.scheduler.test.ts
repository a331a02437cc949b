import fc from 'fast-check';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighs } from '../../platform/highs.js';
import { assignSlots, scheduleFair, type ScheduleResult, type SchedulerInstance } from './fairs.scheduler.js';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** Every hard constraint of a schedule, checked against its instance. */
function expectHardConstraints(instance: SchedulerInstance, result: ScheduleResult): void {
  const larges = new Set(instance.larges);
  const smes = new Set(instance.smes);
  const wished = new Set(instance.wishes.flatMap((w) => [`${w.from}|${w.to}`, `${w.to}|${w.from}`]));
  const busy = new Set<string>();
  const tables = new Set<string>();
  const pairs = new Set<string>();
  for (const m of result.meetings) {
    expect(larges.has(m.large) && smes.has(m.sme)).toBe(true);
    expect(wished.has(`${m.large}|${m.sme}`)).toBe(true);
    expect(m.slot).toBeGreaterThanOrEqual(0);
    expect(m.slot).toBeLessThan(instance.slots.length);
    expect(m.table).toBeGreaterThanOrEqual(1);
    expect(m.table).toBeLessThanOrEqual(instance.slots[m.slot].tables);
    for (const key of [`${m.large}@${m.slot}`, `${m.sme}@${m.slot}`]) {
      expect(busy.has(key), `double-booked ${key}`).toBe(false);
      busy.add(key);
    }
    const table = `${m.slot}#${m.table}`;
    expect(tables.has(table), `table used twice ${table}`).toBe(false);
    tables.add(table);
    expect(pairs.has(`${m.large}|${m.sme}`)).toBe(false);
    pairs.add(`${m.large}|${m.sme}`);
  }
  expect(result.objective).toBeLessThanOrEqual(result.bound + 1e-6);
  expect(result.gap).toBeGreaterThanOrEqual(0);
  expect(result.gap).toBeLessThanOrEqual(1);
}

const instances = fc.record({
  larges: fc.integer({ min: 1, max: 6 }),
  smes: fc.integer({ min: 1, max: 14 }),
  slots: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }),
  wishes: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 60 }),
}).map(({ larges, smes, slots, wishes }): SchedulerInstance => {
  const L = Array.from({ length: larges }, (_, i) => `L${i}`);
  const S = Array.from({ length: smes }, (_, i) => `S${i}`);
  return {
    larges: L,
    smes: S,
    slots: slots.map((tables) => ({ tables })),
    wishes: wishes.map(([a, b, bySme]) => (bySme ? { from: S[a % smes], to: L[b % larges] } : { from: L[a % larges], to: S[b % smes] })),
  };
});

describe(scheduleFair.name, () => {
  it('meets a mutual wish before one-sided ones and fills every slot it can', () => {
    const result = scheduleFair(highs, {
      larges: ['A'], smes: ['x', 'y'], slots: [{ tables: 1 }],
      wishes: [{ from: 'A', to: 'x' }, { from: 'y', to: 'A' }, { from: 'A', to: 'y' }],
    }, { minMeetingsPerSme: 0 });
    expect(result.meetings).toEqual([{ large: 'A', sme: 'y', slot: 0, table: 1, weight: 3, isMutual: true }]);
    expect(result.gap).toBe(0);
  });

  it('gives every SME that wished its fair share before a second meeting to another', () => {
    // A is wanted mutually by x; y wished one-sidedly. Two slots: x and y each get one meeting.
    const instance = { larges: ['A', 'B'], smes: ['x', 'y'], slots: [{ tables: 1 }, { tables: 1 }], wishes: [{ from: 'A', to: 'x' }, { from: 'x', to: 'A' }, { from: 'B', to: 'x' }, { from: 'x', to: 'B' }, { from: 'y', to: 'B' }] };
    const fair = scheduleFair(highs, instance, { minMeetingsPerSme: 1 });
    expect(new Set(fair.meetings.map((m) => m.sme))).toEqual(new Set(['x', 'y']));
    expect(fair.fairShareShortfall).toBe(0);
    const greedy = scheduleFair(highs, instance, { minMeetingsPerSme: 0 });
    expect(greedy.meetings.map((m) => m.sme)).toEqual(['x', 'x']);
  });

  it('schedules a fair with far more wishes than slots, reporting the gap', () => {
    const larges = ['A', 'B', 'C'];
    const smes = Array.from({ length: 20 }, (_, i) => `s${i}`);
    const wishes = smes.flatMap((s) => larges.map((l) => ({ from: s, to: l })));
    const result = scheduleFair(highs, { larges, smes, wishes, slots: [{ tables: 2 }, { tables: 2 }] });
    expect(result.meetings.length).toBe(4);
    expect(result.candidatePairs).toBe(60);
    expect(result.solverStatus).toMatch(/^Optimal/);
    expect(Number.isFinite(result.gap)).toBe(true);
  });

  it('returns an empty schedule without wishes', () => {
    const result = scheduleFair(highs, { larges: ['A'], smes: ['x'], wishes: [], slots: [{ tables: 3 }] });
    expect(result.meetings).toEqual([]);
    expect(result.gap).toBe(0);
  });

  it('holds every hard constraint on random instances', () => {
    fc.assert(fc.property(instances, (instance) => {
      expectHardConstraints(instance, scheduleFair(highs, instance));
    }), { numRuns: 150 });
  });

  it('gets an integral optimum from the LP (the flow model is totally unimodular)', () => {
    fc.assert(fc.property(instances, (instance) => {
      const result = scheduleFair(highs, instance);
      if (result.candidatePairs > 0) expect(result.method).toBe('flow-lp+colouring');
    }), { numRuns: 100 });
  });

  it('places every wished pair when tables are plentiful and nobody wished more than the slots (König)', () => {
    fc.assert(fc.property(instances, (instance) => {
      const wide = { ...instance, slots: instance.slots.map(() => ({ tables: 100 })) };
      const result = scheduleFair(highs, wide, { minMeetingsPerSme: 0 });
      expectHardConstraints(wide, result);
      const degree = new Map<string, number>();
      const seen = new Set<string>();
      for (const w of wide.wishes) {
        const [l, s] = w.from.startsWith('L') ? [w.from, w.to] : [w.to, w.from];
        if (seen.has(`${l}|${s}`)) continue;
        seen.add(`${l}|${s}`);
        for (const v of [l, s]) degree.set(v, (degree.get(v) ?? 0) + 1);
      }
      if (Math.max(0, ...degree.values()) <= wide.slots.length) {
        expect(result.meetings.length).toBe(result.candidatePairs);
        expect(result.gap).toBeLessThan(1e-9);
      }
    }), { numRuns: 150 });
  });
});

describe(assignSlots.name, () => {
  it('colours a bipartite graph with max-degree colours via Kempe swaps', () => {
    // A 3-regular bipartite graph (K3,3) in an order that defeats plain greedy.
    const edges = [[0, 0], [1, 1], [0, 1], [1, 0], [2, 2], [0, 2], [2, 0], [1, 2], [2, 1]].map(([large, sme]) => ({ large, sme }));
    const slots = assignSlots(edges, 3, 3, [3, 3, 3]);
    expect([...slots].every((s) => s >= 0)).toBe(true);
  });
});
