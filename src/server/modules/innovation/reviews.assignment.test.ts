import fc from 'fast-check';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighs } from '../../platform/highs.js';
import { AssignmentInfeasible, solveAssignment } from './reviews.assignment.js';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const FIELDS = ['电池', '隔膜', '芯片', '光刻', '电机', '传感器', '软件', '材料'];

/** A random instance: applications with terms and an organisation, experts with fields, capacity and an organisation. */
const instance = fc.record({
  applications: fc.array(fc.record({ terms: fc.subarray(FIELDS, { minLength: 1 }), org: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 25 }),
  experts: fc.array(fc.record({ fields: fc.subarray(FIELDS), capacity: fc.integer({ min: 0, max: 6 }), org: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 20 }),
  k: fc.integer({ min: 1, max: 3 }),
  declared: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 15 }),
  /** Equity investments between organisations, investor → investee (table `investments`). */
  investments: fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { maxLength: 6 }),
  candidates: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
});

describe(solveAssignment.name, () => {
  it('gives every application k distinct reviewers within capacity and never a conflicted one (same organisation, investment either way, declared) — or says why not', () => {
    fc.assert(
      fc.property(instance, ({ applications, experts, k, declared, investments, candidates }) => {
        const declaredSet = new Set(declared.map(([a, e]) => `${a % applications.length}:${e % experts.length}`));
        const invested = new Set(investments.flatMap(([from, to]) => [`${from}:${to}`, `${to}:${from}`]));
        const isConflicted = (a: number, e: number) => applications[a].org === experts[e].org || invested.has(`${applications[a].org}:${experts[e].org}`) || declaredSet.has(`${a}:${e}`);
        const problem = {
          applications: applications.map((a, i) => ({ id: `a${i}`, terms: a.terms })),
          experts: experts.map((e, i) => ({ id: `e${i}`, fields: e.fields, capacity: e.capacity })),
          perApplication: k,
          isConflicted,
          candidates,
        };
        let result;
        try {
          result = solveAssignment(highs, problem);
        } catch (err) {
          expect(err).toBeInstanceOf(AssignmentInfeasible);
          // Infeasible must be true: check with a plain max-flow style bound per application
          // (fewer than k eligible experts) or on total capacity, or let HiGHS' full model decide.
          const eligible = applications.map((_, a) => experts.filter((e, ei) => e.capacity > 0 && !isConflicted(a, ei)).length);
          const total = experts.reduce((s, e) => s + e.capacity, 0);
          if (eligible.every((n) => n >= k) && total >= k * applications.length) {
            // Not trivially infeasible: the complete model (all candidates) must also be infeasible.
            expect(() => solveAssignment(highs, { ...problem, candidates: 10_000 })).toThrow(AssignmentInfeasible);
          }
          return;
        }
        const perApplication = new Map<string, Set<string>>();
        const load = new Map<string, number>();
        for (const { applicationId, expertId } of result.assignments) {
          const a = Number(applicationId.slice(1));
          const e = Number(expertId.slice(1));
          expect(isConflicted(a, e)).toBe(false);
          expect(invested.has(`${applications[a].org}:${experts[e].org}`)).toBe(false);
          const set = perApplication.get(applicationId) ?? new Set();
          expect(set.has(expertId)).toBe(false);
          set.add(expertId);
          perApplication.set(applicationId, set);
          load.set(expertId, (load.get(expertId) ?? 0) + 1);
        }
        for (let a = 0; a < applications.length; a++) expect(perApplication.get(`a${a}`)?.size).toBe(k);
        for (const [expertId, n] of load) expect(n).toBeLessThanOrEqual(experts[Number(expertId.slice(1))].capacity);
        expect(result.gap).toBeGreaterThanOrEqual(0);
        expect(result.objective).toBeLessThanOrEqual(result.bound + 1e-6);
      }),
      { numRuns: 150 },
    );
  });

  it('prefers experts whose fields the application mentions', () => {
    const result = solveAssignment(highs, {
      applications: [{ id: 'battery', terms: ['电池'] }, { id: 'chip', terms: ['芯片'] }],
      experts: [{ id: 'chipExpert', fields: ['芯片'], capacity: 1 }, { id: 'batteryExpert', fields: ['电池'], capacity: 1 }],
      perApplication: 1,
      isConflicted: () => false,
    });
    expect(result.assignments.map((a) => `${a.applicationId}→${a.expertId}`).sort()).toEqual(['battery→batteryExpert', 'chip→chipExpert']);
    expect(result.gap).toBe(0);
  });
});
