import { describe, expect, it } from 'vitest';
import { industryCloseness, rankCandidates, scoreCandidate, suggestedRoleOf, type CandidateProfile, type SegmentProfile } from './chains.suggest.js';
import { chainTokens } from './chains.tokens.js';

function segment(products: string[], industryCodes: string[]): SegmentProfile {
  return { products, industryCodes, productTokens: chainTokens(products.join('；')) };
}

function candidate(uscc: string, industryCode: string, products: string[], capabilities = '', tags: string[] = []): CandidateProfile {
  return { uscc, name: uscc, regionCode: '320505', industryCode, tags, products, capabilities, tokens: chainTokens(`${products.join('；')}；${capabilities}`) };
}

const cell = segment(['锂电池电芯', '磷酸铁锂电芯', '三元锂电芯', '动力电池'], ['C3841', 'C3849']);

describe(industryCloseness.name, () => {
  it('ranks the same class over the same 中类 over the same 大类', () => {
    expect(industryCloseness('C3841', ['C3841']).level).toBe('class');
    expect(industryCloseness('C3842', ['C3841']).level).toBe('group');
    expect(industryCloseness('C3899', ['C3841']).level).toBe('division');
    expect(industryCloseness('C2669', ['C3841']).level).toBe('none');
    const values = ['C3841', 'C3842', 'C3899'].map((c) => industryCloseness(c, ['C3841']).value);
    expect(values[0]).toBeGreaterThan(values[1]);
    expect(values[1]).toBeGreaterThan(values[2]);
  });
});

describe(scoreCandidate.name, () => {
  it('says why in Chinese: the industry, the listed products, the terms in the capability text', () => {
    const result = scoreCandidate(cell, candidate('A', 'C3841', ['磷酸铁锂电芯', '储能电池系统'], '年产动力电池20GWh，配套整车企业'))!;
    expect(result.reasons[0]).toBe('行业 C3841 锂离子电池制造 与本环节一致');
    expect(result.reasons).toContain('主营产品匹配：磷酸铁锂电芯');
    expect(result.reasons).toContain('产品与能力描述提及：动力电池');
    expect(result.matchedTerms).toEqual(expect.arrayContaining(['磷酸铁锂电芯', '动力电池']));
    expect(result.score).toBeGreaterThan(0.7);
    expect(result.score).toBeLessThanOrEqual(1);
  });

  it('finds shared keywords when no whole term matches', () => {
    const result = scoreCandidate(segment(['电池结构件', '电池壳体'], ['C3399']), candidate('B', 'C3484', ['精密冲压件'], '产品主要为新能源电池壳体盖板与结构件'))!;
    expect(result.reasons.join('\n')).toMatch(/电池壳体/);
  });

  it('scores products without the industry, and the industry without products', () => {
    const productsOnly = scoreCandidate(cell, candidate('C', 'F5179', ['锂电池电芯', '三元锂电芯']))!;
    expect(productsOnly.reasons.some((r) => r.startsWith('行业'))).toBe(false);
    expect(productsOnly.score).toBeGreaterThan(0.4);
    const industryOnly = scoreCandidate(cell, candidate('D', 'C3841', ['储能集装箱']))!;
    expect(industryOnly.score).toBeCloseTo(0.4, 1);
  });

  it('drops candidates with no evidence', () => {
    expect(scoreCandidate(cell, candidate('E', 'I6513', ['MES系统'], '已服务制造企业120家'))).toBeUndefined();
  });

  it('proposes the role from the official tags', () => {
    expect(suggestedRoleOf({ tags: ['leader'], industryCode: 'C3841' })).toBe('leader');
    expect(suggestedRoleOf({ tags: ['innovative', 'specialized', 'little_giant'], industryCode: 'C3899' })).toBe('little_giant');
    expect(suggestedRoleOf({ tags: [], industryCode: 'M7320' })).toBe('research');
    expect(suggestedRoleOf({ tags: [], industryCode: 'C3484' })).toBe('supplier');
  });
});

describe(rankCandidates.name, () => {
  it('orders by score, then 小巨人 and 专精特新 first among equals, and keeps the limit', () => {
    const ranked = rankCandidates(cell, [
      candidate('P1', 'C3849', ['钠离子电池']),
      candidate('P2', 'C3841', ['磷酸铁锂电芯', '三元锂电芯']),
      candidate('P3', 'C3849', ['钠离子电池'], '', ['little_giant']),
      candidate('P4', 'I6513', ['MES系统']),
    ], 3);
    expect(ranked.map((r) => r.uscc)).toEqual(['P2', 'P3', 'P1']);
    expect(rankCandidates(cell, [candidate('P2', 'C3841', ['磷酸铁锂电芯'])], 0)).toEqual([]);
  });
});
