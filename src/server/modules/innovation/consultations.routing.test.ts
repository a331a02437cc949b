import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldMatch, isEligible, rankExperts, requestTerms, type RoutingCandidate } from './consultations.routing.js';

const base: Omit<RoutingCandidate, 'id' | 'fields'> = { regionCode: '320500', maxLoad: 8, openLoad: 0, isAvailable: true, isConflicted: false };
const QUESTION = '我们为锂电池客户开发固态电池模组的电池管理系统，如何估算电解质老化带来的内阻变化？';

describe('fieldMatch', () => {
  it('counts fields that are terms, occur in the text, or contain the asked field', () => {
    const request = requestTerms({ field: '电池', question: QUESTION });
    expect(fieldMatch(request, ['固态电池', '电解质'])).toBe(1); // 固态电池 is split by jieba but occurs in the text
    expect(fieldMatch(request, ['储能电池'])).toBe(1); // contains the asked field
    expect(fieldMatch(request, ['精密加工', '数控', '电解质'])).toBeCloseTo(1 / 3);
    expect(fieldMatch(request, [])).toBe(0);
  });
});

describe('rankExperts', () => {
  it('prefers the better field match, then spare capacity, then the same province', () => {
    const ranked = rankExperts({ field: '电池管理系统', question: QUESTION, regionCode: '320506' }, [
      { ...base, id: '1', fields: ['电池管理系统', '储能'] }, // half the fields
      { ...base, id: '2', fields: ['固态电池', '电池管理系统'], openLoad: 6 }, // full match, busy
      { ...base, id: '3', fields: ['固态电池', '电解质'], regionCode: '110108' }, // full match, idle, other province
      { ...base, id: '4', fields: ['固态电池', '电解质'] }, // full match, idle, same province
      { ...base, id: '5', fields: ['精密加工'] }, // no match
    ]);
    expect(ranked.map((r) => r.expertId)).toEqual(['4', '3', '2']);
  });

  it('never routes to an unavailable, full or conflicted expert, returns at most `count`, best first', () => {
    const fields = fc.subarray(['锂电池', '电解质', '固态电池', '精密加工', '储能', '软件'], { minLength: 0 });
    const candidate = fc.record({ fields, maxLoad: fc.integer({ min: 0, max: 5 }), openLoad: fc.integer({ min: 0, max: 6 }), isAvailable: fc.boolean(), isConflicted: fc.boolean(), regionCode: fc.constantFrom('320500', '110108') });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 30 }), fc.integer({ min: 1, max: 5 }), (list, count) => {
        const candidates = list.map((c, i) => ({ ...c, id: String(i + 1) }));
        const ranked = rankExperts({ field: '锂电池', question: QUESTION, regionCode: '320506' }, candidates, count);
        expect(ranked.length).toBeLessThanOrEqual(count);
        for (const r of ranked) expect(isEligible(candidates[Number(r.expertId) - 1])).toBe(true);
        for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
        const asked = new Set(['锂电池', '电解质', '固态电池']); // the fields the question names
        const eligibleMatching = candidates.filter((c) => isEligible(c) && c.fields.some((f) => asked.has(f))).length;
        expect(ranked.length).toBe(Math.min(count, eligibleMatching));
      }),
      { numRuns: 300 },
    );
  });
});
