import { describe, expect, it } from 'vitest';
import { evalEngine, shippedEvalSet } from '../../../../../bench/eval-matching.js';
import { belowFloors, engineRanking, evaluate, rankingMetrics } from './evaluation.js';

describe(rankingMetrics.name, () => {
  it('computes hit@5, NDCG@10 and MRR of a ranking', () => {
    const relevant = new Map([['b', 2], ['d', 1]]);
    const m = rankingMetrics(['a', 'b', 'c', 'd'], relevant);
    expect(m.hitAt5).toBe(1);
    expect(m.mrr).toBe(0.5);
    const dcg = 3 / Math.log2(3) + 1 / Math.log2(5);
    expect(m.ndcgAt10).toBeCloseTo(dcg / (3 + 1 / Math.log2(3)), 9);
    expect(rankingMetrics(['a', 'c', 'e', 'f', 'g', 'b'], relevant)).toMatchObject({ hitAt5: 0, mrr: 1 / 6 });
    expect(rankingMetrics([], relevant)).toEqual({ hitAt5: 0, ndcgAt10: 0, mrr: 0 });
  });
});

describe('matching relevance (a slice of npm run eval:matching)', () => {
  it('keeps the held-out needs above the floors', () => {
    const set = shippedEvalSet();
    expect(set.needs.filter((n) => n.split === 'test').length).toBeGreaterThan(50);
    const engine = evalEngine(set);
    // Every third held-out need, and every one that needs the knowledge base to bridge words.
    const slice = set.needs.filter((n, i) => n.split === 'test' && (i % 3 === 0 || n.gap !== 'same-words'));
    const report = evaluate(slice, (need) => engineRanking(engine, need));
    expect(belowFloors(report.split.test!.overall)).toEqual([]);
  }, 60_000);
});
