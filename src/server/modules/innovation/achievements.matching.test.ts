import { describe, expect, it } from 'vitest';
import { sharedTokenizer } from '../matching/matching.index.js';
import { achievementText, needText, rankByText } from './achievements.matching.js';

const tokenizer = sharedTokenizer();
const separator = { title: '涂覆隔膜陶瓷层低温烧结技术', field: '锂电隔膜', summary: '湿法基膜陶瓷涂覆，热收缩率低于2%' };

describe('rankByText', () => {
  it('ranks the related need first, drops the unrelated one, and scores a document identical to the query 1', () => {
    const needs = [
      { id: 'cast', title: '铝合金压铸件外协', products: ['铝合金压铸件'], description: '新能源汽车电池托盘压铸' },
      { id: 'sep', title: '湿法涂覆隔膜采购', products: ['锂电隔膜', '陶瓷涂覆隔膜'], description: '9μm湿法基膜加陶瓷涂覆' },
      { id: 'same', ...achievementText(separator), description: separator.summary, products: [separator.field] },
    ];
    const ranked = rankByText(tokenizer, achievementText(separator), needs, needText, 10);
    expect(ranked.map((m) => m.item.id)).toEqual(['same', 'sep']);
    expect(ranked[0].score).toBe(1);
    expect(ranked[1].score).toBeGreaterThan(0.05);
    expect(ranked[1].score).toBeLessThan(1);
    expect(ranked[1].terms).toContain('隔膜');
  });

  it('scores a pair alike in both directions when each side is the only candidate', () => {
    const need = { title: '湿法涂覆隔膜采购', products: ['锂电隔膜'], description: '陶瓷涂覆，热收缩率低' };
    const forward = rankByText(tokenizer, achievementText(separator), [need], needText, 1);
    const backward = rankByText(tokenizer, needText(need), [separator], achievementText, 1);
    expect(forward).toHaveLength(1);
    expect(backward).toHaveLength(1);
  });

  it('still finds candidates in a large index when some query words are in no candidate', () => {
    // Past 20,000 documents the index defers common terms; the query's own rare words must not
    // make the query the only candidate.
    const needs = Array.from({ length: 25_000 }, (_, i) => ({ id: String(i), title: i % 2 ? '锂电隔膜采购' : '电芯壳体采购', products: [i % 2 ? '锂电隔膜' : '电芯壳体'], description: '年需求一百万件' }));
    const ranked = rankByText(tokenizer, achievementText(separator), needs, needText, 5);
    expect(ranked).toHaveLength(5);
    expect(ranked.every((m) => m.item.title === '锂电隔膜采购')).toBe(true);
  });

  it('returns nothing for an empty query or no candidates', () => {
    expect(rankByText(tokenizer, { title: '', products: [], description: '' }, [separator], achievementText, 5)).toEqual([]);
    expect(rankByText(tokenizer, achievementText(separator), [], needText, 5)).toEqual([]);
  });
});
