/**
 * Reviewer assignment (ADR 0015): each application gets exactly `k` reviewers, no reviewer takes
 * more than their remaining capacity, a conflicted pair is never a variable at all, and the total
 * field match is maximal. The model is a bipartite b-matching, solved as a linear programme with
 * HiGHS: its constraint matrix is totally unimodular, so the simplex optimum is already 0/1.
 * Pure apart from the solver: the caller brings the applications, the experts and the conflicts.
 */
import type { Highs } from 'highs';

/** An application to review: its field terms and the applicant (for conflicts). */
export interface AssignmentApplication {
  id: string;
  terms: readonly string[];
}

/** A reviewer: field terms and how many more reviews they can take now. */
export interface AssignmentExpert {
  id: string;
  fields: readonly string[];
  capacity: number;
}

/** One instance of the problem. `isConflicted(a, e)` is by index into the arrays. */
export interface AssignmentProblem {
  applications: readonly AssignmentApplication[];
  experts: readonly AssignmentExpert[];
  perApplication: number;
  isConflicted: (applicationIndex: number, expertIndex: number) => boolean;
  /** Pairs each application considers, best first (default 12 × k, at least 40); doubled when infeasible. */
  candidates?: number;
}

/** The solved assignment with its quality. */
export interface AssignmentResult {
  assignments: { applicationId: string; expertId: string; score: number }[];
  /** Total field match of the assignment. */
  objective: number;
  /** An upper bound on the best possible total: each application's k best non-conflicted scores. */
  bound: number;
  /** (bound − objective) / bound, 0 when proved optimal. */
  gap: number;
  /** Pairs given to the solver and solver seconds (for the bench). */
  variables: number;
  solveSeconds: number;
}

/** Why no assignment exists (the route answers 409 with it). */
export class AssignmentInfeasible extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AssignmentInfeasible';
  }
}

/**
 * Field match of an expert for an application: the share of the expert's fields the application
 * mentions, plus a small base so that any non-conflicted reviewer is usable when fields run out.
 */
export function fieldMatch(terms: ReadonlySet<string>, fields: readonly string[]): number {
  if (fields.length === 0) return 0.05;
  let hits = 0;
  for (const field of fields) {
    if (terms.has(field)) hits++;
  }
  return 0.05 + hits / fields.length;
}

/** A deterministic spread of ties, so equal experts are not all offered to every application. */
function tieBreak(a: number, e: number): number {
  return (((a + 1) * 2654435761 + (e + 1) * 40503) >>> 0) / 2 ** 32;
}

/**
 * Solve one assignment problem.
 * @throws AssignmentInfeasible when some application cannot get k non-conflicted reviewers
 *   within the capacities.
 */
export function solveAssignment(highs: Highs, problem: AssignmentProblem): AssignmentResult {
  const { applications, experts, perApplication: k } = problem;
  if (applications.length === 0) return { assignments: [], objective: 0, bound: 0, gap: 0, variables: 0, solveSeconds: 0 };
  const totalCapacity = experts.reduce((sum, e) => sum + Math.max(0, e.capacity), 0);
  if (totalCapacity < k * applications.length) {
    throw new AssignmentInfeasible(`评审容量不足：需要 ${k * applications.length} 人次，可用专家剩余容量 ${totalCapacity} 人次`);
  }
  // Score every non-conflicted pair once; keep each application's eligible experts best first.
  const ranked: Ranked[] = [];
  let bound = 0;
  const order = new Float64Array(experts.length);
  const score = new Float64Array(experts.length);
  for (let a = 0; a < applications.length; a++) {
    const terms = new Set(applications[a].terms);
    const eligible: number[] = [];
    for (let e = 0; e < experts.length; e++) {
      if (experts[e].capacity <= 0 || problem.isConflicted(a, e)) continue;
      score[e] = fieldMatch(terms, experts[e].fields);
      order[e] = score[e] + tieBreak(a, e) * PERTURBATION;
      eligible.push(e);
    }
    if (eligible.length < k) {
      throw new AssignmentInfeasible(`申报 ${applications[a].id} 可用的无利益冲突专家只有 ${eligible.length} 位，少于每份 ${k} 位`);
    }
    eligible.sort((x, y) => order[y] - order[x]);
    const list: Ranked = { experts: Int32Array.from(eligible), scores: Float64Array.from(eligible, (e) => score[e]), costs: Float64Array.from(eligible, (e) => order[e]) };
    for (let i = 0; i < k; i++) bound += list.scores[i];
    ranked.push(list);
  }
  let candidates = problem.candidates ?? Math.max(16, 5 * k);
  const started = performance.now();
  for (;;) {
    const outcome = solvePruned(highs, problem, ranked, candidates);
    const isComplete = ranked.every((list) => list.experts.length <= candidates);
    if (outcome) {
      const objective = outcome.objective;
      // With every non-conflicted pair in the model, the LP optimum of the perturbed scores (each
      // at least its true score) bounds the true optimum.
      if (isComplete) bound = Math.min(bound, outcome.perturbedObjective);
      const gap = bound > 0 ? Math.max(0, (bound - objective) / bound) : 0;
      return { assignments: outcome.assignments, objective, variables: outcome.variables, bound, gap: gap < 1e-9 ? 0 : gap, solveSeconds: (performance.now() - started) / 1000 };
    }
    if (isComplete) throw new AssignmentInfeasible('专家负荷上限不足以为每份申报分配足够的无利益冲突评审专家');
    candidates *= 2;
  }
}

/** An application's eligible experts best first, with their true scores and perturbed costs. */
interface Ranked {
  experts: Int32Array;
  scores: Float64Array;
  costs: Float64Array;
}

/**
 * Ties are common (many experts share a field count): a tiny deterministic perturbation of the
 * objective spreads equal experts over applications and keeps the simplex from stalling on a
 * degenerate optimum. It is at most 0.001 per pair, and the reported objective uses true scores.
 */
const PERTURBATION = 1e-3;

function solvePruned(highs: Highs, problem: AssignmentProblem, ranked: readonly Ranked[], candidates: number) {
  const { applications, experts, perApplication: k } = problem;
  const pairA: number[] = [];
  const pairE: number[] = [];
  const pairScore: number[] = [];
  const objective: string[] = [];
  const rows: string[] = [];
  const byExpert: number[][] = experts.map(() => []);
  for (let a = 0; a < ranked.length; a++) {
    const list = ranked[a];
    const count = Math.min(candidates, list.experts.length);
    const terms: string[] = [];
    for (let i = 0; i < count; i++) {
      const v = pairA.length;
      byExpert[list.experts[i]].push(v);
      pairA.push(a);
      pairE.push(list.experts[i]);
      pairScore.push(list.scores[i]);
      objective.push(` + ${list.costs[i].toFixed(7)} x${v}`);
      terms.push(`x${v}`);
    }
    rows.push(` a${a}: ${terms.join(' + ')} = ${k}`);
  }
  for (let e = 0; e < experts.length; e++) {
    if (byExpert[e].length > experts[e].capacity) rows.push(` e${e}: ${byExpert[e].map((i) => `x${i}`).join(' + ')} <= ${experts[e].capacity}`);
  }
  const bounds = pairA.map((_, v) => ` x${v} <= 1`);
  const model = ['Maximize', ' obj:', ...objective, 'Subject To', ...rows, 'Bounds', ...bounds, 'End'].join('\n');
  const solution = highs.solve(model, { solver: 'simplex', presolve: 'on' });
  if (solution.Status === 'Infeasible') return undefined;
  if (solution.Status !== 'Optimal') throw new Error(`HiGHS: ${solution.Status}`);
  const assignments: AssignmentResult['assignments'] = [];
  let total = 0;
  for (let v = 0; v < pairA.length; v++) {
    const column = solution.Columns[`x${v}`];
    const value = column ? (column as { Primal: number }).Primal : 0;
    if (value > 0.5) {
      if (Math.abs(value - 1) > 1e-6) throw new Error(`HiGHS returned a fractional value ${value}`);
      assignments.push({ applicationId: applications[pairA[v]].id, expertId: experts[pairE[v]].id, score: pairScore[v] });
      total += pairScore[v];
    } else if (value > 1e-6) {
      throw new Error(`HiGHS returned a fractional value ${value}`);
    }
  }
  return { assignments, objective: total, perturbedObjective: solution.ObjectiveValue, variables: pairA.length };
}
